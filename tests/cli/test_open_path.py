"""Start-up of ``pitchroom open``: more of what the chair's first frame does not need
stays off its way (issue 14), beside tests/cli/test_open_imports.py.

The F1 help screen and the command palette's provider are imported when first
opened, the TOML reader only by the commands that read a session file. Each module
is paid before the chair sees anything: imported, and in a checkout without
compiled bytecode, compiled.
"""

from __future__ import annotations

from pathlib import Path

from pitchroom.domain.models import Session
from tests.cli.test_open_imports import _database, _warm

LATER = (
    "tomllib",
    "pitchroom.ui.screens.help",
    "pitchroom.ui.commands",
)


def test_open_reaches_the_chair_app_without_help_palette_or_toml(
    tmp_path: Path, session: Session
) -> None:
    db = _database(tmp_path, session)
    fresh = _warm(
        "from pathlib import Path\n"
        "from pitchroom.cli.main import main\n"
        "main.commands['open']\n"
        "from pitchroom.ui.app import make_app\n"
        f"app = make_app(Path({str(db)!r}))\n"
        "out = [app.store.session.session.title]\n"
        "app.store.close()\n"
    )
    modules = fresh["modules"]
    assert isinstance(modules, list)
    assert "pitchroom.ui.screens.chair" in modules
    assert [m for m in modules if m.startswith(LATER)] == []


def test_the_help_screen_and_the_palette_still_open(tmp_path: Path, session: Session) -> None:
    db = _database(tmp_path, session)
    fresh = _warm(
        "import asyncio\n"
        "from pathlib import Path\n"
        "from textual.command import CommandPalette\n"
        "from pitchroom.ui.app import make_app\n"
        f"app = make_app(Path({str(db)!r}))\n"
        "seen = []\n"
        "async def run():\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.pause()\n"
        "        await pilot.press('f1')\n"
        "        await pilot.pause()\n"
        "        seen.append(type(app.screen).__name__)\n"
        "        await pilot.press('escape')\n"
        "        await pilot.pause()\n"
        "        await pilot.press('ctrl+p')\n"
        "        await pilot.pause()\n"
        "        for key in 'ranking':\n"
        "            await pilot.press(key)\n"
        "        await pilot.pause(0.3)\n"
        "        seen.append(isinstance(app.screen, CommandPalette))\n"
        "        await pilot.press('enter')\n"
        "        await pilot.pause(0.3)\n"
        "        seen.append(type(app.screen).__name__)\n"
        "asyncio.run(run())\n"
        "out = seen\n"
    )
    assert fresh["out"] == ["HelpScreen", True, "RankingScreen"]
