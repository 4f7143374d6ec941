"""eligibility: screening for the permanent-magnet supply-chain program (経済安全保障
サプライチェーン強靱化事業（永久磁石））.

The public API, for front ends and scripts::

    import eligibility
    result = eligibility.check_file("application.toml")      # rule set in force, chosen
    result.verdict, result.exit_code, result.plans             # see checking.result

    ruleset = eligibility.select_ruleset(as_of=datetime.date(2026, 4, 1))
    result = eligibility.check_document(doc, ruleset, "application.toml")

The package's folders follow the data's path (see the README's "Architecture"):
``application`` (reading a file) → ``quantities`` (numbers with units) → ``ruleset`` (the
criteria as data) → ``checking`` (findings and verdicts) → ``rendering`` (reports), with
``screening`` for batches, ``describe`` for rule listings, templates and schemas, and
``outcomes`` for the program's outcome indicators. Names are imported on first use, so that
``import eligibility`` stays cheap for a command that needs only part of it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "check_file": "eligibility.api",
    "check_document": "eligibility.checking.document",
    "select_ruleset": "eligibility.ruleset.select",
    "load_ruleset": "eligibility.ruleset.loader",
    "ruleset_folders": "eligibility.ruleset.select",
    "Ruleset": "eligibility.ruleset.model",
    "Result": "eligibility.checking.result",
    "PlanResult": "eligibility.checking.result",
    "Finding": "eligibility.checking.result",
    "Status": "eligibility.verdicts",
    "Verdict": "eligibility.verdicts",
    "EligibilityError": "eligibility.errors",
    "ApplicationReadError": "eligibility.errors",
    "RulesetError": "eligibility.errors",
}

__all__ = [
    "ApplicationReadError",
    "EligibilityError",
    "Finding",
    "PlanResult",
    "Result",
    "Ruleset",
    "RulesetError",
    "Status",
    "Verdict",
    "__version__",
    "check_document",
    "check_file",
    "load_ruleset",
    "ruleset_folders",
    "select_ruleset",
]

if TYPE_CHECKING:
    from eligibility.api import check_file
    from eligibility.checking.document import check_document
    from eligibility.checking.result import Finding, PlanResult, Result
    from eligibility.errors import ApplicationReadError, EligibilityError, RulesetError
    from eligibility.ruleset.loader import load_ruleset
    from eligibility.ruleset.model import Ruleset
    from eligibility.ruleset.select import ruleset_folders, select_ruleset
    from eligibility.verdicts import Status, Verdict


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'eligibility' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
