"""The jury's own acts on the record: decisions per pitch, money moved between
pots, and a tie at the funding line decided (amendments: :mod:`pitchroom.store.amend`).

Each is a logged chair action; the last two need a reason.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal

from pitchroom.domain.definition import DECISIONS
from pitchroom.i18n import formats, t
from pitchroom.store import rules
from pitchroom.store.db import RuleError, Unchanged
from pitchroom.store.records import Event
from pitchroom.store.writes import StoreWrites


class JuryActions(StoreWrites):
    def decide(
        self,
        pitch: str,
        decision: str | None,
        *,
        actor: str,
        amount: Decimal | None = None,
        motivation: str = "",
    ) -> Event:
        """Record (or, with ``decision=None``, withdraw) the jury's decision."""
        session = self.session
        with self.lock, self._write():
            rules.require(session, pitch)
            if decision is not None and decision not in DECISIONS:
                raise RuleError(
                    "decision",
                    t("store.bad_decision", value=decision, allowed=", ".join(DECISIONS)),
                )
            if decision is not None and not motivation.strip():
                raise RuleError("motivation", t("store.motivation_required"))
            if amount is not None and amount < 0:
                raise RuleError("amount", t("store.negative_amount"))
            if amount is not None and decision != "award":
                raise RuleError("amount", t("store.amount_only_award"))
            row = self._current(
                "select decision, amount, motivation from decisions where pitch = ?", [pitch]
            )
            before = (
                None
                if row is None
                else {"decision": row[0], "amount": row[1], "motivation": row[2]}
            )
            after = (
                None
                if decision is None
                else {
                    "decision": decision,
                    "amount": None if amount is None else float(amount),
                    "motivation": motivation,
                }
            )
            if before == after:
                raise Unchanged("decision", t("store.unchanged"))
            return self._record(
                "decision",
                (pitch,),
                before,
                after,
                actor=actor,
                action="decision.recorded" if after else "decision.withdrawn",
                reason=motivation or None,
            )

    def transfer(
        self, source: str, target: str, amount: Decimal, *, reason: str, actor: str
    ) -> Event:
        session = self.session
        keys = [p.key for p in session.pots]
        for field, key in (("source", source), ("target", target)):
            if key not in keys:
                raise rules._unknown(field, key, keys)
        if source == target:
            raise RuleError("target", t("store.transfer_same"))
        if amount <= 0:
            raise RuleError("amount", t("store.transfer_positive"))
        if not reason.strip():
            raise RuleError("reason", t("store.reason_required"))
        with self.lock, self._write():
            left = self._pot_left(source)
            if left is not None and amount > left:
                pot = next(p for p in session.pots if p.key == source)
                shown = formats.amount(left)
                raise RuleError(
                    "amount",
                    t(
                        "store.transfer_over_left",
                        pot=pot.name or pot.key,
                        currency=formats.currency(session.session.currency),
                        left=shown,
                    ),
                )
            cur = self.db.execute(
                "insert into pot_transfers (source, target, amount, reason, saved_at, actor) "
                "values (?, ?, ?, ?, ?, ?)",
                [source, target, float(amount), reason, self._now(), actor],
            )
            after = {
                "id": cur.lastrowid,
                "source": source,
                "target": target,
                "amount": float(amount),
                "reason": reason,
            }
            return self._log(
                actor=actor,
                action="pot.transfer",
                entity="pot_transfer",
                after=after,
                reason=reason,
            )

    def _pot_left(self, pot: str) -> Decimal | None:
        """What ``pot`` has left under the current ranking (the session's method)."""
        from pitchroom.store.ranking import compute

        for result in compute(self).pots:
            if result.key == pot and result.left is not None:
                return Decimal(result.left.numerator) / Decimal(result.left.denominator)
        return None

    def decide_tie(self, order: Sequence[str], *, reason: str, actor: str) -> Event:
        session = self.session
        for pitch in order:
            rules.require(session, pitch)
        if len(set(order)) < 2 or len(set(order)) != len(order):
            raise RuleError("pitches", t("store.tie_needs_two"))
        if not reason.strip():
            raise RuleError("reason", t("store.reason_required"))
        with self.lock, self._write():
            cur = self.db.execute(
                "insert into tie_decisions (pitches, reason, saved_at, actor) values (?, ?, ?, ?)",
                [json.dumps(list(order)), reason, self._now(), actor],
            )
            after = {"id": cur.lastrowid, "pitches": list(order), "reason": reason}
            return self._log(
                actor=actor, action="tie.decided", entity="tie_decision", after=after, reason=reason
            )
