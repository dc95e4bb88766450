"""The consensus ranking of a stored session: the record read once, the engine run.

This is the seam every reader of the ranking uses (the CLI, the chair screen,
the projector, the exports), so they all agree.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from pitchroom.domain.consensus import LiveRanking, Ranking, rank
from pitchroom.store.base import StoreBase
from pitchroom.store.blocksql import EarlyRead
from pitchroom.store.snapshot import ranking_input


def compute(
    store: StoreBase,
    method: str | None = None,
    *,
    extras: bool = False,
    split: bool = False,
    early: EarlyRead | None = None,
) -> Ranking:
    """The :class:`Ranking` for ``method`` (default: the session's own); ``split``: the
    extras' resampling in a forked child where that is safe (see ``with_extras``);
    ``early``: the score read's selects started in a thread (joined here, before any
    fork)."""
    if extras:  # imported while the early read's SQL runs (not for the live panel)
        from pitchroom.domain.consensus.extras import with_extras
    inp = ranking_input(store, early=None if early is None else early.result())
    chosen = method or store.session.session.method
    if not extras:
        return rank(inp, chosen)
    return with_extras(inp, chosen, split=split)


def ranking_report(
    store: StoreBase,
    method: str | None = None,
    extras: bool = False,
    *,
    split: bool = False,
    early: EarlyRead | None = None,
) -> dict[str, Any]:
    """The ``ranking --json`` object of SPEC.md, protocol fingerprint included."""
    report = compute(store, method, extras=extras, split=split, early=early).to_json()
    return {"protocol": store.protocol(), **report}


class LiveFeed:
    """The chair's live ranking, kept up to date without recomputing the world.

    Reads the audit log since the last call: saved, cleared or undone scores
    re-read only their pitch and update the incremental engine
    (:class:`LiveRanking`); comments (and, outside blind mode, the timer and the
    open pitch) change nothing; anything else (a recusal, a decision, a closed
    pitch, a pot transfer, a protocol change) rebuilds it from the record.

    Thread-safe: the chair screen's ranking worker calls :meth:`ranking` (which may
    rebuild, slow at the stress size), and the screen itself calls :meth:`quick`
    right after a saved score, so the panel changes in the same frame as the grid;
    :meth:`quick` never waits for the worker.
    """

    def __init__(self, path: Path, clock: Any = None) -> None:
        self.path = Path(path)
        self._clock = clock
        self._store: StoreBase | None = None
        self._live: LiveRanking | None = None
        self._seen = 0
        self._lock = threading.Lock()
        self._closed = False
        self.rebuilds = 0
        """How often the engine was rebuilt from the whole record (for tests)."""

    def report(self, method: str | None = None) -> dict[str, Any]:
        """The ``ranking --json`` object, as :func:`ranking_report` would give it."""
        ranking = self.ranking(method)
        assert self._store is not None
        return {"protocol": self._store.protocol(), **ranking.to_json()}

    def ranking(self, method: str | None = None) -> Ranking:
        """The :class:`Ranking` of the record as it is now (default: the session's method)."""
        return self.ranked(method)[1]

    def ranked(self, method: str | None = None) -> tuple[int, Ranking]:
        """:meth:`ranking`, with the id of the last event it includes (later is newer)."""
        with self._lock:
            if self._closed:  # a screen closed it while its worker was starting
                raise RuntimeError("the live feed is closed")
            if self._store is None:
                self._store = StoreBase.open(self.path, self._clock)
            store = self._store
            if self._live is None:
                self._rebuild(store)
            else:
                pending = self._pending(store)
                if pending is None:
                    self._rebuild(store)
                else:
                    self._apply(store, *pending)
            assert self._live is not None
            return self._seen, self._live.rank(method or store.session.session.method)

    def quick(self, method: str | None = None) -> tuple[int, Ranking] | None:
        """:meth:`ranked` when it is quick: the engine is built, no other thread is using
        it, and every change since is a score (one pitch re-read each). None otherwise:
        then the worker's :meth:`ranking` has to do it."""
        if not self._lock.acquire(blocking=False):
            return None
        try:
            store, live = self._store, self._live
            if store is None or live is None:
                return None
            pending = self._pending(store)
            if pending is None:
                return None
            self._apply(store, *pending)
            return self._seen, live.rank(method or store.session.session.method)
        finally:
            self._lock.release()

    def _rebuild(self, store: StoreBase) -> None:
        self._seen = store.head()[0]
        self._live = LiveRanking(ranking_input(store))
        self.rebuilds += 1

    def _pending(self, store: StoreBase) -> tuple[int, set[str]] | None:
        """The last event since the last call and the pitches whose scores changed,
        or None when one of the events needs a rebuild."""
        events = store.events(after_id=self._seen)
        if not events:
            return self._seen, set()
        blind = store.session.session.blind
        touched: set[str] = set()
        for event in events:
            if event.entity == "score" and event.pitch:
                touched.add(event.pitch)
            elif event.entity == "comment" or (event.entity == "live" and not blind):
                continue
            else:
                return None
        return events[-1].id, touched

    def _apply(self, store: StoreBase, last: int, touched: set[str]) -> None:
        assert self._live is not None
        scoring = set(self._live.input.jurors)
        for pitch in touched:
            scores = {(j, c): v for (_, j, c), v in store.scores(pitch).items() if j in scoring}
            self._live.update_scores(pitch, scores)
        self._seen = last

    def close(self) -> None:
        """Close its connection; it opens none after this."""
        with self._lock:
            self._closed = True
            if self._store is not None:
                self._store.close()
                self._store = None
