"""The chair's full-screen Textual app.

Importing this package does not import Textual; :func:`run_chair` does.
"""

from __future__ import annotations

from pathlib import Path


def run_chair(db_path: Path) -> int:
    """Run the chair screen on ``db_path`` until the chair quits (ctrl+q).

    Returns the exit status: 0 after a quit, 1 when the app ended on an error
    (Textual has then printed the traceback; the command must not exit 0).
    """
    from pitchroom.ui.app import make_app

    app = make_app(Path(db_path))
    app.run()
    return app.return_code or 0


__all__ = ["run_chair"]
