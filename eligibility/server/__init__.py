"""``eligibility serve``: the checker as a local web server, a second front end beside the
command line on the same library calls.

- :mod:`~eligibility.server.app` — settings and the app factory
- :mod:`~eligibility.server.api` — the HTTP API (``/v1/...``)
- :mod:`~eligibility.server.pages` — the self-check, workbench and rules pages
- :mod:`~eligibility.server.guard` — limits, security headers, the last-resort 500
- :mod:`~eligibility.server.library` — the one module that calls the library
- :mod:`~eligibility.server.uploads`, :mod:`~eligibility.server.forms` — request bodies,
  in memory only
"""

from eligibility.server.app import Settings, create_app

__all__ = ["Settings", "create_app"]
