"""Commands that read the record: ``ranking``, ``log``, ``verify``, ``backup``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from pitchroom.cli import jsontext
from pitchroom.cli.common import db_argument, log_unblind, open_store
from pitchroom.cli.errors import InputError, echo_err, located
from pitchroom.cli.terminal import Column, entries, fit, plain, rule, say, table
from pitchroom.domain.amendment import describe
from pitchroom.domain.consensus.result import Ranking, Row
from pitchroom.domain.models import METHODS
from pitchroom.domain.text import strip_control
from pitchroom.i18n import N_, action_name, formats, method_name, t
from pitchroom.service.eventtext import describe as event_sentence
from pitchroom.store import StoreError


def _text(value: object) -> Text:
    """User text for rich: literal, never markup, no control characters."""
    return Text(strip_control("" if value is None else str(value)))


def _num(value: Any, places: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return formats.fixed(value, places)
    return str(value)


def _total(value: Any) -> str:
    """A consensus score or spread: two decimals in the language's form."""
    if value is None or isinstance(value, bool):
        return "–"
    return formats.total(value)


def _money(value: Any) -> str:
    if value is None:
        return "–"
    return formats.amount(value)


@click.command(help=N_("cli.ranking_help"))
@db_argument
@click.option("--method", type=click.Choice(METHODS), help=N_("cli.opt_method"))
@click.option("--json", "as_json", is_flag=True, help=N_("cli.opt_json"))
@click.option("--no-extras", is_flag=True, help=N_("cli.opt_no_extras"))
def ranking(db: Path, method: str | None, as_json: bool, no_extras: bool) -> None:
    from pitchroom.store.ranking import compute, ranking_report

    store = open_store(db)
    try:
        if as_json:
            report = ranking_report(store, method, extras=not no_extras)
            click.echo(jsontext.dumps(report))
            return
        result = compute(store, method, extras=not no_extras)
        protocol = store.protocol()
        info = store.session.session
        pots = {p.key: p.name or p.key for p in store.session.pots}
    finally:
        store.close()
    console = Console()
    pitched = [r for r in result.rows if r.stage == "pitch"]
    columns = _ranking_columns(pitched, formats.currency(info.currency))
    if console.is_terminal:
        _ranking_tables(console, _text(info.title), columns, pitched, result, pots)
    else:
        plain(strip_control(info.title), columns)
    _ranking_footer(console, result, protocol, pots, info.currency)


def _ranking_columns(rows: list[Row], currency: str) -> list[Column]:
    columns = [
        Column(t("cli.col_rank"), "right"),
        Column(t("cli.col_pitch"), title=True),
        Column(t("cli.col_score"), "right"),
        Column(t("cli.col_jurors"), "right", optional=3),
        Column(t("cli.col_spread"), "right", optional=2),
        Column(t("cli.col_interval"), "center", optional=1),
        Column(t("cli.col_requested", currency=currency), "right"),
        Column(t("cli.col_pot")),
        Column(t("cli.col_status"), wraps=True),
    ]
    for row in rows:
        status = t(f"cli.status_{row.status}")
        if row.fragile:
            status = t("cli.status_fragile", status=status)
        if row.flagged:
            status = t("cli.status_discuss", status=status)
        interval = "–" if not row.interval else f"{row.interval[0]}–{row.interval[1]}"
        cells: tuple[str | Text, ...] = (
            _num(row.rank),
            _text(row.title),
            _total(row.score),
            str(row.jurors),
            _total(row.spread),
            interval,
            _money(row.requested),
            _text(row.pot or "–"),
            _text(status),
        )
        for column, cell in zip(columns, cells, strict=True):
            column.cells.append(cell if isinstance(cell, Text) else Text(cell))
    return columns


