"""The chair's full-screen Textual app.

Importing this package does not import Textual; :func:`run_chair` does.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from pitchroom.store import Store


def run_chair(db_path: Path, *, store: Store | None = None) -> int:
    """Run the chair screen on ``db_path`` until the chair quits (ctrl+q).

    ``store``: that database, already opened by the caller (the app closes it).
    Returns the exit status: 0 after a quit, 1 when the app ended on an error
    (Textual has then printed the traceback; the command must not exit 0).
    """
    # Start-up builds a few hundred thousand objects that live as long as the
    # app (modules, classes, styles) and no garbage worth a collection: the
    # cyclic collector is held until the first frame is drawn, then what exists
    # is frozen (left out of later collections) and the collector runs again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(Path(db_path), store, collect_again if was_enabled else None)
    finally:
        if was_enabled:
            gc.enable()


def collect_again() -> None:
    """After the first frame: what start-up made is kept; collect the rest as usual."""
    gc.freeze()
    gc.enable()


def _run(db_path: Path, store: Store | None, drawn: Callable[[], None] | None) -> int:
    from pitchroom.ui.prefetch import FirstRanking, session_grades

    # computed while Textual is imported (the scale's grades from the session read)
    first = FirstRanking(db_path, session_grades(store) if store is not None else None)
    try:
        from pitchroom.ui import app as chair_app
    except BaseException:
        first.close()
        if store is not None:
            store.close()
        raise
    with chair_app.handed_over(db_path, store, first):
        app = chair_app.make_app(db_path)
    app.first_frame = drawn
    try:
        app.run()
    finally:
        left = getattr(app, "first", None)
        if left is not None:  # the chair screen never took it over
            left.close()
    return app.return_code or 0


__all__ = ["run_chair"]
