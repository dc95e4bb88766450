"""The chair's first ranking and the damage check's scan, started before Textual is imported.

``pitchroom open`` has two cores to use and, before its first frame, two
independent halves of work: Textual's import, the screen's composition and its
first render on one side; on the other the live engine's import (numpy and
:mod:`pitchroom.domain.consensus`), the read of every score and the official
ranking (0.3-0.8 s of CPU at the stress size). A thread cannot overlap them (both
hold Python's lock), so :func:`pitchroom.ui.run_chair` forks a child for the
ranking (:class:`pitchroom.forked.Forked`) right after the database is opened, and
a second one for the damage check's scan of every score value
(:meth:`pitchroom.store.base.StoreBase.check_record`), so the main process
imports neither numpy nor the engine before the first frame: the ranking panel
shows the child's pickled :class:`~pitchroom.domain.consensus.result.Ranking`,
and the chair screen builds its live feed (:class:`pitchroom.store.ranking.LiveFeed`)
after the first frame, in its ranking worker.

Where a fork is not safe (see :mod:`pitchroom.forked`) nothing is computed ahead:
the scan runs when it is asked for, as :meth:`check_record` does it, and the
screen's worker computes the first ranking with the feed, as for any later one.
Importing this module imports neither Textual nor the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pitchroom.forked import Forked
from pitchroom.store.damage import scan_file

if TYPE_CHECKING:
    from pitchroom.domain.consensus.result import Ranking
    from pitchroom.store.base import StoreBase


def first_ranking(path: Path, grades: Sequence[float] | None = None) -> tuple[int, Ranking]:
    """What the chair's live feed gives first: ``(last event id, official ranking)``,
    as :meth:`LiveFeed.ranked <pitchroom.store.ranking.LiveFeed.ranked>` computes it.

    The score read's selects start in a thread before the engine is imported
    (:class:`~pitchroom.store.blocksql.EarlyRead`: SQLite steps without Python's
    lock), for ``grades`` (the scale's, from the session the caller has read; None:
    read here first). The event id is read before, so a change the read may
    already see is newer than it: the panel shows the feed's later ranking over
    this one."""
    from pitchroom.store.base import StoreBase
    from pitchroom.store.blocksql import EarlyRead

    store = StoreBase.open(path)
    try:
        version = store.head()[0]
        if grades is None:
            grades = session_grades(store)
        early = EarlyRead(store.path, grades) if grades else None
        method = store.session.session.method  # parsed while SQLite reads
        from pitchroom.domain.consensus.live import LiveRanking
        from pitchroom.store.snapshot import ranking_input

        inp = ranking_input(store, early=None if early is None else early.result())
        return version, LiveRanking(inp).rank(method)
    finally:
        store.close()


def session_grades(store: StoreBase) -> list[float] | None:
    """The float of each grade of the session's scale (what the early read asks
    SQLite for), or None if the session cannot be read (the read says why)."""
    from pitchroom.store.blocksql import scale_grades

    try:
        scale = store.session.session.scale
    except Exception:  # an unreadable definition: refused later, as before
        return None
    return scale_grades(scale.min, scale.max, scale.step)


class FirstRanking:
    """The first ranking of the database at ``path`` and its scan for damaged scores,
    each in a forked child (or, where a fork is not safe, left to the caller)."""

    def __init__(self, path: Path, grades: Sequence[float] | None = None) -> None:
        self.path = Path(path)
        self._ranking: Forked[tuple[int, Ranking]] = Forked(
            partial(first_ranking, self.path, grades)
        )
        self._scan: Forked[list[Any] | None] = Forked(partial(scan_file, self.path))

    @property
    def forked(self) -> bool:
        """Whether a child computes the first ranking (else the screen's feed does)."""
        return self._ranking.forked

    def damaged_scores(self) -> list[Any] | None:
        """The child's scan: the score values that are not numbers (none in a sound
        record), or None without a child (:meth:`StoreBase.check_record` scans)."""
        if not self._scan.forked:
            return None
        return self._scan.result()

    def ready(self, timeout: float = 0.0) -> bool:
        """Whether :meth:`result` would not wait for the child (True without a child);
        waits up to ``timeout`` seconds for it."""
        return not self.forked or self._ranking.ready(timeout)

    def result(self) -> tuple[int, Ranking] | None:
        """The child's first ranking, or None: no child, or no result (then the screen's
        feed computes it, and shows why it cannot)."""
        if not self._ranking.forked:
            return None
        try:
            return self._ranking.result()
        except Exception:  # the child failed, and so did the run here: the feed says why
            return None

    def close(self) -> None:
        """Stop the children whose results are no longer wanted."""
        self._ranking.close()
        self._scan.close()
