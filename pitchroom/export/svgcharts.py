"""The jury report's charts as inline SVG, drawn with matplotlib's SVG backend.

The same three charts as the ranking screen's chart view (see
:mod:`pitchroom.domain.chartdata`): rank intervals as a forest plot with each
pot's funding line, the juror totals of every ranked pitch against the scale
with the consensus, and the jurors' leniency with their spread.

matplotlib is imported here, and this module only when an html report is
written, so starting pitchroom never pays for it. Figures are built with
``Figure`` and ``FigureCanvasSVG`` (no pyplot, no global state, no Agg); text
stays text (``svg.fonttype = none``) so the SVG is small and prints sharp.
Everything is black and grey with distinct markers and line styles, so the
charts read in black and white. User text (titles, names) is never parsed as
mathtext, and matplotlib escapes it in the SVG.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pitchroom.domain import chartdata
from pitchroom.export.text import bidi_closed, html_text
from pitchroom.i18n import method_name, t, tn

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from pitchroom.export.document import RankingOut

MAX_ROWS = 60
"""At most this many pitches per chart (the top of the ranking); the caption says so."""
WIDTH = 7.0
"""Inches: the A4 text width with the report's margins."""
RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "pitchroom",
    "font.family": "sans-serif",
    "font.size": 8.5,
    "axes.edgecolor": "#333333",
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
}
INK, GREY, LIGHT = "#111111", "#777777", "#bbbbbb"


@dataclass(frozen=True)
class Chart:
    title: str
    caption: str
    svg: str
    """An ``<svg>`` element (no XML prolog, no metadata), with a ``<title>``."""


def _plain(text: str) -> str:
    """User text on one line, bidi closed, for a label (labels never parse mathtext)."""
    return bidi_closed(" ".join(str(text).split()))


def _cut(text: str, width: int = 38) -> str:
    text = " ".join(str(text).split())
    return _plain(text if len(text) <= width else text[: width - 1] + "…")


def _style(salt: str = "") -> AbstractContextManager[Any]:
    """matplotlib settings for the report's charts (a distinct id salt per chart)."""
    from matplotlib import rc_context

    params: Any = {**RC, "svg.hashsalt": f"pitchroom-{salt}"}  # rc_context types its keys
    context: AbstractContextManager[Any] = rc_context(params)
    return context


def _literal_labels(labels: Iterable[Any]) -> None:
    for label in labels:
        label.set_parse_math(False)


def _svg(figure: Figure, title: str, salt: str) -> str:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    buffer = io.StringIO()
    with _style(salt):
        FigureCanvasSVG(figure)
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    # Inline in HTML the namespaces are implied; SVG 2 takes a plain href. So the
    # report holds no URL at all, and every href is a "#id" inside its own chart.
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text)
    text = text.replace("xlink:href=", "href=")
    head = text.index(">") + 1
    opening = text[:head].replace("<svg ", '<svg role="img" ', 1)
    return f"{opening}\n<title>{html_text(title)}</title>{text[head:].rstrip()}"


def _figure(height: float) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    with _style():
        figure = Figure(figsize=(WIDTH, height), layout="constrained")
        axes = figure.add_subplot()
    return figure, axes


def _bootstrap_note(seed: int | None) -> str:
    if seed is None:
        return t("export.chart_bootstrap_exact")
    return t("export.chart_bootstrap_seeded", seed=seed)


def _more(total: int, shown: int) -> str:
    return t("export.chart_first_rows", shown=shown, total=total) if shown < total else ""


def forest_chart(report: RankingOut, pots: dict[str, str], seed: int | None) -> Chart | None:
    """Rank, leave-one-out range and bootstrap interval per ranked pitch."""
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    forest = chartdata.forest(report.ranking, report.pots, report.first_unfunded)
    if not forest.rows:
        return None
    rows = forest.rows[:MAX_ROWS]
    lines = {line.before: line for line in forest.lines if 0 < line.before < len(rows)}
    # Top down; each funding line gets a row of its own, with its label on it.
    place, y = [], 0
    for index in range(len(rows)):
        if index in lines:
            y += 1
        place.append(y)
        y += 1
    with _style():
        figure, axes = _figure(1.0 + 0.24 * y)
        for index, row in enumerate(rows):
            at = place[index]
            if row.bootstrap:
                lo, hi = row.bootstrap
                axes.plot([lo, hi], [at, at], color=GREY, linewidth=1.0, solid_capstyle="butt")
                axes.plot([lo, hi], [at, at], "|", color=GREY, markersize=5)
            if row.interval:
                lo, hi = row.interval
                axes.plot([lo, hi], [at, at], color=INK, linewidth=3.2, solid_capstyle="butt")
            if row.fragile:
                axes.plot(row.rank, at, "D", markersize=6, color=INK, markerfacecolor="white")
            else:
                axes.plot(row.rank, at, "o", markersize=5, color=INK, markerfacecolor=INK)
        for index, line in lines.items():
            at = place[index] - 1
            axes.axhline(at + 0.45, color=INK, linestyle=(0, (4, 2)), linewidth=0.9)
            name = pots.get(line.pot, line.pot) if line.pot else ""
            label = t("export.chart_line_pot", pot=name) if name else t("export.chart_line")
            text = axes.text(
                0.6, at + 0.3, _cut(label, 70), ha="left", va="bottom", fontsize=7, color=INK
            )
            text.set_parse_math(False)
        axes.set_yticks(
            place,
            [f"{r.rank}. {_cut(r.title)}" + (" !" if r.fragile else "") for r in rows],
        )
        _literal_labels(axes.get_yticklabels())
        axes.set_ylim(y - 0.5, -0.5)
        axes.set_xlim(0.5, forest.ranks + 0.5)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlabel(t("export.chart_forest_axis"))
        axes.grid(axis="x", color=LIGHT, linewidth=0.4)
        axes.set_axisbelow(True)
        legend = [
            Line2D([], [], color=INK, marker="o", linestyle="", label=t("export.chart_key_rank")),
            Line2D([], [], color=INK, linewidth=3.2, label=t("export.chart_key_loo")),
            Line2D([], [], color=GREY, linewidth=1.0, label=t("export.chart_key_bootstrap")),
            Line2D(
                [],
                [],
                color=INK,
                marker="D",
                markerfacecolor="white",
                linestyle="",
                label=t("export.chart_key_fragile"),
            ),
        ]
        figure.legend(
            handles=legend, loc="outside upper center", ncols=4, frameon=False, fontsize=7
        )
    title = t("export.chart_forest_title")
    caption = " ".join(
        part
        for part in (
            t("export.chart_forest_caption", bootstrap=_bootstrap_note(seed)),
            _more(len(forest.rows), len(rows)),
        )
        if part
    )
    return Chart(title, caption, _svg(figure, title, "forest"))


