"""The change watcher: one poller per store, told only of other connections' commits."""

from __future__ import annotations

from pathlib import Path

from pitchroom.store import Store


def test_subscribers_hear_of_other_connections_commits_once(store: Store, db_path: Path) -> None:
    heard: list[str] = []
    changes = store.changes
    assert store.changes is changes  # one watcher per store
    changes.subscribe(lambda: heard.append("chair"))
    unsubscribe = changes.subscribe(lambda: heard.append("ranking"))
    assert not changes.check()
    store.set_score("leesplank", "anna", "impact", 7, actor="chair")  # our own write
    assert not changes.check() and heard == []
    other = Store.open(db_path)
    try:
        other.set_score("leesplank", "bram", "impact", 6, actor="station:bram")
        assert changes.check()
        assert heard == ["chair", "ranking"]
        assert not changes.check()  # nothing new: nobody is told again
        unsubscribe()
        unsubscribe()  # twice is harmless
        other.set_score("leesplank", "bram", "impact", 5, actor="station:bram")
        assert changes.check()
        assert heard == ["chair", "ranking", "chair"]
    finally:
        other.close()
