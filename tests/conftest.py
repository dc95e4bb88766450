"""Shared fixtures: sessions built from models, databases in tmp_path."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.store.base import StoreBase

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


START = dt.datetime(2024, 6, 12, 9, 30, tzinfo=dt.UTC)


class FrozenClock:
    """A clock that only moves when a test moves it (the store's and the screens' clock)."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


SUMMARIES = {
    "leesplank": "Reading lessons for adults, on any phone.",
    "waterwijs": "Flood warnings that neighbours can act on.",
}


def small_session(
    *, threshold: int | None = 5, summaries: bool = False, **session: object
) -> Session:
    """Three jurors (one observer), two weighted criteria, three pitches, one conflict.

    ``threshold``: feasibility's (None: none); ``summaries``: two pitches get one;
    ``session``: keys of the ``[session]`` table.
    """
    info = {"title": "Test pitch day", "budget": 500_000, "quorum": 2, **session}
    feasibility: dict[str, object] = {"key": "feasibility", "name": "Feasibility", "weight": 2}
    if threshold is not None:
        feasibility["threshold"] = threshold
    pitches: list[dict[str, object]] = [
        {"key": "leesplank", "title": "Leesplank", "applicant": "Gemeente Zwolle"},
        {"key": "waterwijs", "title": "Waterwijs", "applicant": "Waterschap Rivierland"},
        {"key": "kompas", "title": "Kompas", "applicant": "Provincie Drenthe"},
    ]
    for pitch, requested in zip(pitches, (200_000, 250_000, 150_000), strict=True):
        pitch["requested"] = requested
        if summaries and pitch["key"] in SUMMARIES:
            pitch["summary"] = SUMMARIES[str(pitch["key"])]
    return Session.model_validate(
        {
            "session": info,
            "criteria": [feasibility, {"key": "impact", "name": "Impact"}],
            "jurors": [
                {"key": "anna", "name": "Anna de Vries", "role": "chair"},
                {"key": "bram", "name": "Bram Jansen"},
                {"key": "chris", "name": "Chris Peters"},
                {"key": "olga", "name": "Olga Observer", "role": "observer"},
            ],
            "pitches": pitches,
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
def _stores_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every store a test opens (directly, through an app, a CLI command or a
    worker in this process) is closed when the test ends."""
    opened: list[StoreBase] = []
    init = StoreBase.__init__

    def tracked(self: StoreBase, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(StoreBase, "__init__", tracked)
    yield
    for store in opened:
        store.close()


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
