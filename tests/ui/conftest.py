"""Chair-screen fixtures: the small session in a real SQLite file, the frozen clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.ui.app import PitchroomApp, make_app
from tests.conftest import FrozenClock, small_session


def ui_session(**info: object) -> Session:
    """:func:`small_session` as the chair screen's tests know it: no threshold,
    EUR 400,000, 5 + 3 minute pitches, two summaries."""
    return small_session(
        threshold=None,
        summaries=True,
        **{"budget": 400_000, "pitch_minutes": 5, "qa_minutes": 3, **info},
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
