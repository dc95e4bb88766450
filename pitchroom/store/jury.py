"""The jury's own acts on the record: decisions per pitch, money moved between
pots, a tie at the funding line decided, and the scoring protocol amended.

Each is a logged chair action; the last three need a reason.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal

from pitchroom.domain.models import DECISIONS, Session
from pitchroom.domain.protocol import fingerprint
from pitchroom.i18n import t
from pitchroom.store import rules
from pitchroom.store.base import StoreBase
from pitchroom.store.db import RuleError, Unchanged
from pitchroom.store.importing import definition_event, write_definition
from pitchroom.store.records import Event

_PROTOCOL_INFO = {"scale", "method", "quorum", "budget", "max_funded", "funding_rule"}
_IGNORED_INFO = {"pitches_csv"}


class JuryActions(StoreBase):
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
            error = rules.check_pitch(session, pitch)
            if error:
                raise error
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
            self.apply("decision", (pitch,), after, actor)
            return self._log(
                actor=actor,
                action="decision.recorded" if after else "decision.withdrawn",
                entity="decision",
                pitch=pitch,
                before=before,
                after=after,
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
                shown = f"{left:,.0f}" if left == left.to_integral_value() else f"{left:,.2f}"
                raise RuleError(
                    "amount",
                    t(
                        "store.transfer_over_left",
                        pot=pot.name or pot.key,
                        currency=session.session.currency,
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
            error = rules.check_pitch(session, pitch)
            if error:
                raise error
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

    def amend_protocol(self, new: Session, *, reason: str, actor: str) -> Event:
        """Replace the scoring protocol by that of ``new`` (scale, criteria weights,
        order and thresholds, method, quorum, budget, cap, funding rule, pot
        budgets and limits). Refused when anything else differs (pitches, jurors
        and criteria stay as imported), when nothing changes, or when a saved
        score is off the new scale."""
        if not reason.strip():
            raise RuleError("reason", t("store.reason_required"))
        old = self.session
        if _fixed_part(old) != _fixed_part(new):
            raise RuleError("session", t("store.amend_only_protocol"))
        if fingerprint(old) == fingerprint(new):
            raise RuleError("session", t("store.amend_unchanged"))
        scale = new.session.scale
        with self.lock, self._write():
            off = sorted({v for v in self.scores().values() if not scale.contains(v)})
            if off:
                shown = ", ".join(f"{float(v):g}" for v in off[:5])
                raise RuleError("session.scale", t("store.amend_scores_off_scale", values=shown))
            self.db.execute(
                "update meta set value = ? where key = 'session'", [new.model_dump_json()]
            )
            self.db.execute("update meta set value = ? where key = 'protocol'", [fingerprint(new)])
            write_definition(self.db, new)
            self._session = None
            return self._log(
                actor=actor,
                action="protocol.changed",
                entity="protocol",
                before={"protocol": fingerprint(old)},
                after=definition_event(new),
                reason=reason,
            )


def _fixed_part(session: Session) -> dict[str, object]:
    """What an amendment of the protocol must leave as it is."""
    dumped = session.model_dump(mode="json")
    info = {k: v for k, v in dumped["session"].items() if k not in _PROTOCOL_INFO | _IGNORED_INFO}
    return {
        "session": info,
        "criteria": sorted((c["key"], c["name"], c["description"]) for c in dumped["criteria"]),
        "jurors": dumped["jurors"],
        "pitches": dumped["pitches"],
        "pots": sorted(p["key"] for p in dumped["pots"]),
    }
