"""The record's two big tables read for the exports without an object per row.

:meth:`StoreBase.scores` builds a dict of every score with one ``Fraction`` each and
:meth:`StoreBase.events` one :class:`~pitchroom.store.records.Event` per event: at
500,000 scores that was most of a workbook's reading. Here:

- :func:`score_grid` reads the scores as :mod:`pitchroom.store.scorearrays` does: one
  ``select`` joins them to the session's pitch, juror and criterion order and returns one
  string of integers, ``flat index * (V + 1) + value code``, where the code says which
  of the V distinct stored values (``select distinct``, compared as bound doubles in a
  ``CASE``) the score holds. numpy parses and sorts it: the scores in session order as
  four small-integer arrays, which the caller turns into rows a chunk at a time, and
  the juror totals (:func:`juror_sums`) as integer sums. A score whose pitch, juror or
  criterion the session does not know, or more than :data:`MAX_VALUES` distinct
  values, gives None (the caller reads the scores the general way).
- :func:`event_rows` gives the log's rows as the cursor gives them, :data:`CHUNK` at a
  time, so the caller can hand each chunk on and let it go; before and after stay the
  stored JSON text (:func:`decoded` reads one as :meth:`StoreBase.events` does).

Everything runs on the store's connection: call inside one read transaction (the
export's snapshot) so that the rows agree with the rest of what is read.
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from pitchroom.store.base import StoreBase
from pitchroom.store.numbers import as_fraction
from pitchroom.store.records import _load
from pitchroom.store.scorearrays import key_args

CHUNK = 5_000
"""Event rows fetched at a time."""

MAX_VALUES = 64
"""Distinct stored score values above which :func:`score_grid` declines (a long CASE)."""

_HIDDEN = (
    "h(p, j) as materialized "
    "(select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(:hidden))"
)


def _hidden_json(hidden: Collection[tuple[str, str]]) -> str:
    return json.dumps(sorted(hidden))


@dataclass(frozen=True)
class ScoreGrid:
    """The scores in session order: score ``k`` is on ``pitches[pitch[k]]`` by
    ``jurors[juror[k]]`` for ``criteria[criterion[k]]`` and holds ``values[value[k]]``
    (the stored double; ``exact``: its exact value, as :func:`as_fraction` gives it)."""

    pitches: tuple[str, ...]
    jurors: tuple[str, ...]
    criteria: tuple[str, ...]
    pitch: np.ndarray
    juror: np.ndarray
    criterion: np.ndarray
    value: np.ndarray
    values: tuple[float, ...]
    exact: tuple[Fraction, ...]

    def __len__(self) -> int:
        return int(self.pitch.shape[0])


def score_grid(
    store: StoreBase,
    pitches: Sequence[str],
    jurors: Sequence[str],
    criteria: Sequence[str],
    hidden: Collection[tuple[str, str]] = (),
) -> ScoreGrid | None:
    """Every score (but those of the (pitch, juror) pairs in ``hidden``) ordered by the
    session's pitch, juror and criterion order; None if a score is on a key not in
    ``pitches``, ``jurors`` or ``criteria``, or there are too many distinct values.

    A stored value that is not a number is reported as :meth:`StoreBase.scores` does.
    """
    keys = tuple(pitches), tuple(jurors), tuple(criteria)
    with store.lock:
        found = [v for (v,) in store.db.execute("select distinct value from scores")]
        if len(found) > MAX_VALUES or any(type(v) is not float for v in found):
            return None  # many values, or one stored as text or integer: the general way
        try:
            exact = tuple(as_fraction(v) for v in found)
        except (ValueError, TypeError, ZeroDivisionError):
            store.scores()  # raises the message naming the damaged score
            raise
        k = len(found)
        if k == 0:
            empty = np.zeros(0, dtype=np.int64)
            return ScoreGrid(*keys, empty, empty, empty, empty, (), ())
        args: dict[str, Any] = {**key_args(keys), **{f"v{i}": v for i, v in enumerate(found)}}
        ctes = [
            "p(k, i) as materialized (select value, key from json_each(:pitches))",
            "j(k, i) as materialized (select value, key from json_each(:jurors))",
            "c(k, i) as materialized (select value, key from json_each(:criteria))",
        ]
        where = ""
        if hidden:
            ctes.append(_HIDDEN)
            args["hidden"] = _hidden_json(hidden)
            where = "where not exists (select 1 from h where h.p = s.pitch and h.j = s.juror)"
        when = " ".join(f"when :v{i} then {i}" for i in range(k))
        sql = f"""
