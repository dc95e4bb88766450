"""The ranking's rows for the tables: which rows in which order (grouped by pot,
the pitches apart), where the funding lines go, and what each cell says.

:mod:`pitchroom.ui.widgets.ranking_table` lays them out as a rich table; the
funding view and the ranking screen read the same rows and labels.
"""

from __future__ import annotations

from fractions import Fraction

from rich.text import Text

from pitchroom.domain.consensus.result import Ranking, Row, num
from pitchroom.i18n import N_, formats, t
from pitchroom.ui import numbers
from pitchroom.ui.text import one_line

APART = ("pending", "unscored", "withdrawn")
STATUS_STYLE = {
    "funded": "bold green",
    "reserve": "yellow",
    "ineligible": "red",
    "pending": "italic",
    "unscored": "dim",
    "withdrawn": "dim strike",
}


def fmt(value: object) -> str:
    """A value of the ranking (number, flag, interval, text) for a cell.

    Numbers go through :func:`num` first, as ``ranking --json`` writes them: a
    whole number shows as one, any other with two decimals.
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "⚠" if value else ""
    if isinstance(value, Fraction | float):
        value = num(value)
    if isinstance(value, float):
        return numbers.total(value)
    if isinstance(value, list | tuple):
        return "–".join(fmt(v) for v in value)
    return one_line(value)


def short_title(title: str) -> str:
    """The name before a colon ("Leesplank" of "Leesplank: reading support in..."),
    for the narrow live panel; a title without one stays whole."""
    name, colon, rest = title.partition(": ")
    return name if colon and len(name) >= 3 and rest else title


def money(value: Fraction | float | None) -> str:
    """An amount of the ranking with thousands separators."""
    if value is None:
        return fmt(value)
    return formats.amount(value)


def status_text(row: Row, tied: bool = False) -> Text:
    status = row.status
    label = t(f"ui.rank_status_{status}") if status in STATUS_STYLE else one_line(status)
    text = Text(label, style=STATUS_STYLE.get(status, ""))
    if tied:
        text.append(" ⚖", style="bold yellow")
    return text


def tied_pitches(report: Ranking) -> set[str]:
    """Keys of the pitches in an unresolved tie at the funding line."""
    return {key for group in report.ties_at_line for key in group}


def titles(report: Ranking) -> dict[str, str]:
    """Pitch key -> title, from the ranking's rows."""
    return {r.pitch: one_line(r.title) for r in report.rows}


def tie_notices(report: Ranking, key: str = N_("ui.tie_notice")) -> list[Text]:
    """One clearly marked line per unresolved tie at the funding line."""
    names = titles(report)
    return [
        Text(
            t(key, pitches=", ".join(names.get(p, one_line(p)) for p in group)),
            style="bold black on yellow",
        )
        for group in report.ties_at_line
    ]


def pitched(report: Ranking) -> list[Row]:
    """The rows of the pitches; proposals decided at pre-selection are summed up apart."""
    return [r for r in report.rows if r.stage == "pitch"]


def preselection_line(report: Ranking, currency: str) -> Text | None:
    """What the pre-selection granted (funded first) and turned down, or None."""
    granted = [r for r in report.rows if r.stage == "preselected"]
    rejected = sum(1 for r in report.rows if r.stage == "rejected")
    if not granted and not rejected:
        return None
    total = sum((r.granted or 0 for r in granted), Fraction(0))
    return Text(
        t(
            "ui.preselection_line",
            granted=len(granted),
            currency=one_line(formats.currency(currency)),
            amount=money(total),
            rejected=rejected,
        ),
        style="dim",
    )


def sections(report: Ranking) -> tuple[list[Row], list[Row]]:
    rows = pitched(report)
    return (
        [r for r in rows if r.status not in APART],
        [r for r in rows if r.status in APART],
    )


EXTRA_COLUMNS = ("interval", "bootstrap", "fragile")
"""Columns filled from the ranking with extras (a second, slower worker)."""


def table_rows(
    report: Ranking, pot_names: dict[str, str] | None = None, limit: int | None = None
) -> list[Row | str | None]:
    """The table's rows in order: a pitch (a Row), a pot's heading (a str) or the gap
    before the pitches apart (None); with ``limit``, up to that many pitches.

    With pots, the ranked pitches are grouped by pot, each under its pot's name and
    in ranking order within it, so each pot can have its own funding line."""
    ranked, apart = sections(report)
    grouped: list[Row | str | None] = list(ranked)
    pots = [p.key for p in report.pots]
    if pots:
        names = pot_names or {}
        grouped = []
        for pot in [*pots, None]:
            members = [r for r in ranked if (r.pot if r.pot in pots else None) == pot]
            if members or pot is not None:
                grouped.append(one_line(names.get(pot) or pot) if pot else t("ui.no_pot"))
                grouped += members
    rows: list[Row | str | None] = [*grouped, *([None] if apart else []), *apart]
    if limit is not None:
        shown = [i for i, r in enumerate(rows) if isinstance(r, Row)][:limit]
        rows = rows[: shown[-1] + 1] if shown else []
    return rows


def line_after(rows: list[Row | str | None]) -> set[int]:
    """Where the funding lines go: under the last funded pitch of each group (a
    pot, or the whole ranking), or under a pot's heading when it funds none."""
    lines: set[int] = set()
    start: int | None = None
    last: int | None = None
    for i, row in enumerate([*rows, None]):
        if not isinstance(row, Row):  # a group ends
            if last is not None:
                lines.add(last)
            elif start is not None and isinstance(rows[start], str):
                lines.add(start)
            if row is None:
                break
            start, last = i, None
            continue
        if start is None:
            start = i
        if row.status == "funded":
            last = i
    return lines


def cell(row: Row, column: str, extra: Row | None, waiting: bool) -> str:
    """``extra``: the row of the ranking with extras, when it has this pitch;
    ``waiting``: those extras have not arrived yet."""
    if column == "requested":
        return money(row.requested)
    if column == "cumulative":
        return money(row.cumulative) if row.status == "funded" else ""
    if column not in EXTRA_COLUMNS:
        return fmt(getattr(row, column))
    value = getattr(extra if extra is not None else row, column)
    return t("ui.computing") if waiting and value is None else fmt(value)
