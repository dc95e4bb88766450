"""Reading a session definition's JSON into :mod:`pitchroom.domain.definition`'s
plain classes, checking each field's rule as the pydantic models do (see there).

Only the form pydantic writes is read here; any other (a field left out, a number
printed otherwise, an escape, a value that breaks a rule) gives ``None``, so that
the caller asks pydantic, whose answer (and message) is the one that counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from pitchroom.domain.definition import (
    FUNDING_RULES,
    LANGUAGES,
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_MINUTES,
    MAX_NAME,
    MAX_SCALE,
    MAX_TEXT,
    MAX_WEIGHT,
    METHODS,
    ROLES,
    SLUG_PATTERN,
    STAGES,
    Conflict,
    Criterion,
    Juror,
    Pitch,
    Pot,
    Scale,
    Session,
    SessionInfo,
    shows_nothing,
)

if TYPE_CHECKING:
    from pitchroom.domain import models


class NotCanonical(Exception):
    """The text is not in the form pydantic writes (or breaks a field's rule)."""


_SLUG = re.compile(SLUG_PATTERN.removeprefix("^").removesuffix("$"))
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,15})")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]{0,15})\.[0-9]*[1-9]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Number:
    """A JSON number as its text: pydantic's value of it is ``Decimal(text)`` when
    the text is how Python prints that float (or a whole number's digits)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _float(text: str) -> _Number:
    if not _FLOAT.fullmatch(text) or repr(float(text)) != text:
        raise NotCanonical(text)
    return _Number(text)


def _int(text: str) -> int | _Number:
    if not _INT.fullmatch(text) or text == "-0":
        raise NotCanonical(text)
    return int(text)


def _constant(text: str) -> object:
    raise NotCanonical(text)  # NaN, Infinity: pydantic refuses them


Bound = tuple[Decimal | None, Decimal | None, bool]
"""Lowest, highest, and whether the lowest itself is excluded (``gt``)."""


def _decimal(value: object, bound: Bound, *, optional: bool = False) -> Decimal | None:
    if value is None and optional:
        return None
    if type(value) is int:
        number = Decimal(value)
    elif type(value) is _Number:
        number = Decimal(value.text)
    else:
        raise NotCanonical(value)
    low, high, above = bound
    if low is not None and (number <= low if above else number < low):
        raise NotCanonical(value)
    if high is not None and number > high:
        raise NotCanonical(value)
    return number


def _count(value: object, low: int, *, optional: bool = True) -> int | None:
    if value is None and optional:
        return None
    if type(value) is not int or not low <= value <= MAX_COUNT:
        raise NotCanonical(value)
    return value


def _text(value: object, longest: int, *, shortest: int = 0, readable: bool = False) -> str:
    if type(value) is not str or not shortest <= len(value) <= longest:
        raise NotCanonical(value)
    if readable and shows_nothing(value):
        raise NotCanonical(value)
    return value


def _slug(value: object) -> str:
    if type(value) is not str or not _SLUG.fullmatch(value):
        raise NotCanonical(value)
    return value


def _choice(value: object, allowed: tuple[str, ...]) -> Any:
    if type(value) is not str or value not in allowed:
        raise NotCanonical(value)
    return value


def _object(value: object, keys: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict or value.keys() != keys:
        raise NotCanonical(value)
    return value


def _list(value: object, *, shortest: int = 0) -> list[Any]:
    if type(value) is not list or len(value) < shortest:
        raise NotCanonical(value)
    return value


def _name(value: object) -> str:
    return _text(value, MAX_NAME, shortest=1, readable=True)


def _line(value: object) -> str:
    return _text(value, MAX_NAME, readable=True)


_SCALE = (-MAX_SCALE, MAX_SCALE, False)
_AMOUNT = (Decimal(0), MAX_AMOUNT, False)


def _keys(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls) if f.name != "source")


class _Reader:
    scale: ClassVar[frozenset[str]] = _keys(Scale)
    info: ClassVar[frozenset[str]] = _keys(SessionInfo)
    criterion: ClassVar[frozenset[str]] = _keys(Criterion)
    juror: ClassVar[frozenset[str]] = _keys(Juror)
    pitch: ClassVar[frozenset[str]] = _keys(Pitch)
    conflict: ClassVar[frozenset[str]] = _keys(Conflict)
    pot: ClassVar[frozenset[str]] = _keys(Pot)
    session: ClassVar[frozenset[str]] = _keys(Session)


def _scale(data: object) -> Scale:
    d = _object(data, _Reader.scale)
    return Scale(
        min=_decimal(d["min"], _SCALE),  # type: ignore[arg-type]  # not optional: never None
        max=_decimal(d["max"], _SCALE),  # type: ignore[arg-type]
        step=_decimal(d["step"], (Decimal(0), MAX_SCALE, True)),  # type: ignore[arg-type]
    )


def _info(data: object) -> SessionInfo:
    d = _object(data, _Reader.info)
    date = d["date"]
    if date is not None:
        if type(date) is not str or not _DATE.fullmatch(date):
            raise NotCanonical(date)
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise NotCanonical(date) from None
    csv = d["pitches_csv"]
    if csv is not None and type(csv) is not str:
        raise NotCanonical(csv)
    if type(d["blind"]) is not bool:
        raise NotCanonical(d["blind"])
    return SessionInfo(
        title=_name(d["title"]),
        date=date,
        budget=_decimal(d["budget"], _AMOUNT, optional=True),
        max_funded=_count(d["max_funded"], 0),
        funding_rule=_choice(d["funding_rule"], FUNDING_RULES),
        quorum=_count(d["quorum"], 1),
        currency=_text(d["currency"], 8, shortest=1),
        scale=_scale(d["scale"]),
        pitch_minutes=_decimal(d["pitch_minutes"], (Decimal(0), MAX_MINUTES, True)),  # type: ignore[arg-type]  # not optional
        qa_minutes=_decimal(d["qa_minutes"], (Decimal(0), MAX_MINUTES, False)),  # type: ignore[arg-type]
        method=_choice(d["method"], METHODS),
        blind=d["blind"],
        language=_choice(d["language"], LANGUAGES),
        pitches_csv=csv,
        discuss_spread=_decimal(
            d["discuss_spread"], (Decimal(0), MAX_SCALE * 2, True), optional=True
        ),
    )


def _criterion(data: object) -> Criterion:
    d = _object(data, _Reader.criterion)
    return Criterion(
        key=_slug(d["key"]),
        name=_name(d["name"]),
        description=_text(d["description"], MAX_TEXT),
        weight=_decimal(d["weight"], (Decimal(0), MAX_WEIGHT, True)),  # type: ignore[arg-type]  # not optional
        threshold=_decimal(d["threshold"], _SCALE, optional=True),
    )


def _juror(data: object) -> Juror:
    d = _object(data, _Reader.juror)
    return Juror(key=_slug(d["key"]), name=_name(d["name"]), role=_choice(d["role"], ROLES))


def _pitch(data: object) -> Pitch:
    d = _object(data, _Reader.pitch)
    return Pitch(
        key=_slug(d["key"]),
        title=_name(d["title"]),
        applicant=_line(d["applicant"]),
        partners=[_line(p) for p in _list(d["partners"])],
        requested=_decimal(d["requested"], _AMOUNT),  # type: ignore[arg-type]  # not optional
        summary=_text(d["summary"], MAX_TEXT),
        stage=_choice(d["stage"], STAGES),
        granted=_decimal(d["granted"], _AMOUNT, optional=True),
    )


def _conflict(data: object) -> Conflict:
    d = _object(data, _Reader.conflict)
    return Conflict(juror=_slug(d["juror"]), pitch=_slug(d["pitch"]), reason=_line(d["reason"]))


def _pot(data: object) -> Pot:
    d = _object(data, _Reader.pot)
    return Pot(
        key=_slug(d["key"]),
        name=_line(d["name"]),
        budget=_decimal(d["budget"], _AMOUNT),  # type: ignore[arg-type]  # not optional
        min_requested=_decimal(d["min_requested"], _AMOUNT, optional=True),
        max_requested=_decimal(d["max_requested"], _AMOUNT, optional=True),
    )


def read(text: str) -> Session | None:
    """The session in ``text`` (a definition as pydantic wrote it), or None when
    the text is in any other form or breaks a rule: then ask pydantic."""
    # An escape is nothing pydantic writes but for control characters (and json
    # takes a lone surrogate that pydantic refuses): those go to pydantic.
    if type(text) is not str or "\\u" in text:
        return None
    try:
        data = json.loads(text, parse_float=_float, parse_int=_int, parse_constant=_constant)
        d = _object(data, _Reader.session)
        return Session(
            session=_info(d["session"]),
            criteria=[_criterion(c) for c in _list(d["criteria"], shortest=1)],
            jurors=[_juror(j) for j in _list(d["jurors"], shortest=1)],
            pitches=[_pitch(p) for p in _list(d["pitches"], shortest=1)],
            conflicts=[_conflict(c) for c in _list(d["conflicts"])],
            pots=[_pot(p) for p in _list(d["pots"])],
            source=text,
        )
    except (NotCanonical, ValueError, RecursionError):
        return None


def of_model(model: models.Session | Any) -> Any:
    """The plain class of a validated model (any of :mod:`pitchroom.domain.models`'s)."""
    cls = _CLASSES[type(model).__name__]
    values = {}
    for f in dataclasses.fields(cls):
        if f.name == "source":
            continue
        value = getattr(model, f.name)
        if isinstance(value, list):
            value = [of_model(v) if _is_model(v) else v for v in value]
        elif _is_model(value):
            value = of_model(value)
        values[f.name] = value
    if cls is Session:
        values["source"] = model
    return cls(**values)


def _is_model(value: object) -> bool:
    return type(value).__module__ == "pitchroom.domain.models"


_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (Scale, SessionInfo, Criterion, Juror, Pitch, Conflict, Pot, Session)
}