def _ranking_tables(
    console: Console,
    title: Text,
    columns: list[Column],
    rows: list[Row],
    result: Ranking,
    pots: dict[str, str],
) -> None:
    """At a terminal: the ranking fitted to its width, one table per pot (each with
    its own funding line) or one for the session's budget."""
    title.stylize("bold")
    console.print(title, no_wrap=True, overflow="ellipsis")
    grouped = [c for c in columns if c.header != t("cli.col_pot")]
    shown, widths = fit(grouped, console.width)
    titled = next(i for i, c in enumerate(shown) if c.title)
    index = {row.pitch: i for i, row in enumerate(rows)}
    groups: list[tuple[str | None, list[Row], str | None]] = []
    if result.pots:
        for pot in result.pots:
            members = [r for r in rows if r.pot == pot.key]
            if members:
                groups.append((pots.get(pot.key, pot.key), members, pot.first_unfunded))
        outside = [r for r in rows if r.pot is None]
        if outside:
            groups.append((t("cli.no_pot_heading"), outside, None))
    else:
        groups.append((None, rows, result.first_unfunded))
    for heading, members, first in groups:
        if heading is not None:
            console.print()
            console.print(_text(heading), style="bold", no_wrap=True, overflow="ellipsis")
        lines: list[list[Text]] = []
        for row in members:
            if row.pitch == first:
                lines.append(rule(widths, t("cli.funding_line"), titled))
            lines.append([column.cells[index[row.pitch]] for column in shown])
        console.print(table(shown, widths, lines))
    console.print()


def _ranking_footer(
    console: Console, result: Ranking, protocol: str, pots: dict[str, str], currency: str
) -> None:
    say(
        console,
        t(
            "cli.ranking_footer",
            method=method_name(result.method),
            protocol=protocol[:12],
            agreement=_num(result.agreement, 3),
            alpha=_num(result.alpha, 3),
        ),
    )
    if any(row.bootstrap for row in result.rows):
        seed = result.seed
        say(
            console,
            t("cli.bootstrap_seeded", seed=seed) if seed is not None else t("cli.bootstrap_exact"),
        )
    titles = {row.pitch: row.title for row in result.rows}
    for pot in result.pots:
        first = titles.get(pot.first_unfunded or "", "–")
        say(
            console,
            strip_control(
                t(
                    "cli.pot_line",
                    pot=pots.get(pot.key, pot.key),
                    left=_money(pot.left),
                    budget=_money(pot.budget),
                    currency=formats.currency(currency),
                    first=first,
                )
            ),
        )
    granted = [r for r in result.rows if r.stage == "preselected"]
    rejected = [r for r in result.rows if r.stage == "rejected"]
    if granted or rejected:
        say(
            console,
            t(
                "cli.preselection_line",
                granted=len(granted),
                amount=_money(sum(r.granted or 0 for r in granted)),
                currency=currency,
                rejected=len(rejected),
            ),
        )


@click.command(help=N_("cli.log_help"))
@db_argument
@click.option("--pitch", help=N_("cli.opt_log_pitch"))
@click.option("--limit", type=int, help=N_("cli.opt_limit"))
@click.option("--json", "as_json", is_flag=True, help=N_("cli.opt_json"))
@click.option("--unblind", is_flag=True, help=N_("cli.opt_unblind"))
def log(db: Path, pitch: str | None, limit: int | None, as_json: bool, unblind: bool) -> None:
    if unblind:
        log_unblind(db, "log")
    store = open_store(db)
    try:
        events = store.events()
        hidden = frozenset() if unblind else store.blind_hidden()
        session = store.session
    finally:
        store.close()

    def blind(e: Any) -> bool:
        return e.entity == "score" and (e.pitch, e.juror) in hidden

    if pitch:
        events = [e for e in events if e.pitch == pitch]
    if limit:
        events = events[-limit:]
    if as_json:
        for e in events:
            fields = dict(e.__dict__)
            if blind(e):
                fields.update(before=None, after=None, hidden=True)
            click.echo(json.dumps(fields, ensure_ascii=False))
        return
    console = Console()
    # At a terminal each event is a sentence with names and values, as in the chair's
    # journal; piped, the columns stay keys and fields for scripts (SPEC.md).
    person = console.is_terminal
    columns = [
        Column(t("cli.col_id")),
        Column(t("cli.col_time")),
        Column(t("cli.col_actor")),
        Column(t("cli.col_action")),
    ]
    if not person:
        columns.append(Column(t("cli.col_subject")))
    columns += [Column(t("cli.col_change")), Column(t("cli.col_reason"))]
    for e in events:
        cells = [
            Text(str(e.id)),
            Text(e.at[:19].replace("T", " ")),
            _text(e.actor),
            _text(action_name(e.action)),
        ]
        if person:
            change = event_sentence(e, session, blind(e), with_reason=False)
            if isinstance(e.after, dict) and "session" in e.after:
                change = _change(e.before, e.after)  # the definition's fingerprint, changes
        else:
            cells.append(_text("/".join(x for x in (e.pitch, e.juror, e.criterion) if x)))
            change = t("cli.hidden_change") if blind(e) else _change(e.before, e.after)
        cells += [_text(change), _text(e.reason or "")]
        for column, cell in zip(columns, cells, strict=True):
            column.cells.append(cell)
    if person:
        entries(console, columns, t("cli.log_reason"))
    else:
        plain(None, columns)


