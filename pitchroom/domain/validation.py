"""Rules that span fields or lists of a session (SPEC.md, "Bad input").

Field-level rules live on the models; here are the rest: duplicate keys,
conflicts that name unknown jurors or pitches, duplicate conflicts, a scale
whose min is not below its max or whose step does not divide it, thresholds
off the scale, a quorum no jury can reach, pots over the session budget, a jury
without a scoring member, and control characters in any text.

:func:`validate` checks a whole :class:`Session`. The session file loader
calls :func:`check_parts` with what it could validate of a broken file, so
that it can report these problems together with the field-level ones.
Each problem is ``(loc, message)``; ``loc`` has 0-based list indexes and is
turned into a FIELD such as ``criteria[2].key`` by the caller
(:func:`problem_fields` does it here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Protocol

from pitchroom.domain.known import listing, suggest
from pitchroom.domain.models import (
    Conflict,
    Criterion,
    Juror,
    Pitch,
    Pot,
    Scale,
    Session,
    SessionInfo,
)
from pitchroom.domain.text import describe_char, first_control_char
from pitchroom.domain.validation_money import plain, pot_problems, preselection_problems
from pitchroom.i18n import N_, t, tn

Loc = tuple[str | int, ...]
Found = tuple[Loc, str]


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


MULTILINE_FIELDS = frozenset({"summary", "description"})
"""Text fields that may hold tabs and line breaks."""

MAX_SCALE_VALUES = 10_000


@dataclass
class Parts:
    """What is known to be valid of a session; each list keeps the original indexes.

    ``complete`` names the lists that validated in full, so that checks which
    need the whole list (unknown references, sums, counts) do not guess.
    """

    info: SessionInfo | None = None
    scale: Scale | None = None
    criteria: list[tuple[int, Criterion]] = field(default_factory=list)
    jurors: list[tuple[int, Juror]] = field(default_factory=list)
    pitches: list[tuple[int, Pitch]] = field(default_factory=list)
    conflicts: list[tuple[int, Conflict]] = field(default_factory=list)
    pots: list[tuple[int, Pot]] = field(default_factory=list)
    complete: set[str] = field(default_factory=set)
    name: Callable[[Loc], str] = field(default=lambda loc: field_name(loc))
    """How a message names another entry (``criteria[1]``; a CSV row by its line)."""

    @classmethod
    def of(cls, session: Session) -> Parts:
        return cls(
            info=session.session,
            scale=session.session.scale,
            criteria=list(enumerate(session.criteria)),
            jurors=list(enumerate(session.jurors)),
            pitches=list(enumerate(session.pitches)),
            conflicts=list(enumerate(session.conflicts)),
            pots=list(enumerate(session.pots)),
            complete={"criteria", "jurors", "pitches", "conflicts", "pots"},
        )


def validate(session: Session) -> list[tuple[str, str]]:
    """Every cross-field problem of ``session`` as ``(FIELD, message)``."""
    found = check_parts(Parts.of(session))
    found += control_problems(session.model_dump(mode="python"))
    return [(field_name(loc), message) for loc, message in found]


def field_name(loc: Loc) -> str:
    """``("criteria", 1, "weight")`` -> ``criteria[2].weight``."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def check_parts(parts: Parts) -> list[Found]:
    found: list[Found] = []
    for section in ("criteria", "jurors", "pitches", "pots"):
        found += _duplicates(section, getattr(parts, section), parts.name)
    found += _conflicts(parts)
    found += _scale(parts)
    found += _jury(parts)
    found += pot_problems(parts)
    found += preselection_problems(parts)
    return found


def control_problems(data: object, loc: Loc = ()) -> list[Found]:
    """Control characters in any string of ``data`` (nested dicts and lists)."""
    return list(_controls(data, loc))


def _controls(data: object, loc: Loc) -> Iterator[Found]:
    if isinstance(data, str):
        multiline = any(part in MULTILINE_FIELDS for part in loc if isinstance(part, str))
        char = first_control_char(data, allow_newlines=multiline)
        if char is not None:
            key = (
                N_("session.newline_not_allowed")
                if char in "\t\n\r"
                else N_("session.control_char")
            )
            yield loc, t(key, char=describe_char(char))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _controls(value, (*loc, str(key)))
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            yield from _controls(value, (*loc, index))


