"""The chair's actions (one per key), mixed into :class:`ChairScreen`.

The dialogs of the comment, decision, amendment and export keys (a text area,
inputs, a file list) are imported when their key is first pressed: the chair's
first frame shows none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from pitchroom.i18n import N_, t, tn
from pitchroom.service.chair import NothingToUndo
from pitchroom.store import RuleError
from pitchroom.ui import background
from pitchroom.ui.messages import ExportFailed, ExportFinished
from pitchroom.ui.screens.chair_entry import ChairEntry
from pitchroom.ui.text import one_line
from pitchroom.ui.view import PitchView, number
from pitchroom.ui.widgets.journal import describe
from pitchroom.ui.widgets.score_grid import ScoreGrid

if TYPE_CHECKING:
    from pitchroom.ui.dialogs.decision import DecisionInput


class ChairActions(ChairEntry):
    """The chair screen's key actions; :class:`ChairScreen` mixes them in."""

    def _cursor_juror(self) -> str | None:
        return self.query_one(ScoreGrid).juror

    def _at_cursor(self) -> tuple[PitchView, str] | None:
        """The open pitch and the juror at the cursor (None: no juror there)."""
        view, juror = self.view, self._cursor_juror()
        assert view is not None
        return None if juror is None else (view, juror)

    # --------------------------------------------------------------- pitches
    def jump_to(self, pitch: str) -> None:
        """Open ``pitch`` (logged; stations and the projector follow)."""
        assert self.view is not None
        if pitch == self.view.pitch.key:
            return
        self.warn_half_filled(self._cursor_juror())
        try:
            self.chair.open_pitch(pitch)
        except RuleError as error:
            self.say(error.message, "error")
            return
        self.reload()
        self.refresh_ranking()

    def _step(self, delta: int) -> None:
        assert self.view is not None
        keys = [p.key for p in self.view.session.queue]
        index = self.view.index + delta
        if 0 <= index < len(keys):
            self.jump_to(keys[index])
        else:
            self.say(t("ui.no_more_pitches"))

    def action_next_pitch(self) -> None:
        self._step(1)

    def action_previous_pitch(self) -> None:
        self._step(-1)

    # ----------------------------------------------------------------- timer
    def action_toggle_timer(self) -> None:
        self.chair.toggle_timer()
        self.reload()

    def action_start_qa(self) -> None:
        self.chair.start_qa()
        self.reload()

    def action_reveal_ranking(self) -> None:
        assert self.view is not None
        revealed = not self.view.timer.revealed
        self.chair.set_revealed(revealed)
        self.say(t(N_("ui.revealed") if revealed else N_("ui.hidden")))
        self.reload()

    # ------------------------------------------------------------------ undo
    def action_undo_change(self) -> None:
        try:
            undone = self.chair.undo()
        except NothingToUndo as error:
            self.say(error.message)
            return
        except RuleError as error:
            self.say(error.message, "warning")
            self.reload()
            return
        self.reload()
        view = self.view
        assert view is not None
        hide = (undone.pitch, undone.juror) in self.store.blind_hidden(undone.pitch)
        self.say(describe(undone, view.session, hide))
        self.refresh_ranking()

    # ---------------------------------------------------------- pitch state
    def action_close_pitch(self) -> None:
        view = self.view
        assert view is not None
        key = view.pitch.key
        if view.state.closed:

            def reopen(reason: str | None) -> None:
                if reason and self.write(self.chair.reopen, key, reason):
                    self.say(t("ui.reopened", title=one_line(view.pitch.title)))

            self.app.push_screen(
                self.reason_dialog(
                    t("ui.reopen_title"),
                    t("ui.reopen_body", title=one_line(view.pitch.title)),
                    True,
                ),
                reopen,
            )
            return
        problems = []
        gaps = view.gaps()
        if gaps:
            # Each juror's part first: pybabel cannot read a tn() nested in a t().
            parts = [
                tn(
                    "ui.close_gap_juror",
                    view.missing(j.key),
                    juror=one_line(j.name),
                    count=view.missing(j.key),
                )
                for j in gaps
            ]
            problems.append(t("ui.close_gaps", jurors=", ".join(parts)))
        if view.disagrees():
            problems.append(
                t(
                    "ui.close_spread",
                    spread=number(view.spread()),
                    limit=number(view.session.discuss_spread()),
                )
            )

        def close(ok: bool | None = True) -> None:
            if ok and self.write(self.chair.close, key):
                self.say(t("ui.closed", title=one_line(view.pitch.title)))

        if problems:
            from pitchroom.ui.dialogs.confirm import ConfirmDialog  # not for the first frame

            self.app.push_screen(
                ConfirmDialog(
                    t("ui.close_title"),
                    "\n".join([*problems, t("ui.close_anyway")]),
                    yes=t("ui.close_yes"),
                ),
                close,
            )
        else:
            close()

    def action_withdraw_pitch(self) -> None:
        """Withdrawn / back in the running, at once (ctrl+z undoes it, the toast says so)."""
        view = self.view
        assert view is not None
        on_now = not view.state.withdrawn
        if self.write(self.chair.withdraw, view.pitch.key, on_now):
            self.say_undoable(
                t(
                    N_("ui.withdrawn") if on_now else N_("ui.reinstated"),
                    title=one_line(view.pitch.title),
                )
            )

    # ---------------------------------------------------------------- jurors
    # w, a and r act at once, as a chair typing forms fast wants (a dialog would
    # catch the next form's keys); each toast says ctrl+z undoes it. R recuses with
    # a reason, asked first.
    def say_undoable(self, message: str) -> None:
        """``message`` with how to take it back: the change is on the undo stack."""
        self.say(message + " " + t("ui.undo_hint"))

    def action_recuse_juror(self) -> None:
        found = self._at_cursor()
        if found is None:
            return
        view, juror = found
        if juror in view.recused:
            self._lift_recusal(juror)
        else:
            self._recuse(juror, "")

    def action_recuse_with_reason(self) -> None:
        found = self._at_cursor()
        if found is None or found[1] in found[0].recused:
            self.action_recuse_juror()  # lifts a recusal, as r does
            return
        view, juror = found

        def recuse(reason: str | None) -> None:
            if reason is not None:
                self._recuse(juror, reason)

        self.app.push_screen(
            self.reason_dialog(
                t("ui.recuse_title"),
                t(
                    "ui.recuse_body",
                    juror=self.juror_name(juror),
                    title=one_line(view.pitch.title),
                ),
                False,
            ),
            recuse,
        )

    def _recuse(self, juror: str, reason: str) -> None:
        assert self.view is not None
        if self.write(self.chair.recuse, self.view.pitch.key, juror, reason):
            self.say_undoable(t("ui.recused", juror=self.juror_name(juror)))
            self.query_one(ScoreGrid).leave_row()

    def _lift_recusal(self, juror: str) -> None:
        assert self.view is not None
        if self.write(self.chair.lift_recusal, self.view.pitch.key, juror):
            self.say_undoable(t("ui.recusal_lifted", juror=self.juror_name(juror)))

    def action_absent_juror(self) -> None:
        found = self._at_cursor()
        if found is None:
            return
        view, juror = found
        absent = juror not in view.absent
        if self.write(self.chair.set_absent, view.pitch.key, juror, absent):
            self.say_undoable(
                t(N_("ui.absent") if absent else N_("ui.present"), juror=self.juror_name(juror))
            )
            self.query_one(ScoreGrid).leave_row()

    def action_comment_juror(self) -> None:
        found = self._at_cursor()
        if found is None:
            return
        view, juror = found
        current = view.comments.get(juror)

        def save(text: str | None) -> None:
            if text is None or (current is None and not text.strip()):
                return
            if current is not None and text == current.text:
                return
            self.write(self.chair.comment, view.pitch.key, juror, text)

        from pitchroom.ui.dialogs.comment import CommentDialog

        self.app.push_screen(
            CommentDialog(
                t(
                    "ui.comment_title",
                    juror=self.juror_name(juror),
                    title=one_line(view.pitch.title),
                ),
                current.text if current else "",
            ),
            save,
        )

    def action_decide_pitch(self) -> None:
        from pitchroom.ui.dialogs.decision import DecisionDialog, DecisionInput

        view = self.view
        assert view is not None
        d = view.decision
        current = DecisionInput(d.decision, d.amount, d.motivation) if d else None

        def decide(result: DecisionInput | None) -> None:
            if result is None or (result.decision is None and d is None):
                return
            self.write(
                self.chair.decide,
                view.pitch.key,
                result.decision,
                amount=result.amount,
                motivation=result.motivation,
            )

        self.app.push_screen(
            DecisionDialog(t("ui.decision_title", title=one_line(view.pitch.title)), current),
            decide,
        )

    # --------------------------------------------------------- other screens
    def action_amend_session(self) -> None:
        """Amend the session from an edited session file (asks for it and a reason)."""
        from pitchroom.ui.dialogs.amend import AmendDialog

        source = self.store.meta("source_path") or ""
        self.app.push_screen(AmendDialog(self.amend_from, source), self._amended)

    def amend_from(self, path: str, reason: str) -> list[str]:
        """Apply the session file at ``path``; the problems, or [] once amended."""
        from pathlib import Path

        from pitchroom.domain.sessionfile import SessionFileError, load_session
        from pitchroom.store import AmendmentRefused

        try:
            new = load_session(Path(path).expanduser())
            event = self.store.amend(new, reason=reason, actor=self.chair.actor)
        except SessionFileError as error:
            return [str(problem) for problem in error.problems]
        except AmendmentRefused as error:
            return [f"{p.field}: {p.message}" for p in error.problems]
        except RuleError as error:
            return [f"{error.field}: {error.message}"]
        self._amended_count = len(event.after["changes"])
        return []

    def _amended(self, done: bool | None) -> None:
        if not done:
            return
        count = getattr(self, "_amended_count", 0)
        self.say(tn("ui.amended", count, count=count))
        self.reload()
        self.refresh_ranking()

    def action_show_ranking(self) -> None:
        # A 'k' queued in the grid or chosen in the palette can arrive after the ranking
        # screen is already open: one ranking screen, never two (DuplicateIds).
        # imported here: the ranking screen (charts, plotext) is not for the first frame
        from pitchroom.ui.screens.ranking import RankingScreen

        if any(isinstance(screen, RankingScreen) for screen in self.app.screen_stack):
            return
        self.app.push_screen(RankingScreen(self.store, self.chair))

    def action_export_session(self) -> None:
        def chosen(fmt: str | None) -> None:
            if fmt:
                self.say(t("ui.exporting", format=fmt))
                self.export(fmt)

        from pitchroom.ui.dialogs.export import ExportDialog

        self.app.push_screen(ExportDialog(), chosen)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, fmt: str) -> None:
        try:
            path = background.run_export(self.store.path, fmt)
        except Exception as error:  # shown to the chair, never a crash
            self.post_message(ExportFailed(str(error)))
            return
        self.post_message(ExportFinished(path))

    def on_export_finished(self, message: ExportFinished) -> None:
        self.say(t("ui.exported", path=str(message.path)))

    def on_export_failed(self, message: ExportFailed) -> None:
        self.say(t("ui.export_failed", error=message.message), "error")
