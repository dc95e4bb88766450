"""The consensus ranking as a rich table, from the engine's :class:`Ranking`.

Ranked pitches first with a rule under the last funded one (the funding
line), then pending pitches apart, then unscored and withdrawn ones.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict, Unpack

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from pitchroom.domain.consensus.result import Ranking, Row
from pitchroom.i18n import N_, formats, method_name, t
from pitchroom.ui.text import one_line
from pitchroom.ui.widgets.fast_table import FastTable
from pitchroom.ui.widgets.ranking_rows import (
    cell,
    fmt,
    line_after,
    money,
    pitched,
    preselection_line,
    short_title,
    status_text,
    table_rows,
    tie_notices,
    tied_pitches,
)

FUNDING_BOX = box.Box("    \n    \n ── \n    \n ━━ \n    \n    \n    \n")
"""A plain head rule, and a heavy rule under a section: the funding line."""

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
    rows = table_rows(report, pot_names, limit)
    pitch_rows = [r for r in rows if isinstance(r, Row)]
    columns = _columns(report, compact)
    extra_rows = {r.pitch: r for r in extras.rows} if extras is not None else {}
    body = [
        [cell(row, c, extra_rows.get(row.pitch), extras is None) for c in columns]
        if isinstance(row, Row)
        else None
        for row in rows
    ]
    tied = tied_pitches(report)
    statuses = [
        status_text(row, row.pitch in tied) if isinstance(row, Row) else None for row in rows
    ]
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

    table = FastTable(
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
    lines = line_after(rows)
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


class PanelOptions(TypedDict):
    """What :func:`ranking_view` hands on to :func:`ranking_table`."""

    compact: bool
    extras: NotRequired[Ranking | None]
    limit: NotRequired[int | None]
    pot_names: NotRequired[dict[str, str] | None]


def ranking_view(
    report: Ranking, *, currency: str = "", **options: Unpack[PanelOptions]
) -> RenderableType:
    """Head, table, money left and the first unfunded pitch (the chair screen's panel)."""
    table = ranking_table(report, **options)
    limit = options.get("limit")
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
