"""serve --record: every check the server answers is a decision in the record, verifiable."""

from __future__ import annotations

from pathlib import Path

from server_support import EXAMPLES, make_client

from eligibility import record
from eligibility.server import Settings


def test_each_checked_upload_is_recorded_and_the_chain_verifies(tmp_path: Path) -> None:
    db = tmp_path / "decisions.sqlite"
    client = make_client(Settings(record=str(db), keep_input=True, reviewer="窓口"))
    data = (EXAMPLES / "ndfeb-line.toml").read_bytes()
    first = client.post("/v1/check", files={"file": ("ndfeb-line.toml", data)})
    second = client.post(
        "/v1/screen",
        files=[("files", ("smco-line.toml", (EXAMPLES / "smco-line.toml").read_bytes()))],
    )
    assert first.status_code == 200 and second.status_code == 200
    with record.open(db, create=False) as rec:
        decisions = list(rec.decisions(record.Filters(), with_input=True))
        assert [d.input_name for d in decisions] == ["ndfeb-line.toml", "smco-line.toml"]
        assert {d.reviewer for d in decisions} == {"窓口"}
        assert decisions[0].verdict == first.json()["verdict"]
        assert decisions[0].input == data  # --keep-input: the bytes that were checked
        assert record.verify(rec).intact


def test_without_record_nothing_is_stored(tmp_path: Path) -> None:
    client = make_client(Settings())
    data = (EXAMPLES / "ndfeb-line.toml").read_bytes()
    assert client.post("/v1/check", files={"file": ("a.toml", data)}).status_code == 200
    assert list(tmp_path.iterdir()) == []
