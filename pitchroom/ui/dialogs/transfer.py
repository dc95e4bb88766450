"""Move leftover money from one pot to another, with a reason (logged).

Saving calls ``save(source, target, amount, reason)``, which returns the store's
refusal message or None: a refusal (same pot, more than the pot has left, no
reason…) shows here and the dialog stays open, with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from textual.widgets.select import NoSelection

from pitchroom.domain.sessionfile.csvfile import parse_amount
from pitchroom.i18n import N_, formats, t
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import DismissOnce
from pitchroom.ui.text import one_line, strip


@dataclass(frozen=True)
class PotChoice:
    key: str
    name: str
    left: Decimal | None
    """Money left in the pot now (None: not known yet)."""
    waiting: bool = False
    """A pitch waits for money in this pot (it has a first unfunded pitch)."""


@dataclass(frozen=True)
class Transfer:
    source: str
    target: str
    amount: Decimal
    reason: str


TransferSaver = Callable[[Transfer], str | None]
"""Save the transfer; returns the refusal message, or None when saved."""


def _money(value: Decimal | None) -> str:
    return "—" if value is None else formats.amount(value)


class TransferDialog(DismissOnce, TranslatedBindings, ModalScreen[Transfer | None]):
    """Dismisses with the saved transfer, or None when cancelled."""

    BINDINGS = [
        Binding(
            "escape", "cancel", N_("ui.cancel"), id="transfer-cancel", tooltip=N_("ui.tip_cancel")
        )
    ]

    def __init__(self, pots: list[PotChoice], currency: str, save: TransferSaver) -> None:
        super().__init__(classes="dialog", id="transfer-dialog")
        self._pots = {p.key: p for p in pots}
        self._currency = one_line(currency)
        self._save = save

    def _options(self) -> list[tuple[Text, str]]:
        return [
            (
                Text(
                    t(
                        "ui.transfer_option",
                        pot=one_line(p.name or p.key),
                        currency=formats.currency(self._currency),
                        left=_money(p.left),
                    )
                ),
                p.key,
            )
            for p in self._pots.values()
        ]

    def _defaults(self) -> tuple[str, str]:
        """A pot no pitch waits for gives (the one with most left), one where a pitch waits
        receives."""
        pots = list(self._pots.values())
        source = max(
            pots, key=lambda p: (not p.waiting, p.left if p.left is not None else Decimal(-1))
        ).key
        target = next(
            (p.key for p in pots if p.key != source and p.waiting),
            next(p.key for p in pots if p.key != source),
        )
        return source, target

    def _pot_choice(self, label: str, id: str, value: str | NoSelection) -> ComposeResult:
        """One labelled choice of a pot (from, to)."""
        with Horizontal(classes="transfer-pot"):
            yield Label(label)
            yield Select(self._options(), prompt=label, id=id, value=value, compact=True)

    def compose(self) -> ComposeResult:
        source, target = self._defaults() if len(self._pots) >= 2 else (Select.NULL, Select.NULL)
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("ui.transfer_title"), style="bold"), classes="dialog-title")
            yield from self._pot_choice(t("ui.transfer_from"), "source", source)
            yield from self._pot_choice(t("ui.transfer_to"), "target", target)
            yield Input(placeholder=t("ui.transfer_amount"), id="amount")
            yield Input(placeholder=t("ui.reason_required"), id="reason")
            yield Static("", id="transfer-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.save"), variant="primary", id="save")
                yield Button(t("ui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#amount", Input).focus()

    def _error(self, message: str) -> None:
        message = one_line(message)
        self.query_one("#transfer-error", Static).update(Text(message[:1].upper() + message[1:]))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        source = self.query_one("#source", Select).value
        target = self.query_one("#target", Select).value
        if not isinstance(source, str) or not isinstance(target, str):
            self._error(t("ui.transfer_pick"))
            return
        amount, problem = parse_amount(self.query_one("#amount", Input).value)
        if amount is None:
            self._error(problem or t("ui.amount_bad"))
            return
        # The store's rules (same pot, more than the pot has left, no reason) answer
        # the rest; their refusal shows here.
        reason = strip(self.query_one("#reason", Input).value).strip()
        transfer = Transfer(source, target, amount, reason)
        refused = self._save(transfer)
        if refused:
            self._error(refused)
            return
        self.dismiss(transfer)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
