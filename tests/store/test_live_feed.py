"""The chair's live feed: incremental, and always equal to a full recomputation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pitchroom.store import Store
from pitchroom.store.ranking import LiveFeed, ranking_report
from tests.conftest import small_session


def _same(feed: LiveFeed, store: Store) -> None:
    for method in (None, "median", "schulze"):
        assert feed.report(method) == ranking_report(store, method)


def test_feed_follows_every_kind_of_change(db_path: Path) -> None:
    store = Store.open(db_path)
    feed = LiveFeed(db_path)
    try:
        _same(feed, store)
        assert feed.rebuilds == 1
        for pitch, base in (("leesplank", 7), ("waterwijs", 5), ("kompas", 8)):
            for offset, juror in enumerate(("anna", "bram", "chris")):
                if (pitch, juror) == ("kompas", "chris"):
                    continue  # recused: the store refuses it
                store.set_score(pitch, juror, "feasibility", base + offset - 1, actor="t")
                store.set_score(pitch, juror, "impact", base, actor="t")
                _same(feed, store)
        event = store.set_score("waterwijs", "anna", "impact", 10, actor="t")
        store.undo(event.id, actor="t")
        store.set_score("leesplank", "bram", "impact", None, actor="t")
        store.set_comment("kompas", "anna", "clear plan", actor="t")
        store.toggle_timer(actor="t")
        _same(feed, store)
        assert feed.rebuilds == 1  # scores, undo, a comment and the timer: incremental
        other = Store.open(db_path)  # a station or the CLI, in another connection
        other.set_score("leesplank", "bram", "impact", 9, actor="station:bram")
        other.close()
        _same(feed, store)
        assert feed.rebuilds == 1
        store.recuse("leesplank", "anna", actor="t", reason="new conflict")
        _same(feed, store)
        store.decide("waterwijs", "award", actor="t", amount=Decimal(100_000), motivation="strong")
        store.set_closed("kompas", True, actor="t")
        _same(feed, store)
        assert feed.rebuilds == 3  # the recusal, then the decision and the close together
    finally:
        feed.close()
        store.close()


def test_feed_in_blind_mode_holds_the_open_pitch_back(tmp_path: Path) -> None:
    path = tmp_path / "blind.db"
    Store.create(path, small_session(blind=True), actor="t").close()
    store = Store.open(path)
    feed = LiveFeed(path)
    try:
        store.open_pitch("leesplank", actor="t")
        for juror in ("anna", "bram"):
            store.set_score("leesplank", juror, "feasibility", 8, actor=f"station:{juror}")
            store.set_score("leesplank", juror, "impact", 7, actor=f"station:{juror}")
            store.set_score("waterwijs", juror, "feasibility", 6, actor="t")
            store.set_score("waterwijs", juror, "impact", 6, actor="t")
        _same(feed, store)
        held = {r["pitch"]: r for r in feed.report()["ranking"]}["leesplank"]
        assert held["score"] is None  # open and not closed: held back
        store.open_pitch("waterwijs", actor="t")  # blind: moving on changes what is held
        _same(feed, store)
        assert {r["pitch"]: r for r in feed.report()["ranking"]}["waterwijs"]["score"] is None
    finally:
        feed.close()
        store.close()