with {", ".join(ctes)}
select count(*), group_concat(((p.i * :m + j.i) * :c + c.i) * {k + 1} + (case s.value {when} end))
from scores s
join p on p.k = s.pitch
join j on j.k = s.juror
join c on c.k = s.criterion
{where}
"""
        count, text = store.db.execute(sql, args).fetchone()
        every = f"select count(*) from scores s {where}"
        if count != store.db.execute(f"with {', '.join(ctes)} {every}", args).fetchone()[0]:
            return None  # a score on a key the session does not know: the general way
    packed = np.fromstring(text or "", dtype=np.int64, sep=",")
    packed.sort()  # by flat index (unique per score), so in session order
    index, value = np.divmod(packed, k + 1)
    m, c = len(keys[1]), len(keys[2])
    pitch, rest = np.divmod(index, m * c)
    juror, criterion = np.divmod(rest, c)
    return ScoreGrid(*keys, pitch, juror, criterion, value, tuple(found), exact)


@dataclass(frozen=True)
class JurorSums:
    """Per (pitch, juror) with a score on a criterion of nonzero weight: the weighted
    sum of those scores over the sum of their weights is ``top / bottom``, from
    ``scored`` criteria."""

    pitch: np.ndarray
    juror: np.ndarray
    top: list[int]
    bottom: list[int]
    scored: list[int]


def juror_sums(
    grid: ScoreGrid, weights: Mapping[str, Fraction | Decimal | int | float]
) -> JurorSums:
    """The weighted sums of each juror's scores per pitch, exact: every value is a whole
    multiple of ``1 / lcm(denominators)`` and every weight of ``1 / lcm(its)``, so the
    sums are integers (numpy int64 where they fit, Python ints otherwise). A criterion
    not in ``weights``, or of weight 0, does not count (as in
    :class:`~pitchroom.domain.totals.TotalRule`)."""
    ratios = [Fraction(weights.get(key, 0)) for key in grid.criteria]
    wscale = math.lcm(*(r.denominator for r in ratios)) if ratios else 1
    vscale = math.lcm(*(v.denominator for v in grid.exact)) if grid.exact else 1
    wlist = [int(r * wscale) for r in ratios] or [0]
    vlist = [int(v * vscale) for v in grid.exact] or [0]
    bound = max(map(abs, wlist)) * max(map(abs, vlist)) * max(len(wlist), 1)
    kind: Any = np.int64 if bound < (1 << 62) else object  # each pair's sums fit in int64
    wints, vints = np.array(wlist, dtype=kind), np.array(vlist, dtype=kind)
    keep = (wints != 0)[grid.criterion]
    pair = (grid.pitch * len(grid.jurors) + grid.juror)[keep]
    w = wints[grid.criterion[keep]]
    products = w * vints[grid.value[keep]]
    if len(pair):
        starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
        top, wsum = np.add.reduceat(products, starts), np.add.reduceat(w, starts)
        scored, heads = np.diff(np.r_[starts, len(pair)]), pair[starts]
    else:
        top = wsum = scored = heads = pair
    pitch, juror = np.divmod(heads, max(len(grid.jurors), 1))
    return JurorSums(
        pitch,
        juror,
        [int(x) for x in top.tolist()],
        [vscale * int(x) for x in wsum.tolist()],
        [int(x) for x in scored.tolist()],
    )


def event_rows(
    store: StoreBase, hidden: Collection[tuple[str, str]] = ()
) -> Iterator[list[tuple[Any, ...]]]:
    """Every event as ``(id, at, actor, action, pitch, juror, criterion, before, after,
    reason, hash)`` in log order, in chunks; ``before`` and ``after`` as stored (JSON
    text or None). A score event of a (pitch, juror) pair in ``hidden`` has neither."""
    args: dict[str, Any] = {}
    values = "before, after"
    ctes = ""
    if hidden:
        args["hidden"] = _hidden_json(hidden)
        ctes = "with " + _HIDDEN
        hide = (
            "case when s.entity = 'score' and exists "
            "(select 1 from h where h.p = s.pitch and h.j = s.juror) then null else s.{} end"
        )
        values = f"{hide.format('before')}, {hide.format('after')}"
    sql = (
        f"{ctes} select id, at, actor, action, pitch, juror, criterion, {values}, reason, hash "
        "from events s order by id"
    )
    with store.lock:
        cursor = store.db.conn.execute(sql, args)
        try:
            while rows := cursor.fetchmany(CHUNK):
                yield rows
        finally:
            with contextlib.suppress(sqlite3.ProgrammingError):  # the store was closed first
                cursor.close()


def decoded(text: str | None) -> Any:
    """A stored before/after value as :meth:`StoreBase.events` reads it."""
    return None if text is None else _load(text)
