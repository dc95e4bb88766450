"""Chair-screen fixtures: the small session in a real SQLite file, the frozen clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.ui.app import PitchroomApp, make_app
from tests.conftest import FrozenClock, small_session
from tests.ui.notes import notes as notes  # re-exported: the tests import it from here
from tests.ui.notes import recording


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


@pytest.fixture(autouse=True)
def record_notifications(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every notification an app raises, kept through the public ``App.notify``
    (:func:`notes` reads them)."""
    monkeypatch.setattr(App, "notify", recording(App.notify))
    yield


def toasts(app: App[Any]) -> list[str]:
    """The notifications shown now, as toasts on the screen on top."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def until(pilot: Any, condition: Callable[[], bool], tries: int = 100) -> bool:
    """Let the app run until ``condition`` holds (or ``tries`` short pauses pass)."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()
