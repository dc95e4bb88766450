"""The score grid's cells: what each juror's row shows for a pitch (a pure function
of the :class:`PitchView`), the criterion labels cut to fit, and a row's first open cell.

:class:`pitchroom.ui.widgets.score_grid.ScoreGrid` puts them on screen.
"""

from __future__ import annotations

from collections.abc import Container

from rich.text import Text

from pitchroom.domain.totals import juror_total
from pitchroom.i18n import N_, t
from pitchroom.ui import numbers
from pitchroom.ui.text import literal
from pitchroom.ui.view import PitchView

FIRST = 3
"""Juror, total and status come first (and stay put); criteria from column 3."""


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def labels(names: list[str], width: int) -> list[str]:
    """Criterion names cut to ``width``; numbered (``1 Us…``) when cutting makes two alike,
    such as "User involvement" and "User experience" at five characters."""
    cut = [short(name, width) for name in names]
    if len(set(cut)) == len(cut):
        return cut
    return [
        f"{i} {short(name, max(width - len(str(i)) - 1, 2))}"
        for i, name in enumerate(names, start=1)
    ]


def look_of(cell: Text) -> tuple[object, ...]:
    """Everything that shows: the text, its style and its spans (Text's own ``==``
    compares the text and spans only)."""
    return cell.plain, str(cell.style), tuple(cell.spans)


def first_open(criteria: list[str], scored: Container[str]) -> int | None:
    """The grid column of the first criterion not ``scored`` yet, or None."""
    return next((FIRST + i for i, c in enumerate(criteria) if c not in scored), None)


def row_cells(view: PitchView, juror: str, name_width: int) -> list[Text]:
    """A juror's row: name (cut to ``name_width``), total, status, one cell a
    criterion. A recused or absent juror's row says so; a station's submitted
    blind values show as ✓, never the value."""
    found = view.session.juror(juror)
    name = literal(short(found.name if found else juror, name_width))
    row = view.row(juror)
    if juror in view.recused or juror in view.absent:
        out = N_("ui.status_recused") if juror in view.recused else N_("ui.status_absent")
        return [
            Text.assemble(name, style="dim"),
            Text(""),
            Text(t(out), style="italic"),
            *(Text("—", style="dim") for _ in view.criteria),
        ]
    cells: list[Text] = []
    step = view.session.session.scale.step
    hidden_any = False
    for c in view.criteria:
        if (juror, c.key) in view.hidden:
            hidden_any = True
            cells.append(Text("✓", style="green"))
        elif c.key in row:
            cells.append(Text(numbers.score(row[c.key], step), style="bold"))
        else:
            cells.append(Text("·", style="dim"))
    # PitchView.total and .missing, from the row read once above: each of them reads
    # the juror's row again from all of the pitch's scores (500 at the stress size).
    total = juror_total({c.key: c.weight for c in view.criteria}, row).counted
    total_cell = Text(
        "✓"
        if hidden_any and total is not None
        else ""
        if hidden_any or total is None
        else numbers.total(total),
        style="bold",
    )
    missing = sum(1 for c in view.criteria if c.key not in row)
    if hidden_any:
        status = Text(t("ui.status_submitted"), style="green")
    elif missing == 0:
        status = Text(t("ui.status_done"), style="green")
    elif missing == len(view.criteria):
        status = Text(t("ui.status_none"), style="dim")
    else:
        status = Text(t("ui.status_missing", count=missing), style="yellow")
    if juror in view.comments:
        status.append(" ✎")
    return [name, total_cell, status, *cells]
