"""The chair's full-screen Textual app.

Importing this package does not import Textual; :func:`run_chair` does.
"""

from __future__ import annotations

from pathlib import Path


def run_chair(db_path: Path) -> None:
    """Run the chair screen on ``db_path`` until the chair quits (ctrl+q)."""
    from pitchroom.ui.app import make_app

    make_app(Path(db_path)).run()


__all__ = ["run_chair"]
