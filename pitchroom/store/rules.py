"""The checks every write goes through, whoever makes it (screen, station, CLI).

Each returns ``None`` when the write is allowed, or a :class:`RuleError`
naming the field and saying what to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

from pitchroom.domain.definition import Session
from pitchroom.i18n import formats, t
from pitchroom.store.db import RuleError


def _unknown(field: str, value: str, known: Iterable[str]) -> RuleError:
    import difflib  # only for a refusal

    known = list(known)
    close = difflib.get_close_matches(value, known, n=1)
    if close:
        return RuleError(field, t("store.unknown_hint", field=field, value=value, hint=close[0]))
    return RuleError(field, t("store.unknown", field=field, value=value, known=", ".join(known)))


def check_pitch(session: Session, pitch: str) -> RuleError | None:
    """Unknown pitches, and proposals decided at pre-selection (they do not pitch,
    so nothing is recorded on them during the session), are refused."""
    found = session.pitch(pitch)
    if found is None:
        return _unknown("pitch", pitch, (p.key for p in session.pitches))
    if not found.pitches:
        if found.stage == "preselected":
            return RuleError("pitch", t("store.preselected_not_pitching", pitch=pitch))
        return RuleError("pitch", t("store.rejected_not_pitching", pitch=pitch))
    return None


def check_juror(session: Session, juror: str, *, scoring: bool = False) -> RuleError | None:
    found = session.juror(juror)
    if found is None:
        return _unknown("juror", juror, (j.key for j in session.jurors))
    if scoring and not found.scores:
        return RuleError("juror", t("store.observer_cannot_score", juror=juror))
    return None


def require(session: Session, pitch: str, juror: str | None = None) -> None:
    """Raise the :class:`RuleError` of an unknown (or not pitching) ``pitch``, or of
    an unknown ``juror``: what every write on a pitch (and a juror) checks first."""
    error = check_pitch(session, pitch) or (
        check_juror(session, juror) if juror is not None else None
    )
    if error:
        raise error


def check_criterion(session: Session, criterion: str) -> RuleError | None:
    if session.criterion(criterion) is None:
        return _unknown("criterion", criterion, (c.key for c in session.criteria))
    return None


def format_number(value: Fraction) -> str:
    if abs(value) >= 10**15:  # huge: no int-to-text digit limit, no decimal context overflow
        return f"{Decimal(value.numerator) / Decimal(value.denominator):.3e}"
    return formats.number(value, 4)


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


class ScoreChecker:
    """:func:`check_score` for many rows against one state of the record, with
    the same answers: a row passes a quick check against lookups prepared once
    (the known keys are remembered as they are met), and only a row that fails
    it goes through :func:`check_score` for its exact refusal."""

    def __init__(
        self,
        session: Session,
        *,
        recusals: Iterable[tuple[str, str]],
        absences: Iterable[tuple[str, str]],
        closed: Iterable[str],
        withdrawn: Iterable[str],
        reason: str | None,
    ) -> None:
        self.session = session
        self.recusals = set(recusals)
        self.absences = set(absences)
        self.closed = set(closed)
        self.withdrawn = set(withdrawn)
        self.reason = reason
        self.reason_given = bool(reason and reason.strip())
        self.contains = session.session.scale.contains
        self._pitch: dict[str, bool] = {}
        self._juror: dict[str, bool] = {}
        self._criterion: dict[str, bool] = {}
        self._value: dict[tuple[int, int], bool] = {}

    def _on_scale(self, value: Fraction) -> bool:
        if type(value) is not Fraction:
            return self.contains(value)
        ratio = (value.numerator, value.denominator)  # hashes faster than the Fraction
        ok = self._value.get(ratio)
        if ok is None:
            ok = self._value[ratio] = self.contains(value)
        return ok

    def _known(self, pitch: str, juror: str, criterion: str) -> bool:
        ok = self._pitch.get(pitch)
        if ok is None:
            ok = self._pitch[pitch] = check_pitch(self.session, pitch) is None
        if not ok:
            return False
        ok = self._juror.get(juror)
        if ok is None:
            ok = self._juror[juror] = check_juror(self.session, juror, scoring=True) is None
        if not ok:
            return False
        ok = self._criterion.get(criterion)
        if ok is None:
            ok = self._criterion[criterion] = check_criterion(self.session, criterion) is None
        return ok

    def all_pass(
        self,
        pitches: Sequence[str],
        jurors: Sequence[str],
        criteria: Sequence[str],
        values: Sequence[Fraction | None],
    ) -> bool:
        """Whether every row (given as columns) passes the quick check of
        :meth:`__call__`: each condition checked once per distinct key or value,
        and the pairs against recusals and absences as sets."""
        if not pitches:
            return True
        keys = set(pitches)
        if not all(self._known(p, jurors[0], criteria[0]) for p in keys):
            return False
        if not all(self._known(pitches[0], j, criteria[0]) for j in set(jurors)):
            return False
        if not all(self._known(pitches[0], jurors[0], c) for c in set(criteria)):
            return False
        distinct = dict(zip(map(id, values), values, strict=True)).values()  # shared objects
        if not all(v is None or self._on_scale(v) for v in distinct):
            return False
        if (self.recusals or self.absences) and not set(
            zip(pitches, jurors, strict=True)
        ).isdisjoint(self.recusals | self.absences):
            return False
        if not keys.isdisjoint(self.withdrawn):
            return False
        return self.reason_given or keys.isdisjoint(self.closed)

    def __call__(
        self, pitch: str, juror: str, criterion: str, value: Fraction | None
    ) -> RuleError | None:
        if (
            self._known(pitch, juror, criterion)
            and (value is None or self._on_scale(value))
            and (pitch, juror) not in self.recusals
            and (pitch, juror) not in self.absences
            and pitch not in self.withdrawn
            and (self.reason_given or pitch not in self.closed)
        ):
            return None
        return check_score(
            self.session,
            pitch,
            juror,
            criterion,
            value,
            recused=(pitch, juror) in self.recusals,
            absent=(pitch, juror) in self.absences,
            closed=pitch in self.closed,
            withdrawn=pitch in self.withdrawn,
            reason=self.reason,
        )
