"""Work that runs in thread workers, each with its own store connection.

No Textual here: these take a path and return plain values, so they are easy
to test, and the screens wrap them in ``@work(thread=True)``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pitchroom.store import Store
from pitchroom.store.ranking import ranking_report


def compute_ranking(
    path: Path, method: str | None, extras: bool, clock: Callable[..., Any] | None = None
) -> dict[str, Any]:
    store = Store.open(path, clock=clock)
    try:
        return ranking_report(store, method=method, extras=extras)
    finally:
        store.close()


def run_export(path: Path, fmt: str) -> Path:
    from pitchroom.export import export_session  # the exporters load when first used

    return Path(export_session(path, fmt, None))
