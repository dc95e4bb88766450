"""The checks every write goes through, whoever makes it (screen, station, CLI).

Each returns ``None`` when the write is allowed, or a :class:`RuleError`
naming the field and saying what to do.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from fractions import Fraction

from pitchroom.domain.models import Session
from pitchroom.i18n import t
from pitchroom.store.db import RuleError


def _unknown(field: str, value: str, known: Iterable[str]) -> RuleError:
    known = list(known)
    close = difflib.get_close_matches(value, known, n=1)
    if close:
        return RuleError(field, t("store.unknown_hint", field=field, value=value, hint=close[0]))
    return RuleError(field, t("store.unknown", field=field, value=value, known=", ".join(known)))


def check_pitch(session: Session, pitch: str) -> RuleError | None:
    if session.pitch(pitch) is None:
        return _unknown("pitch", pitch, (p.key for p in session.pitches))
    return None


def check_juror(session: Session, juror: str, *, scoring: bool = False) -> RuleError | None:
    found = session.juror(juror)
    if found is None:
        return _unknown("juror", juror, (j.key for j in session.jurors))
    if scoring and not found.scores:
        return RuleError("juror", t("store.observer_cannot_score", juror=juror))
    return None


def check_criterion(session: Session, criterion: str) -> RuleError | None:
    if session.criterion(criterion) is None:
        return _unknown("criterion", criterion, (c.key for c in session.criteria))
    return None


def format_number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}"


def check_value(session: Session, value: Fraction) -> RuleError | None:
    scale = session.session.scale
    if not scale.contains(value):
        return RuleError(
            "value",
            t(
                "store.off_scale",
                value=format_number(value),
                min=format_number(Fraction(scale.min)),
                max=format_number(Fraction(scale.max)),
                step=format_number(Fraction(scale.step)),
            ),
        )
    return None


def check_score(
    session: Session,
    pitch: str,
    juror: str,
    criterion: str,
    value: Fraction | None,
    *,
    recused: bool,
    absent: bool,
    closed: bool,
    withdrawn: bool,
    reason: str | None,
) -> RuleError | None:
    error = (
        check_pitch(session, pitch)
        or check_juror(session, juror, scoring=True)
        or check_criterion(session, criterion)
        or (check_value(session, value) if value is not None else None)
    )
    if error:
        return error
    if recused:
        return RuleError("juror", t("store.recused_cannot_score", juror=juror, pitch=pitch))
    if absent:
        return RuleError("juror", t("store.absent_cannot_score", juror=juror, pitch=pitch))
    if withdrawn:
        return RuleError("pitch", t("store.withdrawn_cannot_score", pitch=pitch))
    if closed and not (reason and reason.strip()):
        return RuleError("reason", t("store.closed_needs_reason", pitch=pitch))
    return None
