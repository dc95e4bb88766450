"""Start-up of ``pitchroom open``: what the way to the chair's first frame imports.

Each import on that way is paid before the chair sees anything (issue 14: open to
the first frame close to a bare Textual app). These tests run the open command's
imports in a fresh interpreter, open a real database as ``open`` does and read
the session, and fail if something the first frame does not need is pulled in
again: sqlite-utils (the store's reads are plain sqlite3), the exports, charts,
verify's replay, bulk writes, the session-file reader, Babel's PO reader, the
ranking extras (bootstrap, leave-one-out), the ranking screen, the dialogs, and pydantic
building the models' validators at import.
"""

from __future__ import annotations

from pathlib import Path

from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.store.db import MIGRATIONS
from tests.cli.test_startup import _fresh

NOT_ON_THE_WAY = (
    "sqlite_utils",
    "openpyxl",
    "matplotlib",
    "plotext",
    "textual_plotext",
    "babel.messages",
    "pitchroom.export",
    "pitchroom.store.replay",
    "pitchroom.store.bulk",
    "pitchroom.store.importing",
    "pitchroom.domain.sessionfile",
    "pitchroom.domain.consensus.extras",
    "pitchroom.ui.screens.ranking",
    "pitchroom.ui.dialogs",
)


def _warm(code: str) -> dict[str, object]:
    """:func:`_fresh`, run twice: the first run compiles the message catalogues into
    the (per-test) cache, as a chair's first ever start does; the second is a start."""
    _fresh(code)
    return _fresh(code)


def _unwanted(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if m.startswith(NOT_ON_THE_WAY)]


def _database(tmp_path: Path, session: Session) -> Path:
    path = tmp_path / "day.db"
    Store.create(path, session, actor="test").close()
    return path


def test_open_reaches_the_chair_app_without_what_the_first_frame_does_not_show(
    tmp_path: Path, session: Session
) -> None:
    db = _database(tmp_path, session)
    fresh = _warm(
        "from pathlib import Path\n"
        "from pitchroom.cli.main import main\n"
        "main.commands['open']\n"  # the command's module, as the group imports it to run it
        "from pitchroom.ui.app import PitchroomApp, make_app\n"
        "from pitchroom.domain.models import Session\n"
        "built_at_import = Session.__pydantic_complete__\n"
        f"app = make_app(Path({str(db)!r}))\n"
        "title = app.store.session.session.title\n"
        "app.store.close()\n"
        "out = [built_at_import, title]\n"
    )
    built_at_import, title = fresh["out"]  # type: ignore[misc]
    assert title == session.session.title
    assert built_at_import is False, "the models' validators were built at import"
    assert "pitchroom.ui.screens.chair" in fresh["modules"]  # type: ignore[operator]
    assert _unwanted(fresh["modules"]) == []


def test_reading_a_session_needs_neither_sqlite_utils_nor_the_stores_writers(
    tmp_path: Path, session: Session
) -> None:
    db = _database(tmp_path, session)
    fresh = _warm(
        "from pathlib import Path\n"
        "from pitchroom.store import Store\n"
        f"store = Store.open(Path({str(db)!r}))\n"
        "store.check_record()\n"
        "out = [store.session.session.title, store.score_count()]\n"
        "store.close()\n"
    )
    assert fresh["out"] == [session.session.title, 0]
    assert _unwanted(fresh["modules"]) == []


def test_the_store_error_alone_does_not_import_the_store() -> None:
    fresh = _fresh("from pitchroom.store import StoreError\nout = StoreError.__name__\n")
    modules = fresh["modules"]
    assert isinstance(modules, list)
    assert "pitchroom.store.store" not in modules
    assert "pydantic" not in modules


def test_the_known_migrations_are_the_registered_ones() -> None:
    from pitchroom.store.migrations import migrations

    assert [m.name for m in migrations._migrations] == list(MIGRATIONS)


# What no read of a session needs: pydantic (the definition is read into plain
# classes, pitchroom.domain.definition; pydantic is for session files, import,
# amend and verify).
NO_PYDANTIC = ("pydantic", "pydantic_core", "annotated_types", "pitchroom.domain.models")


def _pydantic(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if m.startswith(NO_PYDANTIC)]


def test_open_reaches_the_chair_app_and_its_first_save_without_pydantic(
    tmp_path: Path, session: Session
) -> None:
    db = _database(tmp_path, session)
    fresh = _warm(
        "import shutil, tempfile\n"
        "from pathlib import Path\n"
        "from pitchroom.cli.main import main\n"
        "main.commands['open']\n"
        "from pitchroom.ui.app import make_app\n"
        f"db = shutil.copy({str(db)!r}, tempfile.mkdtemp(dir={str(tmp_path)!r}))\n"
        "app = make_app(Path(db))\n"
        "store = app.store\n"
        "session = store.session\n"
        "pitch, juror = session.queue[0].key, session.scoring_jurors[0].key\n"
        "store.set_score(pitch, juror, session.criteria[0].key, 7, actor='chair')\n"
        "out = [session.session.title, store.score_count()]\n"
        "store.close()\n"
    )
    assert fresh["out"] == [session.session.title, 1]
    assert "pitchroom.ui.screens.chair" in fresh["modules"]  # type: ignore[operator]
    assert _pydantic(fresh["modules"]) == []
    assert _unwanted(fresh["modules"]) == []


def test_ranking_json_needs_no_pydantic(tmp_path: Path, session: Session) -> None:
    db = _database(tmp_path, session)
    fresh = _warm(
        "import contextlib, io\n"
        "from pitchroom.cli.main import main\n"
        "text = io.StringIO()\n"
        "with contextlib.redirect_stdout(text), contextlib.suppress(SystemExit):\n"
        f"    main(['ranking', {str(db)!r}, '--json'])\n"
        "import json\n"
        "out = sorted(json.loads(text.getvalue()))\n"
    )
    assert "ranking" in str(fresh["out"])
    assert _pydantic(fresh["modules"]) == []
