"""What a session's parts answer, written once for both of their forms: the pydantic
models (:mod:`pitchroom.domain.models`, for session files, amendments and exports) and
the plain classes the record is read into (:mod:`pitchroom.domain.definition`, for the
chair and ``ranking``).

These are mixins without fields: what they read is declared for the type checker only,
so that neither pydantic nor dataclasses take it for a field of their own. No pydantic
here (``pitchroom open`` imports this module).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


class _Scoring(_Keyed, Protocol):
    @property
    def scores(self) -> bool: ...


class _Staged(_Keyed, Protocol):
    @property
    def pitches(self) -> bool: ...


class _Fits(Protocol):
    def fits(self, requested: Decimal) -> bool: ...


class _Range(Protocol):
    @property
    def min(self) -> Decimal: ...

    @property
    def max(self) -> Decimal: ...


class _Info(Protocol):
    @property
    def discuss_spread(self) -> Decimal | None: ...

    @property
    def scale(self) -> _Range: ...


class ScaleRules:
    """A score scale: which values are on it."""

    __slots__ = ()
    if TYPE_CHECKING:

        @property
        def min(self) -> Decimal: ...

        @property
        def max(self) -> Decimal: ...

        @property
        def step(self) -> Decimal: ...

    def contains(self, value: Fraction) -> bool:
        """True when ``value`` is on the scale: within [min, max] and on a step."""
        return value in self._allowed

    @cached_property
    def _allowed(self) -> frozenset[Fraction]:
        return frozenset(self.values())

    def values(self) -> list[Fraction]:
        lo, hi, step = Fraction(self.min), Fraction(self.max), Fraction(self.step)
        out: list[Fraction] = []
        v = lo
        while v <= hi and len(out) < 10_000:
            out.append(v)
            v += step
        return out


class PitchRules:
    """A proposal: whether it pitches, and what the pre-selection granted it."""

    __slots__ = ()
    if TYPE_CHECKING:

        @property
        def stage(self) -> str: ...

        @property
        def requested(self) -> Decimal: ...

        @property
        def granted(self) -> Decimal | None: ...

    @property
    def pitches(self) -> bool:
        """Whether this proposal pitches on the day (is in the chair's queue)."""
        return self.stage == "pitch"

    @property
    def preselected_amount(self) -> Decimal | None:
        """What the pre-selection granted (None unless ``stage = "preselected"``)."""
        if self.stage != "preselected":
            return None
        return self.requested if self.granted is None else self.granted


class PotRules:
    """A sub-budget: which requested amounts it takes."""

    __slots__ = ()
    if TYPE_CHECKING:

        @property
        def min_requested(self) -> Decimal | None: ...

        @property
        def max_requested(self) -> Decimal | None: ...

    def fits(self, requested: Decimal) -> bool:
        """Inclusive limits, as SPEC.md says."""
        if self.min_requested is not None and requested < self.min_requested:
            return False
        return not (self.max_requested is not None and requested > self.max_requested)


C = TypeVar("C", bound=_Keyed)
J = TypeVar("J", bound=_Scoring)
P = TypeVar("P", bound=_Staged)
T = TypeVar("T", bound=_Fits)


class SessionRules(Generic[C, J, P, T]):
    """A whole session: its parts by key, the chair's queue, pots, the spread rule."""

    __slots__ = ()
    if TYPE_CHECKING:

        @property
        def session(self) -> _Info: ...

        @property
        def criteria(self) -> Sequence[C]: ...

        @property
        def jurors(self) -> Sequence[J]: ...

        @property
        def pitches(self) -> Sequence[P]: ...

        @property
        def pots(self) -> Sequence[T]: ...

    @cached_property
    def _index(self) -> tuple[dict[str, C], dict[str, J], dict[str, P]]:
        return (
            {c.key: c for c in reversed(self.criteria)},
            {j.key: j for j in reversed(self.jurors)},
            {p.key: p for p in reversed(self.pitches)},
        )

    def criterion(self, key: str) -> C | None:
        return self._index[0].get(key)

    def juror(self, key: str) -> J | None:
        return self._index[1].get(key)

    def pitch(self, key: str) -> P | None:
        return self._index[2].get(key)

    def pot_for(self, requested: Decimal) -> T | None:
        """The first pot whose limits fit ``requested``; None if pots exist and none fits."""
        return next((p for p in self.pots if p.fits(requested)), None)

    @cached_property
    def queue(self) -> list[P]:
        """The pitches that pitch on the day, in session order (the chair's queue,
        "3 of 9"); proposals decided at pre-selection are not in it."""
        return [p for p in self.pitches if p.pitches]

    def queue_position(self, key: str) -> int | None:
        """1-based place of pitch ``key`` in :attr:`queue` (None if it does not pitch)."""
        return next((i for i, p in enumerate(self.queue, 1) if p.key == key), None)

    @property
    def scoring_jurors(self) -> list[J]:
        return [j for j in self.jurors if j.scores]

    def discuss_spread(self) -> Fraction:
        if self.session.discuss_spread is not None:
            return Fraction(self.session.discuss_spread)
        scale = self.session.scale
        return (Fraction(scale.max) - Fraction(scale.min)) * Fraction(3, 10)
