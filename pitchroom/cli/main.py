"""``pitchroom``: the command line (click).

Each group of commands lives in its own module; this one builds the group,
turns every known failure into a clear message and an exit status
(:mod:`pitchroom.cli.errors`), and registers the commands lazily: a command's
module (and what it imports: the store, pydantic, rich, ...) is imported only
when that command runs, so ``pitchroom --help`` and ``pitchroom open`` do not pay
for every other command's imports.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any

import click

from pitchroom import __version__
from pitchroom.cli import language
from pitchroom.cli.errors import report
from pitchroom.i18n import N_, t

# Every command: its module in pitchroom.cli and the key of its help text. The
# group's help lists them from here without importing the modules;
# tests/cli/test_startup.py checks this table against the commands themselves.
COMMANDS: dict[str, tuple[str, str]] = {
    "new": ("session_cmds", "cli.new_help"),
    "check": ("session_cmds", "cli.check_help"),
    "import": ("session_cmds", "cli.import_help"),
    "open": ("session_cmds", "cli.open_help"),
    "demo": ("session_cmds", "cli.demo_help"),
    "amend": ("session_cmds", "cli.amend_help"),
    "score": ("record_cmds", "cli.score_help"),
    "recuse": ("record_cmds", "cli.recuse_help"),
    "absent": ("record_cmds", "cli.absent_help"),
    "comment": ("record_cmds", "cli.comment_help"),
    "decide": ("record_cmds", "cli.decide_help"),
    "ranking": ("report_cmds", "cli.ranking_help"),
    "log": ("report_cmds", "cli.log_help"),
    "verify": ("report_cmds", "cli.verify_help"),
    "backup": ("report_cmds", "cli.backup_help"),
    "export": ("export_cmds", "export.export_help"),
    "forms": ("export_cmds", "export.forms_help"),
    "juror": ("station_cmds", "station.cli_juror_help"),
    "serve": ("station_cmds", "station.cli_serve_help"),
    "screen": ("station_cmds", "station.cli_screen_help"),
}


class LazyCommands(MutableMapping[str, click.Command]):
    """The group's commands by name; a command's module is imported on first access.

    Iterating and ``in`` import nothing; looking a command up (``get``, ``[]``,
    ``values()``) imports its module, registers all of that module's commands with
    ``--lang`` added and their help in the current language.
    """

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def loaded(self) -> dict[str, click.Command]:
        """The commands imported so far (the help translation walks only these)."""
        return self._loaded

    def _load(self, module_name: str) -> None:
        # An import builds objects that live as long as the process and no
        # garbage: the cyclic collector is held meanwhile (it would walk them all,
        # several times), and what exists then is left out of later collections.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            module = importlib.import_module(f"pitchroom.cli.{module_name}")
        finally:
            if was_enabled:
                gc.freeze()
                gc.enable()
        for command in module.COMMANDS:
            assert command.name is not None
            if command.name not in self._loaded:
                language.add_lang_option(command)
                language.translate_help(command)
                self._loaded[command.name] = command

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded and name in COMMANDS:
            self._load(COMMANDS[name][0])
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in self._loaded or name in COMMANDS

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self._loaded, *COMMANDS}))

    def __len__(self) -> int:
        return len({*self._loaded, *COMMANDS})


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


class LazyGroup(GuardedGroup):
    """The top-level group: commands imported when they run (:class:`LazyCommands`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # click types ``commands`` as a MutableMapping (it only ever needs one).
        self.commands = LazyCommands()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help`` from the help keys, importing no command."""
        commands = self.commands
        loaded = commands.loaded() if isinstance(commands, LazyCommands) else dict(commands)
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = loaded.get(name) or click.Command(name, help=t(COMMANDS[name][1]))
            if not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section(t("click.commands")):
                formatter.write_dl(rows)


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, help=N_("cli.help")
)
@click.option("--debug", is_flag=True, help=N_("cli.opt_debug"))
@click.version_option(__version__, prog_name="pitchroom")
def main(debug: bool) -> None:
    """Set the language for messages; commands do the rest."""


language.add_lang_option(main)
