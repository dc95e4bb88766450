"""``Store``: the rule-checked, logged writes on top of :class:`StoreBase`.

Every method here runs one ``BEGIN IMMEDIATE`` transaction that checks the
rules against the current record, changes it, and appends the audit event,
then returns the event once committed. A refused write raises
:class:`RuleError` and writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from pitchroom.i18n import N_, t
from pitchroom.store import audit, rules
from pitchroom.store.amend import AmendActions
from pitchroom.store.db import RuleError, Unchanged, paused_gc
from pitchroom.store.jury import JuryActions
from pitchroom.store.live import LiveActions
from pitchroom.store.numbers import as_fraction
from pitchroom.store.records import Event
from pitchroom.store.rows import freeze_protocol

if TYPE_CHECKING:
    from pitchroom.store import bulk


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


class Store(LiveActions, JuryActions, AmendActions):
    """Every write pitchroom makes: scores, recusals, absences, comments, pitch
    state and undo here; the live state in :class:`LiveActions`; decisions,
    pot transfers, tie decisions and protocol amendments in :class:`JuryActions`."""

    # --------------------------------------------------------------- scores
    def _score_context(self, pitch: str, juror: str) -> dict[str, bool]:
        state = self._current("select closed, withdrawn from pitches where key = ?", [pitch])
        return {
            "recused": self._current(
                "select 1 from recusals where pitch = ? and juror = ?", [pitch, juror]
            )
            is not None,
            "absent": self._current(
                "select 1 from absences where pitch = ? and juror = ?", [pitch, juror]
            )
            is not None,
            "closed": bool(state and state[0]),
            "withdrawn": bool(state and state[1]),
        }

    def set_score(
        self,
        pitch: str,
        juror: str,
        criterion: str,
        value: Fraction | Decimal | int | None,
        *,
        actor: str,
        reason: str | None = None,
    ) -> Event:
        """Save (or, with ``value=None``, clear) one score."""
        session = self.session
        exact = None if value is None else Fraction(value)
        with self.lock, self._write():
            context = self._score_context(pitch, juror)
            error = rules.check_score(
                session, pitch, juror, criterion, exact, reason=reason, **context
            )
            if error:
                raise error
            key = (pitch, juror, criterion)
            row = self._current(
                "select value from scores where pitch = ? and juror = ? and criterion = ?", key
            )
            before = None if row is None else {"value": _number(as_fraction(row[0]))}
            after = None if exact is None else {"value": _number(exact)}
            if before == after:
                raise Unchanged("value", t("store.unchanged"))
            if context["closed"]:
                action = "score.revised"
            else:
                action = "score.cleared" if after is None else "score.set"
            return self._record(
                "score", key, before, after, actor=actor, action=action, reason=reason
            )

    def check_scores(
        self, rows: Sequence[tuple[str, str, str, Fraction]], *, reason: str | None = None
    ) -> list[tuple[int, RuleError]]:
        """Every row that :meth:`set_scores` would refuse, with its index."""
        from pitchroom.store import bulk  # bulk writes only (not for ``open``)

        return self._refusals(rows, bulk.columns(rows), reason)

    def _refusals(
        self,
        rows: Sequence[tuple[str, str, str, Fraction]],
        columns: bulk.Columns,
        reason: str | None,
    ) -> list[tuple[int, RuleError]]:
        states = self.pitch_states()
        check = rules.ScoreChecker(
            self.session,
            recusals=self.recusals(),
            absences=self.absences(),
            closed=[k for k, state in states.items() if state.closed],
            withdrawn=[k for k, state in states.items() if state.withdrawn],
            reason=reason,
        )
        if check.all_pass(*columns):  # the usual case, checked column-wise
            return []
        problems: list[tuple[int, RuleError]] = []
        for index, (pitch, juror, criterion, value) in enumerate(rows):
            error = check(pitch, juror, criterion, value)
            if error:
                problems.append((index, error))
        return problems

    def set_scores(
        self,
        rows: Sequence[tuple[str, str, str, Fraction]],
        *,
        actor: str,
        reason: str | None = None,
        action: str = "score.imported",
    ) -> int:
        """Save many scores in one transaction: all of them, or (on any refusal) none.

        Returns how many scores changed. Raises :class:`BulkRuleError` with the
        refusals when any row is refused (see :meth:`check_scores`). One event per
        changed score (:mod:`pitchroom.store.bulk`).
        """
        from pitchroom.store import bulk  # bulk writes only (not for ``open``)

        with (
            self.lock,
            paused_gc(),
            bulk.rollback_journal(self.db, self.watch),
            bulk.foreign_keys_off(self.db),
            self._write(),
        ):
            columns = bulk.columns(rows)
            problems = self._refusals(rows, columns, reason)
            if problems:
                raise BulkRuleError(problems)
            changed = bulk.write_scores(
                self.db,
                rows,
                columns,
                self.scores() if self.score_count() else {},
                now=self._now(),
                actor=actor,
                action=action,
                closed={k for k, state in self.pitch_states().items() if state.closed},
                reason=reason,
            )
            if changed:
                freeze_protocol(self.db, self._now())
            return changed

    # ------------------------------------------------------ recusal, absence
    def recuse(
        self, pitch: str, juror: str, *, actor: str, reason: str = "", lift: bool = False
    ) -> Event:
        session = self.session
        with self.lock, self._write():
            rules.require(session, pitch, juror)
            row = self._current(
                "select reason from recusals where pitch = ? and juror = ?", [pitch, juror]
            )
            before = None if row is None else {"reason": row[0]}
            after = None if lift else {"reason": reason}
            if (before is None) == (after is None):
                raise RuleError(
                    "juror",
                    t(
                        N_("store.already_lifted") if lift else N_("store.already_recused"),
                        juror=juror,
                        pitch=pitch,
                    ),
                )
            return self._record(
                "recusal",
                (pitch, juror),
                before,
                after,
                actor=actor,
                action="recusal.lifted" if lift else "recusal.recorded",
                reason=reason or None,
            )

    def set_absent(self, pitch: str, juror: str, absent: bool, *, actor: str) -> Event:
        session = self.session
        with self.lock, self._write():
            rules.require(session, pitch, juror)
            present = (
                self._current(
                    "select 1 from absences where pitch = ? and juror = ?", [pitch, juror]
                )
                is not None
            )
            if present == absent:
                raise RuleError(
                    "juror",
                    t(
                        N_("store.already_absent") if absent else N_("store.already_present"),
                        juror=juror,
                        pitch=pitch,
                    ),
                )
            after: dict[str, Any] | None = {} if absent else None
            return self._record(
                "absence",
                (pitch, juror),
                None if absent else {},
                after,
                actor=actor,
                action="absence.marked" if absent else "absence.lifted",
            )

    # ------------------------------------------------------------ comments
    def set_comment(self, pitch: str, juror: str, text: str, *, actor: str) -> Event:
        session = self.session
        with self.lock, self._write():
            rules.require(session, pitch, juror)
            row = self._current(
                "select text from comments where pitch = ? and juror = ?", [pitch, juror]
            )
            before = None if row is None else {"text": row[0]}
            after = {"text": text} if text.strip() else None
            if before == after:
                raise Unchanged("text", t("store.unchanged"))
            return self._record(
                "comment",
                (pitch, juror),
                before,
                after,
                actor=actor,
                action="comment.saved" if after else "comment.cleared",
            )

    # --------------------------------------------------------- pitch state
    def _set_state(
        self, pitch: str, field: str, on: bool, *, actor: str, reason: str | None, action: str
    ) -> Event:
        session = self.session
        with self.lock, self._write():
            rules.require(session, pitch)
            closed, withdrawn = self._current(
                "select closed, withdrawn from pitches where key = ?", [pitch]
            )
            before = {"closed": bool(closed), "withdrawn": bool(withdrawn)}
            if before[field] == on:
                raise RuleError(
                    field, t(f"store.already_{field}_{'on' if on else 'off'}", pitch=pitch)
                )
            if field == "closed" and not on and not (reason and reason.strip()):
                raise RuleError("reason", t("store.reopen_needs_reason", pitch=pitch))
            after = {**before, field: on}
            return self._record(
                "pitch_state", (pitch,), before, after, actor=actor, action=action, reason=reason
            )

    def set_closed(
        self, pitch: str, closed: bool, *, actor: str, reason: str | None = None
    ) -> Event:
        return self._set_state(
            pitch,
            "closed",
            closed,
            actor=actor,
            reason=reason,
            action="pitch.closed" if closed else "pitch.reopened",
        )

    def set_withdrawn(
        self, pitch: str, withdrawn: bool, *, actor: str, reason: str | None = None
    ) -> Event:
        return self._set_state(
            pitch,
            "withdrawn",
            withdrawn,
            actor=actor,
            reason=reason,
            action="pitch.withdrawn" if withdrawn else "pitch.reinstated",
        )

    # ----------------------------------------------------------------- undo
    def undo(self, event_id: int, *, actor: str) -> Event:
        """Put back what event ``event_id`` changed, as a new logged change."""
        with self.lock, self._write():
            target = self.event(event_id)
            if target is None or not target.undoable:
                raise RuleError("event", t("store.cannot_undo", id=event_id))
            spec = audit.ENTITIES[target.entity]
            key = tuple(getattr(target, k) for k in spec.keys)
            current = self._current(*_select_current(target.entity, key))
            now_values = _row_values(target.entity, current)
            if not audit._same(
                audit._normal(target.entity, now_values), audit._normal(target.entity, target.after)
            ):
                raise RuleError("event", t("store.undo_stale", id=event_id))
            self.apply(target.entity, key, target.before, actor)
            return self._log(
                actor=actor,
                action="undo",
                entity=target.entity,
                pitch=target.pitch,
                juror=target.juror,
                criterion=target.criterion,
                before=target.after,
                after=target.before,
                reason=t("store.undo_reason", id=event_id),
            )


class BulkRuleError(Exception):
    """Some rows of a bulk write were refused; nothing was written."""

    def __init__(self, problems: list[tuple[int, RuleError]]) -> None:
        super().__init__(f"{len(problems)} rows refused")
        self.problems = problems


def _select_current(entity: str, key: tuple[Any, ...]) -> tuple[str, list[Any]]:
    spec = audit.ENTITIES[entity]
    if entity == "pitch_state":
        return "select closed, withdrawn from pitches where key = ?", list(key)
    where = " and ".join(f"{k} = ?" for k in spec.keys)
    cols = ", ".join(spec.values) or "1"
    return f"select {cols} from {spec.table} where {where}", list(key)


def _row_values(entity: str, row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    spec = audit.ENTITIES[entity]
    if entity == "pitch_state":
        return {"closed": bool(row[0]), "withdrawn": bool(row[1])}
    return dict(zip(spec.values, row, strict=False)) if spec.values else {}
