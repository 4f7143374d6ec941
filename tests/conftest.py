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


@pytest.fixture
def memory_hungry_application(tmp_path: Path) -> Path:
    """An application that takes some 25 MB to read and some 40 MB to check (1,000 plans of 150
    keys each, 3 MB of TOML): far beyond the 1 MB limit of the memory tests, and beyond the few
    megabytes a worker finds free when it starts (those its parent freed, compiling modules
    from source on a clean clone among them), which no limit sees."""
    plan = '[[plans]]\nid = "p{i}"\ntrack = "capacity.ndfeb"\n' + "".join(
        f'note_{k} = "{{i}}-{k}"\n' for k in range(150)
    )
    path = tmp_path / "hungry.toml"
    path.write_text(
        '[applicant]\nname = "Hungry K.K."\n' + "".join(plan.format(i=i) for i in range(1000)),
        encoding="utf-8",
    )
    return path