def _change(before: Any, after: Any) -> str:
    """An event's change as a person reads it; a definition is summed up by its
    fingerprint and an amendment lists what it changed, one change a line."""
    if isinstance(after, dict) and "session" in after:
        lines = [t("cli.log_definition", protocol=str(after.get("protocol", ""))[:12])]
        lines += [describe(change) for change in after.get("changes") or []]
        return "\n".join(lines)
    return t("cli.change", before=_brief(before), after=_brief(after))


def _brief(values: Any) -> str:
    if values is None:
        return "–"
    if isinstance(values, dict):
        return ", ".join(f"{k}={v}" for k, v in values.items() if v is not None) or "✓"
    return str(values)


@click.command(help=N_("cli.verify_help"))
@db_argument
@click.option("--expect", metavar="HEAD", help=t("cli.opt_expect"))
def verify(db: Path, expect: str | None) -> None:
    from pitchroom.store.replay import MIN_EXPECT_DIGITS, matching_events

    wanted = None
    if expect is not None:
        wanted = expect.strip().lower()
        if not (MIN_EXPECT_DIGITS <= len(wanted) <= 64) or not _HEX.fullmatch(wanted):
            raise InputError(
                [located(db, "--expect", t("cli.expect_bad", digits=MIN_EXPECT_DIGITS))]
            )
    store = open_store(db)
    try:
        if wanted is not None and len(wanted) < 64:
            matches = matching_events(store.db, wanted)
            if matches > 1:
                raise InputError(
                    [located(db, "--expect", t("cli.expect_ambiguous", count=matches))]
                )
        result = store.verify(wanted)
    finally:
        store.close()
    if not result.ok:
        echo_err(f"{db}: {result.message}")
        raise click.exceptions.Exit(1)
    click.echo(t("cli.verify_intact", head=result.head_hash, events=result.events))
    if result.unproven:
        click.echo(t("cli.verify_unproven"))
        for key in result.unproven:
            click.echo(f"- {t(key)}")
    if result.expected:
        click.echo(t("cli.verify_expected"))
    else:
        click.echo(t("cli.verify_no_expect", db=db, head=result.head_hash[:MIN_EXPECT_DIGITS]))


_HEX = re.compile("[0-9a-f]+")


@click.command(help=N_("cli.backup_help"))
@db_argument
@click.argument("copy", type=click.Path(path_type=Path, dir_okay=False), metavar="COPY.db")
@click.option("--force", is_flag=True, help=N_("cli.opt_force"))
def backup(db: Path, copy: Path, force: bool) -> None:
    if copy.exists() and not force:
        raise InputError([located(copy, "file", t("cli.exists"))])
    if copy.resolve() == db.resolve():
        raise InputError([located(copy, "file", t("cli.backup_same"))])
    store = open_store(db)
    try:
        try:
            store.backup(copy)
        except StoreError as error:  # full disk, read-only folder: said, nothing left
            raise InputError([str(error)]) from None
        except Exception as error:  # an unwritable target is bad input
            raise InputError([located(copy, "file", t("cli.cannot_write", error=error))]) from None
    finally:
        store.close()
    click.echo(t("cli.backup_done", path=copy))


COMMANDS = [ranking, log, verify, backup]
