"""The consensus ranking as a rich table, from the ``ranking --json`` dict.

Ranked pitches first with a rule under the last funded one (the funding
line), then pending pitches apart, then unscored and withdrawn ones.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from pitchroom.i18n import t
from pitchroom.ui.text import one_line

FUNDING_BOX = box.Box(
    "    \n"
    "    \n"
    " ── \n"
    "    \n"
    " ━━ \n"
    "    \n"
    "    \n"
    "    \n"
)
"""A plain head rule, and a heavy rule under a section: the funding line."""

APART = ("pending", "unscored", "withdrawn")
STATUS_STYLE = {"funded": "bold green", "reserve": "yellow", "ineligible": "red",
                "pending": "italic", "unscored": "dim", "withdrawn": "dim strike"}


def fmt(value: Any) -> str:
    """A number from the report (float, int, fraction text, list) for a cell."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "⚠" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return "–".join(fmt(v) for v in value)
    return one_line(value)


def money(value: Any) -> str:
    """An amount from the report with thousands separators."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,.0f}"
    return fmt(value)


def _status(row: dict[str, Any]) -> Text:
    status = str(row.get("status") or "")
    label = t(f"ui.rank_status_{status}") if status in STATUS_STYLE else one_line(status)
    return Text(label, style=STATUS_STYLE.get(status, ""))


def sections(report: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows = list(report.get("ranking") or [])
    return ([r for r in rows if r.get("status") not in APART],
            [r for r in rows if r.get("status") in APART])


def ranking_table(report: dict[str, Any], *, compact: bool, extras: dict[str, Any] | None = None,
                  limit: int | None = None, currency: str = "") -> RenderableType:
    ranked, apart = sections(report)
    table = Table(box=FUNDING_BOX, expand=True, padding=(0, 1), show_edge=False,
                  pad_edge=False)
    table.add_column(t("ui.col_rank"), justify="right", width=3)
    table.add_column(t("ui.col_pitch"), ratio=1, no_wrap=True, overflow="ellipsis",
                     min_width=12 if compact else 18)
    table.add_column(t("ui.col_score"), justify="right")
    all_rows = ranked + apart
    show_pot = bool(report.get("pots"))
    show_decision = any(r.get("decision") for r in all_rows)
    if not compact:
        for name in ("ui.col_jurors", "ui.col_spread", "ui.col_requested",
                     *(("ui.col_pot",) if show_pot else ()),
                     *(("ui.col_decision",) if show_decision else ()),
                     "ui.col_cumulative", "ui.col_interval", "ui.col_bootstrap",
                     "ui.col_fragile"):
            table.add_column(t(name), justify="left" if name == "ui.col_pot" else "right")
    table.add_column(t("ui.col_status"))
    extra_rows = {r["pitch"]: r for r in (extras or {}).get("ranking", [])} if extras else {}
    shown = 0
    rows = ranked + ([None] if apart else []) + apart
    line_after = max((i for i, r in enumerate(ranked) if r.get("status") == "funded"),
                     default=None)
    for i, row in enumerate(rows):
        if limit is not None and shown >= limit:
            break
        if row is None:
            table.add_row("", Text(t("ui.rank_apart"), style="italic dim"),
                          *[""] * (len(table.columns) - 2))
            continue
        shown += 1
        flag = " ⚑" if row.get("flagged") else ""
        cells: list[Any] = [fmt(row.get("rank")), Text(one_line(row.get("title")) + flag),
                            fmt(row.get("score"))]
        if not compact:
            extra = extra_rows.get(row.get("pitch"), {}) if extras else {}
            waiting = t("ui.computing") if extras is None else "—"
            cells += [fmt(row.get("jurors")), fmt(row.get("spread")), money(row.get("requested"))]
            cells += [fmt(row.get("pot"))] if show_pot else []
            cells += [fmt(row.get("decision"))] if show_decision else []
            cells.append(money(row.get("cumulative")))
            for key in ("interval", "bootstrap", "fragile"):
                value = extra.get(key, row.get(key)) if extras else row.get(key)
                cells.append(waiting if extras is None and value is None else fmt(value))
        cells.append(_status(row))
        table.add_row(*cells, end_section=(i == line_after))
    return table


def money_summary(report: dict[str, Any], currency: str) -> Text:
    text = Text()
    pots = report.get("pots") or []
    budget = report.get("budget")
    if budget is not None and not pots:
        text.append(t("ui.budget", currency=one_line(currency), amount=money(budget)) + "  ")
    for pot in pots:
        text.append(t("ui.pot_left", pot=one_line(pot.get("key")), currency=one_line(currency),
                      left=money(pot.get("left")), budget=money(pot.get("budget"))) + "  ")
    first = report.get("first_unfunded")
    if first:
        title = next((r.get("title") for r in report.get("ranking", [])
                      if r.get("pitch") == first), first)
        text.append(t("ui.first_unfunded", title=one_line(title)), style="yellow")
    return text


def ranking_view(report: dict[str, Any], *, compact: bool, extras: dict[str, Any] | None = None,
                 limit: int | None = None, currency: str = "") -> RenderableType:
    head = Text(t("ui.ranking_head", method=one_line(report.get("method")),
                  agreement=fmt(report.get("agreement"))), style="bold")
    return Group(head, ranking_table(report, compact=compact, extras=extras, limit=limit),
                 money_summary(report, currency))
