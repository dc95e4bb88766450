"""The jury report's content, once, as plain blocks; ``md`` and ``html`` render it.

Texts in blocks are raw (unescaped) user text and labels; each renderer
escapes them for its own format. Section order: session facts, ranking with
the funding line (per pot), each pitch (criterion scores per juror, spread,
comments, decision), conflicts, decisions, revisions, audit, sign-off.
"""

from __future__ import annotations

from collections.abc import Callable

from pitchroom.export.blocks import (
    Block,
    ChartBlock,
    Facts,
    Grid,
    Para,
    Section,
    money_of,
    role,
    title_of,
)
from pitchroom.export.document import ExportDocument, RankingRow
from pitchroom.export.report_pitches import pitches
from pitchroom.export.report_record import (
    audit,
    changes,
    conflicts,
    decisions,
    revisions_section,
    signoff,
)
from pitchroom.export.text import isolated as u
from pitchroom.export.text import number
from pitchroom.export.text import total as two_places
from pitchroom.i18n import formats, method_name, t, tn


def build_report(
    doc: ExportDocument, tick: Callable[[int], None], *, charts: bool = False
) -> tuple[str, list[Section]]:
    """The report title and its sections; with ``charts`` (html), the ranking
    section ends with the rank intervals, juror totals and leniency charts."""
    ranking = _ranking(doc)
    if charts:
        ranking.blocks.extend(_charts(doc))
    sections = [
        _summary(doc),
        ranking,
        *_preselection(doc),
        pitches(doc, tick),
        conflicts(doc),
        decisions(doc),
        revisions_section(doc),
        changes(doc),
        audit(doc),
        signoff(doc),
    ]
    return t("export.report_title", title=u(doc.session.title)), sections


def _summary(doc: ExportDocument) -> Section:
    info = doc.session
    jury = [t("export.jury_member", name=u(j.name), role=role(j.role)) for j in doc.jurors]
    rows = [
        (t("export.field_date"), formats.date(info.date) if info.date else t("export.none")),
        (t("export.field_jury"), "; ".join(jury)),
        (t("export.field_method"), t("export.method_name", method=method_name(doc.ranking.method))),
        (
            t("export.field_scale"),
            t(
                "export.scale",
                min=number(info.scale.min),
                max=number(info.scale.max),
                step=number(info.scale.step),
            ),
        ),
        (
            t("export.field_budget"),
            money_of(doc, info.budget) if info.budget is not None else t("export.unlimited"),
        ),
        (
            t("export.field_left"),
            money_of(doc, doc.ranking.left) if doc.ranking.left is not None else t("export.none"),
        ),
        (t("export.field_max_funded"), number(info.max_funded)),
        (t("export.field_agreement"), number(doc.ranking.agreement, 3)),
        (t("export.field_alpha"), number(doc.ranking.alpha, 3)),
        (
            t("export.field_bootstrap"),
            t("export.bootstrap_exact")
            if doc.ranking.bootstrap_seed is None
            else t("export.bootstrap_seeded", seed=doc.ranking.bootstrap_seed),
        ),
        (t("export.field_protocol"), doc.protocol),
        (t("export.field_head"), doc.audit.head_hash),
        (t("export.field_events"), str(doc.audit.events)),
        (t("export.field_generated"), formats.moment(doc.generated_at)),
    ]
    hashes = {t("export.field_protocol"), t("export.field_head")}
    criteria = Grid(
        [
            t("export.col_criterion_name"),
            t("export.col_description"),
            t("export.col_weight"),
            t("export.col_threshold"),
        ],
        [[c.name, c.description, number(c.weight), number(c.threshold)] for c in doc.criteria],
        numeric=frozenset({2, 3}),
        caption=t("export.criteria_caption"),
    )
    return Section(
        t("export.section_session"), [Facts(rows, _mono(rows, hashes)), criteria], "session"
    )


def _mono(rows: list[tuple[str, str]], labels: set[str]) -> frozenset[int]:
    """Indexes of the rows with these labels (hashes, shown fixed-width)."""
    return frozenset(i for i, (label, _value) in enumerate(rows) if label in labels)


def _ranking_grid(doc: ExportDocument, rows: list[RankingRow], first: str | None) -> Grid:
    applicants = {p.key: p.applicant for p in doc.pitches}
    cells = []
    lines: dict[int, str] = {}
    for index, row in enumerate(rows):
        if row.pitch == first:
            lines[index] = t("export.funding_line")
        status = t(f"export.status_{row.status}")
        if row.fragile:
            status = t("export.status_fragile", status=status)
        if row.flagged:
            status = t("export.status_discuss", status=status)
        interval = t("export.none")
        if row.interval:
            interval = t(
                "export.interval", best=number(row.interval[0]), worst=number(row.interval[-1])
            )
        cells.append(
            [
                number(row.rank),
                row.title,
                applicants.get(row.pitch, ""),
                two_places(row.score),
                number(row.jurors),
                two_places(row.spread),
                interval,
                money_of(doc, row.requested),
                status,
                t(f"export.decision_{row.decision}") if row.decision else t("export.none"),
            ]
        )
    return Grid(
        [
            t("export.col_rank"),
            t("export.col_title"),
            t("export.col_applicant"),
            t("export.col_score"),
            t("export.col_jurors"),
            t("export.col_spread"),
            t("export.col_interval"),
            t("export.col_requested"),
            t("export.col_status"),
            t("export.col_decision"),
        ],
        cells,
        numeric=frozenset({0, 3, 4, 5, 7}),
        lines=lines,
    )


