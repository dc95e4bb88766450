"""The ``pitchroom`` command's entry point: ``pitchroom open FILE.db`` straight to the chair.

The command line is click's (:mod:`pitchroom.cli.main`). Before its first frame the
chair pays for every module imported on the way, and click with the group's machinery
(the lazy command table, the help texts put in the language, the option parsing) is
about 0.02-0.03 s of it that a database's ``open`` never uses: it has one argument
and no option that changes what it does. So when the arguments are a plain
``open FILE`` on a readable database file (:func:`plain_open`), this module does what
the ``open`` command does for it, without importing click: the language as ``--lang``,
``PITCHROOM_LANG`` and then the session ask, the store opened and handed to the chair,
the chair's exit status, and an error reported by the same function and with the same
status as the group reports it (:func:`pitchroom.cli.errors.report`).

Everything else goes to click exactly as before: another command, a session file
(``.toml``: imported first), ``--help``, ``--debug``, ``--db``, an option given twice,
a value that looks like an option, a path that is missing, a folder or unreadable
(click's own checks of the argument, and their usage errors with status 2), shell
completion.
"""

from __future__ import annotations

import gc
import os
import stat
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

SHIPPED_LANGUAGES = ("en", "nl")
"""``--lang``'s choices (:data:`pitchroom.i18n.SHIPPED`, checked by a test), here so
that reading the arguments imports nothing."""

_OPTIONS = ("--lang", "--actor")
"""The options of ``open`` that are taken here: ``--actor`` names who imports a session
file and changes nothing for a database; ``--lang`` sets the language."""


class PlainOpen(NamedTuple):
    """A plain ``pitchroom open FILE``: the database and the ``--lang`` asked for."""

    db: Path
    lang: str | None


def plain_open(args: Sequence[str], environ: Mapping[str, str]) -> PlainOpen | None:
    """``args`` (the command line after the program) as a plain ``open`` of a database,
    or None when click is to read them (see the module's docstring)."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in environ):
        return None  # click's shell completion
    if len(args) < 2 or args[0] != "open":
        return None
    values: dict[str, str] = {}
    files: list[str] = []
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-"):
            files.append(arg)
            continue
        name, equals, value = arg.partition("=")
        if name not in _OPTIONS or name in values:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        values[name] = value
    lang = values.get("--lang")
    if lang is not None and lang.lower() not in SHIPPED_LANGUAGES:
        return None
    if len(files) != 1 or files[0].lower().endswith(".toml"):
        return None
    try:
        status = os.stat(files[0])
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode) or not os.access(files[0], os.R_OK):
        return None
    return PlainOpen(Path(files[0]), None if lang is None else lang.lower())


def open_chair(plan: PlainOpen) -> int:
    """``pitchroom open`` on a database, as the command does it: the exit status."""
    # Imports build objects that live as long as the process and no garbage: the
    # cyclic collector is held meanwhile, as the group does for a command's import.
    was_enabled = gc.isenabled()
    gc.disable()
    store = None
    try:
        from pitchroom.i18n import request, use

        request(plan.lang)
        use()
        from pitchroom.store import Store

        store = Store.open(plan.db)
        use(store.session.session.language)
        if was_enabled:
            gc.freeze()
            gc.enable()
        from pitchroom.ui import run_chair

        return run_chair(plan.db, store=store)
    except (KeyboardInterrupt, EOFError):
        # click's words and status for an interrupt (its ``Abort``: "Aborted!")
        from pitchroom.i18n import t

        print(file=sys.stderr)
        print(t("click.aborted"), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # as the group: stdout pointed at /dev/null, so the last flush cannot fail
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as error:  # every error gets the group's message and status
        from pitchroom.cli.errors import report

        return report(error, debug=False, subject=plan.db)
    finally:
        if store is not None:
            store.close()  # as the command's context closes it (the app did already)
        if was_enabled:
            gc.enable()


def main() -> None:
    """``pitchroom``: a plain ``open`` of a database here, anything else by click."""
    plan = plain_open(sys.argv[1:], os.environ)
    if plan is not None:
        sys.exit(open_chair(plan))
    from pitchroom.cli.main import main as cli

    cli()
