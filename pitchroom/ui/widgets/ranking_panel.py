"""The live ranking beside the grid: top of the ranking and the funding line."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from pitchroom.domain.consensus.result import Ranking
from pitchroom.i18n import t
from pitchroom.ui.text import one_line
from pitchroom.ui.widgets.fast_table import Prerendered
from pitchroom.ui.widgets.in_place import update_in_place
from pitchroom.ui.widgets.ranking_table import ranking_view

PANEL_ROWS = 40
"""The live panel shows the top of the ranking: drawing a thousand-row table on
every keystroke would slow typing down (the ranking screen, ``k``, has them all)."""


class RankingPanel(Static):
    def on_mount(self) -> None:
        self.show_waiting()

    def show_waiting(self) -> None:
        self.update(Text(t("ui.computing"), style="italic dim"))

    def show_error(self, message: str) -> None:
        self.update(Text(one_line(message), style="italic yellow"))

    def show_report(
        self, report: Ranking, currency: str, pot_names: dict[str, str] | None = None
    ) -> None:
        # Rendered once per width: measured, then drawn the same.
        content = Prerendered(
            ranking_view(
                report, compact=True, currency=currency, limit=PANEL_ROWS, pot_names=pot_names
            )
        )
        update_in_place(self, content)