def _ranking(doc: ExportDocument) -> Section:
    report = doc.ranking
    blocks: list[Block] = [Para(t("export.ranking_intro", method=method_name(report.method)))]
    granted = [r for r in report.ranking if r.stage == "preselected"]
    if granted:
        total = sum(r.granted or 0 for r in granted)
        blocks.append(
            Para(
                tn(
                    "export.ranking_after_preselection",
                    len(granted),
                    count=len(granted),
                    total=money_of(doc, total),
                )
            )
        )
    pitched = [r for r in report.ranking if r.stage == "pitch"]
    if not report.pots:
        blocks.append(_ranking_grid(doc, pitched, report.first_unfunded))
        return Section(t("export.section_ranking"), blocks, "ranking")
    names = {p.key: p.name or p.key for p in doc.pots}
    blocks.append(
        Grid(
            [
                t("export.col_pot"),
                t("export.col_budget"),
                t("export.col_left"),
                t("export.col_first_unfunded"),
            ],
            [
                [
                    names.get(p.key, p.key),
                    money_of(doc, p.budget),
                    money_of(doc, p.left),
                    title_of(doc, p.first_unfunded),
                ]
                for p in report.pots
            ],
            numeric=frozenset({1, 2}),
            caption=t("export.pots_caption"),
        )
    )
    for pot in report.pots:
        rows = [r for r in pitched if r.pot == pot.key]
        if rows:
            blocks.append(Para(t("export.pot_heading", pot=u(names.get(pot.key, pot.key)))))
            blocks.append(_ranking_grid(doc, rows, pot.first_unfunded))
    outside = [r for r in pitched if r.pot is None]
    if outside:
        blocks.append(Para(t("export.no_pot_heading")))
        blocks.append(_ranking_grid(doc, outside, None))
    return Section(t("export.section_ranking"), blocks, "ranking")


def _charts(doc: ExportDocument) -> list[Block]:
    """The three charts (matplotlib, imported here: only when an html report is written)."""
    from pitchroom.export import svgcharts

    report = doc.ranking
    names = {j.key: j.name or j.key for j in doc.jurors}
    totals: dict[str, list[tuple[str, float | None, str]]] = {}
    for total in doc.totals:
        value = float(total.total) if total.total is not None and total.complete else None
        totals.setdefault(total.pitch, []).append(
            (names.get(total.juror, total.juror), value, total.eligibility)
        )
    scale = doc.session.scale
    made = [
        svgcharts.forest_chart(
            report, {p.key: p.name or p.key for p in doc.pots}, doc.ranking.bootstrap_seed
        ),
        svgcharts.strip_chart(report, totals, (float(scale.min), float(scale.max))),
        svgcharts.leniency_chart(
            report, names, [j.key for j in doc.jurors if j.role != "observer"]
        ),
    ]
    return [ChartBlock(c.title, c.caption, c.svg) for c in made if c is not None]


def _preselection(doc: ExportDocument) -> list[Section]:
    """The pre-selection's outcome: what it granted (funded first) and what it turned
    down; no section when every proposal pitched."""
    rows = doc.ranking.ranking
    granted = [r for r in rows if r.stage == "preselected"]
    rejected = [r for r in rows if r.stage == "rejected"]
    if not granted and not rejected:
        return []
    applicants = {p.key: p.applicant for p in doc.pitches}
    pots = {p.key: p.name or p.key for p in doc.pots}
    total = sum(r.granted or 0 for r in granted)
    blocks: list[Block] = [
        Para(
            tn(
                "export.preselection_intro",
                len(doc.pitches),
                proposals=len(doc.pitches),
                granted=len(granted),
                total=money_of(doc, total),
                rejected=len(rejected),
                pitched=len(doc.pitches) - len(granted) - len(rejected),
            )
        )
    ]
    if granted:
        blocks.append(
            Grid(
                [
                    t("export.col_title"),
                    t("export.col_applicant"),
                    t("export.col_pot"),
                    t("export.col_requested"),
                    t("export.col_granted"),
                ],
                [
                    [
                        r.title,
                        applicants.get(r.pitch, ""),
                        pots.get(r.pot, t("export.none")) if r.pot else t("export.none"),
                        money_of(doc, r.requested),
                        money_of(doc, r.granted),
                    ]
                    for r in granted
                ],
                numeric=frozenset({3, 4}),
                caption=t("export.preselection_granted_caption"),
            )
        )
    if rejected:
        blocks.append(
            Grid(
                [t("export.col_title"), t("export.col_applicant"), t("export.col_requested")],
                [
                    [r.title, applicants.get(r.pitch, ""), money_of(doc, r.requested)]
                    for r in rejected
                ],
                numeric=frozenset({2}),
                caption=t("export.preselection_rejected_caption"),
            )
        )
    return [Section(t("export.section_preselection"), blocks, "preselection")]
