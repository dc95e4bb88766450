"""Saving a station's form: parse what the juror typed, write through the store.

No Textual here: the form hands over the changed entries, this module returns
one outcome per entry (``None`` when saved, else the message to show).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from pitchroom.i18n import t
from pitchroom.store import RuleError, Store

COMMENT = "#comment"
"""The outcome key of the comment (never a criterion key: those are slugs)."""

ACTOR_PREFIX = "station:"


def actor_for(juror: str) -> str:
    """The audit actor of a station: the chair screen recognises it in blind mode."""
    return f"{ACTOR_PREFIX}{juror}"


def parse_value(text: str) -> Fraction | None:
    """``"7"`` -> 7, ``"7,5"`` -> 15/2, ``""`` -> None; ``ValueError`` otherwise."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return Fraction(number)


def save_entries(
    store: Store,
    juror: str,
    pitch: str,
    scores: dict[str, str],
    comment: str | None,
    current: dict[str, Fraction],
    current_comment: str,
) -> dict[str, str | None]:
    """Save each changed score (by criterion key) and the comment, one by one.

    Each score is its own committed write, so a refused entry never holds back
    the others; the outcome says which were saved. Entries equal to what is
    stored count as saved without a write.
    """
    actor = actor_for(juror)
    outcomes: dict[str, str | None] = {}
    for criterion, text in scores.items():
        try:
            value = parse_value(text)
        except ValueError:
            outcomes[criterion] = t("station.not_a_number", value=text.strip())
            continue
        if value == current.get(criterion):
            outcomes[criterion] = None
            continue
        try:
            store.set_score(pitch, juror, criterion, value, actor=actor)
        except RuleError as error:
            outcomes[criterion] = error.message
        else:
            outcomes[criterion] = None
    if comment is not None:
        if comment.strip() == current_comment.strip():
            outcomes[COMMENT] = None
        else:
            try:
                store.set_comment(pitch, juror, comment.strip(), actor=actor)
            except RuleError as error:
                outcomes[COMMENT] = error.message
            else:
                outcomes[COMMENT] = None
    return outcomes
