"""Fixtures for stations and the projector: real SQLite files, a frozen clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input

from pitchroom.store import Store
from tests.conftest import FrozenClock

FROZEN = dt.datetime(2024, 6, 12, 9, 0, tzinfo=dt.UTC)

frozen_now = FrozenClock(FROZEN)
"""Stations' and the projector's clock (never advanced: it reads FROZEN)."""


def screen_text(app: App) -> str:
    """Everything on the screen as plain text (what a person would read)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None, raising=False)


@pytest.fixture
def chair(db_path: Path):
    """A second connection to the database: the chair's screen, in effect."""
    store = Store.open(db_path)
    yield store
    store.close()
