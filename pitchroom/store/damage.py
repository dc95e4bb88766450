"""Naming damage in a session database: a value no write puts there.

A damaged definition, ``live`` row or score value is a message naming the table
and the way back (exit 2), never a traceback on the first redraw.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from pitchroom.i18n import t
from pitchroom.store.db import StoreError
from pitchroom.store.numbers import as_fraction

UNREADABLE_SCORES = (
    "select pitch, juror, criterion, value from scores "
    "where typeof(value) not in ('integer', 'real') limit 1"
)
"""A score value no write puts there (a scan of every score: 0.05-0.09 s at 500,000)."""


def scan_file(path: Path) -> list[Any] | None:
    """The :data:`UNREADABLE_SCORES` rows of the database at ``path``, through a
    connection of its own (``pitchroom open`` runs it in a forked child, beside
    Textual's import: :mod:`pitchroom.ui.prefetch`). None if it cannot be done
    here: the caller, which has the database open, scans it itself and reports
    any error as before."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        return conn.execute(UNREADABLE_SCORES).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()


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
