"""The jury report's content, once, as plain blocks; ``md`` and ``html`` render it.

Texts in blocks are raw (unescaped) user text and labels; each renderer
escapes them for its own format. Section order: session facts, ranking with
the funding line (per pot), each pitch (criterion scores per juror, spread,
comments, decision), conflicts, decisions, revisions, audit, sign-off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pitchroom.domain.amendment import AMEND_ACTIONS, describe
from pitchroom.export.collect import REVISION_ACTIONS
from pitchroom.export.document import ExportDocument, RankingRow, TotalOut
from pitchroom.export.text import isolated as u
from pitchroom.export.text import money, number
from pitchroom.export.text import total as two_places
from pitchroom.i18n import formats, method_name, t


@dataclass
class Facts:
    rows: list[tuple[str, str]]
    mono: frozenset[int] = frozenset()
    """Indexes of values shown in a fixed-width font (hashes)."""


@dataclass
class Para:
    text: str
    muted: bool = False


@dataclass
class Grid:
    columns: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    lines: dict[int, str] = field(default_factory=dict)
    """Row index -> label of the funding line drawn above that row."""
    caption: str = ""


@dataclass
class Notes:
    """Labelled texts (comments, motivations): ``label: text`` one per item."""

    items: list[tuple[str, str]]


@dataclass
class Signoff:
    rows: list[tuple[str, str]]
    """(role, name); an empty name leaves a line to write it on."""


@dataclass
class ChartBlock:
    """An inline SVG chart (html only; the md report stays text)."""

    title: str
    caption: str
    svg: str
    """Trusted markup made by :mod:`pitchroom.export.svgcharts` (user text escaped there)."""


Block = Facts | Para | Grid | Notes | Signoff | ChartBlock


@dataclass
class Section:
    title: str
    blocks: list[Block]
    anchor: str
    subsections: list[Section] = field(default_factory=list)


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
        _pitches(doc, tick),
        _conflicts(doc),
        _decisions(doc),
        _revisions(doc),
        _changes(doc),
        _audit(doc),
        _signoff(doc),
    ]
    return t("export.report_title", title=u(doc.session.title)), sections


def _money(doc: ExportDocument, value: float | None) -> str:
    return money(value, doc.session.currency)


def _names(doc: ExportDocument) -> tuple[dict[str, str], dict[str, str]]:
    return {p.key: p.title for p in doc.pitches}, {j.key: j.name for j in doc.jurors}


def _role(role: str) -> str:
    return t(f"export.role_{role}")


def _summary(doc: ExportDocument) -> Section:
    info = doc.session
    jury = [t("export.jury_member", name=u(j.name), role=_role(j.role)) for j in doc.jurors]
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
            _money(doc, info.budget) if info.budget is not None else t("export.unlimited"),
        ),
        (
            t("export.field_left"),
            _money(doc, doc.ranking.left) if doc.ranking.left is not None else t("export.none"),
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
                _money(doc, row.requested),
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
                t("export.ranking_after_preselection", count=len(granted), total=_money(doc, total))
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
                    _money(doc, p.budget),
                    _money(doc, p.left),
                    _title(doc, p.first_unfunded),
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

    report = doc.ranking.model_dump(mode="json")
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
            t(
                "export.preselection_intro",
                proposals=len(doc.pitches),
                granted=len(granted),
                total=_money(doc, total),
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
                        _money(doc, r.requested),
                        _money(doc, r.granted),
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
                    [r.title, applicants.get(r.pitch, ""), _money(doc, r.requested)]
                    for r in rejected
                ],
                numeric=frozenset({2}),
                caption=t("export.preselection_rejected_caption"),
            )
        )
    return [Section(t("export.section_preselection"), blocks, "preselection")]


def _title(doc: ExportDocument, pitch: str | None) -> str:
    if pitch is None:
        return t("export.none")
    titles, _ = _names(doc)
    return titles.get(pitch, pitch)


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


def _pitches(doc: ExportDocument, tick: Callable[[int], None]) -> Section:
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
            (t("export.field_requested"), _money(doc, pitch.requested)),
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
                t("export.spread", spread=two_places(row.spread), jurors=row.jurors),
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
                        _decision_label(doc, decision.decision, decision.amount, pitch.requested),
                        decision.motivation,
                    )
                ]
            )
        )
    heading = t("export.pitch_heading", rank=number(row.rank), title=u(row.title), key=row.pitch)
    return Section(heading, blocks, f"pitch-{row.pitch}")


def _decision_label(
    doc: ExportDocument, decision: str, amount: float | None, requested: float | None
) -> str:
    if decision == "award":
        return t(
            "export.decision_award_amount",
            amount=_money(doc, amount if amount is not None else requested),
        )
    return t(f"export.decision_{decision}")


def _conflicts(doc: ExportDocument) -> Section:
    titles, jurors = _names(doc)
    rows = [
        [
            titles.get(r.pitch, r.pitch),
            jurors.get(r.juror, r.juror),
            t("export.counts_recused"),
            r.reason or t("export.none"),
        ]
        for r in doc.recusals
    ]
    rows += [
        [
            titles.get(a.pitch, a.pitch),
            jurors.get(a.juror, a.juror),
            t("export.counts_absent"),
            t("export.none"),
        ]
        for a in doc.absences
    ]
    blocks: list[Block] = [
        Grid(
            [
                t("export.col_title"),
                t("export.col_juror_name"),
                t("export.col_kind"),
                t("export.col_reason"),
            ],
            rows,
        )
        if rows
        else Para(t("export.no_conflicts"), muted=True)
    ]
    return Section(t("export.section_conflicts"), blocks, "conflicts")


def _decisions(doc: ExportDocument) -> Section:
    titles, _ = _names(doc)
    requested = {p.key: p.requested for p in doc.pitches}
    items = [
        (
            t(
                "export.decision_item",
                title=u(titles.get(d.pitch, d.pitch)),
                decision=_decision_label(doc, d.decision, d.amount, requested.get(d.pitch)),
            ),
            d.motivation,
        )
        for d in doc.decisions
    ]
    blocks: list[Block] = [Notes(items) if items else Para(t("export.no_decisions"), muted=True)]
    return Section(t("export.section_decisions"), blocks, "decisions")


def revisions(doc: ExportDocument) -> Iterator[list[str]]:
    titles, jurors = _names(doc)
    criteria = {c.key: c.name for c in doc.criteria}
    for e in doc.events:
        if e.action not in REVISION_ACTIONS:
            continue
        if e.action == "score.revised":
            what = t(
                "export.revision_score",
                juror=u(jurors.get(e.juror or "", e.juror)),
                criterion=u(criteria.get(e.criterion or "", e.criterion)),
                before=number(_value(e.before)),
                after=number(_value(e.after)),
            )
        else:
            what = t("export.revision_reopened")
        yield [
            e.at[:19].replace("T", " "),
            titles.get(e.pitch or "", e.pitch or ""),
            what,
            e.reason or t("export.none"),
            e.actor,
        ]


def _changes(doc: ExportDocument) -> Section:
    """Every amendment after the import: when, by whom, why, and what it changed."""
    blocks: list[Block] = []
    for e in doc.events:
        if e.action not in AMEND_ACTIONS or not isinstance(e.after, dict):
            continue
        blocks.append(
            Para(
                t(
                    "export.change_heading",
                    at=e.at[:19].replace("T", " "),
                    actor=u(e.actor),
                    reason=u(e.reason or t("export.none")),
                )
            )
        )
        items = [describe(change) for change in e.after.get("changes") or []]
        old = e.before.get("protocol") if isinstance(e.before, dict) else None
        new = e.after.get("protocol")
        if old and new and old != new:
            items.append(t("export.change_protocol", old=str(old)[:12], new=str(new)[:12]))
        blocks.append(Grid([t("export.col_change")], [[item] for item in items]))
    if not blocks:
        blocks.append(Para(t("export.changes_none"), muted=True))
    return Section(t("export.section_changes"), blocks, "changes")


def _value(payload: object) -> object:
    return payload.get("value") if isinstance(payload, dict) else None


def _revisions(doc: ExportDocument) -> Section:
    rows = list(revisions(doc))
    blocks: list[Block] = [
        Grid(
            [
                t("export.col_time"),
                t("export.col_title"),
                t("export.col_change"),
                t("export.col_reason"),
                t("export.col_actor"),
            ],
            rows,
        )
        if rows
        else Para(t("export.no_revisions"), muted=True)
    ]
    return Section(t("export.section_revisions"), blocks, "revisions")


def _audit(doc: ExportDocument) -> Section:
    audit = doc.audit
    rows = [
        (t("export.field_head"), audit.head_hash),
        (t("export.field_events"), str(audit.events)),
        (t("export.field_verified"), audit.message),
    ]
    blocks: list[Block] = [
        Facts(rows, frozenset({0})),
        Para(t("export.audit_how", database=doc.database), muted=True),
    ]
    if audit.unproven:
        blocks.append(Para(t("export.audit_unproven")))
        blocks += [Para(t("export.audit_unproven_item", item=item)) for item in audit.unproven]
    return Section(t("export.section_audit"), blocks, "audit")


def _signoff(doc: ExportDocument) -> Section:
    rows = [(_role(j.role), j.name) for j in doc.jurors if j.role == "chair"]
    rows += [(_role(j.role), j.name) for j in doc.jurors if j.role == "juror"]
    rows.append((t("export.role_secretary"), ""))
    audit = doc.audit
    record = [
        (t("export.field_head"), audit.head_hash),
        (t("export.field_events"), str(audit.events)),
        (
            t("export.field_check"),
            t("export.signoff_command", database=doc.database, head=audit.head_hash),
        ),
    ]
    return Section(
        t("export.section_signoff"),
        [
            Para(t("export.signoff_record")),
            Facts(record, frozenset({0, 2})),
            Para(t("export.signoff_intro")),
            Signoff(rows),
            Para(t("export.signoff_keep"), muted=True),
        ],
        "signoff",
    )
