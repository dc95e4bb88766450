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
    try:
        from pitchroom.ui.app import make_app
    except BaseException:
        if store is not None:
            store.close()
        raise

    app = make_app(Path(db_path), store=store)
    app.run()
    return app.return_code or 0


__all__ = ["run_chair"]
