"""The session rules on money (part of :mod:`pitchroom.domain.validation`): pot
limits and budgets, and what the pre-selection granted against its pots, the
budget and the cap on funded pitches."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from pitchroom.i18n import formats, t, tn

if TYPE_CHECKING:  # validation imports this module; the types only are needed here
    from pitchroom.domain.validation import Found, Parts


def plain(value: Decimal | Fraction) -> str:
    """A number as written, without exponent or trailing zeros (``1.5``, ``200000``)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    text = format(value.normalize(), "f") if value == value else str(value)
    return text


def pot_problems(parts: Parts) -> list[Found]:
    found: list[Found] = []
    for index, pot in parts.pots:
        low, high = pot.min_requested, pot.max_requested
        if low is not None and high is not None and low > high:
            found.append(
                (
                    ("pots", index, "min_requested"),
                    t("session.pot_limits", min=plain(low), max=plain(high)),
                )
            )
    info = parts.info
    if "pots" in parts.complete and parts.pots and info is not None and info.budget is not None:
        total = sum((p.budget for _, p in parts.pots), Decimal(0))
        if total > info.budget:
            found.append(
                (
                    ("pots",),
                    t(
                        "session.pots_over_budget",
                        total=formats.amount(total),
                        budget=formats.amount(info.budget),
                        currency=formats.currency(info.currency),
                    ),
                )
            )
    return found


def preselection_problems(parts: Parts) -> list[Found]:
    """``granted`` only with ``stage = "preselected"`` and at most the amount
    requested; at least one pitch that pitches; the pre-selection's grants within
    each pot, the budget and ``max_funded``, and each of them in a pot."""
    found: list[Found] = []
    info = parts.info
    currency = info.currency if info is not None else "EUR"
    for index, p in parts.pitches:
        if p.granted is None:
            continue
        if p.stage != "preselected":
            found.append(
                (("pitches", index, "granted"), t("session.granted_not_preselected", stage=p.stage))
            )
        elif p.granted > p.requested:
            found.append(
                (
                    ("pitches", index, "granted"),
                    t(
                        "session.granted_over_requested",
                        granted=plain(p.granted),
                        requested=plain(p.requested),
                        currency=currency,
                    ),
                )
            )
    if "pitches" not in parts.complete or not parts.pitches:
        return found
    if not any(p.pitches for _, p in parts.pitches):
        found.append((("pitches",), t("session.no_pitch_pitches")))
    chosen = [(i, p) for i, p in parts.pitches if p.stage == "preselected"]
    if not chosen:
        return found
    amounts = [(i, p, p.preselected_amount or Decimal(0)) for i, p in chosen]
    if info is not None and info.max_funded is not None and len(chosen) > info.max_funded:
        found.append(
            (
                ("session", "max_funded"),
                tn(
                    "session.preselected_over_cap",
                    len(chosen),
                    count=len(chosen),
                    cap=info.max_funded,
                ),
            )
        )
    if "pots" in parts.complete and parts.pots:
        spent: dict[int, Decimal] = {}
        for i, p, amount in amounts:
            home = next((k for k, candidate in parts.pots if candidate.fits(p.requested)), None)
            if home is None:
                found.append(
                    (
                        ("pitches", i, "requested"),
                        t(
                            "session.preselected_no_pot",
                            requested=plain(p.requested),
                            currency=currency,
                        ),
                    )
                )
            else:
                spent[home] = spent.get(home, Decimal(0)) + amount
        for k, pot in parts.pots:
            if spent.get(k, Decimal(0)) > pot.budget:
                found.append(
                    (
                        ("pots", k, "budget"),
                        t(
                            "session.preselected_over_pot",
                            total=plain(spent[k]),
                            budget=plain(pot.budget),
                            currency=currency,
                        ),
                    )
                )
    elif info is not None and info.budget is not None:
        total = sum((amount for _, _, amount in amounts), Decimal(0))
        if total > info.budget:
            found.append(
                (
                    ("session", "budget"),
                    t(
                        "session.preselected_over_budget",
                        total=plain(total),
                        budget=plain(info.budget),
                        currency=currency,
                    ),
                )
            )
    return found
