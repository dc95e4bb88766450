"""What a message says of a value that is not one of the known ones: the closest known
one (a typo) and the known ones listed. Apart from :mod:`pitchroom.domain.validation` so
that a score CSV's reader (``score --from``) has them without the session's models."""

from __future__ import annotations

from collections.abc import Iterable

from pitchroom.i18n import t

MAX_LISTED = 12
"""At most this many known values are listed; the rest are counted."""


def suggest(value: str, known: Iterable[str]) -> str | None:
    """The closest of ``known`` to ``value``, if one is close enough to be a typo."""
    import difflib  # only for a message

    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def listing(known: Iterable[str]) -> str:
    """The known values, comma-separated, at most :data:`MAX_LISTED` of them."""
    items = list(known)
    if len(items) > MAX_LISTED:
        rest = len(items) - MAX_LISTED + 1
        return ", ".join(items[: MAX_LISTED - 1]) + t("session.and_more", count=rest)
    return ", ".join(items)
