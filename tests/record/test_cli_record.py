"""The README's session, step by step, through the installed `eligibility` script: screen a
folder with --record, list and show, verify, tamper by hand and see verify name the decision,
recheck under another revision; then a batch killed midway, the settings file, hostile names."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from eligibility import record
from tests.record.conftest import EXAMPLES, cli_env, revised_rules, run, script, sql

APPS = ("motor-development.toml", "ndfeb-line.toml", "recycling-program.toml", "smco-line.toml")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    apps = tmp_path / "applications"
    apps.mkdir()
    for name in APPS:
        (apps / name).write_bytes((EXAMPLES / name).read_bytes())
    return apps


def test_the_readme_session(tmp_path: Path, folder: Path) -> None:
    db = tmp_path / "decisions.sqlite"
    screened = run(
        "screen", folder, "--record", db, "--keep-input", "--reviewer", "sato", "--note",
        "call 2026-1", "-j", "2", cwd=tmp_path,
    )  # fmt: skip
    assert screened.returncode == 1, screened.stderr  # recycling-program has an ineligible plan
    assert "Traceback" not in screened.stderr

    listed = run("record", "list", db, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:4] == ["#", "id", "recorded", "(UTC)"]
    assert lines[-1] == "decisions: 4"
    rows = [line for line in lines[2:-2]]
    assert len(rows) == 4
    assert all(
        "sato" in row and "kept" in row and "permanent-magnets 2025-06" in row for row in rows
    )
    assert sorted(Path(row.split()[-1]).name for row in rows) == sorted(APPS)

    only = run("record", "list", db, "--verdict", "ineligible", cwd=tmp_path)
    assert only.stdout.splitlines()[-1] == "decisions: 1"
    assert "recycling-program.toml" in only.stdout

    with record.open(db, create=False) as rec:
        decisions = {Path(d.input_name).name: d for d in rec.decisions()}
    motor = decisions["motor-development.toml"]
    shown = run("record", "show", db, str(motor.seq), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert f"decision: #{motor.seq} {motor.id}" in shown.stdout
    assert "verdict: eligible" in shown.stdout
    assert "note: call 2026-1" in shown.stdout
    assert "pass    saving.motor.max_speed" in shown.stdout
    assert f"hash: {motor.hash}" in shown.stdout
    as_json = json.loads(
        run("record", "show", db, motor.id[:8], "--format", "json", cwd=tmp_path).stdout
    )
    assert as_json["id"] == motor.id and as_json["result"]["verdict"] == "eligible"

    verified = run("record", "verify", db, cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith("ok: 4 decisions; head #4 ")

    changed = run("record", "recheck", db, "--ruleset", revised_rules(tmp_path), cwd=tmp_path)
    assert changed.returncode == 1, changed.stderr
    assert (
        f"#{motor.seq} {motor.id[:8]} {motor.input_name}: eligible → ineligible under "
        "permanent-magnets 2026-04"
    ) in changed.stdout
    assert "motor-A saving.motor.max_speed: pass → fail" in changed.stdout
    assert changed.stdout.count("(unchanged)") == 3
    assert changed.stdout.rstrip().endswith("rechecked: 4, changed: 1, not recheckable: 0")
    same = run("record", "recheck", db, "--as-of", "2026-01-15", cwd=tmp_path)
    assert same.returncode == 0, same.stdout + same.stderr

    # tamper by hand: turn the ineligible decision into an eligible one
    ineligible = decisions["recycling-program.toml"]
    sql(db, "UPDATE decisions SET verdict = 'eligible' WHERE seq = ?", ineligible.seq)
    broken = run("record", "verify", db, cwd=tmp_path)
    assert broken.returncode == 1
    assert broken.stdout.splitlines()[0] == (
        f"tampered: #{ineligible.seq} ({ineligible.id}): edited — its content no longer "
        "matches the hash it was recorded with"
    )
    assert "the chain is broken (1 problem); 4 decisions; head #4 " in broken.stderr
    again = run("record", "recheck", db, cwd=tmp_path)
    assert "edited since it was recorded" in again.stdout


def test_a_batch_killed_midway_keeps_every_committed_decision(tmp_path: Path) -> None:
    apps = tmp_path / "applications"
    apps.mkdir()
    source = (EXAMPLES / "ndfeb-line.toml").read_bytes()
    for i in range(400):
        (apps / f"app-{i:03}.toml").write_bytes(source + f"\n# copy {i}\n".encode())
    db = tmp_path / "decisions.sqlite"
    proc = subprocess.Popen(
        [str(script()), "screen", str(apps), "--record", str(db), "--keep-input", "-j", "2"],
        cwd=tmp_path, env=cli_env(tmp_path), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while _count(db) < 20:
            assert proc.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "no decisions were recorded"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, mid-batch
        proc.wait(timeout=30)
    committed = _count(db)
    assert 20 <= committed < 400

    verified = run("record", "verify", db, cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    with record.open(db, create=False) as rec:
        chain = list(rec.decisions(with_input=True))
    assert [d.seq for d in chain] == list(range(1, len(chain) + 1))
    for d in chain:
        assert d.verdict == "eligible" and d.result_doc()["verdict"] == "eligible"
        assert d.input is not None and Path(d.input_name).read_bytes() == d.input
    assert len({d.input_name for d in chain}) == len(chain)
    # the record takes new decisions after the kill, on the same chain
    again = run("check", EXAMPLES / "smco-line.toml", "--record", db, cwd=tmp_path)
    assert again.returncode == 0 and again.stderr.startswith(f"recorded: #{len(chain) + 1} ")
    assert run("record", "verify", db, cwd=tmp_path).returncode == 0


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM decisions").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet
        return 0


def test_check_records_and_keeps_its_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    app = EXAMPLES / "recycling-program.toml"
    checked = run("check", app, "--record", db, "--format", "json", cwd=tmp_path)
    assert checked.returncode == 1
    assert json.loads(checked.stdout)["verdict"] == "ineligible"
    assert checked.stderr.startswith("recorded: #1 ")
    with record.open(db, create=False) as rec:
        (d,) = rec.decisions()
    assert d.verdict == "ineligible" and not d.input_kept
    assert json.loads(d.result)["plans"] == json.loads(checked.stdout)["plans"]


def test_the_settings_file_gives_the_default_record(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('[record]\npath = "kept/decisions.sqlite"\n', encoding="utf-8")
    (tmp_path / "kept").mkdir()
    env = {**cli_env(tmp_path), "ELIGIBILITY_CONFIG": str(settings)}
    work = tmp_path / "elsewhere"
    work.mkdir()
    app = EXAMPLES / "smco-line.toml"
    assert run("check", app, cwd=work, env=env).returncode == 0
    assert run("check", app, "--no-record", cwd=work, env=env).returncode == 0
    listed = run("record", "list", cwd=work, env=env)  # no DB: the settings name it
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[-1] == "decisions: 1"
    assert run("record", "show", "1", cwd=work, env=env).returncode == 0
    assert run("record", "verify", cwd=work, env=env).stdout.startswith("ok: 1 decisions")

    xdg = tmp_path / "xdg"
    (xdg / "eligibility").mkdir(parents=True)
    (xdg / "eligibility" / "config.toml").write_text(
        f'[record]\npath = "{tmp_path / "xdg.sqlite"}"\n', encoding="utf-8"
    )
    env = {**cli_env(tmp_path), "XDG_CONFIG_HOME": str(xdg)}
    assert run("check", app, cwd=work, env=env).stderr.startswith("recorded: #1 ")
    assert (tmp_path / "xdg.sqlite").exists()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("[record\n", "not valid TOML"),
        ("[record]\npath = 3\n", "record.path: must be a non-empty string"),
        ("record = 1\n", "record: must be a table"),
    ],
)
def test_a_bad_settings_file_is_an_error(tmp_path: Path, settings: str, message: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(settings, encoding="utf-8")
    env = {**cli_env(tmp_path), "ELIGIBILITY_CONFIG": str(path)}
    done = run("check", EXAMPLES / "smco-line.toml", cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {path}: {message}")
    assert "Traceback" not in done.stderr


def test_usage_errors_exit_2_without_a_traceback(tmp_path: Path) -> None:
    app = EXAMPLES / "smco-line.toml"
    alone = run("check", app, "--keep-input", cwd=tmp_path)
    assert alone.returncode == 2 and "--keep-input, --reviewer and --note go with" in alone.stderr
    missing = run("record", "list", tmp_path / "none.sqlite", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == f"error: {tmp_path / 'none.sqlite'}: no such decision record\n"
    assert run("record", "list", cwd=tmp_path).returncode == 2  # no DB and no settings
    (tmp_path / "junk.sqlite").write_bytes(b"junk" * 1000)
    junk = run("record", "verify", tmp_path / "junk.sqlite", cwd=tmp_path)
    assert junk.returncode == 2 and "not a decision record" in junk.stderr
    db = tmp_path / "d.sqlite"
    assert run("check", app, "--record", db, cwd=tmp_path).returncode == 0
    unknown = run("record", "show", db, "99", cwd=tmp_path)
    assert unknown.returncode == 2 and "no decision '99'" in unknown.stderr
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    refused = run("check", app, "--record", tmp_path / "a-file" / "d.sqlite", cwd=tmp_path)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.startswith(f"error: {tmp_path / 'a-file' / 'd.sqlite'}: cannot open")
    assert "Traceback" not in refused.stderr


HOSTILE_APPLICANT = '=HYPERLINK("http://evil")\u202egnp.exe\x1b[31m'


def test_hostile_names_are_kept_as_data_and_shown_escaped(tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    apps.mkdir()
    text = (EXAMPLES / "smco-line.toml").read_text(encoding="utf-8")
    hostile = text.replace(
        'name = "Shinshu SmCo Works K.K."', f"name = {json.dumps(HOSTILE_APPLICANT)}"
    )
    names = ["+cmd|' calc'!A0.toml", "line\nbreak\u202e.toml", "x'); DROP TABLE decisions;--.toml"]
    for name in names:
        (apps / name).write_text(hostile, encoding="utf-8")
    db = tmp_path / "d.sqlite"
    assert run("screen", apps, "--record", db, cwd=tmp_path).returncode == 0
    listed = run("record", "list", db, cwd=tmp_path)
    assert listed.returncode == 0
    assert "\x1b" not in listed.stdout and "\u202e" not in listed.stdout
    assert "line\\u000abreak\\u202e.toml" in listed.stdout
    assert listed.stdout.splitlines()[-1] == "decisions: 3"
    shown = run("record", "show", db, "1", cwd=tmp_path).stdout
    assert 'applicant: =HYPERLINK("http://evil")\\u202egnp.exe\\u001b[31m' in shown
    assert run("record", "verify", db, cwd=tmp_path).returncode == 0

    exported = run("record", "export", db, "--format", "csv", cwd=tmp_path)
    assert exported.returncode == 0
    rows = list(csv.DictReader(io.StringIO(exported.stdout, newline="")))
    assert {r["applicant"] for r in rows} == {"'" + HOSTILE_APPLICANT}
    assert sorted(Path(r["input_name"]).name for r in rows) == sorted(names)  # paths start "/"
    full = json.loads(run("record", "export", db, cwd=tmp_path).stdout)
    assert {d["applicant"] for d in full["decisions"]} == {HOSTILE_APPLICANT}


def test_export_to_a_file_and_filtered(tmp_path: Path, folder: Path) -> None:
    db = tmp_path / "d.sqlite"
    run("screen", folder, "--record", db, "--keep-input", cwd=tmp_path)
    out = tmp_path / "decisions.csv"
    done = run("record", "export", db, "--format", "csv", "-o", out, "--applicant", "tokai",
               cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0 and done.stderr == f"exported 1 decisions to {out}\n"
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["applicant"] for r in rows] == ["Tokai Drive Systems K.K."]
    assert rows[0]["input_kept"] == "yes" and len(rows[0]["hash"]) == 64
    full = json.loads(run("record", "export", db, "--with-inputs", cwd=tmp_path).stdout)
    assert len(full["decisions"]) == 4
    assert all("base64" in d["input"] for d in full["decisions"])
    refused = run("record", "export", db, "-o", db, cwd=tmp_path)
    assert refused.returncode == 2 and "is the record itself" in refused.stderr


def test_a_file_screen_could_not_record_is_an_error_row(tmp_path: Path, folder: Path) -> None:
    db = tmp_path / "d.sqlite"
    record.open(db).close()
    sql(db, "DELETE FROM head")  # a record broken by hand takes no new decisions
    done = run("screen", folder, "--record", db, "--format", "csv", cwd=tmp_path)
    assert done.returncode == 2
    rows = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
    assert len(rows) == len(APPS) and {r["verdict"] for r in rows} == {"error"}
    assert all("the chain's head is missing" in r["error"] for r in rows)
    assert all("not recorded" in r["error"] for r in rows)
    assert "Traceback" not in done.stderr


def test_screen_refuses_a_record_that_is_one_of_its_inputs(tmp_path: Path, folder: Path) -> None:
    target = folder / "smco-line.toml"
    done = run("screen", folder, "--record", target, cwd=tmp_path)
    assert done.returncode == 2 and "is one of the inputs" in done.stderr
    assert target.read_bytes() == (EXAMPLES / "smco-line.toml").read_bytes()


def test_dates_filter_by_the_day_in_japan(tmp_path: Path) -> None:
    import datetime as dt

    from eligibility.clock import today

    db = tmp_path / "d.sqlite"
    run("check", EXAMPLES / "smco-line.toml", "--record", db, cwd=tmp_path)
    day = today()

    def count(*args: str) -> str:
        return run("record", "list", db, *args, cwd=tmp_path).stdout.splitlines()[-1]

    assert count("--since", day.isoformat(), "--until", day.isoformat()) == "decisions: 1"
    assert count("--since", (day + dt.timedelta(days=1)).isoformat()) == "decisions: 0"
    assert count("--until", (day - dt.timedelta(days=1)).isoformat()) == "decisions: 0"
    bad = run("record", "list", db, "--sha256", "xyz", cwd=tmp_path)
    assert bad.returncode == 2 and "hex digits" in bad.stderr


def test_two_screens_recording_at_once_share_one_chain(tmp_path: Path) -> None:
    db = tmp_path / "decisions.sqlite"
    batches = []
    for name, source in (("ndfeb", "ndfeb-line.toml"), ("smco", "smco-line.toml")):
        apps = tmp_path / name
        apps.mkdir()
        for i in range(30):
            (apps / f"{name}-{i:02}.toml").write_bytes((EXAMPLES / source).read_bytes())
        batches.append(apps)
    procs = [
        subprocess.Popen(
            [
                str(script()),
                "screen",
                str(apps),
                "--record",
                str(db),
                "--reviewer",
                apps.name,
                "-j",
                "2",
            ],
            cwd=tmp_path,
            env=cli_env(tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for apps in batches
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    verified = run("record", "verify", db, cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith("ok: 60 decisions; head #60 ")
    with record.open(db, create=False) as rec:
        chain = list(rec.decisions())
    for apps in batches:
        mine = sorted(Path(d.input_name).name for d in chain if d.reviewer == apps.name)
        assert mine == sorted(p.name for p in apps.iterdir())
