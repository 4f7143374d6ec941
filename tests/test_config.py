"""The settings file: where it is found, what a missing or broken one does, and paths in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eligibility import config
from eligibility.config import ConfigError


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ELIGIBILITY_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def test_no_file_means_no_settings(tmp_path: Path) -> None:
    assert config.config_file() == (tmp_path / "xdg" / "eligibility" / "config.toml", False)
    assert config.load() == {}
    assert config.setting("record", "path") is None


def test_home_is_the_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    path = tmp_path / "home" / ".config" / "eligibility" / "config.toml"
    assert config.config_file() == (path, False)


def test_the_path_follows_each_variable_it_is_made_of(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The path is remembered by the variables it is made of: a change to any is seen."""
    monkeypatch.delenv("XDG_CONFIG_HOME")
    first = config.config_file()
    monkeypatch.setenv("HOME", str(tmp_path / "other"))
    assert config.config_file() == (tmp_path / "other" / ".config/eligibility/config.toml", False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "x2"))
    assert config.config_file() == (tmp_path / "x2" / "eligibility" / "config.toml", False)
    monkeypatch.setenv("ELIGIBILITY_CONFIG", "~/named.toml")
    assert config.config_file() == (tmp_path / "other" / "named.toml", True)
    monkeypatch.delenv("ELIGIBILITY_CONFIG")
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert config.config_file() == first


def test_the_variable_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    named = tmp_path / "mine.toml"
    named.write_text('[record]\npath = "decisions.sqlite"\n', encoding="utf-8")
    monkeypatch.setenv("ELIGIBILITY_CONFIG", str(named))
    assert config.setting("record", "path") == "decisions.sqlite"
    assert config.path_setting("record", "path") == tmp_path / "decisions.sqlite"
    assert config.setting("record", "other") is None and config.setting("other", "x") is None


def test_paths_expand_the_home_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "xdg" / "eligibility"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('[record]\npath = "~/d.sqlite"\n', encoding="utf-8")
    assert config.path_setting("record", "path") == tmp_path / "home" / "d.sqlite"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "no such settings file (named by $ELIGIBILITY_CONFIG)"),
        (b"[record\n", "not valid TOML"),
        (b"\xff\xfe[record]", "the settings file is not UTF-8 text"),
        (b"record = 3\n", "record: must be a table ([record])"),
        (b'[record]\npath = ""\n', "record.path: must be a non-empty string"),
        (b"[record]\npath = [1]\n", "record.path: must be a non-empty string"),
    ],
)
def test_a_broken_file_is_an_error_naming_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: bytes | None, message: str
) -> None:
    path = tmp_path / "settings.toml"
    if text is not None:
        path.write_bytes(text)
    monkeypatch.setenv("ELIGIBILITY_CONFIG", str(path))
    with pytest.raises(ConfigError) as caught:
        config.setting("record", "path")
    assert str(caught.value).startswith(f"{path}: {message}")
