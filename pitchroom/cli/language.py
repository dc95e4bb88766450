"""The command line's language: ``--lang`` on every command, and help in that language.

Click builds commands and options at import, before ``--lang`` is read, so their help
texts are message keys (``help=N_("cli.opt_actor")``). :func:`prepare` runs before click
parses the arguments: it reads ``--lang`` from them, sets the language (``--lang``, then
``PITCHROOM_LANG``, then the locale; a command that opens a session adds the session's
``language`` below those two), and puts every help text of the command tree in that
language. Click's own words (``Usage:``, ``Show this message and exit.``, its errors) go
through the same catalogue (``click.*`` keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from pitchroom.i18n import N_, SHIPPED, has, request, t, use

_KEY = "_pitchroom_help_key"


def _remember(obj: object, attr: str) -> None:
    value = getattr(obj, attr, None)
    keys = obj.__dict__.setdefault(_KEY, {})
    if attr not in keys and isinstance(value, str):
        if has(value):
            keys[attr] = value
        elif value in CLICK_MESSAGES:  # click's own options, such as --version
            keys[attr] = CLICK_MESSAGES[value]
    if attr in keys:
        setattr(obj, attr, t(keys[attr]))


def translate_help(command: click.Command) -> None:
    """Every help text of ``command`` (and its subcommands) in the current language."""
    _remember(command, "help")
    _remember(command, "short_help")
    # Click caches each command's --help option once made (``_help_option``).
    for param in [*command.params, getattr(command, "_help_option", None)]:
        if param is not None:
            _remember(param, "help")
    if isinstance(command, click.Group):
        # A lazy group (pitchroom.cli.main) translates a command when it imports it:
        # here only the ones imported so far, so that this imports none.
        loaded = getattr(command.commands, "loaded", None)
        for sub in (loaded() if loaded else command.commands).values():
            translate_help(sub)


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        request(value)
        use(ctx.meta.get("pitchroom.session_language"))


def lang_option() -> click.Option:
    """``--lang en|nl``: the language of messages, screens and exports."""
    option = click.Option(
        ["--lang"],
        type=click.Choice(SHIPPED, case_sensitive=False),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_set_lang,
        help=N_("cli.opt_lang"),
    )
    return option


def add_lang_option(command: click.Command) -> None:
    if not any(p.name == "lang" for p in command.params):
        command.params.append(lang_option())


def scan(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in ``args`` (before ``--``), if any."""
    found = None
    items = list(args)
    for i, arg in enumerate(items):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(items):
            found = items[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def prepare(group: click.Group, args: Sequence[str]) -> None:
    """Before click parses ``args``: the language, and the help texts in it."""
    wanted = scan(args)
    request(wanted if wanted and wanted.lower() in SHIPPED else None)
    use()
    translate_help(group)
    translate_click()


def peek_language(path: Path) -> str | None:
    """The ``language`` a session file asks for, read even from a file with mistakes."""
    import tomllib  # only a session file's commands read one (not ``open`` on a database)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        # A file the loader will refuse (bad TOML, a 5,000-digit number, deep nesting):
        # the loader reports it, in the language chosen otherwise.
        return None
    session = data.get("session")
    value = session.get("language") if isinstance(session, dict) else None
    return value if isinstance(value, str) else None


def use_session(language: str | None) -> str:
    """Set the language now that the session's ``language`` is known."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta["pitchroom.session_language"] = language
    return use(language)


# Click's own messages, by their English text (click marks them with gettext).
CLICK_MESSAGES = {
    "Usage:": N_("click.usage"),
    "Options": N_("click.options"),
    "Commands": N_("click.commands"),
    "Show this message and exit.": N_("click.help"),
    "Show the version and exit.": N_("click.version"),
    "%(prog)s, version %(version)s": N_("click.version_line"),
    "Error: {message}": N_("click.error"),
    "Try '{command} {option}' for help.": N_("click.try_help"),
    "Missing argument": N_("click.missing_argument"),
    "Missing option": N_("click.missing_option"),
    "Missing parameter": N_("click.missing_parameter"),
    "Missing command.": N_("click.missing_command"),
    "Invalid value for {param_hint}: {message}": N_("click.invalid_value"),
    "Invalid value: {message}": N_("click.invalid_value_plain"),
    "No such option {name!r}.": N_("click.no_such_option"),
    "No such command {name!r}.": N_("click.no_such_command"),
    "Option {name!r} does not take a value.": N_("click.option_takes_no_value"),
    "Got unexpected extra argument ({args})": N_("click.extra_argument"),
    "Got unexpected extra arguments ({args})": N_("click.extra_arguments"),
    "Option {name!r} requires an argument.": N_("click.option_needs_argument"),
    "Option {name!r} requires {nargs} arguments.": N_("click.option_needs_arguments"),
    "Did you mean {possibility}?": N_("click.did_you_mean"),
    "(Did you mean one of: {possibilities}?)": N_("click.did_you_mean_one_of"),
    "{value!r} is not {choice}.": N_("click.not_choice"),
    "{value!r} is not one of {choices}.": N_("click.not_one_of"),
    "{value!r} is not a valid {number_type}.": N_("click.not_a_number"),
    "{value} is not in the range {range}.": N_("click.not_in_range"),
    "{name} {filename!r} does not exist.": N_("click.path_missing"),
    "{name} {filename!r} is a directory.": N_("click.path_is_directory"),
    "{name} {filename!r} is a file.": N_("click.path_is_file"),
    "{name} {filename!r} is not readable.": N_("click.path_not_readable"),
    "{name} {filename!r} is not writable.": N_("click.path_not_writable"),
    "file": N_("click.file"),
    "directory": N_("click.directory"),
    "path": N_("click.path"),
    "Aborted!": N_("click.aborted"),
    "deprecated": N_("click.deprecated"),
    "default: {default}": N_("click.default"),
    "required": N_("click.required"),
    "env var: {var}": N_("click.env_var"),
}


def _click_gettext(message: str) -> str:
    key = CLICK_MESSAGES.get(message)
    return t(key) if key else message


def _click_ngettext(singular: str, plural: str, count: int) -> str:
    return _click_gettext(singular if count == 1 else plural)


def translate_click() -> None:
    """Route click's own gettext calls through our catalogue (idempotent)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]
