"""The scores read straight into arrays for the consensus engine (no object per score).

The usual way (:func:`_read_coded`): every stored value is compared, in SQL, with the
float of each grade of the scale (what a write stores for it) and becomes a small
grade code, so no Python object per score exists at all. Where it works the codes
are read in primary-key order and the grid indices derived from the key order
(:mod:`pitchroom.store.scoreblocks`: no lookup per score); otherwise one ``select``
joins the scores to the session's pitch, juror and criterion order (passed as JSON
arrays, materialised so that SQLite indexes them) and returns one string of
integers ``flat index * (K + 1) + grade code`` that numpy parses at once. A value
that is no grade's float gets code ``K`` and sends the read down the general way
(:func:`_read_rows`): per score its flat grid index and its stored REAL, two numbers
a row, into a numpy array in slices. Either way the distinct values that occur are
each turned into their exact ``Fraction`` by
:func:`~pitchroom.store.numbers.as_fraction`, the same function :meth:`StoreBase.scores`
uses for that stored double, so the engine sees the same exact numbers as before.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np

from pitchroom.domain.consensus.scorearrays import ScoreArrays
from pitchroom.store.base import StoreBase
from pitchroom.store.blocksql import MAX_GRADES as MAX_GRADES
from pitchroom.store.blocksql import Fetched
from pitchroom.store.db import paused_gc
from pitchroom.store.numbers import as_fraction
from pitchroom.store.scoreblocks import Pairs, read_blocks

CHUNK = 20_000
"""Rows fetched and turned into an array at a time."""

_FROM = """
with p(k, i) as materialized (select value, key from json_each(:pitches)),
     j(k, i) as materialized (select value, key from json_each(:jurors)),
     c(k, i) as materialized (select value, key from json_each(:criteria))
select {columns}
from scores s
join p on p.k = s.pitch
join j on j.k = s.juror
join c on c.k = s.criterion
"""
_SQL = _FROM.format(columns="(p.i * :m + j.i) * :c + c.i, s.value")


def key_args(keys: tuple[Sequence[str], Sequence[str], Sequence[str]]) -> dict[str, object]:
    """The parameters of :data:`_FROM`'s key tables (and of a flat index) for
    ``(pitches, jurors, criteria)``."""
    return {
        "pitches": json.dumps(list(keys[0])),
        "jurors": json.dumps(list(keys[1])),
        "criteria": json.dumps(list(keys[2])),
        "m": len(keys[1]),
        "c": len(keys[2]),
    }


def read_score_arrays(
    store: StoreBase,
    pitches: Sequence[str],
    jurors: Sequence[str],
    criteria: Sequence[str],
    grades: Sequence[float] = (),
    *,
    early: Fetched | None = None,
) -> ScoreArrays:
    """The scores of ``jurors`` on ``pitches`` x ``criteria`` (others are left out);
    ``grades``: the float of every grade of the scale, lowest first (for the coded read);
    ``early``: its selects already run (:func:`pitchroom.store.scoreblocks.read_blocks`).

    A value that is not a number is reported as :meth:`StoreBase.scores` reports it.
    """
    keys = tuple(pitches), tuple(jurors), tuple(criteria)
    args: dict[str, object] = key_args(keys)
    if 0 < len(grades) <= MAX_GRADES:
        coded = _read_coded(store, keys, [float(g) for g in grades], args, early)
        if coded is not None:
            return coded
    return _read_rows(store, keys, args)


def _read_coded(
    store: StoreBase,
    keys: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    grades: list[float],
    args: dict[str, object],
    early: Fetched | None = None,
) -> ScoreArrays | None:
    """The scores as grade codes (no Python object per score); None if some value
    is no grade's float. In primary-key order (:mod:`pitchroom.store.scoreblocks`)
    where that works, else the coded join."""
    k = len(grades)
    when = " ".join(f"when :g{i} then {i}" for i in range(k))
    sql = _FROM.format(
        columns=f"group_concat(((p.i * :m + j.i) * :c + c.i) * {k + 1} + "
        f"(case s.value {when} else {k} end))"
    )
    bound = {**args, **{f"g{i}": g for i, g in enumerate(grades)}}

    def coded(pitches: Sequence[str | None]) -> Pairs:
        """The coded join on ``pitches`` (None: left out, its place kept)."""
        with store.lock:
            (text,) = store.db.execute(sql, {**bound, "pitches": json.dumps(pitches)}).fetchone()
        packed = np.fromstring(text or "", dtype=np.int64, sep=",")
        index, code = np.divmod(packed, k + 1)
        return index, code

    pairs = read_blocks(store, keys, grades, coded, early)
    index, code = pairs if pairs is not None else coded(keys[0])
    if len(code) and int(code.max()) == k:
        return None  # a stored value that no write of a grade gives: the general read
    # Which grades occur, and each score's place among them (codes are small: bincount).
    used = np.flatnonzero(np.bincount(code, minlength=k))
    place = np.zeros(k, dtype=np.int64)
    place[used] = np.arange(len(used))
    # The same exact value the dict path makes of that stored double.
    values = tuple(as_fraction(grades[u]) for u in used.tolist())
    return ScoreArrays(*keys, index, place[code], values)


def _read_rows(
    store: StoreBase,
    keys: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    args: dict[str, object],
) -> ScoreArrays:
    """Per score its flat index and stored REAL, in slices (any stored value)."""
    chunks: list[np.ndarray] = []
    with store.lock, paused_gc():
        cursor = store.db.execute(_SQL, args)
        try:
            # In slices: the rows of one slice are freed before the next is read, so the
            # process never holds 500,000 tuples at once (the allocator keeps what it
            # once held: that showed as the chair's RSS).
            while rows := cursor.fetchmany(CHUNK):
                # Both columns are exact in float64: the index is far below 2**53, and
                # the value is the stored REAL itself.
                chunks.append(np.array(rows, dtype=np.float64).reshape(-1, 2))
        except (ValueError, TypeError):
            store.scores()  # raises the message naming the damaged score
            raise
        finally:
            cursor.close()
    if not chunks:
        empty = np.zeros(0, dtype=np.int64)
        return ScoreArrays(*keys, empty, empty, ())
    table = np.concatenate(chunks)
    distinct, codes = np.unique(table[:, 1], return_inverse=True)
    try:
        values = tuple(as_fraction(float(v)) for v in distinct.tolist())
    except (ValueError, TypeError, ZeroDivisionError):
        store.scores()
        raise
    index = table[:, 0].astype(np.int64)
    return ScoreArrays(*keys, index, codes.astype(np.int64).reshape(-1), values)
