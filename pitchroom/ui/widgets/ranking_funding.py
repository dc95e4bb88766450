"""Below the full ranking: the tie notice, the funding line per pot, the reserve list.

Pure rendering from the :class:`Ranking` (plus the pots' names from the
session), so the screen only decides when to show it.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from pitchroom.domain.consensus.result import Ranking, Row, num
from pitchroom.i18n import N_, formats, t
from pitchroom.ui.text import one_line
from pitchroom.ui.widgets.ranking_rows import (
    money,
    preselection_line,
    tie_notices,
    tied_pitches,
    titles,
)


def _line(key: str, **values: object) -> Text:
    return Text("  " + t(key, **values))


def funding_lines(report: Ranking, currency: str, pot_names: dict[str, str]) -> list[Text]:
    """One line per pot (or for the whole budget): money left and the first unfunded pitch."""
    names = titles(report)
    currency = one_line(currency)
    lines: list[Text] = []
    pots = report.pots
    for pot in pots:
        key = pot.key
        first = pot.first_unfunded
        values = {
            "pot": one_line(pot_names.get(key) or key),
            "currency": formats.currency(currency),
            "left": money(pot.left),
            "budget": money(pot.budget),
        }
        if first:
            lines.append(
                _line(N_("ui.line_pot"), title=names.get(first, one_line(first)), **values)
            )
        else:
            lines.append(_line(N_("ui.line_pot_done"), **values))
    if pots:
        return lines
    first = report.first_unfunded
    title = names.get(first, one_line(first)) if first else ""
    if report.budget is None:
        key = N_("ui.line_no_budget") if first else N_("ui.line_no_budget_done")
        return [_line(key, title=title)]
    values = {
        "currency": formats.currency(currency),
        "budget": money(report.budget),
        "left": money(report.left),
    }
    if first:
        return [_line(N_("ui.line_budget"), title=title, **values)]
    return [_line(N_("ui.line_budget_done"), **values)]


def reserve_lines(report: Ranking, currency: str, pot_names: dict[str, str]) -> list[Text]:
    """The pitches with status reserve, numbered in ranking order."""
    tied = tied_pitches(report)
    currency = one_line(currency)
    lines: list[Text] = []
    rows = [r for r in report.rows if r.status == "reserve"]
    for number, row in enumerate(rows, start=1):
        pot = row.pot
        is_tied = row.pitch in tied
        key = (N_("ui.reserve_tied") if is_tied else N_("ui.reserve_item")) + (
            "_pot" if pot else ""
        )
        line = _line(
            key,
            number=number,
            title=one_line(row.title),
            currency=formats.currency(currency),
            requested=money(row.requested),
            pot=one_line(pot_names.get(pot) or pot) if pot else "",
        )
        if is_tied:
            line.stylize("yellow")
        lines.append(line)
    return lines or [_line(N_("ui.reserve_none"))]


Thresholds = dict[str, tuple[str, object]]
"""Criterion key -> (name, threshold) for the criteria that have a threshold."""


def _below(row: Row, thresholds: Thresholds) -> list[str]:
    found = []
    for key, (name, threshold) in thresholds.items():
        exact = row.criteria.get(key)
        value = None if exact is None else num(exact)
        if value is None or value < float(str(threshold)):
            found.append(
                t(
                    "ui.ineligible_below",
                    criterion=one_line(name),
                    value="—" if value is None else formats.total(value),
                    threshold=one_line(threshold),
                )
            )
    return found


def ineligible_lines(report: Ranking, thresholds: Thresholds) -> list[Text]:
    """Why each ineligible pitch cannot be funded: a threshold, no pot, or rejected."""
    lines: list[Text] = []
    for row in report.rows:
        if row.status != "ineligible" or row.stage != "pitch":
            continue
        title = one_line(row.title)
        if row.decision == "reject":
            lines.append(_line(N_("ui.ineligible_rejected"), title=title))
        elif report.pots and row.pot is None:
            lines.append(_line(N_("ui.ineligible_no_pot"), title=title))
        for reason in _below(row, thresholds):
            lines.append(_line(N_("ui.ineligible_item"), title=title, reason=reason))
    return lines


def funding_view(
    report: Ranking,
    currency: str,
    pot_names: dict[str, str],
    thresholds: Thresholds | None = None,
) -> RenderableType:
    parts: list[Text] = [*tie_notices(report)]
    parts.append(Text(t("ui.line_title"), style="bold"))
    parts += funding_lines(report, currency, pot_names)
    line = preselection_line(report, currency)
    if line is not None:
        parts.append(line)
    parts.append(Text(t("ui.reserve_title"), style="bold"))
    parts += reserve_lines(report, currency, pot_names)
    ineligible = ineligible_lines(report, thresholds or {})
    if ineligible:
        parts.append(Text(t("ui.ineligible_title"), style="bold"))
        parts += ineligible
    return Group(*parts)
