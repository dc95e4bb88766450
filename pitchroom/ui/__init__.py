"""The chair's full-screen Textual app.

Importing this package does not import Textual; :func:`run_chair` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pitchroom.store import Store


def run_chair(db_path: Path, *, store: Store | None = None) -> int:
    """Run the chair screen on ``db_path`` until the chair quits (ctrl+q).

    ``store``: that database, already opened by the caller (the app closes it).
    Returns the exit status: 0 after a quit, 1 when the app ended on an error
    (Textual has then printed the traceback; the command must not exit 0).
    """
    from pitchroom.ui.prefetch import FirstRanking

    first = FirstRanking(Path(db_path))  # runs while Textual is imported
    try:
        from pitchroom.ui import app as chair_app
    except BaseException:
        first.close()
        if store is not None:
            store.close()
        raise
    with chair_app.handed_over(Path(db_path), store, first):
        app = chair_app.make_app(Path(db_path))
    try:
        app.run()
    finally:
        left = getattr(app, "first", None)
        if left is not None:  # the chair screen never took it over
            left.close()
    return app.return_code or 0


__all__ = ["run_chair"]
