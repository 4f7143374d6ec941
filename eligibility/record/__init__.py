"""The decision record: every verdict the tool gives, kept in one SQLite file, findable and
tamper-evident, for the five years the grant rules keep a decision's files.

Each decision holds what a reviewer must show years later: its id and time (UTC), the tool's
version, the rule set (id, version, sha256, folder), the input's file name and sha256 (and its
bytes, when kept), the verdict, the whole result as the contract's JSON, who decided and a
note. Each decision carries the hash of the one before it, so an edited, deleted, inserted or
moved decision is found by :func:`verify`.

The modules: ``chain`` (what a hash covers), ``store`` (the SQLite file: appending, reading,
filters), ``session`` (recording from a front end, in any process), ``verify`` (checking the
chain), ``export`` (JSON and CSV), ``recheck`` (kept inputs under another revision) and
``display`` (text for the terminal).

For front ends (``check``, ``screen``, and any later command or server)::

    from eligibility import record

    with record.open("decisions.sqlite") as rec:      # created when missing
        decision = rec.add(result, reviewer="sato", note="call 2026-1", input_bytes=raw)
        decision.id, decision.seq, decision.hash

    record.Recording("decisions.sqlite", keep_input=True).add(result)   # from any process

    with record.open("decisions.sqlite", create=False) as rec:
        for d in rec.decisions(record.Filters(verdicts=("ineligible",))):
            ...
        report = record.verify(rec)                   # report.intact, report.problems

Any number of processes may write at once; each append is one transaction and the chain stays
linear (see ``store``). Errors are :class:`RecordError`.
"""

from __future__ import annotations

from eligibility.record.session import Recording, kept_input
from eligibility.record.store import Decision, Filters, Recorder, RecordError, open_record
from eligibility.record.verify import Problem, Verification, verify

open = open_record  # `record.open(path)` reads as what it does

__all__ = [
    "Decision",
    "Filters",
    "Problem",
    "RecordError",
    "Recorder",
    "Recording",
    "Verification",
    "kept_input",
    "open",
    "open_record",
    "verify",
]
