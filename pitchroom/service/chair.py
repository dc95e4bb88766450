"""The chair's actions over the store: score, undo, recuse, absent, comment, close,
decide, transfer, withdraw, and the live room (open a pitch, timer, Q&A, reveal).

:class:`ChairService` holds who acts (the audit actor) and the undo stack of this
sitting: every undoable change it makes is remembered, and :meth:`ChairService.undo`
puts back the newest one still on the stack. Each action returns the logged
:class:`Event` (or None where nothing needed writing) and raises
:class:`RuleError` when the session's rules refuse it; nothing here knows about
screens, so the chair screen is a view over it and tests run it without an app.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from pitchroom.i18n import t
from pitchroom.store import RuleError, Store, Unchanged
from pitchroom.store.records import Event


class NothingToUndo(RuleError):
    """The undo stack is empty."""

    def __init__(self) -> None:
        super().__init__("event", t("ui.nothing_to_undo"))


class ChairService:
    def __init__(self, store: Store, actor: str = "chair") -> None:
        self.store = store
        self.actor = actor
        self.undo_stack: list[int] = []
        """Event ids this sitting made, oldest first; :meth:`undo` pops the newest."""

    def _made(self, event: Event) -> Event:
        if event.undoable:
            self.undo_stack.append(event.id)
        return event

    # --------------------------------------------------------------- scores
    def score(
        self,
        pitch: str,
        juror: str,
        criterion: str,
        value: Fraction | Decimal | int | None,
        *,
        reason: str | None = None,
    ) -> Event | None:
        """Save (``None``: clear) one score; None when the cell already holds it."""
        try:
            event = self.store.set_score(
                pitch, juror, criterion, value, actor=self.actor, reason=reason
            )
        except Unchanged:
            return None
        return self._made(event)

    def undo(self) -> Event:
        """Put back the newest change of this sitting (itself logged, as ``undo``).

        Raises :class:`NothingToUndo` when there is none, and the store's
        :class:`RuleError` when that change was changed again since (it is then
        dropped from the stack: the next undo goes further back)."""
        if not self.undo_stack:
            raise NothingToUndo()
        return self.store.undo(self.undo_stack.pop(), actor=self.actor)

    # ---------------------------------------------------------------- jurors
    def recuse(self, pitch: str, juror: str, reason: str = "") -> Event:
        return self._made(self.store.recuse(pitch, juror, actor=self.actor, reason=reason))

    def lift_recusal(self, pitch: str, juror: str) -> Event:
        return self._made(self.store.recuse(pitch, juror, actor=self.actor, lift=True))

    def set_absent(self, pitch: str, juror: str, absent: bool) -> Event:
        return self._made(self.store.set_absent(pitch, juror, absent, actor=self.actor))

    def comment(self, pitch: str, juror: str, text: str) -> Event | None:
        """Save (an empty text: remove) a juror's comment; None when unchanged."""
        try:
            return self._made(self.store.set_comment(pitch, juror, text, actor=self.actor))
        except Unchanged:
            return None

    # --------------------------------------------------------------- pitches
    def close(self, pitch: str) -> Event:
        return self._made(self.store.set_closed(pitch, True, actor=self.actor))

    def reopen(self, pitch: str, reason: str) -> Event:
        return self._made(self.store.set_closed(pitch, False, actor=self.actor, reason=reason))

    def withdraw(self, pitch: str, withdrawn: bool = True, reason: str | None = None) -> Event:
        return self._made(
            self.store.set_withdrawn(pitch, withdrawn, actor=self.actor, reason=reason)
        )

    def decide(
        self,
        pitch: str,
        decision: str | None,
        *,
        amount: Decimal | None = None,
        motivation: str = "",
    ) -> Event | None:
        """Record (``None``: withdraw) the jury's decision; None when unchanged."""
        try:
            event = self.store.decide(
                pitch, decision, amount=amount, motivation=motivation, actor=self.actor
            )
        except Unchanged:
            return None
        return self._made(event)

    # ------------------------------------------------------------ the money
    def transfer(self, source: str, target: str, amount: Decimal, reason: str) -> Event:
        """Move money between pots (on the session's official ranking; not undoable:
        a transfer back is a transfer too)."""
        return self.store.transfer(source, target, amount, reason=reason, actor=self.actor)

    def decide_tie(self, order: Sequence[str], reason: str) -> Event:
        return self.store.decide_tie(order, reason=reason, actor=self.actor)

    # ------------------------------------------------------------- the room
    def open_pitch(self, pitch: str) -> Event | None:
        return self.store.open_pitch(pitch, actor=self.actor)

    def toggle_timer(self) -> Event | None:
        return self.store.toggle_timer(actor=self.actor)

    def start_qa(self) -> Event | None:
        return self.store.start_qa(actor=self.actor)

    def set_revealed(self, revealed: bool) -> Event | None:
        return self.store.set_revealed(revealed, actor=self.actor)
