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

# Only what reading the arguments needs: ``ranking`` starts its score read before
# anything else is imported (pathlib alone is some 0.013 s).
import gc
import os
import stat
import sys
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Mapping, MutableMapping, Sequence

SHIPPED_LANGUAGES = ("en", "nl")
"""``--lang``'s choices (:data:`pitchroom.i18n.SHIPPED`, checked by a test), here so
that reading the arguments imports nothing."""

METHODS = ("mean", "trimmed", "median", "zscore", "majority", "borda", "schulze")
"""``ranking --method``'s choices (:data:`pitchroom.domain.definition.METHODS`, checked
by a test)."""


class _Takes(NamedTuple):
    options: tuple[str, ...]
    """The options with a value that are taken here."""
    flags: tuple[str, ...] = ()
    """The options without one."""


_TAKEN = {
    # ``--actor`` names who imports a session file and changes nothing for a database
    "open": _Takes(("--lang", "--actor")),
    "ranking": _Takes(("--lang", "--method"), ("--json", "--no-extras")),
}
"""The commands taken here, and their options (every other option goes to click)."""


class Plain(NamedTuple):
    """A plain ``pitchroom open FILE`` or ``pitchroom ranking FILE``: the command, the
    database, the ``--lang`` asked for, and for ``ranking`` its ``--method`` and flags."""

    command: str
    db: str
    """As given (a path made of it is the command's ``FILE.db``)."""
    lang: str | None
    method: str | None = None
    flags: frozenset[str] = frozenset()


def plain_command(args: Sequence[str], environ: Mapping[str, str]) -> Plain | None:
    """``args`` (the command line after the program) as a plain ``open`` or ``ranking``
    of a database, or None when click is to read them (see the module's docstring)."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in environ):
        return None  # click's shell completion
    if len(args) < 2 or args[0] not in _TAKEN:
        return None
    takes = _TAKEN[args[0]]
    values: dict[str, str] = {}
    flags: set[str] = set()
    files: list[str] = []
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-"):
            files.append(arg)
            continue
        name, equals, value = arg.partition("=")
        if name in takes.flags and not equals and name not in flags:
            flags.add(name)
            continue
        if name not in takes.options or name in values:
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
    method = values.get("--method")
    if method is not None and method not in METHODS:
        return None
    if len(files) != 1 or files[0].lower().endswith(".toml"):
        return None
    try:
        status = os.stat(files[0])
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode) or not os.access(files[0], os.R_OK):
        return None
    language = None if lang is None else lang.lower()
    return Plain(args[0], files[0], language, method, frozenset(flags))


def open_chair(plan: Plain) -> int:
    """``pitchroom open`` on a database, as the command does it: the exit status."""
    # Imports build objects that live as long as the process and no garbage: the
    # cyclic collector is held meanwhile, as the group does for a command's import.
    was_enabled = gc.isenabled()
    gc.disable()
    store = None
    try:
        from pathlib import Path

        from pitchroom.i18n import request, use

        request(plan.lang)
        use()
        from pitchroom.store import Store

        store = Store.open(Path(plan.db))
        use(store.session.session.language)
        if was_enabled:
            gc.freeze()
            gc.enable()
        from pitchroom.ui import run_chair

        return run_chair(Path(plan.db), store=store)
    except BaseException as error:
        return _failed(error, plan)
    finally:
        if store is not None:
            store.close()  # as the command's context closes it (the app did already)
        if was_enabled:
            gc.enable()


def print_ranking(plan: Plain) -> int:
    """``pitchroom ranking`` on a database, as the command does it (the same bytes, by
    :func:`pitchroom.cli.ranking_out.ranking_printer`), with the score read started
    first: the exit status. The caller holds the cyclic garbage collector (see
    :func:`main`)."""
    from pitchroom.store.blocksql import EarlyRead

    started = EarlyRead.before_open(plan.db)
    store = None
    try:
        from pathlib import Path

        from pitchroom.i18n import request, use

        request(plan.lang)
        use()
        from pitchroom.store import Store

        store = Store.open(Path(plan.db))
        try:
            language = store.session.session.language
        except Exception:  # an unreadable definition is for verify to name
            language = None
        use(language)
        early = started.confirm(store.db.execute)
        from pitchroom.cli.ranking_out import ranking_printer

        show = ranking_printer(
            store,
            plan.method,
            as_json="--json" in plan.flags,
            extras="--no-extras" not in plan.flags,
            early=early,
            echo=_echo,
        )
        store.close()
        store = None
        show()
        sys.stdout.flush()
        return 0
    except BaseException as error:
        return _failed(error, plan)
    finally:
        if store is not None:
            store.close()


def _echo(text: str) -> None:
    """``click.echo(text)`` of a line of text, without click."""
    sys.stdout.write(text + "\n")


def _failed(error: BaseException, plan: Plain) -> int:
    """The exit status (and message) of an error, as the group gives them."""
    if isinstance(error, KeyboardInterrupt | EOFError):
        # click's words and status for an interrupt (its ``Abort``: "Aborted!")
        from pitchroom.i18n import t

        print(file=sys.stderr)
        print(t("click.aborted"), file=sys.stderr)
        return 1
    if isinstance(error, BrokenPipeError):
        # as the group: stdout pointed at /dev/null, so the last flush cannot fail
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    if not isinstance(error, Exception):
        raise error  # SystemExit and the like: as they came
    # every error gets the group's message and status
    from pathlib import Path

    from pitchroom.cli.errors import report

    return report(error, debug=False, subject=Path(plan.db))


BLAS_THREADS = "OPENBLAS_NUM_THREADS"
"""Read by numpy's OpenBLAS when it is loaded (numpy's import)."""


def one_blas_thread(environ: MutableMapping[str, str]) -> None:
    """numpy's linear algebra on one thread, unless the user set a number.

    OpenBLAS starts a thread per core when numpy is imported, and that thread spins
    for some 0.1 s of CPU: on ``pitchroom open`` in the child that computes the first
    ranking, a core taken from the chair's own start-up (0.05 s later to the first
    frame at the demo size); on ``ranking`` in each process. pitchroom runs no product
    large enough to gain from a second thread (see
    :func:`pitchroom.domain.consensus.meandraws.whole_product`)."""
    environ.setdefault(BLAS_THREADS, "1")


def main() -> None:
    """``pitchroom``: a plain ``open`` or ``ranking`` of a database here, anything else
    by click."""
    one_blas_thread(os.environ)  # before anything imports numpy, in this process or a child
    plan = plain_command(sys.argv[1:], os.environ)
    if plan is not None and plan.command == "open":
        sys.exit(open_chair(plan))
    if plan is not None:
        # A one-shot whose objects are no cyclic garbage: the collector is held, as the
        # command holds it, and not turned on again at the end (the first allocation
        # after would run a full collection, some 0.015 s at 500,000 scores).
        gc.disable()
        status = print_ranking(plan)
        # It has closed its store and written its output: nothing is left for the
        # interpreter's teardown to do but free memory, so the process ends here.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                status = status or 1
        os._exit(status)
    from pitchroom.cli.main import main as cli

    cli()
