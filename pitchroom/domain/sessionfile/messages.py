"""Pydantic's validation errors, said as the catalogue says them.

Each error type gets a message that says what is wrong and how to fix it;
an unknown key gets a did-you-mean hint when a known key is close.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from pitchroom.domain.definition import SLUG_PATTERN
from pitchroom.domain.known import suggest
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
from pitchroom.domain.sessionfile.problems import Loc
from pitchroom.domain.text import visible
from pitchroom.i18n import N_, formats, t

ITEM_MODELS: dict[str, type[BaseModel]] = {
    "criteria": Criterion,
    "jurors": Juror,
    "pitches": Pitch,
    "conflicts": Conflict,
    "pots": Pot,
}
AMOUNT_FIELDS = frozenset({"budget", "requested", "granted", "min_requested", "max_requested"})
_LISTS_NEEDED = ("criteria", "jurors")

_EXPECTED = {
    "string_type": N_("session.expected_text"),
    "int_type": N_("session.expected_whole"),
    "int_parsing": N_("session.expected_whole"),
    "int_from_float": N_("session.expected_whole"),
    "decimal_type": N_("session.expected_number"),
    "decimal_parsing": N_("session.expected_number"),
    "float_type": N_("session.expected_number"),
    "float_parsing": N_("session.expected_number"),
    "bool_type": N_("session.expected_bool"),
    "bool_parsing": N_("session.expected_bool"),
    "date_type": N_("session.expected_date"),
    "date_parsing": N_("session.expected_date"),
    "date_from_datetime_inexact": N_("session.expected_date"),
    "date_from_datetime_parsing": N_("session.expected_date"),
    "list_type": N_("session.expected_list"),
    "dict_type": N_("session.expected_table"),
    "model_type": N_("session.expected_table"),
    "model_attributes_type": N_("session.expected_table"),
}


def model_at(loc: Loc) -> type[BaseModel] | None:
    """The model that describes the table at ``loc`` (``()`` is the whole file)."""
    if loc == ():
        return Session
    if loc == ("session",):
        return SessionInfo
    if loc == ("session", "scale"):
        return Scale
    if len(loc) == 2 and isinstance(loc[1], int):
        return ITEM_MODELS.get(str(loc[0]))
    return None


def is_numeric(model: type[BaseModel], name: str) -> bool:
    """True when the field ``name`` of ``model`` holds a number (Decimal or int)."""
    info = model.model_fields.get(name)
    if info is None:
        return False
    annotation = info.annotation
    kinds = {
        typing.get_args(arg)[0] if typing.get_origin(arg) is typing.Annotated else arg
        for arg in (typing.get_args(annotation) or (annotation,))
    }
    return bool(kinds & {Decimal, int}) and bool not in kinds


def _choices(expected: object) -> str:
    """Pydantic's "'a', 'b' or 'c'" as a list in the current language ("'a', 'b' of 'c'")."""
    text = str(expected or "")
    items = re.findall(r"'[^']*'", text)
    return formats.listing(items, style="or") if items else text


def shown(value: object) -> str:
    """A value as it would be written in the TOML file, shortened."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + visible(value) + '"'
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    elif isinstance(value, list):
        text = "[" + ", ".join(shown(v) for v in value[:4]) + (", ...]" if len(value) > 4 else "]")
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{visible(str(k))} = ..." for k in list(value)[:4]) + "}"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def slug_example(value: str) -> str:
    """A key close to ``value`` that follows the slug rule."""
    example = re.sub(r"[^a-z0-9_-]+", "-", value.strip().lower()).strip("-_")[:64]
    return example if re.fullmatch(SLUG_PATTERN, example) else "pitch-1"


def translate(error: Any) -> str:
    """The catalogue message for one pydantic error (a dict of ``errors()``)."""
    kind: str = error["type"]
    loc: Loc = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    if kind == "missing":
        return _missing(loc)
    if kind == "extra_forbidden":
        return unknown_key(loc)
    if kind in _EXPECTED:
        return t(_EXPECTED[kind], value=shown(value))
    if kind == "finite_number":
        return t("session.not_finite", value=shown(value))
    if kind == "string_too_short":
        return t("session.empty_text", key=name or "text")
    if kind == "string_too_long":
        return t("session.text_too_long", length=len(str(value)), max=ctx.get("max_length"))
    if kind == "too_short":
        return t("session.empty_list", key=name)
    if kind == "string_pattern_mismatch":
        if value == "":
            return t("session.empty_key")
        return t("session.bad_slug", value=visible(str(value)), example=slug_example(str(value)))
    if kind == "literal_error":
        return t("session.not_allowed", value=shown(value), allowed=_choices(ctx.get("expected")))
    if kind == "greater_than":
        if name == "weight":
            return t("session.weight_positive", value=shown(value))
        return t("session.greater_than", limit=ctx.get("gt"), value=shown(value))
    if kind == "greater_than_equal":
        if name in AMOUNT_FIELDS:
            return t("session.negative_amount", value=shown(value))
        return t("session.at_least", limit=ctx.get("ge"), value=shown(value))
    if kind == "less_than_equal":
        return t("session.at_most", limit=ctx.get("le"), value=shown(value))
    if kind == "blank_text":
        return t("session.blank_text", key=name or "text")
    return t("session.invalid", detail=error.get("msg", kind))


def _missing(loc: Loc) -> str:
    if loc == ("session",):
        return t("session.missing_table")
    if loc == ("pitches",):
        return t("session.missing_pitches")
    if len(loc) == 1 and loc[0] in _LISTS_NEEDED:
        return t("session.missing_list", section=loc[0])
    return t("session.missing_key", key=visible(str(loc[-1])))


def unknown_key(loc: Loc) -> str:
    key = visible(str(loc[-1]))
    model = model_at(loc[:-1])
    known = list(model.model_fields) if model is not None else []
    if model is Session and key in SessionInfo.model_fields:
        return t("session.key_belongs_in_session", key=key)
    hint = suggest(key, known)
    if hint:
        return t("session.unknown_key_hint", key=key, hint=hint)
    return t("session.unknown_key", key=key, allowed=", ".join(known))
