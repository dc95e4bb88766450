"""The chair's score entry, mixed into :class:`ChairScreen`: from what was typed in
the grid to a saved score (asking first on a closed pitch or over a station's
submitted row), the entry line, and the entry checks once a row is done.

Also the screen's writes (:meth:`ChairEntry.write`: a refusal is shown, never
raised), which the key actions (:mod:`pitchroom.ui.screens.chair_actions`) share.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Static

from pitchroom.i18n import t, tn
from pitchroom.service.chair import ChairService
from pitchroom.store import RuleError, Store, WriteFailed
from pitchroom.store.records import Event
from pitchroom.ui.text import escaped, one_line
from pitchroom.ui.view import PitchView, far_from_others, half_filled, identical_row, number
from pitchroom.ui.widgets.score_grid import ScoreGrid

if TYPE_CHECKING:
    from pitchroom.ui.dialogs.reason import ReasonDialog


class ChairEntry(Screen[None]):
    """Score entry and writes; :class:`ChairScreen` shows the pitch they act on."""

    store: Store
    chair: ChairService
    view: PitchView | None

    def reload(self) -> None:
        """Read the open pitch again and show it (the screen defines it)."""
        raise NotImplementedError

    def refresh_ranking(self) -> None:
        """Recompute the ranking panel (the screen defines it)."""
        raise NotImplementedError

    def reason_dialog(self, title: str, body: str, required: bool) -> ReasonDialog:
        from pitchroom.ui.dialogs.reason import ReasonDialog  # not for the first frame

        return ReasonDialog(title, body, required=required)

    # --------------------------------------------------------------- writes
    def say(self, message: str, severity: SeverityLevel = "information") -> None:
        """Notify with ``message`` shown literally (it may carry user text)."""
        self.notify(escaped(message), severity=severity, markup=True)

    def saved(self, event: Event | None) -> None:
        """After a write of ours (the service keeps it for undo): show it, rank again."""
        self.reload()
        self.refresh_ranking()

    def write(self, action: Callable[..., Event | None], *args: Any, **kwargs: Any) -> Event | None:
        """Run one of the chair service's actions; a refusal is shown, never raised."""
        try:
            event = action(*args, **kwargs)
        except RuleError as error:
            self.say(error.message, "error")
            return None
        self.saved(event)
        return event

    # ----------------------------------------------------------------- grid
    @on(ScoreGrid.EntryChanged)
    def _entry_changed(self, message: ScoreGrid.EntryChanged) -> None:
        entry = self.query_one("#entry", Static)
        if self.view is None or message.juror is None or message.criterion is None:
            entry.update("", layout=False)  # one line high whatever it says: no layout
            return
        juror = self.view.session.juror(message.juror)
        criterion = self.view.session.criterion(message.criterion)
        text = Text()
        text.append(one_line(juror.name if juror else message.juror), style="bold")
        text.append(" · ")
        text.append(one_line(criterion.name if criterion else message.criterion))
        text.append(": ")
        text.append(message.buffer + "▏", style="bold reverse" if message.buffer else "")
        if not message.buffer:
            text.append("  " + t("ui.entry_hint"), style="dim")
        entry.update(text, layout=False)

    def save_typed(self, juror: str, criterion: str, text: str | None) -> bool:
        """The grid's saver: True when the cell now holds what was typed (saved, or
        already that value), so the grid moves on; False keeps the cursor there."""
        view = self.view
        assert view is not None
        value: Fraction | None = None
        if text is not None:
            try:
                value = Fraction(text.replace(",", "."))
            except (ValueError, ZeroDivisionError):
                self.say(t("ui.not_a_number", text=text), "error")
                return False
            if view.scores.get((juror, criterion)) == value and not view.submitted(juror):
                return True  # already that value: nothing to write, move on
        elif (juror, criterion) not in view.scores:
            return False

        def then_advance(saved: bool) -> None:
            if saved and value is not None:
                self.query_one(ScoreGrid).advance()

        if view.state.closed:

            def revise(reason: str | None) -> None:
                then_advance(bool(reason) and self._commit_score(juror, criterion, value, reason))

            self.app.push_screen(
                self.reason_dialog(
                    t("ui.revise_title"),
                    t(
                        "ui.revise_body",
                        title=one_line(view.pitch.title),
                        juror=self.juror_name(juror),
                        criterion=self.criterion_name(criterion),
                        old=number(view.scores.get((juror, criterion))) or "·",
                        new=number(value) or "·",
                    ),
                    True,
                ),
                revise,
            )
            return False
        if view.submitted(juror):

            def overwrite(ok: bool | None) -> None:
                then_advance(bool(ok) and self._commit_score(juror, criterion, value, None))

            from pitchroom.ui.dialogs.confirm import ConfirmDialog

            self.app.push_screen(
                ConfirmDialog(
                    t("ui.overwrite_title", juror=self.juror_name(juror)),
                    t(
                        "ui.overwrite_body",
                        juror=self.juror_name(juror),
                        criterion=self.criterion_name(criterion),
                        value=number(value),
                    )
                    if value is not None
                    else t(
                        "ui.overwrite_clear_body",
                        juror=self.juror_name(juror),
                        criterion=self.criterion_name(criterion),
                    ),
                    yes=t("ui.overwrite_yes"),
                ),
                overwrite,
            )
            return False
        return self._commit_score(juror, criterion, value, None) and value is not None

    def _commit_score(
        self, juror: str, criterion: str, value: Fraction | None, reason: str | None
    ) -> bool:
        assert self.view is not None
        try:
            event = self.chair.score(self.view.pitch.key, juror, criterion, value, reason=reason)
        except WriteFailed as error:
            # Not saved (disk full, read-only, files replaced): say so, and keep
            # what was typed in the cell so enter tries again.
            self.say(t("ui.not_saved", why=error.message), "error")
            if value is not None:
                self.query_one(ScoreGrid).buffer = number(value)
            return False
        except RuleError as error:
            self.say(error.message, "error")
            return False
        if event is None:
            return True  # another process saved the same value meanwhile
        self.saved(event)
        if value is not None:
            self._entry_checks(juror)
        return True

    def criterion_name(self, criterion: str) -> str:
        assert self.view is not None
        found = self.view.session.criterion(criterion)
        return one_line(found.name if found else criterion)

    def _entry_checks(self, juror: str) -> None:
        """Once a juror's row is complete: every check on it, as one message.

        One toast per row (never one per cell), and none stays over a dialog
        (see :meth:`on_screen_suspend`)."""
        view = self.view
        assert view is not None
        if view.missing(juror):
            return
        name = self.juror_name(juror)
        found: list[str] = []
        same = identical_row(view, juror)
        if same is not None:
            found.append(t("ui.check_identical", juror=name, value=number(same)))
        for criterion in view.criteria:
            middle = far_from_others(view, juror, criterion.key)
            if middle is not None:
                found.append(
                    t(
                        "ui.check_far",
                        juror=name,
                        value=number(view.scores[(juror, criterion.key)]),
                        criterion=one_line(criterion.name),
                        median=number(middle),
                    )
                )
        if found:
            self.say("\n".join(found), "warning")

    @on(ScoreGrid.JurorLeft)
    def _juror_left(self, message: ScoreGrid.JurorLeft) -> None:
        self.warn_half_filled(message.juror)

    def warn_half_filled(self, juror: str | None) -> None:
        if self.view is not None and juror and half_filled(self.view, juror):
            self.say(
                tn(
                    "ui.check_half",
                    self.view.missing(juror),
                    juror=self.juror_name(juror),
                    count=self.view.missing(juror),
                ),
                "warning",
            )

    def juror_name(self, juror: str) -> str:
        assert self.view is not None
        found = self.view.session.juror(juror)
        return one_line(found.name if found else juror)
