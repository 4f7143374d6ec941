"""Rule sets described for people: the listing reviewers cite, one rule explained in full, a
blank application for a track, a JSON Schema of the application file, and the lint policy
staff run on a rule set folder.

Everything here is derived from a loaded :class:`~eligibility.ruleset.model.Ruleset`, so a new
track or threshold in ``rules/`` shows up in every description without new code. Nothing here
knows the terminal: each function returns text or plain data for a front end to show.
"""

from eligibility.describe.examples import Example, example_application, examples
from eligibility.describe.explain import explain, explain_text, find_rule
from eligibility.describe.lint import LintResult, lint
from eligibility.describe.listing import listing_text, rules_listing
from eligibility.describe.schema import schema, schema_json, to_json
from eligibility.describe.search import search_info, search_text
from eligibility.describe.template import find_track, template, track_fields

__all__ = [
    "Example",
    "LintResult",
    "example_application",
    "examples",
    "explain",
    "explain_text",
    "find_rule",
    "find_track",
    "lint",
    "listing_text",
    "rules_listing",
    "schema",
    "schema_json",
    "search_info",
    "search_text",
    "template",
    "to_json",
    "track_fields",
]
