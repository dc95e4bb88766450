"""Audit events as sentences in the interface language, names and values first
("Priya Raghunathan · Feasibility 8 → 4"): the chair's journal and ``pitchroom log``
at a terminal say the same thing the same way."""

from __future__ import annotations

from pitchroom.domain.amendment import describe as describe_change
from pitchroom.domain.definition import Session
from pitchroom.domain.text import strip_control
from pitchroom.i18n import N_, action_name, formats, t
from pitchroom.store.records import Event

STATION_PREFIX = "station:"
"""The actor prefix of a juror station's writes (``station:priya``)."""


def one_line(value: object) -> str:
    """``value`` without control characters, folded onto a single line."""
    return " ".join(strip_control("" if value is None else str(value), allow_newlines=True).split())


def _value(value: object) -> str:
    """A score's value (``{"value": 7.5}`` -> ``7.5``), or — when there is none."""
    if isinstance(value, dict) and "value" in value:
        number = value["value"]
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        return one_line(number)
    return "—" if value is None else one_line(value)


def _names(event: Event, session: Session) -> dict[str, str]:
    """Names rather than keys: the chair knows "Bram Jansen", not ``bram``."""
    pitch = session.pitch(event.pitch) if event.pitch else None
    juror = session.juror(event.juror) if event.juror else None
    criterion = session.criterion(event.criterion) if event.criterion else None
    return {
        "pitch": one_line(pitch.title if pitch else event.pitch or ""),
        "juror": one_line(juror.name if juror else event.juror or ""),
        "criterion": one_line(criterion.name if criterion else event.criterion or ""),
    }


def _field(values: object, name: str) -> object:
    return values.get(name) if isinstance(values, dict) else None


_SIMPLE = {
    # the actions that change no entity row: action -> message key
    "timer.started": N_("ui.journal_timer_started"),
    "timer.paused": N_("ui.journal_timer_paused"),
    "timer.qa_started": N_("ui.journal_qa_started"),
    "ranking.revealed": N_("ui.journal_revealed"),
    "ranking.hidden": N_("ui.journal_hidden_ranking"),
    "protocol.changed": N_("ui.journal_protocol"),
    "session.imported": N_("ui.journal_imported"),
}


def _change(event: Event, session: Session, names: dict[str, str]) -> str:
    """What ``event`` changed, as a sentence with names and values first."""
    if event.entity == "score":
        before, after = _value(event.before), _value(event.after)
        if event.before is None:
            return t("ui.journal_score_new", after=after, **names)
        if event.after is None:
            return t("ui.journal_score_cleared", before=before, **names)
        return t("ui.journal_score", before=before, after=after, **names)
    if event.entity == "recusal":
        key = (
            N_("ui.journal_recused") if event.after is not None else N_("ui.journal_recusal_lifted")
        )
        return t(key, **names)
    if event.entity == "absence":
        key = N_("ui.journal_absent") if event.after is not None else N_("ui.journal_present")
        return t(key, **names)
    if event.entity == "comment":
        key = (
            N_("ui.journal_comment")
            if event.after is not None
            else N_("ui.journal_comment_removed")
        )
        return t(key, **names)
    if event.entity == "decision":
        decision = _field(event.after, "decision")
        if decision is None:
            return t("ui.journal_decision_withdrawn", **names)
        amount = _field(event.after, "amount")
        if decision == "award" and amount is not None:
            return t(
                "ui.journal_award",
                amount=formats.money(float(str(amount)), session.session.currency),
                **names,
            )
        return t("ui.journal_decision", decision=_decision(str(decision)), **names)
    if event.entity == "pitch_state":
        closed, withdrawn = _field(event.after, "closed"), _field(event.after, "withdrawn")
        if _field(event.before, "closed") != closed:
            return t(N_("ui.journal_closed") if closed else N_("ui.journal_reopened"), **names)
        if _field(event.before, "withdrawn") != withdrawn:
            key = N_("ui.journal_withdrawn") if withdrawn else N_("ui.journal_reinstated")
            return t(key, **names)
    if event.action == "pitch.opened":
        found = session.pitch(str(_field(event.after, "pitch") or ""))
        return t("ui.journal_opened", pitch=one_line(found.title if found else event.pitch or ""))
    if event.action == "pot.transfer":
        pots = {p.key: one_line(p.name or p.key) for p in session.pots}
        source, target = str(_field(event.after, "source")), str(_field(event.after, "target"))
        return t(
            "ui.journal_transfer",
            amount=formats.money(
                float(str(_field(event.after, "amount") or 0)), session.session.currency
            ),
            source=pots.get(source, source),
            target=pots.get(target, target),
        )
    if event.action == "tie.decided":
        pitches = _field(event.after, "pitches")
        order = [str(k) for k in pitches] if isinstance(pitches, list) else []
        titles = [one_line(p.title) if (p := session.pitch(k)) else k for k in order]
        return t("ui.journal_tie", order=" › ".join(titles))
    if isinstance(event.after, dict) and "session" in event.after:  # import or amendment
        changes = event.after.get("changes") or []
        if changes:
            return t(
                "ui.journal_amended",
                changes="; ".join(one_line(describe_change(c)) for c in changes),
            )
    simple = _SIMPLE.get(event.action)
    if simple is not None:
        return t(simple, **names)
    what = " · ".join(v for v in names.values() if v)
    return t("ui.journal_other", action=action_text(event.action), what=what)


def action_text(action: str) -> str:
    """An audit action (``recusal.declared``) in words; one without a message as is."""
    return one_line(action_name(action))


def _decision(decision: str) -> str:
    return {
        "award": t("ui.decision_award"),
        "reserve": t("ui.decision_reserve"),
        "reject": t("ui.decision_reject"),
    }.get(decision, decision)


def describe(event: Event, session: Session, hide_values: bool, with_reason: bool = True) -> str:
    """One sentence for ``event``; values of blind-hidden station scores left out. A
    revision's reason is part of it unless ``with_reason`` is False (the log shows the
    reason on a line of its own)."""
    names = _names(event, session)
    if event.entity == "score" and hide_values:
        if event.actor.startswith(STATION_PREFIX):
            return t("ui.journal_hidden", **names)
        return t("ui.journal_hidden_change", **names)
    if event.action == "undo":
        return t("ui.journal_undo", change=_change(event, session, names))
    if event.action == "score.revised" and event.reason and with_reason:
        return t(
            "ui.journal_revised",
            change=_change(event, session, names),
            reason=one_line(event.reason),
        )
    return _change(event, session, names)
