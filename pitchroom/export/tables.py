"""The export document as flat tables: the sheets of the workbook, the CSV files.

Cells hold plain values (text, int, float, None); each column says what kind
of value it holds, so the workbook can format amounts as currency and the CSV
writer can pick the decimal separator. Escaping is the writers' job.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from pitchroom.export.document import ExportDocument, Num
from pitchroom.export.rowstream import Cell, Streamed
from pitchroom.i18n import t


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"
    """``text``, ``key`` (a slug), ``int``, ``num`` (as entered), ``dec`` (a computed mean,
    shown with two decimals), ``money``, ``time``, ``long`` or ``hash``."""


@dataclass
class Table:
    name: str
    """The sheet title (at most 31 characters)."""
    file: str
    """The CSV file's stem; stable, for scripts."""
    columns: list[Column]
    rows: list[list[Cell]]
    lines: set[int] = field(default_factory=set)
    """Indexes of rows with a funding line drawn above them."""
    stream: Streamed | None = None
    """The rows read as they are written (the big tables of a workbook): then ``rows``
    holds only the first of them (for the column widths)."""

    def count(self) -> int:
        """How many rows the table has."""
        return len(self.rows) if self.stream is None else self.stream.count

    def sample(self) -> list[list[Cell]]:
        """The first rows (at least 200 of them, if there are that many)."""
        return self.rows if self.stream is None else self.stream.head

    def chunks(self, size: int) -> Iterator[list[list[Cell]]]:
        """All the rows, in chunks (``size`` rows each, or the stream's own)."""
        if self.stream is not None:
            yield from self.stream.chunks()
            return
        for at in range(0, len(self.rows), size):
            yield self.rows[at : at + size]


def _yes(flag: bool | None) -> str:
    if flag is None:
        return ""
    return t("export.yes") if flag else t("export.no")


def tables(doc: ExportDocument) -> Iterator[Table]:
    """The sheets in workbook order: Ranking, Scores, Matrix, Comments, Conflicts,
    Decisions, Audit, then Session (the fingerprint and head hash)."""
    yield from (
        ranking_table(doc),
        scores_table(doc),
        matrix_table(doc),
        comments_table(doc),
        conflicts_table(doc),
        decisions_table(doc),
        audit_table(doc),
        session_table(doc),
    )


def _names(doc: ExportDocument) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    return (
        {p.key: p.title for p in doc.pitches},
        {j.key: j.name for j in doc.jurors},
        {c.key: c.name for c in doc.criteria},
    )


def ranking_table(doc: ExportDocument) -> Table:
    pitches = {p.key: p for p in doc.pitches}
    columns = [
        Column(t("export.col_rank"), "int"),
        Column(t("export.col_pitch"), "key"),
        Column(t("export.col_title"), "long"),
        Column(t("export.col_applicant"), "long"),
        Column(t("export.col_score"), "dec"),
        Column(t("export.col_jurors"), "int"),
        Column(t("export.col_spread"), "dec"),
        Column(t("export.col_discuss")),
        Column(t("export.col_best_rank"), "int"),
        Column(t("export.col_worst_rank"), "int"),
        Column(t("export.col_bootstrap_low"), "num"),
        Column(t("export.col_bootstrap_high"), "num"),
        Column(t("export.col_requested"), "money"),
        Column(t("export.col_cumulative"), "money"),
        Column(t("export.col_pot"), "key"),
        Column(t("export.col_status")),
        Column(t("export.col_decision")),
        Column(t("export.col_granted"), "money"),
        Column(t("export.col_fragile")),
        *(Column(t("export.col_criterion", criterion=c.name), "dec") for c in doc.criteria),
    ]
    firsts = {doc.ranking.first_unfunded} | {p.first_unfunded for p in doc.ranking.pots}
    rows: list[list[Cell]] = []
    lines: set[int] = set()
    cumulative: int | float = 0
    for index, row in enumerate(doc.ranking.ranking):
        if row.status == "funded" and row.granted is not None:
            cumulative += row.granted
        pitch = pitches.get(row.pitch)
        none: list[Num | None] = [None, None]
        interval: list[Num | None] = list(row.interval or none)
        boot: list[Num | None] = list(row.bootstrap or none)
        if row.pitch in firsts:
            lines.add(index)
        rows.append(
            [
                row.rank,
                row.pitch,
                row.title,
                pitch.applicant if pitch else "",
                row.score,
                row.jurors,
                row.spread,
                _yes(row.flagged),
                interval[0],
                interval[-1],
                boot[0],
                boot[-1],
                row.requested,
                cumulative if row.status == "funded" else None,
                row.pot,
                t(f"export.status_{row.status}"),
                t(f"export.decision_{row.decision}") if row.decision else "",
                row.granted,
                _yes(row.fragile),
                *(row.criteria.get(c.key) for c in doc.criteria),
            ]
        )
    return Table(t("export.sheet_ranking"), "ranking", columns, rows, lines)


