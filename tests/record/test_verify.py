"""`verify` finds every kind of change made to the file by hand, and names the decision."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from eligibility import record
from eligibility.record.chain import decision_hash
from eligibility.record.store import RecordError
from eligibility.record.verify import Verification
from tests.record.conftest import Filled, sql


def check(db: Path, expect: str | None = None) -> Verification:
    with record.open(db, create=False) as rec:
        return record.verify(rec, expect)


def ids(db: Path) -> dict[int, str]:
    with record.open(db, create=False) as rec:
        return {d.seq: d.id for d in rec.decisions()}


def kinds(report: Verification) -> list[tuple[str, int | None]]:
    return [(p.kind, p.seq) for p in report.problems]


def test_an_untouched_record_is_intact(filled: Filled) -> None:
    db = filled(5)
    report = check(db)
    assert report.intact and report.decisions == 5 and report.head_seq == 5
    with record.open(db) as rec:
        assert report.head_hash == rec.get("5").hash


def test_an_empty_record_is_intact(tmp_path: Path) -> None:
    record.open(tmp_path / "d.sqlite").close()
    assert check(tmp_path / "d.sqlite").intact


def test_an_edited_decision_is_named(filled: Filled) -> None:
    db = filled(5)
    sql(db, "UPDATE decisions SET verdict = 'eligible' WHERE seq = 3")
    report = check(db)
    assert kinds(report) == [("edited", 3)]
    assert ids(db)[3] in report.problems[0].message and "#3" in report.problems[0].message


def test_every_covered_field_is_guarded(filled: Filled) -> None:
    db = filled(3)
    for column, value in [
        ("note", "changed"),
        ("reviewer", "someone else"),
        ("result", "{}"),
        ("recorded_at", "2020-01-01T00:00:00.000000Z"),
        ("ruleset_sha256", "0" * 64),
        ("input_kept", 0),
        ("applicant", None),
    ]:
        sql(db, f"UPDATE decisions SET {column} = ? WHERE seq = 2", value)
        assert ("edited", 2) in kinds(check(db)), column


def test_an_edit_with_its_hash_recomputed_shows_at_the_next(filled: Filled) -> None:
    db = filled(4)
    with record.open(db) as rec:
        d = rec.get("2")
    assert d.verdict == "eligible"
    content = {**d.content(), "verdict": "ineligible"}
    sql(
        db,
        "UPDATE decisions SET verdict = ?, hash = ? WHERE seq = 2",
        "ineligible",
        decision_hash(content, d.prev_hash),
    )
    report = check(db)
    assert kinds(report) == [("replaced", 3)]
    assert report.problems[0].message.startswith(f"#2 ({d.id}): replaced or rewritten")


def test_a_deleted_decision_is_named(filled: Filled) -> None:
    db = filled(5)
    sql(db, "DELETE FROM decisions WHERE seq IN (2, 3)")
    report = check(db)
    assert kinds(report) == [("deleted", 4)]
    assert report.problems[0].message.startswith("#2–#3: deleted")


def test_the_last_decision_deleted_is_named(filled: Filled) -> None:
    db = filled(5)
    sql(db, "DELETE FROM decisions WHERE seq = 5")
    report = check(db)
    assert kinds(report) == [("deleted", 5)]
    assert "#5: deleted from the end" in report.problems[0].message


def test_a_deletion_with_the_rest_renumbered_is_found(filled: Filled) -> None:
    db = filled(5)
    sql(db, "DELETE FROM decisions WHERE seq = 3")
    sql(db, "UPDATE decisions SET seq = seq - 1 WHERE seq > 3")
    sql(db, "UPDATE head SET seq = 4, hash = (SELECT hash FROM decisions WHERE seq = 4)")
    report = check(db)
    assert kinds(report) == [("replaced", 3)]
    assert (
        "#3" in report.problems[0].message and "no longer in the file" in report.problems[0].message
    )


def test_an_inserted_decision_is_named(filled: Filled, tmp_path: Path) -> None:
    db = filled(4)
    # a forged decision, chained correctly after #2, slotted in as #3; the rest move up one
    with record.open(db) as rec:
        two = rec.get("2")
    forged = {**two.content(), "id": "forged-0000", "verdict": "eligible"}
    digest = decision_hash(forged, two.hash)
    sql(db, "UPDATE decisions SET seq = seq + 10 WHERE seq > 2")
    sql(db, "UPDATE decisions SET seq = seq - 9 WHERE seq > 10")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO decisions (seq, id, recorded_at, tool_version, ruleset_id, "
            "ruleset_version, ruleset_sha256, ruleset_folder, input_name, input_sha256, "
            "input_kept, input, verdict, applicant, result, lang, reviewer, note, prev_hash, hash)"
            " SELECT 3, ?, recorded_at, tool_version, ruleset_id, ruleset_version, "
            "ruleset_sha256, ruleset_folder, input_name, input_sha256, input_kept, input, ?, "
            "applicant, result, lang, reviewer, note, ?, ? FROM decisions WHERE seq = 2",
            ("forged-0000", "eligible", two.hash, digest),
        )
        conn.execute("UPDATE head SET seq = 5")
    conn.close()
    report = check(db)
    assert kinds(report) == [("inserted", 3)]
    assert report.problems[0].message == (
        f"#3: inserted — #4 ({ids(db)[4]}) was chained directly to #2 ({two.id})"
    )


def test_a_decision_added_at_the_end_by_hand_is_named(filled: Filled) -> None:
    db = filled(3)
    with record.open(db) as rec:
        three = rec.get("3")
    forged = {**three.content(), "id": "forged-0001"}
    sql(
        db,
        "INSERT INTO decisions SELECT 4, 'forged-0001', recorded_at, tool_version, ruleset_id, "
        "ruleset_version, ruleset_sha256, ruleset_folder, input_name, input_sha256, input_kept, "
        "input, verdict, applicant, result, lang, reviewer, note, ?, ? FROM decisions "
        "WHERE seq = 3",
        three.hash,
        decision_hash(forged, three.hash),
    )
    report = check(db)
    assert kinds(report) == [("inserted", 4)]
    assert "#4: added outside the tool" in report.problems[0].message


def test_reordered_decisions_are_named(filled: Filled) -> None:
    db = filled(5)
    before = ids(db)
    sql(db, "UPDATE decisions SET seq = 100 WHERE seq = 3")
    sql(db, "UPDATE decisions SET seq = 3 WHERE seq = 4")
    sql(db, "UPDATE decisions SET seq = 4 WHERE seq = 100")
    report = check(db)
    assert kinds(report) == [("moved", 3)]
    assert report.problems[0].message == (
        f"#3 ({before[4]}): out of order — it was recorded after #4 ({before[3]})"
    )


def test_a_changed_kept_input_is_named(filled: Filled) -> None:
    db = filled(3)
    sql(db, "UPDATE decisions SET input = ? WHERE seq = 2", b"[applicant]\nname = 'x'\n")
    report = check(db)
    assert kinds(report) == [("input", 2)]
    sql(db, "UPDATE decisions SET input = NULL WHERE seq = 2")
    assert kinds(check(db)) == [("input", 2)]


def test_a_value_of_the_wrong_type_is_an_edit_not_a_crash(filled: Filled) -> None:
    db = filled(2)
    sql(db, "UPDATE decisions SET note = ? WHERE seq = 1", b"\x00\x01")
    assert kinds(check(db)) == [("edited", 1)]


def test_a_noted_head_proves_the_history_up_to_it(filled: Filled) -> None:
    db = filled(3)
    noted = check(db).head_hash
    with record.open(db) as rec:
        rec.add(_result())
    assert check(db, expect=noted).intact
    assert not check(db, expect="f" * 64).intact
    assert kinds(check(db, expect="f" * 64)) == [("expected", None)]


def _result():  # type: ignore[no-untyped-def]
    from eligibility import api
    from tests.record.conftest import EXAMPLES

    return api.check_file(EXAMPLES / "smco-line.toml")


def test_a_removed_table_is_named(filled: Filled) -> None:
    db = filled(2)
    sql(db, "DROP TABLE head")
    with pytest.raises(RecordError, match="a decision record whose head table was removed"):
        record.open(db, create=False)
    with pytest.raises(RecordError, match="whose head table was removed"):
        record.open(db)  # nor is a new, empty chain started beside the old decisions


GARBAGE = '{"applicant": 3, "plans": [7, {"id": [], "findings": [{"status": [1], "rule": {}}, 5]}]}'


def test_a_garbled_result_is_shown_exported_and_rechecked_without_a_crash(
    filled: Filled,
) -> None:
    import io

    from eligibility.record import display, export, recheck

    db = filled(2)
    sql(db, "UPDATE decisions SET result = ? WHERE seq = 1", GARBAGE)
    sql(db, "UPDATE decisions SET result = 'not json' WHERE seq = 2")
    assert kinds(check(db)) == [("edited", 1), ("edited", 2)]
    with record.open(db) as rec:
        chain = list(rec.decisions(with_input=True))
    assert "\n  [1]     {}\n" in display.show_text(chain[0])  # shown as it now is
    assert display.show_text(chain[1]).startswith(f"decision: #2 {chain[1].id}\n")
    assert [json.loads(display.show_json(d))["result"] for d in chain] == [json.loads(GARBAGE), {}]
    assert export.write_csv(chain, io.StringIO()) == 2
    rechecked = list(recheck.recheck(chain))
    assert all(r.recheckable and not r.intact and r.changed for r in rechecked)
