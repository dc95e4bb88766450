"""Naming damage in a session database: a value no write puts there.

A damaged definition, ``live`` row or score value is a message naming the table
and the way back (exit 2), never a traceback on the first redraw.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from pitchroom.i18n import t
from pitchroom.store.db import StoreError
from pitchroom.store.numbers import as_fraction


def damaged_score(path: Path, rows: list[Any]) -> StoreError:
    """The first score row whose value is not a number, as a message."""
    for p, j, c, v in rows:
        try:
            as_fraction(v)
        except (ValueError, TypeError, ZeroDivisionError):
            return StoreError(
                t(
                    "store.damaged_score",
                    path=path,
                    pitch=p,
                    juror=j,
                    criterion=c,
                    value=repr(v)[:40],
                )
            )
    return StoreError(t("store.damaged", path=path, error="scores"))


def first_line(error: Exception) -> str:
    """What is wrong, in one short line, never a dump (pydantic: the first error)."""
    errors = getattr(error, "errors", None)
    if callable(errors):
        with contextlib.suppress(Exception):
            first = errors()[0]
            where = ".".join(str(part) for part in first.get("loc", ()))
            return (f"{where}: {first['msg']}" if where else str(first["msg"]))[:200]
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]
