"""Amending a running session from an edited session file.

Any change that keeps the record whole is applied: jurors added, renamed or
given another role; pitches added (at their place in the file), reordered or
corrected; criteria renamed or described; the protocol (weights, thresholds,
scale, method, budget, pots, cap, the pre-selection) changed; conflicts
declared. What would orphan something recorded is refused, every problem at
once and nothing written: removing a juror, pitch, criterion or pot that the
record refers to, taking a pitch with records (or the open one) out of the
queue, a scale that leaves saved scores off it, lifting a declared conflict.

One logged event holds the reason and the difference (``changes``, see
:mod:`pitchroom.domain.amendment`) with the whole new definition and its
fingerprint: ``protocol.changed`` when the fingerprint changes, else
``session.amended``.
"""

from __future__ import annotations

import json
from collections import Counter
from fractions import Fraction
from typing import TYPE_CHECKING

from pitchroom.domain.amendment import AMEND_ACTIONS, Change, differences
from pitchroom.domain.protocol import fingerprint
from pitchroom.i18n import t
from pitchroom.store import rules
from pitchroom.store.db import RuleError, Unchanged
from pitchroom.store.records import Event
from pitchroom.store.writes import StoreWrites

if TYPE_CHECKING:  # the models come with the new definition (pydantic: not for reads)
    from pitchroom.domain.definition import Session as Plain
    from pitchroom.domain.models import Session

_RECORDS = ("scores", "comments", "recusals", "absences", "decisions", "states", "ties")


__all__ = ["AMEND_ACTIONS", "AmendActions", "AmendmentRefused"]


