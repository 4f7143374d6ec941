"""The contract's statuses and verdicts as a report for people names them (JSON and CSV for
programs keep the codes, which are the English)."""

from __future__ import annotations

from eligibility.text import Text

PASS = Text("pass", "適合")
FAIL = Text("fail", "不適合")
MISSING = Text("missing", "未記入")
INVALID = Text("invalid", "記入不備")
REVIEW = Text("review", "要審査")
ELIGIBLE = Text("eligible", "適格")
INELIGIBLE = Text("ineligible", "不適格")
INCOMPLETE = Text("incomplete", "不備あり")
TO_REVIEW = Text("review", "要審査")  # a plan's verdict, as a finding's status REVIEW
UNREADABLE = Text("error", "読込不可")  # a screened file that could not be read
