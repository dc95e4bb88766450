"""The scores read in primary-key order, without a lookup per score.

The coded join of :mod:`pitchroom.store.scorearrays` looks each score's juror and
criterion up in the session's order (two index searches a row: most of its time at
500,000 scores). This read asks SQLite for nothing per row but the grade code:

1. ``jurors`` and ``criteria`` keys in SQLite's own order (``order by key``), and per
   pitch its number of scores and the distinct jurors and criteria among them
   (``group by pitch`` on the primary key's index, which holds those columns);
2. one string of every score's grade code in primary-key order (pitch, juror,
   criterion), which numpy parses at once.

A pitch with a score for every juror and criterion of those tables (as many scores
as pairs, and no other key among them; the primary key allows each pair once) holds
its scores in exactly the order ``jurors x criteria`` sorted, so their grid indices
follow from their positions. The scores of any other pitch (a
recusal, a late juror, one not yet scored) come from the coded join restricted to
those pitches. The three queries run in one read transaction, so they see the same
record. Returns None when the general read should be used instead: a database not
in UTF-8 (SQLite would order its keys differently from this code's assumption), or
most scores in incomplete pitches (then the plain coded join is cheaper).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from pitchroom.store.base import StoreBase
from pitchroom.store.blocksql import ZERO as ZERO
from pitchroom.store.blocksql import Fetched, fetch_blocks, fetch_codes

Pairs = tuple[np.ndarray, np.ndarray]
"""Per score its flat grid index and its grade code."""


def _same(listed: str | None, keys: list[str]) -> bool:
    """Whether ``group_concat(distinct key)`` listed exactly ``keys`` (in any order).

    Exact with the block's count: a key holding a comma would make fewer distinct
    keys than listed pieces, and then the count of pairs could not be reached."""
    if listed is None:
        return False
    return listed == ",".join(keys) or sorted(listed.split(",")) == keys


@contextlib.contextmanager
def read_transaction(store: StoreBase) -> Iterator[None]:
    """One snapshot of the record for several selects (joins one already open)."""
    conn = store.db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("begin")
    try:
        yield
    finally:
        conn.execute("commit")


def read_blocks(
    store: StoreBase,
    keys: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    grades: Sequence[float],
    coded: Callable[[list[str | None]], Pairs],
    early: Fetched | None = None,
) -> Pairs | None:
    """Flat index and grade code (``len(grades)`` for no grade) of every score of
    ``keys``' jurors on its pitches and criteria; ``coded(pitches_json_list)`` runs
    the coded join on the pitches not None in that list (called inside the same
    transaction). None: use the coded join for everything (see the module).
    ``early``: the selects already run for ``grades`` in a snapshot of their own (by
    :class:`~pitchroom.store.blocksql.EarlyRead`), taken where no coded join is needed
    (that one would see this transaction's snapshot)."""
    pitches, jurors, criteria = keys
    m, c = len(jurors), len(criteria)
    k = len(grades)
    db = store.db
    with store.lock, read_transaction(store):
        if early is not None and (early.codes is None or early.codes[0] != tuple(grades)):
            early = None  # not for these grades
        fetched = early if early is not None else fetch_blocks(db.execute)
        if fetched is None:
            return None
        table_jurors, table_crit, blocks = fetched.table_jurors, fetched.table_crit, fetched.blocks
        if not blocks:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        full = len(table_jurors) * len(table_crit)
        where = {key: i for i, key in enumerate(pitches)}
        counts = np.array([b[1] for b in blocks], dtype=np.int64)
        block_pitch = np.array([where.get(b[0], -1) for b in blocks], dtype=np.int64)
        complete = np.array(
            [
                b[1] == full and _same(b[2], table_jurors) and _same(b[3], table_crit)
                for b in blocks
            ],
            dtype=bool,
        )
        if full == 0 or 2 * int(counts[complete].sum()) < int(counts.sum()):
            return None
        rest = {
            b[0]
            for b, ok, pi in zip(blocks, complete, block_pitch, strict=True)
            if not ok and pi >= 0
        }
        if rest and early is not None:  # the coded join needs this transaction's snapshot
            return read_blocks(store, keys, grades, coded)
        text = (
            early.codes[1] if early is not None and early.codes else fetch_codes(db.execute, grades)
        )
        parts: list[Pairs] = []
        if rest:
            parts.append(coded([p if p in rest else None for p in pitches]))
    stream = np.frombuffer((text or "").encode("ascii"), dtype=np.uint8)
    if len(stream) != int(counts.sum()):
        return None  # cannot happen in one snapshot; the general read, to be safe
    code = stream.astype(np.int64)
    code -= ZERO
    np.minimum(code, k, out=code)  # "~" (no grade) is code k
    # The complete pitches: their codes in rows of ``full``, in jurors x criteria order.
    jpos = {key: i for i, key in enumerate(jurors)}
    cpos = {key: i for i, key in enumerate(criteria)}
    tj = np.array([jpos.get(key, -1) for key in table_jurors], dtype=np.int64)
    tc = np.array([cpos.get(key, -1) for key in table_crit], dtype=np.int64)
    cell_j, cell_c = np.repeat(tj, len(tc)), np.tile(tc, len(tj))
    kept = (cell_j >= 0) & (cell_c >= 0)  # scoring jurors, the session's criteria
    on = block_pitch[complete]
    ours = on >= 0  # pitches of the session
    if not complete.all():
        code = code[np.repeat(complete, counts)]
    if not ours.all():
        code = code.reshape(-1, full)[ours].reshape(-1)
        on = on[ours]
    if not kept.all():
        code = code.reshape(-1, full)[:, kept].reshape(-1)
    index = (on[:, None] * (m * c) + (cell_j * c + cell_c)[kept][None, :]).reshape(-1)
    if parts:
        index = np.concatenate([index, *(p[0] for p in parts)])
        code = np.concatenate([code, *(p[1] for p in parts)])
    return index, code