class AmendmentRefused(Exception):
    """An amendment that would orphan recorded data; nothing was written."""

    def __init__(self, problems: list[RuleError]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class AmendActions(StoreWrites):
    def amend(self, new: Session, *, reason: str, actor: str) -> Event:
        """Make ``new`` the session's definition, as one logged event with the
        difference; raises :class:`AmendmentRefused` listing every problem (or a
        :class:`RuleError` for a missing reason or no change), writing nothing."""
        from pitchroom.store.importing import definition_event, write_definition

        if not reason.strip():
            raise RuleError("reason", t("store.reason_required"))
        with self.lock, self._write():
            old = self.session
            changes = differences(old, new)
            if not changes:
                raise Unchanged("session", t("store.amend_unchanged"))
            problems = self._amend_problems(old, new)
            if problems:
                raise AmendmentRefused(problems)
            before, after = fingerprint(old), fingerprint(new)
            self.db.execute(
                "update meta set value = ? where key = 'session'", [new.model_dump_json()]
            )
            self.db.execute("update meta set value = ? where key = 'protocol'", [after])
            write_definition(self.db, new)
            self._session = None
            event = self._log(
                actor=actor,
                action="protocol.changed" if before != after else "session.amended",
                entity="protocol" if before != after else "session",
                before={"protocol": before},
                after={**definition_event(new), "changes": changes},
                reason=reason,
            )
            self._declare_new_conflicts(old, new, changes, actor)
            return event

    def amend_protocol(self, new: Session, *, reason: str, actor: str) -> Event:
        """The former name of :meth:`amend` (it took protocol changes only)."""
        return self.amend(new, reason=reason, actor=actor)

    # ------------------------------------------------------------------ rules
    def _amend_problems(self, old: Plain, new: Session) -> list[RuleError]:
        from pitchroom.domain.validation import validate

        problems = [RuleError(field, message) for field, message in validate(new)]
        counts = self._record_counts()
        live = self.db.execute("select pitch from live where id = 1").fetchone()
        open_pitch = live[0] if live else None
        for juror in old.jurors:
            found = counts["juror"].get(juror.key)
            if new.juror(juror.key) is None and found:
                problems.append(
                    RuleError(
                        f"jurors.{juror.key}",
                        t("store.amend_juror_removed", juror=juror.key, **_shown(found)),
                    )
                )
        for pitch in old.pitches:
            found = counts["pitch"].get(pitch.key)
            now = new.pitch(pitch.key)
            if now is None:
                if found:
                    problems.append(
                        RuleError(
                            f"pitches.{pitch.key}",
                            t("store.amend_pitch_removed", pitch=pitch.key, **_shown(found)),
                        )
                    )
                elif pitch.key == open_pitch:
                    problems.append(
                        RuleError(
                            f"pitches.{pitch.key}", t("store.amend_pitch_open", pitch=pitch.key)
                        )
                    )
            elif pitch.pitches and not now.pitches:
                if found:
                    problems.append(
                        RuleError(
                            f"pitches.{pitch.key}.stage",
                            t(
                                "store.amend_pitch_stage_recorded",
                                pitch=pitch.key,
                                stage=now.stage,
                                **_shown(found),
                            ),
                        )
                    )
                elif pitch.key == open_pitch:
                    problems.append(
                        RuleError(
                            f"pitches.{pitch.key}.stage",
                            t("store.amend_pitch_stage_open", pitch=pitch.key, stage=now.stage),
                        )
                    )
        for criterion in old.criteria:
            found = counts["criterion"].get(criterion.key)
            if new.criterion(criterion.key) is None and found:
                problems.append(
                    RuleError(
                        f"criteria.{criterion.key}",
                        t(
                            "store.amend_criterion_removed",
                            criterion=criterion.key,
                            scores=found["scores"],
                        ),
                    )
                )
        new_pots = {p.key for p in new.pots}
        for pot in old.pots:
            found = counts["pot"].get(pot.key)
            if pot.key not in new_pots and found:
                problems.append(
                    RuleError(
                        f"pots.{pot.key}",
                        t("store.amend_pot_removed", pot=pot.key, transfers=found["transfers"]),
                    )
                )
        scale = new.session.scale
        off = sorted({v for v in self._score_values() if not scale.contains(v)})
        if off:
            shown = ", ".join(rules.format_number(v) for v in off[:5])
            problems.append(
                RuleError("session.scale", t("store.amend_scores_off_scale", values=shown))
            )
        new_conflicts = {(c.juror, c.pitch) for c in new.conflicts}
        recused = set(self.recusals())
        for c in old.conflicts:
            if (c.juror, c.pitch) not in new_conflicts and (c.pitch, c.juror) in recused:
                problems.append(
                    RuleError(
                        f"conflicts.{c.juror}/{c.pitch}",
                        t("store.amend_conflict_removed", juror=c.juror, pitch=c.pitch),
                    )
                )
        declared = {(o.juror, o.pitch) for o in old.conflicts}
        for n in new.conflicts:
            target = new.pitch(n.pitch)
            if (n.juror, n.pitch) not in declared and target is not None and not target.pitches:
                problems.append(
                    RuleError(
                        f"conflicts.{n.juror}/{n.pitch}",
                        t("store.amend_conflict_not_pitching", juror=n.juror, pitch=n.pitch),
                    )
                )
        return problems

    def _score_values(self) -> set[Fraction]:
        rows = self.db.execute("select distinct value from scores").fetchall()
        return {Fraction(str(v)) for (v,) in rows}

    def _record_counts(self) -> dict[str, dict[str, Counter[str]]]:
        """How many records refer to each pitch, juror, criterion and pot."""
        out: dict[str, dict[str, Counter[str]]] = {
            "pitch": {},
            "juror": {},
            "criterion": {},
            "pot": {},
        }

        def add(kind: str, sql: str, what: str) -> None:
            for key, count in self.db.execute(sql).fetchall():
                out[kind].setdefault(key, Counter())[what] += count

        for table in ("scores", "comments", "recusals", "absences"):
            add("pitch", f"select pitch, count(*) from {table} group by pitch", table)
            add("juror", f"select juror, count(*) from {table} group by juror", table)
        add("pitch", "select pitch, count(*) from decisions group by pitch", "decisions")
        add(
            "pitch",
            "select key, 1 from pitches where closed or withdrawn",
            "states",
        )
        add("criterion", "select criterion, count(*) from scores group by criterion", "scores")
        for (order,) in self.db.execute("select pitches from tie_decisions").fetchall():
            for key in json.loads(order):
                out["pitch"].setdefault(key, Counter())["ties"] += 1
        for column in ("source", "target"):
            add(
                "pot",
                f"select {column}, count(*) from pot_transfers group by {column}",
                "transfers",
            )
        return out

    def _declare_new_conflicts(
        self, old: Plain, new: Session, changes: list[Change], actor: str
    ) -> None:
        """A conflict the amendment declares is recorded as a recusal, as at import."""
        recused = set(self.recusals())
        for change in changes:
            if change["kind"] != "conflict" or change["change"] != "added":
                continue
            value = change["value"]
            pitch, juror, reason = value["pitch"], value["juror"], value.get("reason", "")
            if (pitch, juror) in recused:
                continue
            self.db.execute(
                "insert into recusals values (?, ?, ?, ?, ?)",
                [pitch, juror, reason, self._now(), actor],
            )
            self._log(
                actor=actor,
                action="recusal.declared",
                entity="recusal",
                pitch=pitch,
                juror=juror,
                after={"reason": reason},
                reason=reason or None,
            )


def _shown(found: Counter[str]) -> dict[str, int]:
    return {name: found.get(name, 0) for name in _RECORDS}