def _duplicates(
    section: str, items: Sequence[tuple[int, Keyed]], name: Callable[[Loc], str]
) -> list[Found]:
    found: list[Found] = []
    first: dict[str, int] = {}
    for index, item in items:
        key = item.key
        if key in first:
            found.append(
                (
                    (section, index, "key"),
                    t(
                        "session.duplicate_key",
                        key=key,
                        first=name((section, first[key])),
                        section=section,
                    ),
                )
            )
        else:
            first[key] = index
    return found


def _reference(kind: str, key: str, known: list[str]) -> str:
    hint = suggest(key, known)
    if hint:
        return t(f"session.unknown_{kind}_hint", key=key, hint=hint)
    return t(f"session.unknown_{kind}", key=key, known=listing(known) or "-")


def _conflicts(parts: Parts) -> list[Found]:
    found: list[Found] = []
    jurors = [j.key for _, j in parts.jurors]
    pitches = [p.key for _, p in parts.pitches]
    seen: dict[tuple[str, str], int] = {}
    for index, c in parts.conflicts:
        if "jurors" in parts.complete and c.juror not in jurors:
            found.append((("conflicts", index, "juror"), _reference("juror", c.juror, jurors)))
        if "pitches" in parts.complete and c.pitch not in pitches:
            found.append((("conflicts", index, "pitch"), _reference("pitch", c.pitch, pitches)))
        pair = (c.juror, c.pitch)
        if pair in seen:
            found.append(
                (
                    ("conflicts", index),
                    t(
                        "session.duplicate_conflict",
                        first=parts.name(("conflicts", seen[pair])),
                        juror=c.juror,
                        pitch=c.pitch,
                    ),
                )
            )
        else:
            seen[pair] = index
    return found


def _scale(parts: Parts) -> list[Found]:
    scale = parts.scale
    if scale is None:
        return []
    lo, hi, step = Fraction(scale.min), Fraction(scale.max), Fraction(scale.step)
    here = ("session", "scale")
    if lo >= hi:
        message = t("session.scale_order", min=plain(scale.min), max=plain(scale.max))
        return [((*here, "max"), message)]
    found: list[Found] = []
    span = (hi - lo) / step
    if span.denominator != 1:
        found.append(
            (
                (*here, "step"),
                t(
                    "session.scale_step",
                    step=plain(scale.step),
                    min=plain(scale.min),
                    max=plain(scale.max),
                    suggestion=_step_suggestion(hi - lo),
                ),
            )
        )
    elif span + 1 > MAX_SCALE_VALUES:
        found.append(
            (
                (*here, "step"),
                t(
                    "session.scale_too_fine",
                    step=plain(scale.step),
                    count=int(span + 1),
                    min=plain(scale.min),
                    max=plain(scale.max),
                    limit=MAX_SCALE_VALUES,
                ),
            )
        )
    for index, c in parts.criteria:
        if c.threshold is not None and not lo <= Fraction(c.threshold) <= hi:
            found.append(
                (
                    ("criteria", index, "threshold"),
                    t(
                        "session.threshold_off_scale",
                        value=plain(c.threshold),
                        min=plain(scale.min),
                        max=plain(scale.max),
                    ),
                )
            )
    info = parts.info
    if info is not None and info.discuss_spread is not None and info.discuss_spread > hi - lo:
        found.append(
            (
                ("session", "discuss_spread"),
                t(
                    "session.spread_too_large",
                    value=plain(info.discuss_spread),
                    range=plain(hi - lo),
                ),
            )
        )
    return found


def _step_suggestion(span: Fraction) -> str:
    for step in (Fraction(1), Fraction(1, 2), Fraction(1, 4), Fraction(1, 10), Fraction(1, 100)):
        if (span / step).denominator == 1:
            return plain(step)
    return "1"


def _jury(parts: Parts) -> list[Found]:
    if "jurors" not in parts.complete or not parts.jurors:
        return []
    scoring = sum(1 for _, j in parts.jurors if j.scores)
    if scoring == 0:
        return [(("jurors",), t("session.no_scoring_juror"))]
    info = parts.info
    if info is not None and info.quorum is not None and info.quorum > scoring:
        return [
            (
                ("session", "quorum"),
                tn("session.quorum_too_large", scoring, quorum=info.quorum, count=scoring),
            )
        ]
    return []
