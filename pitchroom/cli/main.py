"""``pitchroom``: the command line (click).

Each group of commands lives in its own module; this one builds the group,
turns every known failure into a clear message and an exit status
(:mod:`pitchroom.cli.errors`), and registers the commands.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from pitchroom import __version__
from pitchroom.cli import language
from pitchroom.cli.errors import report
from pitchroom.i18n import N_


class GuardedGroup(click.Group):
    """A click group that reports our errors instead of raising them, in the language
    ``--lang`` asks for (help texts included: see :mod:`pitchroom.cli.language`)."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        language.prepare(self, sys.argv[1:] if args is None else args)
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (``pitchroom log DB | head``): nothing is wrong
            # with the record. Point stdout at /dev/null so the interpreter's last
            # flush does not fail again, and end quietly (Python's own advice).
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except Exception as error:  # every error gets a message
            debug = bool(ctx.params.get("debug"))
            subject = ctx.meta.get("pitchroom.subject", "pitchroom")
            ctx.exit(report(error, debug=debug, subject=subject))


@click.group(
    cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]}, help=N_("cli.help")
)
@click.option("--debug", is_flag=True, help=N_("cli.opt_debug"))
@click.version_option(__version__, prog_name="pitchroom")
def main(debug: bool) -> None:
    """Set the language for messages; commands do the rest."""


def _register() -> None:
    from pitchroom.cli import record_cmds, report_cmds, session_cmds

    for module in (session_cmds, record_cmds, report_cmds):
        for command in module.COMMANDS:
            main.add_command(command)
    try:
        from pitchroom.cli.export_cmds import export, forms
    except ImportError:  # pragma: no cover - until the export package lands
        pass
    else:
        main.add_command(export)
        main.add_command(forms)
    try:
        from pitchroom.cli import station_cmds
    except ImportError:  # pragma: no cover - until the stations land
        pass
    else:
        for name in ("juror", "serve", "screen"):
            main.add_command(getattr(station_cmds, name))
    for command in [main, *main.commands.values()]:
        language.add_lang_option(command)


_register()
