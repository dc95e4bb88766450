"""The scores read straight into arrays for the consensus engine (no object per score).

One ``select`` joins the scores to the session's pitch, juror and criterion order
(passed as JSON arrays, materialised so that SQLite indexes them) and returns, per
score, its flat grid index and its stored REAL: two numbers a row, straight into a
numpy array. The distinct values (a scale has few) are each turned into their exact
``Fraction`` by :func:`~pitchroom.store.numbers.as_fraction`, the same function
:meth:`StoreBase.scores` uses, so the engine sees the same exact numbers either way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np

from pitchroom.domain.consensus.scorearrays import ScoreArrays
from pitchroom.store.base import StoreBase
from pitchroom.store.db import paused_gc
from pitchroom.store.numbers import as_fraction

CHUNK = 20_000
"""Rows fetched and turned into an array at a time."""

_SQL = """
with p(k, i) as materialized (select value, key from json_each(:pitches)),
     j(k, i) as materialized (select value, key from json_each(:jurors)),
     c(k, i) as materialized (select value, key from json_each(:criteria))
select (p.i * :m + j.i) * :c + c.i, s.value
from scores s
join p on p.k = s.pitch
join j on j.k = s.juror
join c on c.k = s.criterion
"""


def read_score_arrays(
    store: StoreBase, pitches: Sequence[str], jurors: Sequence[str], criteria: Sequence[str]
) -> ScoreArrays:
    """The scores of ``jurors`` on ``pitches`` x ``criteria`` (others are left out).

    A value that is not a number is reported as :meth:`StoreBase.scores` reports it.
    """
    keys = tuple(pitches), tuple(jurors), tuple(criteria)
    args = {
        "pitches": json.dumps(keys[0]),
        "jurors": json.dumps(keys[1]),
        "criteria": json.dumps(keys[2]),
        "m": len(keys[1]),
        "c": len(keys[2]),
    }
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
