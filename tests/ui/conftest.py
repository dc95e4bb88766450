"""Chair-screen fixtures: a small session in a real SQLite file, a frozen clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.ui.app import PitchroomApp, make_app

START = dt.datetime(2024, 6, 12, 9, 30, tzinfo=dt.UTC)


class FrozenClock:
    """A clock that only moves when a test moves it."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def ui_session(**info: object) -> Session:
    """Three scoring jurors and an observer, two criteria, three pitches, one conflict."""
    return Session.model_validate(
        {
            "session": {
                "title": "Test pitch day",
                "budget": 400_000,
                "quorum": 2,
                "pitch_minutes": 5,
                "qa_minutes": 3,
                **info,
            },
            "criteria": [
                {"key": "feasibility", "name": "Feasibility", "weight": 2},
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
                    "summary": "Reading lessons for adults, on any phone.",
                },
                {
                    "key": "waterwijs",
                    "title": "Waterwijs",
                    "applicant": "Waterschap Rivierland",
                    "requested": 250_000,
                    "summary": "Flood warnings that neighbours can act on.",
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
def clock() -> FrozenClock:
    return FrozenClock()


def build_db(tmp_path: Path, session: Session, clock: FrozenClock) -> Path:
    path = tmp_path / "session.db"
    Store.create(path, session, actor="test", clock=clock).close()
    return path


@pytest.fixture
def ui_db(tmp_path: Path, clock: FrozenClock) -> Path:
    return build_db(tmp_path, ui_session(), clock)


@pytest.fixture
def app(ui_db: Path, clock: FrozenClock) -> PitchroomApp:
    return make_app(ui_db, clock=clock)


def reopen(path: Path) -> Store:
    return Store.open(path)


def notes(app: PitchroomApp) -> list[str]:
    """The text of every notification raised so far."""
    return [n.message for n in app._notifications]
