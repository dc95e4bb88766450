"""At 80x24 a dialog's buttons are on screen as it opens, not below its edge."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from pitchroom.domain.sessionfile import load_session
from pitchroom.ui.app import make_app
from tests.conftest import DEMO, FrozenClock
from tests.ui.conftest import build_db


@pytest.mark.parametrize(("key", "button"), [("d", "#save"), ("c", "#save"), ("l", "#yes")])
async def test_dialog_buttons_fit_at_80x24(
    tmp_path: Path, clock: FrozenClock, key: str, button: str
) -> None:
    # The demo's long titles take two lines in the dialogs' headings.
    app = make_app(build_db(tmp_path, load_session(DEMO), clock), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        found = app.screen.query_one(button, Button)
        box = app.screen.query_one(".dialog-box")
        inside = box.content_region  # within the border and padding, not under them
        assert inside.intersection(found.region) == found.region, (inside, found.region)
