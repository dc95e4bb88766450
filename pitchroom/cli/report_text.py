"""What ``ranking`` and ``log`` print for a person or a pipe (rich tables, plain
columns, sentences), apart from the commands: ``ranking --json`` and ``log --json``
never import rich, the terminal layout or the event sentences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from pitchroom.cli.terminal import Column, entries, fit, plain, rule, say, table
from pitchroom.domain.amendment import describe
from pitchroom.domain.consensus.result import Ranking, Row
from pitchroom.domain.text import strip_control
from pitchroom.i18n import action_name, formats, method_name, t
from pitchroom.service.eventtext import describe as event_sentence

if TYPE_CHECKING:
    from pitchroom.domain.definition import Session, SessionInfo


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


def show_ranking(result: Ranking, protocol: str, info: SessionInfo, pots: dict[str, str]) -> None:
    """The ranking as tables at a terminal, as plain columns otherwise, and its footer."""
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
                currency=formats.currency(currency),
                rejected=len(rejected),
            ),
        )


def show_log(events: Sequence[Any], session: Session, blind: Callable[[Any], bool]) -> None:
    """The events as sentences at a terminal, as columns of keys and fields otherwise."""
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
