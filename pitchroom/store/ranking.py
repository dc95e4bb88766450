"""The consensus ranking of a stored session: the record read once, the engine run.

This is the seam every reader of the ranking uses (the CLI, the chair screen,
the projector, the exports), so they all agree.
"""

from __future__ import annotations

from typing import Any

from pitchroom.domain.consensus import Ranking, rank, with_extras
from pitchroom.store.base import StoreBase
from pitchroom.store.snapshot import ranking_input


def compute(store: StoreBase, method: str | None = None, *, extras: bool = False) -> Ranking:
    """The :class:`Ranking` for ``method`` (default: the session's own)."""
    inp = ranking_input(store)
    chosen = method or store.session.session.method
    return with_extras(inp, chosen) if extras else rank(inp, chosen)


def ranking_report(
    store: StoreBase, method: str | None = None, extras: bool = False
) -> dict[str, Any]:
    """The ``ranking --json`` object of SPEC.md, protocol fingerprint included."""
    report = compute(store, method, extras=extras).to_json()
    return {"protocol": store.protocol(), **report}
