"""Where eligibility keeps what it can rebuild: the cache folder, or none."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path | None:
    """``ELIGIBILITY_CACHE_DIR``, else ``$XDG_CACHE_HOME/eligibility`` or
    ``~/.cache/eligibility``; None when ``ELIGIBILITY_CACHE`` is off."""
    if os.environ.get("ELIGIBILITY_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    chosen = os.environ.get("ELIGIBILITY_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eligibility"
