"""The jury report's section on each pitch: its facts, every juror's scores
with the consensus, the comments and the decision."""

from __future__ import annotations

from collections.abc import Callable

from pitchroom.export.blocks import (
    Block,
    Facts,
    Grid,
    Notes,
    Para,
    Section,
    decision_label,
    money_of,
)
from pitchroom.export.document import ExportDocument, RankingRow, TotalOut
from pitchroom.export.text import isolated as u
from pitchroom.export.text import number
from pitchroom.export.text import total as two_places
from pitchroom.i18n import t, tn


class _ByPitch:
    """The document's per-pitch rows, indexed once (a report has many pitches)."""

    def __init__(self, doc: ExportDocument) -> None:
        self.pitches = {p.key: p for p in doc.pitches}
        self.scores: dict[str, dict[tuple[str, str], object]] = {}
        for s in doc.scores:
            self.scores.setdefault(s.pitch, {})[(s.juror, s.criterion)] = s.value
        self.totals: dict[str, dict[str, TotalOut]] = {}
        for x in doc.totals:
            self.totals.setdefault(x.pitch, {})[x.juror] = x
        self.comments: dict[str, list[tuple[str, str]]] = {}
        names = {j.key: j.name for j in doc.jurors}
        for c in doc.comments:
            self.comments.setdefault(c.pitch, []).append((names.get(c.juror, c.juror), c.text))
        self.decisions = {d.pitch: d for d in doc.decisions}


def pitches(doc: ExportDocument, tick: Callable[[int], None]) -> Section:
    index = _ByPitch(doc)
    subsections = []
    for row in doc.ranking.ranking:
        if row.stage == "pitch":
            subsections.append(_pitch(doc, row, index))
        tick(1)
    return Section(t("export.section_pitches"), [], "pitches", subsections)


def _pitch(doc: ExportDocument, row: RankingRow, index: _ByPitch) -> Section:
    pitch = index.pitches[row.pitch]
    scores = index.scores.get(row.pitch, {})
    totals = index.totals.get(row.pitch, {})
    facts = Facts(
        [
            (t("export.field_applicant"), pitch.applicant or t("export.none")),
            (
                t("export.field_partners"),
                "; ".join(u(p) for p in pitch.partners) or t("export.none"),
            ),
            (t("export.field_requested"), money_of(doc, pitch.requested)),
            (
                t("export.field_result"),
                t(
                    "export.pitch_result",
                    rank=number(row.rank),
                    score=two_places(row.score),
                    status=t(f"export.status_{row.status}"),
                ),
            ),
            (
                t("export.field_spread"),
                tn("export.spread", row.jurors, spread=two_places(row.spread), jurors=row.jurors),
            ),
        ]
    )
    grid_rows: list[list[str]] = []
    for juror in (j for j in doc.jurors if j.role != "observer"):
        total = totals.get(juror.key)
        if total is not None and total.eligibility != "eligible":
            name = t(
                "export.juror_note",
                name=u(juror.name),
                note=t(f"export.counts_{total.eligibility}"),
            )
            grid_rows.append([name, *(t("export.none") for _ in doc.criteria), t("export.none")])
            continue
        values = [number(scores.get((juror.key, c.key))) for c in doc.criteria]
        grid_rows.append([juror.name, *values, two_places(total.total if total else None)])
    grid_rows.append(
        [
            t("export.consensus_row"),
            *(two_places(row.criteria.get(c.key)) for c in doc.criteria),
            two_places(row.score),
        ]
    )
    grid = Grid(
        [t("export.col_juror_name"), *(c.name for c in doc.criteria), t("export.col_total")],
        grid_rows,
        numeric=frozenset(range(1, len(doc.criteria) + 2)),
    )
    blocks: list[Block] = [facts, grid]
    notes = index.comments.get(row.pitch, [])
    if notes:
        blocks += [Para(t("export.comments_heading")), Notes(notes)]
    decision = index.decisions.get(row.pitch)
    if decision:
        blocks.append(Para(t("export.decision_heading")))
        blocks.append(
            Notes(
                [
                    (
                        decision_label(doc, decision.decision, decision.amount, pitch.requested),
                        decision.motivation,
                    )
                ]
            )
        )
    heading = t("export.pitch_heading", rank=number(row.rank), title=u(row.title), key=row.pitch)
    return Section(heading, blocks, f"pitch-{row.pitch}")
