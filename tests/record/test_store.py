"""The record on disk: what a decision holds, how it is found, and hostile text kept as data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility import __version__, api, record
from eligibility.checking.result import Result
from eligibility.record.chain import GENESIS, decision_hash
from eligibility.record.store import Filters, RecordError, text_safe
from tests.record.conftest import EXAMPLES, RULES, Filled, sql


def test_a_decision_holds_what_an_audit_asks_for(tmp_path: Path, results: list[Result]) -> None:
    r = results[0]
    raw = Path(r.file).read_bytes()
    with record.open(tmp_path / "d.sqlite") as rec:
        d = rec.add(r, reviewer="sato", note="call 2026-1", input_bytes=raw)
        again = rec.get(str(d.seq), with_input=True)
    assert again == dataclasses.replace(d)
    assert again.input == raw
    assert d.seq == 1 and d.prev_hash == GENESIS
    assert len(d.id) == 36
    when = dt.datetime.strptime(d.recorded_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    assert abs((dt.datetime.now(dt.UTC) - when).total_seconds()) < 60
    assert d.tool_version == __version__
    assert (d.ruleset_id, d.ruleset_version) == ("permanent-magnets", "2025-06")
    assert d.ruleset_sha256 == r.ruleset.sha256
    assert Path(d.ruleset_folder) == RULES
    assert d.input_name == r.file
    assert d.input_sha256 == hashlib.sha256(raw).hexdigest() == r.file_sha256
    assert d.verdict == r.verdict and d.applicant == r.applicant_name
    assert (d.reviewer, d.note) == ("sato", "call 2026-1")
    doc = json.loads(d.result)
    assert doc["verdict"] == r.verdict and doc["sha256"] == r.file_sha256
    assert [p["id"] for p in doc["plans"]] == [p.id for p in r.plans]
    assert all("status" in f for p in doc["plans"] for f in p["findings"])
    assert d.hash == decision_hash(d.content(), GENESIS)


def test_the_reviewer_defaults_to_the_os_user(tmp_path: Path, results: list[Result]) -> None:
    import getpass

    with record.open(tmp_path / "d.sqlite") as rec:
        d = rec.add(results[0])
    assert d.reviewer == getpass.getuser()
    assert not d.input_kept and d.input is None


def test_bytes_that_were_not_checked_are_not_kept(tmp_path: Path, results: list[Result]) -> None:
    with record.open(tmp_path / "d.sqlite") as rec:
        with pytest.raises(RecordError, match="not the bytes that were checked"):
            rec.add(results[0], input_bytes=b"[applicant]\nname = 'other'\n")
        assert list(rec.decisions()) == []


def test_a_file_changed_after_its_check_is_not_kept(tmp_path: Path) -> None:
    app = tmp_path / "app.toml"
    app.write_bytes((EXAMPLES / "smco-line.toml").read_bytes())
    result = api.check_file(app)
    app.write_bytes(app.read_bytes() + b"\n# edited\n")
    recording = record.Recording(str(tmp_path / "d.sqlite"), keep_input=True)
    with pytest.raises(RecordError, match="changed since it was checked"):
        recording.add(result)


def test_each_decision_is_chained_to_the_one_before(tmp_path: Path, filled: Filled) -> None:
    with record.open(filled(5)) as rec:
        chain = list(rec.decisions())
        assert rec.head() == (5, chain[-1].hash)
    assert [d.seq for d in chain] == [1, 2, 3, 4, 5]
    assert [d.prev_hash for d in chain] == [GENESIS, *(d.hash for d in chain[:-1])]
    assert len({d.id for d in chain}) == 5
    assert [d.recorded_at for d in chain] == sorted(d.recorded_at for d in chain)


def test_filters(tmp_path: Path, filled: Filled, results: list[Result]) -> None:
    with record.open(filled(6)) as rec:

        def seqs(**kw: object) -> list[int]:
            return [d.seq for d in rec.decisions(Filters(**kw))]  # type: ignore[arg-type]

        assert seqs() == [1, 2, 3, 4, 5, 6]
        assert seqs(applicant="SHINSHU") == [2, 5]
        assert seqs(input_sha256=results[0].file_sha256[:10]) == [1, 4]  # type: ignore[index]
        assert seqs(verdicts=("ineligible",)) == [3, 6]
        assert seqs(verdicts=("eligible", "ineligible")) == [1, 2, 3, 4, 5, 6]
        assert seqs(ruleset="2025-06") == seqs(ruleset="permanent-magnets 2025-06") == seqs()
        assert seqs(ruleset=results[0].ruleset.sha256[:8]) == seqs()
        assert seqs(ruleset="2026-04") == []
        assert seqs(reviewer="sato") == seqs() and seqs(reviewer="tanaka") == []
        assert seqs(input_name="recycling") == [3, 6]
        now = dt.datetime.now(dt.UTC)
        assert seqs(since=now - dt.timedelta(hours=1), until=now + dt.timedelta(hours=1)) == seqs()
        assert seqs(since=now + dt.timedelta(hours=1)) == []
        assert seqs(until=now - dt.timedelta(hours=1)) == []
        assert seqs(applicant="shinshu", verdicts=("ineligible",)) == []


def test_a_decision_is_found_by_number_or_by_id(tmp_path: Path, filled: Filled) -> None:
    with record.open(filled(3)) as rec:
        third = rec.get("3")
        assert rec.get("#3") == third == rec.get(third.id) == rec.get(third.id[:8])
        assert rec.get(third.id.upper()[:8]) == third
        with pytest.raises(RecordError, match="no decision '9'"):
            rec.get("9")
        with pytest.raises(RecordError, match="at least 4 characters"):
            rec.get("ab")


def test_digits_that_are_both_a_number_and_an_id_prefix_are_ambiguous(
    tmp_path: Path, filled: Filled
) -> None:
    db = filled(3)
    sql(db, "UPDATE decisions SET id = '00030000-' || substr(id, 10) WHERE seq = 1")
    sql(db, "UPDATE decisions SET id = '12345678-' || substr(id, 10) WHERE seq = 2")
    with record.open(db) as rec:
        assert rec.get("12345678").seq == 2  # no decision #12345678: the id it starts
        assert rec.get("3").seq == 3  # too short for an id: the number
        with pytest.raises(RecordError, match="names more than one decision; give #0003 for"):
            rec.get("0003")  # decision #3, and the id of #1
        assert rec.get("#3").seq == 3


HOSTILE_NAME = "x'); DROP TABLE decisions; --\u202e\x1b[2J"


def test_hostile_text_is_stored_as_data(tmp_path: Path, results: list[Result]) -> None:
    r = dataclasses.replace(
        results[0], file="a'; DELETE FROM head; --\udcff.toml", applicant_name=HOSTILE_NAME
    )
    with record.open(tmp_path / "d.sqlite") as rec:
        d = rec.add(r, reviewer="o'brien\"; --", note="'); DROP TABLE head; --")
        assert rec.get("1") == d
        assert [x.seq for x in rec.decisions(Filters(applicant="drop table"))] == [1]
        assert record.verify(rec).intact
    assert d.applicant == HOSTILE_NAME
    assert d.input_name == "a'; DELETE FROM head; --\\udcff.toml"  # the non-UTF-8 byte, visible
    assert json.loads(d.result)["file"] == d.input_name


def test_an_existing_file_that_is_not_a_record_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(RecordError, match="not a decision record"):
        record.open(other)
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, but long enough to have a header of sorts\n" * 20)
    with pytest.raises(RecordError, match="not a decision record"):
        record.open(text)
    with pytest.raises(RecordError, match="no such decision record"):
        record.open(tmp_path / "missing.sqlite", create=False)
    with pytest.raises(RecordError, match="is a directory"):
        record.open(tmp_path)


def test_the_file_is_in_wal_mode(tmp_path: Path, results: list[Result]) -> None:
    with record.open(tmp_path / "d.sqlite") as rec:
        rec.add(results[0])
    conn = sqlite3.connect(tmp_path / "d.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_a_row_added_by_hand_at_the_head_stops_the_next_append(
    tmp_path: Path,
    filled,
    results: list[Result],  # type: ignore[no-untyped-def]
) -> None:
    db = filled(2)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO decisions SELECT 3, 'forged', recorded_at, tool_version, ruleset_id, "
            "ruleset_version, ruleset_sha256, ruleset_folder, input_name, input_sha256, "
            "input_kept, input, verdict, applicant, result, lang, reviewer, note, prev_hash, "
            "hash FROM decisions WHERE seq = 2"
        )
    conn.close()
    with record.open(db) as rec, pytest.raises(RecordError, match="record verify"):
        rec.add(results[0])


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(st.characters(exclude_categories=()), max_size=40),
    applicant=st.text(st.characters(exclude_categories=()), max_size=40),
    note=st.text(st.characters(exclude_categories=()), max_size=40),
)
def test_any_text_is_kept_and_shown_without_controls(name: str, applicant: str, note: str) -> None:
    import tempfile

    from eligibility.record import display

    base = api.check_file(EXAMPLES / "smco-line.toml")
    r = dataclasses.replace(base, file=name, applicant_name=applicant)
    with tempfile.TemporaryDirectory() as folder, record.open(Path(folder) / "d.sqlite") as rec:
        d = rec.add(r, note=note, reviewer="r")
        assert rec.get("1") == d
        assert record.verify(rec).intact
    assert d.input_name == text_safe(name) and d.applicant == text_safe(applicant)
    assert d.note == text_safe(note)
    shown = (display.show_text(d) + "".join(display.list_lines([d]))).replace("\n", "")
    assert not [c for c in shown if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")]


def test_text_that_is_not_utf8_is_read_and_named(filled: Filled) -> None:
    db = filled(2)
    sql(db, "UPDATE decisions SET note = CAST(x'6e31ff' AS TEXT) WHERE seq = 1")
    with record.open(db, create=False) as rec:
        assert rec.get("1").note == "n1\\xff"
        problems = record.verify(rec).problems
    assert [(p.kind, p.seq) for p in problems] == [("edited", 1)]
