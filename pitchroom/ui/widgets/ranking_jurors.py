"""The jurors under the full ranking: the jury's agreement (Kendall's W and
Krippendorff's alpha), and per juror how many pitches, leniency and spread.

Leniency and spread are extras (the :class:`Ranking` with extras has them), so
until the extras worker is done each juror's row says "computing…".
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from pitchroom.domain.consensus.result import Ranking
from pitchroom.i18n import formats, t
from pitchroom.ui.text import one_line


def signed(value: float | None) -> str:
    """Leniency with its sign and two decimals (``+0.42``, ``-0.08``)."""
    if value is None:
        return "—"
    return formats.signed(value)


def plain(value: float | None, places: int = 2) -> str:
    if value is None:
        return "—"
    return formats.fixed(value, places)


def jurors_view(
    jurors: list[tuple[str, str]], extras: Ranking | None, failed: bool = False
) -> RenderableType:
    """``jurors`` is (key, name) of the scoring jurors in session order."""
    head = Text(t("ui.jurors_title"), style="bold")
    if failed:
        return Group(head, Text(t("ui.jurors_failed"), style="italic yellow"))
    if extras is None:
        agreement = Text(t("ui.jury_agreement_waiting"), style="italic dim")
    else:
        agreement = Text(
            t(
                "ui.jury_agreement",
                w=plain(extras.agreement, 3),
                alpha=plain(extras.alpha, 3),
            )
        )
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column(t("ui.col_juror"), no_wrap=True, overflow="ellipsis", max_width=30)
    table.add_column(t("ui.col_pitches"), justify="right")
    table.add_column(t("ui.col_leniency"), justify="right")
    table.add_column(t("ui.col_juror_spread"), justify="right")
    stats = {s.juror: s for s in extras.jurors} if extras is not None else {}
    waiting = Text(t("ui.computing"), style="italic dim")
    for key, name in jurors:
        label = Text(one_line(name or key))
        if extras is None:
            table.add_row(label, waiting, waiting, waiting)
            continue
        row = stats.get(key)
        if row is None:
            table.add_row(label, "0", signed(None), plain(None))
            continue
        table.add_row(label, str(row.pitches), signed(row.leniency), plain(row.spread))
    if extras is not None and not stats:
        return Group(head, agreement, table, Text(t("ui.jurors_none"), style="italic dim"))
    return Group(head, agreement, table)
