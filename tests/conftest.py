"""Shared fixtures: sessions built from models, databases in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pitchroom.domain.models import Session
from pitchroom.store import Store

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo" / "session.toml"
DEMO_NL = REPO / "data" / "demo-nl" / "session.toml"
NINE_PITCHES = REPO / "tests" / "fixtures" / "nine-pitches" / "session.toml"
"""The demo as it was before the reference day: 9 pitches, no pre-selection."""


def copy_demo(folder: Path, name: str = "day.toml", source: Path = DEMO) -> Path:
    """A copy of the demo session file in ``folder``, with the CSV it reads."""
    for csv in source.parent.glob("*.csv"):
        (folder / csv.name).write_bytes(csv.read_bytes())
    target = folder / name
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def small_session(**session: object) -> Session:
    """Three jurors (one observer), two weighted criteria, three pitches, one conflict."""
    info = {"title": "Test pitch day", "budget": 500_000, "quorum": 2, **session}
    return Session.model_validate(
        {
            "session": info,
            "criteria": [
                {"key": "feasibility", "name": "Feasibility", "weight": 2, "threshold": 5},
                {"key": "impact", "name": "Impact"},
            ],
            "jurors": [
                {"key": "anna", "name": "Anna de Vries", "role": "chair"},
                {"key": "bram", "name": "Bram Jansen"},
                {"key": "chris", "name": "Chris Peters"},
                {"key": "olga", "name": "Olga Observer", "role": "observer"},
            ],
            "pitches": [
                {
                    "key": "leesplank",
                    "title": "Leesplank",
                    "applicant": "Gemeente Zwolle",
                    "requested": 200_000,
                },
                {
                    "key": "waterwijs",
                    "title": "Waterwijs",
                    "applicant": "Waterschap Rivierland",
                    "requested": 250_000,
                },
                {
                    "key": "kompas",
                    "title": "Kompas",
                    "applicant": "Provincie Drenthe",
                    "requested": 150_000,
                },
            ],
            "conflicts": [{"juror": "chris", "pitch": "kompas", "reason": "former employer"}],
        }
    )


@pytest.fixture
def session() -> Session:
    return small_session()


@pytest.fixture
def db_path(tmp_path: Path, session: Session) -> Path:
    path = tmp_path / "session.db"
    Store.create(path, session, actor="test").close()
    return path


@pytest.fixture
def store(db_path: Path):
    s = Store.open(db_path)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the user's real config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    os.environ.pop("NO_COLOR", None)


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch):
    """Each test starts in English whatever the machine's locale, and leaves no language
    behind (the interface language is process-wide)."""
    from pitchroom import i18n

    for variable in ("PITCHROOM_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.request(None)
    i18n.set_language("en")
    yield
    i18n.request(None)
    i18n.set_language("en")
