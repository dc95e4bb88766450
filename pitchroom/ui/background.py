"""Work that runs in thread workers, each with its own store connection.

No Textual here: these take a path and return plain values, so they are easy
to test, and the screens wrap them in ``@work(thread=True)``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pitchroom.i18n import t
from pitchroom.store import Store


class Unavailable(Exception):
    """A part built in parallel (ranking facade, exports) is not installed yet."""


def compute_ranking(
    path: Path, method: str | None, extras: bool, clock: Callable[..., Any] | None = None
) -> dict[str, Any]:
    try:
        from pitchroom.store.ranking import ranking_report
    except ImportError as error:
        raise Unavailable(t("ui.ranking_unavailable", error=str(error))) from error
    store = Store.open(path, clock=clock)
    try:
        return ranking_report(store, method=method, extras=extras)
    finally:
        store.close()


def run_export(path: Path, fmt: str) -> Path:
    try:
        from pitchroom.export import export_session  # type: ignore[attr-defined]
    except ImportError as error:
        raise Unavailable(t("ui.export_unavailable", error=str(error))) from error
    return Path(export_session(path, fmt, None))
