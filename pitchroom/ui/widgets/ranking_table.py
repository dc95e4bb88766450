"""The consensus ranking as a rich table, from the engine's :class:`Ranking`.

Ranked pitches first with a rule under the last funded one (the funding
line), then pending pitches apart, then unscored and withdrawn ones.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from pitchroom.domain.consensus.result import Ranking, Row, num
from pitchroom.i18n import N_, formats, method_name, t
from pitchroom.ui.text import one_line

FUNDING_BOX = box.Box("    \n    \n ── \n    \n ━━ \n    \n    \n    \n")
"""A plain head rule, and a heavy rule under a section: the funding line."""

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
        return formats.total(value)
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


def _status(row: Row, tied: bool = False) -> Text:
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
            currency=one_line(currency),
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


WIDE_COLUMNS = (
    "jurors",
    "spread",
    "requested",
    "pot",
    "decision",
    "cumulative",
    "interval",
    "bootstrap",
    "fragile",
)
"""The full table's middle columns, left to right."""
DROP_ORDER = (
    "cumulative",
    "bootstrap",
    "pot",
    "jurors",
    "interval",
    "decision",
    "spread",
    "requested",
    "fragile",
)
"""When the screen is too narrow for all of them, the first of these go first."""
EXTRA_COLUMNS = ("interval", "bootstrap", "fragile")
GAP = 3
"""Between two columns: padding on both sides and the (blank) divider of FUNDING_BOX."""


def _columns(report: Ranking, compact: bool) -> list[str]:
    if compact:
        return []
    rows = pitched(report)
    hidden = {"pot"} if not report.pots else set()
    if not any(r.decision for r in rows):
        hidden.add("decision")
    return [c for c in WIDE_COLUMNS if c not in hidden]


def _plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def _fit(
    columns: list[str], cells: list[list[Any]], fixed: int, width: int | None
) -> tuple[list[str], int]:
    """The columns that fit in ``width`` at their natural width (dropping by DROP_ORDER),
    and the room they leave over."""
    if width is None:
        return columns, 0
    need = {
        c: max([cell_len(t(f"ui.col_{c}")), *(cell_len(_plain(row[i])) for row in cells)]) + GAP
        for i, c in enumerate(columns)
    }
    kept = list(columns)
    for column in DROP_ORDER:
        if fixed + sum(need[c] for c in kept) <= width:
            break
        if column in kept:
            kept.remove(column)
    return kept, max(0, width - fixed - sum(need[c] for c in kept))


def _cell(row: Row, column: str, extra: Row | None, waiting: bool) -> str:
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


def ranking_table(
    report: Ranking,
    *,
    compact: bool,
    extras: Ranking | None = None,
    limit: int | None = None,
    currency: str = "",
    width: int | None = None,
    pot_names: dict[str, str] | None = None,
) -> RenderableType:
    """The table; with ``width``, the full table drops the columns that do not fit.

    With pots, the ranked pitches are grouped by pot (each under its pot's name, in
    ranking order within it) and each pot has its own funding line under its last
    funded pitch: one line over the whole ranking would put funded pitches of one
    pot below it and reserve ones of another above it."""
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
    pitch_rows = [r for r in rows if isinstance(r, Row)]
    columns = _columns(report, compact)
    extra_rows = {r.pitch: r for r in extras.rows} if extras is not None else {}
    body = [
        [_cell(row, c, extra_rows.get(row.pitch), extras is None) for c in columns]
        if isinstance(row, Row)
        else None
        for row in rows
    ]
    tied = tied_pitches(report)
    statuses = [_status(row, row.pitch in tied) if isinstance(row, Row) else None for row in rows]
    title_of = short_title if compact else one_line
    longest = max(
        [
            cell_len(t("ui.col_pitch")),
            *(cell_len(title_of(one_line(r.title))) + (2 if compact else 4) for r in pitch_rows),
            *(cell_len(r) for r in rows if isinstance(r, str)),
        ]
    )
    pitch_width = min(12 if compact else 18, longest)
    status_width = max((cell_len(s.plain) for s in statuses if s is not None), default=6)
    score_width = max(
        [
            cell_len(t("ui.col_score")),
            *(cell_len(fmt(r.score)) for r in pitch_rows),
        ]
    )
    fixed = 3 + GAP + pitch_width + GAP + score_width + GAP + status_width
    kept, spare = _fit(columns, [b for b in body if b is not None], fixed, width)

    table = Table(
        box=FUNDING_BOX,
        expand=width is None,
        padding=(0, 1),
        show_edge=False,
        pad_edge=False,
        width=width,
    )
    table.add_column(t("ui.col_rank"), justify="right", width=3)
    if width is None:
        table.add_column(
            t("ui.col_pitch"), ratio=1, no_wrap=True, overflow="ellipsis", min_width=pitch_width
        )
    else:  # sized here: rich squeezes a ratio column below its min_width when space is short
        table.add_column(
            t("ui.col_pitch"), no_wrap=True, overflow="ellipsis", width=pitch_width + spare
        )
    table.add_column(t("ui.col_score"), justify="right")
    for name in kept:
        table.add_column(t(f"ui.col_{name}"), justify="left" if name == "pot" else "right")
    table.add_column(t("ui.col_status"), no_wrap=True)
    # The compact panel has no room for it; the pitch card shows the flag there.
    any_flag = not compact and any(r.flagged for r in pitch_rows)
    lines = _line_after(rows)
    for i, row in enumerate(rows):
        if isinstance(row, str):  # a pot's heading
            table.add_row(
                "",
                Text(row, style="bold"),
                *[""] * (len(table.columns) - 2),
                end_section=i in lines,
            )
            continue
        if row is None:
            table.add_row(
                "", Text(t("ui.rank_apart"), style="italic dim"), *[""] * (len(table.columns) - 2)
            )
            continue
        # The discuss flag goes before the title, where an ellipsis cannot hide it.
        flag = ("⚑ " if row.flagged else "  ") if any_flag else ""
        title = one_line(row.title)
        cells: list[Any] = [
            fmt(row.rank),
            Text.assemble((flag, "bold red"), short_title(title) if compact else title),
            fmt(row.score),
        ]
        values = dict(zip(columns, body[i] or [], strict=True))
        cells += [values[c] for c in kept]
        cells.append(statuses[i])
        table.add_row(*cells, end_section=i in lines)
    return table