def strip_chart(
    report: RankingOut,
    totals: Mapping[str, Sequence[tuple[str, float | None, str]]],
    scale: tuple[float, float],
) -> Chart | None:
    """Every ranked pitch's juror totals as dots against the scale, consensus marked."""
    method = report.method
    rows = [r for r in report.ranking if r.rank is not None]
    if not rows:
        return None
    shown = rows[:MAX_ROWS]
    with _style():
        figure, axes = _figure(0.8 + 0.24 * len(shown))
        for y, row in enumerate(shown):
            strip = chartdata.strip(row, method, totals.get(row.pitch, ()))
            xs = [p.total for p in strip.points]
            axes.plot(
                xs,
                [y] * len(xs),
                "o",
                markersize=4.2,
                color=INK,
                markerfacecolor="white",
                markeredgewidth=0.9,
                alpha=0.9,
            )
            if strip.consensus is not None:
                axes.plot(strip.consensus, y, "|", markersize=11, markeredgewidth=2.2, color=INK)
        axes.set_yticks(range(len(shown)), [f"{r.rank}. {_cut(r.title)}" for r in shown])
        _literal_labels(axes.get_yticklabels())
        axes.set_ylim(len(shown) - 0.5, -0.5)
        axes.set_xlim(scale[0] - 0.2, scale[1] + 0.2)
        axes.set_xlabel(t("export.chart_strip_axis"))
        axes.grid(axis="x", color=LIGHT, linewidth=0.4)
        axes.set_axisbelow(True)
    title = t("export.chart_strip_title")
    consensus = (
        t("export.chart_strip_score", method=method_name(method))
        if method in chartdata.ON_SCALE
        else t("export.chart_strip_mean")
    )
    caption = " ".join(
        part
        for part in (
            t("export.chart_strip_caption", consensus=consensus),
            _more(len(rows), len(shown)),
        )
        if part
    )
    return Chart(title, caption, _svg(figure, title, "strip"))


def leniency_chart(report: RankingOut, names: dict[str, str], order: list[str]) -> Chart | None:
    """Each juror's mean offset from the jury as a bar around zero, ± the spread."""
    bars = chartdata.leniency(report.juror_stats, names, order)
    if not bars:
        return None
    with _style():
        figure, axes = _figure(0.8 + 0.26 * len(bars))
        ys = list(range(len(bars)))
        values = [b.leniency for b in bars]
        errors = [b.spread or 0.0 for b in bars]
        axes.barh(ys, values, height=0.55, color=LIGHT, edgecolor=INK, linewidth=0.7)
        axes.errorbar(values, ys, xerr=errors, fmt="none", ecolor=INK, elinewidth=0.8, capsize=2.5)
        axes.axvline(0, color=INK, linewidth=0.9)
        axes.set_yticks(
            ys,
            [
                tn(
                    "export.chart_leniency_label",
                    b.pitches,
                    juror=_cut(b.juror, 28),
                    pitches=b.pitches,
                )
                for b in bars
            ],
        )
        _literal_labels(axes.get_yticklabels())
        axes.set_ylim(len(bars) - 0.5, -0.5)
        reach = max(abs(v) + e for v, e in zip(values, errors, strict=True)) * 1.1 or 1.0
        axes.set_xlim(-reach, reach)
        axes.set_xlabel(t("export.chart_leniency_axis"))
        axes.grid(axis="x", color=LIGHT, linewidth=0.4)
        axes.set_axisbelow(True)
    title = t("export.chart_leniency_title")
    return Chart(title, t("export.chart_leniency_caption"), _svg(figure, title, "leniency"))
