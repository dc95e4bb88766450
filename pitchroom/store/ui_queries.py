"""Small reads the chair screen needs that the core store does not offer yet.

Kept apart from :mod:`pitchroom.store.store` so the store owner can fold them
in (or replace them) without a merge conflict. Never imports textual.
"""

from __future__ import annotations

from pitchroom.store.base import StoreBase


def score_actors(store: StoreBase, pitch: str) -> dict[tuple[str, str], str]:
    """Who saved each current score of ``pitch``: ``{(juror, criterion): actor}``.

    Blind mode needs it: values saved from a station (actor ``station:...``)
    stay hidden from the chair until the pitch is closed.
    """
    with store.lock:
        rows = store.db.execute(
            "select juror, criterion, actor from scores where pitch = ?", [pitch]
        ).fetchall()
    return {(j, c): a for j, c, a in rows}