def _line_after(rows: list[Row | str | None]) -> set[int]:
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


def money_summary(report: Ranking, currency: str) -> Text:
    text = Text()
    pots = report.pots
    budget = report.budget
    if budget is not None and not pots:
        text.append(
            t("ui.budget", currency=one_line(formats.currency(currency)), amount=money(budget))
            + "  "
        )
    for pot in pots:
        text.append(
            t(
                "ui.pot_left",
                pot=one_line(pot.key),
                currency=one_line(formats.currency(currency)),
                left=money(pot.left),
                budget=money(pot.budget),
            )
            + "  "
        )
    first = report.first_unfunded
    if first:
        title = next((r.title for r in report.rows if r.pitch == first), first)
        text.append(t("ui.first_unfunded", title=one_line(title)), style="yellow")
    for notice in tie_notices(report, N_("ui.tie_notice_panel")):
        text.append("\n")
        text.append_text(notice)
    return text


def ranking_head(report: Ranking, extras: Ranking | None = None, waiting: bool = False) -> Text:
    """Method and Kendall's W (an extra: from ``extras`` when given, else "computing…")."""
    source = extras if extras is not None else report
    agreement = t("ui.computing") if waiting and extras is None else fmt(source.agreement)
    head = Text(
        t("ui.ranking_head", method=one_line(method_name(report.method)), agreement=agreement),
        style="bold",
    )
    if extras is not None and any(r.bootstrap for r in extras.rows):
        seed = extras.seed
        head.append("  ")
        head.append(
            t("ui.bootstrap_seeded", seed=seed) if seed is not None else t("ui.bootstrap_exact"),
            style="dim",
        )
    return head


def ranking_view(
    report: Ranking,
    *,
    compact: bool,
    extras: Ranking | None = None,
    limit: int | None = None,
    currency: str = "",
    pot_names: dict[str, str] | None = None,
) -> RenderableType:
    """Head, table, money left and the first unfunded pitch (the chair screen's panel)."""
    table = ranking_table(report, compact=compact, extras=extras, limit=limit, pot_names=pot_names)
    head = Text(
        t("ui.ranking_head_live", method=one_line(method_name(report.method))), style="bold"
    )
    parts: list[RenderableType] = [head, table]
    hidden = len(pitched(report)) - (limit if limit is not None else 10**9)
    if hidden > 0:
        parts.append(Text(t("ui.ranking_more", count=hidden), style="italic dim"))
    parts.append(money_summary(report, currency))
    line = preselection_line(report, currency)
    if line is not None:
        parts.append(line)
    return Group(*parts)
