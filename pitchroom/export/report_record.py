"""The jury report's record sections: conflicts and absences, decisions,
revisions after closing, amendments, the audit log and the sign-off."""

from __future__ import annotations

from collections.abc import Iterator

from pitchroom.domain.amendment import AMEND_ACTIONS, describe
from pitchroom.export.blocks import (
    Block,
    Facts,
    Grid,
    Notes,
    Para,
    Section,
    Signoff,
    decision_label,
    names,
    role,
    table_or_none,
)
from pitchroom.export.collect import REVISION_ACTIONS
from pitchroom.export.document import ExportDocument
from pitchroom.export.text import isolated as u
from pitchroom.export.text import number
from pitchroom.i18n import t


def conflicts(doc: ExportDocument) -> Section:
    titles, jurors = names(doc)
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
    return table_or_none(
        t("export.section_conflicts"),
        "conflicts",
        [
            t("export.col_title"),
            t("export.col_juror_name"),
            t("export.col_kind"),
            t("export.col_reason"),
        ],
        rows,
        t("export.no_conflicts"),
    )


def decisions(doc: ExportDocument) -> Section:
    titles, _ = names(doc)
    requested = {p.key: p.requested for p in doc.pitches}
    items = [
        (
            t(
                "export.decision_item",
                title=u(titles.get(d.pitch, d.pitch)),
                decision=decision_label(doc, d.decision, d.amount, requested.get(d.pitch)),
            ),
            d.motivation,
        )
        for d in doc.decisions
    ]
    blocks: list[Block] = [Notes(items) if items else Para(t("export.no_decisions"), muted=True)]
    return Section(t("export.section_decisions"), blocks, "decisions")


def revisions(doc: ExportDocument) -> Iterator[list[str]]:
    titles, jurors = names(doc)
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


def changes(doc: ExportDocument) -> Section:
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


def revisions_section(doc: ExportDocument) -> Section:
    return table_or_none(
        t("export.section_revisions"),
        "revisions",
        [
            t("export.col_time"),
            t("export.col_title"),
            t("export.col_change"),
            t("export.col_reason"),
            t("export.col_actor"),
        ],
        list(revisions(doc)),
        t("export.no_revisions"),
    )


def audit(doc: ExportDocument) -> Section:
    log = doc.audit
    rows = [
        (t("export.field_head"), log.head_hash),
        (t("export.field_events"), str(log.events)),
        (t("export.field_verified"), log.message),
    ]
    blocks: list[Block] = [
        Facts(rows, frozenset({0})),
        Para(t("export.audit_how", database=doc.database), muted=True),
    ]
    if log.unproven:
        blocks.append(Para(t("export.audit_unproven")))
        blocks += [Para(t("export.audit_unproven_item", item=item)) for item in log.unproven]
    return Section(t("export.section_audit"), blocks, "audit")


def signoff(doc: ExportDocument) -> Section:
    rows = [(role(j.role), j.name) for j in doc.jurors if j.role == "chair"]
    rows += [(role(j.role), j.name) for j in doc.jurors if j.role == "juror"]
    rows.append((t("export.role_secretary"), ""))
    log = doc.audit
    record = [
        (t("export.field_head"), log.head_hash),
        (t("export.field_events"), str(log.events)),
        (
            t("export.field_check"),
            t("export.signoff_command", database=doc.database, head=log.head_hash),
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