def counts_label(kind: str) -> str:
    """What the Counts column says for a score of eligibility ``kind``."""
    return t(f"export.counts_{kind}")


def scores_columns() -> list[Column]:
    return [
        Column(t("export.col_pitch"), "key"),
        Column(t("export.col_title"), "long"),
        Column(t("export.col_juror"), "key"),
        Column(t("export.col_juror_name")),
        Column(t("export.col_criterion_key"), "key"),
        Column(t("export.col_criterion_name")),
        Column(t("export.col_value"), "num"),
        Column(t("export.col_counts")),
    ]


def scores_table(doc: ExportDocument) -> Table:
    titles, jurors, criteria = _names(doc)
    counts = {kind: counts_label(kind) for kind in {s.counts for s in doc.scores}}
    columns = scores_columns()
    rows: list[list[Cell]] = [
        [
            s.pitch,
            titles.get(s.pitch, ""),
            s.juror,
            jurors.get(s.juror, ""),
            s.criterion,
            criteria.get(s.criterion, ""),
            s.value,
            counts[s.counts],
        ]
        for s in doc.scores
    ]
    return Table(t("export.sheet_scores"), "scores", columns, rows)


def matrix_table(doc: ExportDocument) -> Table:
    scoring = [j for j in doc.jurors if j.role != "observer"]
    consensus = {r.pitch: r.score for r in doc.ranking.ranking}
    columns = [
        Column(t("export.col_pitch"), "key"),
        Column(t("export.col_title"), "long"),
        *(Column(j.name, "dec") for j in scoring),
        Column(t("export.col_consensus"), "dec"),
    ]
    cells = {(x.pitch, x.juror): x for x in doc.totals}
    rows: list[list[Cell]] = []
    for pitch in doc.pitches:
        if pitch.stage != "pitch":
            continue
        row: list[Cell] = [pitch.key, pitch.title]
        for juror in scoring:
            total = cells.get((pitch.key, juror.key))
            if total is None or total.total is None:
                row.append(
                    None
                    if total is None or total.eligibility == "eligible"
                    else counts_label(total.eligibility)
                )
            elif total.eligibility != "eligible":
                row.append(counts_label(total.eligibility))
            else:
                row.append(total.total)
        row.append(consensus.get(pitch.key))
        rows.append(row)
    return Table(t("export.sheet_matrix"), "matrix", columns, rows)


def _about_columns(with_juror: bool = True) -> list[Column]:
    """The columns that say which pitch (and which juror) a row is about."""
    columns = [Column(t("export.col_pitch"), "key"), Column(t("export.col_title"), "long")]
    if with_juror:
        columns += [Column(t("export.col_juror"), "key"), Column(t("export.col_juror_name"))]
    return columns


def _saved_columns() -> list[Column]:
    """When a record was saved and by whom."""
    return [Column(t("export.col_saved_at"), "time"), Column(t("export.col_actor"), "key")]


def comments_table(doc: ExportDocument) -> Table:
    titles, jurors, _ = _names(doc)
    columns = [*_about_columns(), Column(t("export.col_comment"), "long"), *_saved_columns()]
    rows: list[list[Cell]] = []
    for c in doc.comments:
        rows.append([c.pitch, titles.get(c.pitch, ""), c.juror, jurors.get(c.juror, ""), c.text])
        rows[-1] += [c.saved_at, c.actor]
    return Table(t("export.sheet_comments"), "comments", columns, rows)


