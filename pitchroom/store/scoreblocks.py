"""The scores read in primary-key order, without a lookup per score.

The coded join of :mod:`pitchroom.store.scorearrays` looks each score's juror and
criterion up in the session's order (two index searches a row: most of its time at
500,000 scores). This read asks SQLite for nothing per row but the grade code:
``jurors`` and ``criteria`` keys in SQLite's own order (``order by key``), then one
walk over the primary key's index (``group by pitch``) that gives per pitch whether
its jurors and criteria, in the order visited, are every pair of those tables once
(:func:`pitchroom.store.blocksql.fetch`: two string comparisons a pitch, no lookup),
and its scores' grade codes in that order, which numpy parses at once.

A pitch with a score for every juror and criterion of those tables (and no other
key among them; the primary key allows each pair once) so has its codes in the
order ``jurors x criteria`` sorted, and their grid indices follow from their
positions. The scores of any other pitch (a recusal, a late juror, one not yet
scored, a key no table has) come from the coded join restricted to those pitches.
The selects run in one read transaction, so they see the same record. Returns None
when the general read should be used instead: a database not in UTF-8 (SQLite
would order its keys differently from this code's assumption), a key that is no
text or holds a comma, or most scores in incomplete pitches (then the plain coded
join is cheaper).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from pitchroom.store.base import StoreBase
from pitchroom.store.blocksql import HEAD, Fetched, fetch
from pitchroom.store.blocksql import ZERO as ZERO

Pairs = tuple[np.ndarray, np.ndarray]
"""Per score its flat grid index and its grade code."""


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
    :class:`~pitchroom.store.blocksql.EarlyRead`), taken where no coded join is needed,
    or where this transaction's record ends at the same audit event (every write
    appends one), as the coded join would see it."""
    pitches, jurors, criteria = keys
    m, c = len(jurors), len(criteria)
    k = len(grades)
    with store.lock, read_transaction(store):
        if early is not None and early.grades != tuple(grades):
            early = None  # not for these grades
        fetched = early if early is not None else fetch(store.db.execute, grades)
        if fetched is None:
            return None
        table_jurors, table_crit = fetched.table_jurors, fetched.table_crit
        full = len(table_jurors) * len(table_crit)
        where = {key: i for i, key in enumerate(pitches)}
        on: list[int] = []  # the complete pitches of the session, and their codes
        texts: list[str] = []
        rest: set[str] = set()  # the session's other pitches with scores
        total = done = 0
        for key, same, text in fetched.blocks:
            ok = same == 1 and len(text) == full
            total += len(text)
            done += full if ok else 0
            at = where.get(key, -1)
            if at < 0:
                continue  # a pitch no session has: left out, as by the join
            if ok:
                on.append(at)
                texts.append(text)
            else:
                rest.add(key)
        if not total:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        if 2 * done < total:
            return None
        if (
            rest
            and early is not None
            and (early.head is None or store.db.execute(HEAD).fetchone() != early.head)
        ):
            # the coded join sees this transaction's record, a later one than early's
            return read_blocks(store, keys, grades, coded)
        parts: list[Pairs] = []
        if rest:
            parts.append(coded([p if p in rest else None for p in pitches]))
    # The complete pitches: their codes in rows of ``full``, in jurors x criteria order.
    code8 = np.frombuffer("".join(texts).encode("ascii"), dtype=np.uint8) - np.uint8(ZERO)
    np.minimum(code8, k, out=code8)  # "~" (no grade) is code k
    jpos = {key: i for i, key in enumerate(jurors)}
    cpos = {key: i for i, key in enumerate(criteria)}
    tj = np.array([jpos.get(key, -1) for key in table_jurors], dtype=np.int64)
    tc = np.array([cpos.get(key, -1) for key in table_crit], dtype=np.int64)
    cell_j, cell_c = np.repeat(tj, len(tc)), np.tile(tc, len(tj))
    kept = (cell_j >= 0) & (cell_c >= 0)  # scoring jurors, the session's criteria
    if not kept.all():
        code8 = code8.reshape(-1, full)[:, kept].reshape(-1)
    code = code8.astype(np.int64)
    cells = (cell_j * c + cell_c)[kept]
    index = (np.array(on, dtype=np.int64)[:, None] * (m * c) + cells[None, :]).reshape(-1)
    if parts:
        index = np.concatenate([index, *(p[0] for p in parts)])
        code = np.concatenate([code, *(p[1] for p in parts)])
    return index, code
