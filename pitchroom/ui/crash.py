"""What a person sees when a screen dies of an unexpected error.

Textual prints a full traceback with the locals over the terminal and the app
ends with status 1. For the chair, a juror's station or the projector that is
a wall of code at the worst moment: :class:`CrashReport` writes the traceback
to a log file and prints one short line naming it (the traceback itself only
with ``pitchroom --debug``). The status stays 1, so the command exits 1.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from pitchroom.i18n import t


def crash_dir() -> Path:
    """Where crash logs go: ``$XDG_STATE_HOME/pitchroom`` (else ``~/.local/state``)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "pitchroom"


def _debug_asked() -> bool:
    """``pitchroom --debug ...``: the traceback goes to the terminal as before."""
    import click

    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().params.get("debug"))


def _write_log(renderables: list[Any], error: BaseException | None) -> Path | None:
    """The traceback as plain text in a new log file; None when none can be written."""
    from rich.console import Console

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"crash-{stamp}-{os.getpid()}.log"
    for folder in (crash_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            with path.open("w", encoding="utf-8") as log:
                console = Console(file=log, width=120, color_system=None, force_terminal=False)
                if error is not None:
                    console.print(f"{type(error).__name__}: {error}", markup=False, highlight=False)
                for renderable in renderables:
                    console.print(renderable)
            return path
        except OSError:
            continue
    return None


class CrashReport:
    """Mixed into an App: a crash is one line and a log file, not a traceback."""

    crashed: BaseException | None = None
    """The unexpected error the app ended on, if any."""

    def _handle_exception(self, error: Exception) -> None:
        self.crashed = error
        super()._handle_exception(error)  # type: ignore[misc]  # a mixin: App has it

    def _print_error_renderables(self) -> None:
        app: Any = self
        renderables = list(app._exit_renderables)
        if self.crashed is None or not renderables or _debug_asked():
            super()._print_error_renderables()  # type: ignore[misc]  # a mixin: App has it
            return
        app._exit_renderables.clear()
        error = " ".join(f"{type(self.crashed).__name__}: {self.crashed}".split())[:300]
        log = _write_log(renderables, self.crashed)
        if log is None:
            message = t("ui.crashed_no_log", error=error)
        else:
            message = t("ui.crashed", error=error, log=str(log))
        print(message, file=sys.stderr)
