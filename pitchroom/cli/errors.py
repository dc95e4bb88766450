"""How the command line reports failure.

Exit status (SPEC.md): 0 success, 2 bad input or usage (a bad session file, a
database that is not usable, a refused write, an unwritable output), 1
anything else. Messages go to stderr as ``FILE:LINE: FIELD: message`` or
``FILE: FIELD: message``; never a traceback unless ``--debug``.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable

import click

from pitchroom.domain.text import strip_control
from pitchroom.i18n import t


class InputError(Exception):
    """Bad input found by the CLI itself: one or more ready-made lines."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


def located(file: object, field: str, message: str, line: int | None = None) -> str:
    where = f"{file}:{line}" if line is not None else f"{file}"
    return f"{where}: {field}: {message}"


def echo_err(text: str) -> None:
    click.echo(strip_control(text, allow_newlines=True), err=True)


def report(error: BaseException, *, debug: bool, subject: object = "pitchroom") -> int:
    """Print ``error`` for a person and return the exit status it deserves."""
    from pitchroom.domain.sessionfile import SessionFileError
    from pitchroom.export import ExportError
    from pitchroom.store import AmendmentRefused, BulkRuleError, RuleError, StoreError

    if isinstance(error, SessionFileError):
        for problem in error.problems:
            echo_err(str(problem))
        return 2
    if isinstance(error, InputError):
        for line in error.lines:
            echo_err(line)
        return 2
    if isinstance(error, StoreError):
        echo_err(str(error))
        return 2
    if isinstance(error, RuleError):
        echo_err(located(subject, error.field, error.message))
        return 2
    if isinstance(error, AmendmentRefused):
        for rule in error.problems:
            echo_err(located(subject, rule.field, rule.message))
        return 2
    if isinstance(error, BulkRuleError):
        for _index, rule in error.problems:
            echo_err(located(subject, rule.field, rule.message))
        return 2
    if isinstance(error, ExportError):
        echo_err(str(error))
        return 2
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    else:
        echo_err(t("cli.unexpected", error=f"{type(error).__name__}: {error}"))
    return 1