def conflicts_table(doc: ExportDocument) -> Table:
    titles, jurors, _ = _names(doc)
    columns = [
        *_about_columns(),
        Column(t("export.col_kind")),
        Column(t("export.col_reason"), "long"),
    ]
    about = [(r.pitch, r.juror, "recused", r.reason) for r in doc.recusals]
    about += [(a.pitch, a.juror, "absent", "") for a in doc.absences]
    rows: list[list[Cell]] = [
        [pitch, titles.get(pitch, ""), juror, jurors.get(juror, ""), counts_label(kind), reason]
        for pitch, juror, kind, reason in about
    ]
    return Table(t("export.sheet_conflicts"), "conflicts", columns, rows)


def decisions_table(doc: ExportDocument) -> Table:
    titles, _, _ = _names(doc)
    requested = {p.key: p.requested for p in doc.pitches}
    columns = [
        *_about_columns(with_juror=False),
        Column(t("export.col_decision")),
        Column(t("export.col_granted"), "money"),
        Column(t("export.col_motivation"), "long"),
        *_saved_columns(),
    ]
    rows: list[list[Cell]] = [
        [
            d.pitch,
            titles.get(d.pitch, ""),
            t(f"export.decision_{d.decision}"),
            (d.amount if d.amount is not None else requested.get(d.pitch))
            if d.decision == "award"
            else None,
            d.motivation,
            d.saved_at,
            d.actor,
        ]
        for d in doc.decisions
    ]
    return Table(t("export.sheet_decisions"), "decisions", columns, rows)


def compact(value: object) -> str:
    """A before/after value as the Audit sheet shows it (JSON, keys sorted)."""
    if value is None:
        return ""
    if type(value) is dict and len(value) == 1 and "value" in value:
        number = value["value"]  # a score event: what json.dumps gives, faster
        if type(number) is int or (type(number) is float and math.isfinite(number)):
            return f'{{"value": {number!r}}}'
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def audit_columns() -> list[Column]:
    return [
        Column(t("export.col_event"), "int"),
        Column(t("export.col_time"), "time"),
        Column(t("export.col_actor"), "key"),
        Column(t("export.col_action"), "key"),
        Column(t("export.col_pitch"), "key"),
        Column(t("export.col_juror"), "key"),
        Column(t("export.col_criterion_key"), "key"),
        Column(t("export.col_before"), "long"),
        Column(t("export.col_after"), "long"),
        Column(t("export.col_reason"), "long"),
        Column(t("export.col_hash"), "hash"),
    ]


def audit_table(doc: ExportDocument) -> Table:
    columns = audit_columns()
    rows: list[list[Cell]] = [
        [
            e.id,
            e.at,
            e.actor,
            e.action,
            e.pitch,
            e.juror,
            e.criterion,
            compact(e.before),
            compact(e.after),
            e.reason,
            e.hash,
        ]
        for e in doc.events
    ]
    return Table(t("export.sheet_audit"), "audit", columns, rows)


def session_table(doc: ExportDocument) -> Table:
    info = doc.session
    columns = [Column(t("export.col_field")), Column(t("export.col_value"), "long")]
    rows: list[list[Cell]] = [
        [t("export.field_title"), info.title],
        [t("export.field_date"), info.date.isoformat() if info.date else ""],
        [t("export.field_method"), doc.ranking.method],
        [t("export.field_protocol"), doc.protocol],
        [t("export.field_budget"), info.budget],
        [t("export.field_currency"), info.currency],
        [t("export.field_head"), doc.audit.head_hash],
        [t("export.field_events"), doc.audit.events],
        [t("export.field_verified"), doc.audit.message],
        [t("export.field_generated"), doc.generated_at.isoformat()],
        [t("export.field_database"), doc.database],
    ]
    return Table(t("export.sheet_session"), "session", columns, rows)
