"""The workbook's two big sheets, Scores and Audit, read from the store as they are written.

At 500,000 scores the export document held a million rows as pydantic objects (one
``Event`` and one dict per event, one ``Fraction`` and one dict per score) only for
:mod:`pitchroom.export.tables` to turn them into rows of cells again. For the workbook
:func:`pitchroom.export.collect.collect_streamed` leaves them out, and :class:`Streams`
makes the two tables' rows straight from :mod:`pitchroom.store.stream`, a chunk at a
time, while the writer takes them: the same cells in the same order as
:func:`~pitchroom.export.tables.scores_table` and
:func:`~pitchroom.export.tables.audit_table` give (tests/export/test_xlsx_streamed.py).
Each distinct value is converted once (a score's number, an event's before/after text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from pitchroom.export.document import ExportDocument, TotalOut, trusted
from pitchroom.export.rowstream import Cell, Streamed
from pitchroom.export.tables import (
    Table,
    compact,
    counts_label,
    session_table,
    tables,
)

if TYPE_CHECKING:
    from pitchroom.store import Store
    from pitchroom.store.replay import VerifyResult
    from pitchroom.store.stream import ScoreGrid

CHUNK = 5_000
"""Rows made at a time (one writer call and one progress tick each)."""
KINDS = ("eligible", "recused", "absent", "observer")


@dataclass
class Streams:
    """What the streamed tables read: the store (inside the export's snapshot), the
    scores in session order (None: the document has them), the pairs whose values
    blind mode hides, and each (pitch, juror)'s eligibility."""

    store: Store
    grid: ScoreGrid | None
    hidden: frozenset[tuple[str, str]]
    eligibility: Callable[[str, str], str]
    verify: Callable[[], VerifyResult]

    def tables(self, doc: ExportDocument) -> list[Table]:
        """:func:`~pitchroom.export.tables.tables` of ``doc``, the Scores and Audit
        tables streamed, and the Session table (which says what verifying the log
        found) made when the writer comes to it, last."""
        out = []
        for table in tables(doc):
            if table.file == "scores" and self.grid is not None:
                vocab = self._vocab(doc)
                checked = all(map(_as_is, {text for words in vocab for text in words}))
                rows = Streamed(
                    len(self.grid),
                    self._scores(vocab),
                    checked=checked,
                    columns=partial(self._columns, vocab),
                )
                table = replace(table, rows=[], stream=rows)
            elif table.file == "audit":
                table = replace(table, rows=[], stream=Streamed(self._events(), self._audit()))
            elif table.file == "session":
                table = replace(
                    table, rows=[], stream=Streamed(len(table.rows), self._session(doc))
                )
            out.append(table)
        return out

    def audited(self, doc: ExportDocument) -> ExportDocument:
        """``doc`` with what verifying the log found (waits for it)."""
        from pitchroom.export.collect import audit_out

        audit = audit_out(doc.audit.head_id, doc.audit.head_hash, self.verify())
        return doc.model_copy(update={"audit": audit})

    def _session(self, doc: ExportDocument) -> Iterator[list[list[Cell]]]:
        yield session_table(self.audited(doc)).rows

    def _events(self) -> int:
        with self.store.lock:
            return int(self.store.db.execute("select count(*) from events").fetchone()[0])

    def _vocab(self, doc: ExportDocument) -> tuple[list[str], ...]:
        """The texts of the Scores sheet's rows: keys, titles and names in grid order,
        and what the Counts column says per (pitch, juror) of the grid."""
        grid = self.grid
        assert grid is not None
        titles = {p.key: p.title for p in doc.pitches}
        names = {j.key: j.name for j in doc.jurors}
        labels = {c.key: c.name for c in doc.criteria}
        pk, jk, ck = list(grid.pitches), list(grid.jurors), list(grid.criteria)
        said = {kind: counts_label(kind) for kind in KINDS}
        counts = [said[self.eligibility(p, j)] for p in pk for j in jk]
        return (
            pk,
            [titles.get(k, "") for k in pk],
            jk,
            [names.get(k, "") for k in jk],
            ck,
            [labels.get(k, "") for k in ck],
            counts,
        )

    def _scores(self, vocab: tuple[list[str], ...]) -> Iterator[list[list[Cell]]]:
        from pitchroom.export.collect import num

        grid = self.grid
        assert grid is not None
        pk, pt, jk, jn, ck, cn, counts = vocab
        values = [num(v) for v in grid.exact]
        m = len(jk)
        pairs = grid.pitch * m + grid.juror
        for at in range(0, len(grid), CHUNK):
            end = at + CHUNK
            yield [
                [pk[p], pt[p], jk[j], jn[j], ck[c], cn[c], values[v], counts[pj]]
                for p, j, c, v, pj in zip(
                    grid.pitch[at:end].tolist(),
                    grid.juror[at:end].tolist(),
                    grid.criterion[at:end].tolist(),
                    grid.value[at:end].tolist(),
                    pairs[at:end].tolist(),
                    strict=True,
                )
            ]

    def _columns(self, vocab: tuple[list[str], ...], start: int, stop: int) -> list[Any]:
        """Rows ``start`` to ``stop`` of :meth:`_scores` as columns (the same cells)."""
        from pitchroom.export.collect import num
        from pitchroom.export.xlsx_arrow import Texts

        grid = self.grid
        assert grid is not None
        pk, pt, jk, jn, ck, cn, counts = vocab
        p, j = grid.pitch[start:stop], grid.juror[start:stop]
        c, v = grid.criterion[start:stop], grid.value[start:stop]
        values = np.array([float(num(x)) for x in grid.exact] or [0.0], dtype=np.float64)
        return [
            Texts(pk, p),
            Texts(pt, p),
            Texts(jk, j),
            Texts(jn, j),
            Texts(ck, c),
            Texts(cn, c),
            values[v],
            Texts(counts, p * len(jk) + j),
        ]

    def _audit(self) -> Iterator[list[list[Cell]]]:
        from pitchroom.store.stream import event_rows

        shown = _Shown()
        for rows in event_rows(self.store, self.hidden):
            yield [
                [i, at, actor, action, p, j, c, shown[before], shown[after], reason, hsh]
                for i, at, actor, action, p, j, c, before, after, reason, hsh in rows
            ]


def _as_is(text: str) -> bool:
    """Whether both writers' text checks leave ``text`` as it is."""
    from pitchroom.export.text import xlsx_text
    from pitchroom.export.xlsx_native import MAX_TEXT

    return len(text) <= MAX_TEXT and xlsx_text(text) == text


class _Shown(dict[str | None, str]):
    """A stored before/after text -> what the Audit sheet shows, worked out once each."""

    def __missing__(self, text: str | None) -> str:
        from pitchroom.store.stream import decoded

        if len(self) >= 10_000:  # a log of many different texts (comments): bounded
            self.clear()
        shown = self[text] = compact(decoded(text))
        return shown


def grid_totals(session: Any, grid: ScoreGrid, eligibility: Any) -> list[TotalOut]:
    """:func:`pitchroom.export.collect.juror_totals` from the score grid's integer sums."""
    from fractions import Fraction

    from pitchroom.export.collect import num
    from pitchroom.store.stream import juror_sums

    sums = juror_sums(grid, {c.key: c.weight for c in session.criteria})
    found = {
        (grid.pitches[p], grid.jurors[j]): (top, bottom, n)
        for p, j, top, bottom, n in zip(
            sums.pitch.tolist(),
            sums.juror.tolist(),
            sums.top,
            sums.bottom,
            sums.scored,
            strict=True,
        )
    }
    criteria = len(session.criteria)
    total_out = trusted(TotalOut)
    out: list[TotalOut] = []
    for pitch in session.queue:
        for juror in session.scoring_jurors:
            top, bottom, scored = found.get((pitch.key, juror.key), (0, 0, 0))
            out.append(
                total_out(
                    {
                        "pitch": pitch.key,
                        "juror": juror.key,
                        "total": num(Fraction(top, bottom)) if bottom else None,
                        "complete": scored == criteria and scored > 0,
                        "eligibility": eligibility(pitch.key, juror.key),
                    }
                )
            )
    return out
