"""What many test files need: the repository's folders, the shipped rule set (loaded once),
and the shared example applications (from ``../shared`` when it is there, else ``examples/``).

The tests mirror the package: ``tests/application`` for ``eligibility/application`` and so on;
``tests/cli`` drives the command line; boundary cases and bad rule sets are data files beside
the tests that read them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RULES_ROOT = REPO / "rules"
RULES = RULES_ROOT / "permanent-magnets" / "2025-06"
EXAMPLES = REPO / "examples"
_SHARED = REPO.parent / "shared" / "spec" / "examples"
SHARED_EXAMPLES = _SHARED if _SHARED.is_dir() else EXAMPLES


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def rules_folder() -> Path:
    """The shipped rule set's folder (``rules/permanent-magnets/2025-06``)."""
    return RULES


@pytest.fixture(scope="session")
def ruleset():  # type: ignore[no-untyped-def]
    """The shipped rule set, loaded and validated once for the session."""
    from eligibility.ruleset.loader import load_ruleset

    return load_ruleset(RULES)


@pytest.fixture(scope="session")
def shared_examples() -> Path:
    return SHARED_EXAMPLES
