"""The score grid: jurors x criteria, each juror's total and status.

Typing a number fills an entry buffer; ``enter`` hands it to the screen's
``saver`` (called synchronously, so keys typed fast never race the save) and
moves to the next cell when it was saved, so a paper form goes in as
``8 enter 7 enter ...``. Data reloads
update cells in place, so the cursor and the buffer never move under the chair.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.reactive import reactive

from pitchroom.i18n import N_, t
from pitchroom.ui.bindings import ENTER_KEYS, TranslatedBindings
from pitchroom.ui.text import literal
from pitchroom.ui.view import PitchView
from pitchroom.ui.widgets.kept_cells import KeptCellTable
from pitchroom.ui.widgets.score_cells import FIRST, first_open, labels, look_of, row_cells

ENTRY_CHARS = set("0123456789.,")
_DIRECT = {
    **dict.fromkeys(ENTER_KEYS, "commit_entry"),
    "backspace": "erase",
    "delete": "erase",
    "escape": "drop_entry",
    "up": "cursor_up",
    "down": "cursor_down",
    "left": "cursor_left",
    "right": "cursor_right",
}
LABEL_WIDTH, MIN_LABEL, NAME_WIDTH, MIN_NAME = 11, 4, 18, 10
"""Criterion labels, then juror names, are cut to fit every criterion on screen,
between these widths; the cell at the cursor is named in full on the entry line."""


Saver = Callable[[str, str, str | None], bool]


class ScoreGrid(TranslatedBindings, KeptCellTable):
    BINDINGS = [
        Binding(
            "enter",
            "commit_entry",
            N_("ui.key_save"),
            show=False,
            id="grid-save",
            tooltip=N_("ui.tip_save"),
        ),
        Binding(
            "backspace,delete",  # a Mac has no delete key
            "erase",
            N_("ui.key_clear"),
            show=False,
            id="grid-clear",
            tooltip=N_("ui.tip_clear"),
        ),
        Binding("escape", "drop_entry", N_("ui.key_drop"), show=False, id="grid-escape"),
    ]

    buffer: reactive[str] = reactive("", repaint=False)
    """What the chair has typed into the cell at the cursor, not yet saved (shown on
    the screen's entry line, not in the grid: a change redraws nothing here)."""

    @dataclass
    class JurorLeft(Message):
        juror: str

    @dataclass
    class EntryChanged(Message):
        juror: str | None
        criterion: str | None
        buffer: str

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            cursor_type="cell", zebra_stripes=True, fixed_columns=FIRST, id=id, classes=classes
        )
        self._pitch: str | None = None
        self._jurors: list[str] = []
        self._criteria: list[str] = []
        self._labels: list[str] = []
        self._last_row = 0
        self._label_width, self._name_width = LABEL_WIDTH, NAME_WIDTH
        self._quiet = False
        self._building = False
        """Rows being added (:meth:`_build`): the cursor is placed after them."""
        self._shown: dict[tuple[str, str], tuple[object, ...]] = {}
        """What each cell shows now, so a reload updates only the cells that changed."""
        self.view: PitchView | None = None
        self.keyed_actions: dict[str, Callable[[], object]] = {}
        """The screen's own keys (recuse, absent, close, next...), run here in the
        order they were typed: a binding would run only once the key bubbled up, after
        the form's next keys had reached the grid (``a 6 enter`` scored the absent row)."""
        self.saver: Saver | None = None
        """Saves (juror, criterion, typed text or None to clear); True when saved."""

    # ------------------------------------------------------------ filling
    def show(self, view: PitchView) -> None:
        """Show ``view``; a new pitch rebuilds the grid, the same one updates in place."""
        jurors = [j.key for j in view.jurors]
        criteria = [c.key for c in view.criteria]
        labels_now = [c.name for c in view.criteria]
        same_pitch = view.pitch.key == self._pitch
        same = same_pitch and (jurors, criteria, labels_now) == (
            self._jurors,
            self._criteria,
            self._labels,
        )
        if same_pitch and not same:  # amended while this pitch is open
            self._reshape(view, jurors, criteria, labels_now)
            return
        self.view = view
        if not same:
            self.buffer = ""
            self._pitch, self._jurors, self._criteria = view.pitch.key, jurors, criteria
            self._labels = labels_now
            self._quiet = True  # the cursor's reset leaves no juror of the new pitch
            try:
                self._build(view)
                self._last_row = 0
                self.move_cursor(row=0, column=FIRST)
            finally:
                self._quiet = False
            self._first_empty()
            return
        for juror in view.jurors:
            for column, cell in zip(
                ["juror", "total", "status", *criteria],
                row_cells(view, juror.key, self._name_width),
                strict=True,
            ):
                # Only what changed: re-measuring every cell of a 50-juror grid on
                # each keystroke made typing lag.
                key, look = (juror.key, column), look_of(cell)
                if self._shown.get(key) != look:
                    self._shown[key] = look
                    self.update_cell(juror.key, column, cell, update_width=True)

    def _reshape(
        self, view: PitchView, jurors: list[str], criteria: list[str], labels_now: list[str]
    ) -> None:
        """Rebuild for the same pitch with other jurors or criteria, keeping the
        cursor on its juror and criterion (or as near as they still are) and
        what is being typed."""
        juror, criterion, buffer = self.juror, self.criterion, self.buffer
        row, column = self.cursor_coordinate.row, self.cursor_coordinate.column
        self.view = view
        self._jurors, self._criteria, self._labels = jurors, criteria, labels_now
        self._quiet = True
        try:
            self._build(view)
            if juror in jurors:
                row = jurors.index(juror)
            if criterion in criteria:
                column = FIRST + criteria.index(criterion)
            row = max(0, min(row, len(jurors) - 1))
            column = max(FIRST, min(column, FIRST + len(criteria) - 1))
            self.move_cursor(row=row, column=column, animate=False)
        finally:
            self._quiet = False
        self._last_row, self.buffer = row, buffer

    def _build(self, view: PitchView) -> None:
        self._name_width, self._label_width = self._fit()
        self.clear(columns=True)
        self.add_column(Text(t("ui.col_juror")), key="juror")
        self.add_column(Text(t("ui.col_total")), key="total")
        self.add_column(Text(t("ui.col_status")), key="status")
        for c, label in zip(
            view.criteria, labels([c.name for c in view.criteria], self._label_width), strict=True
        ):
            self.add_column(literal(label), key=c.key)
        self._shown = {}
        columns = ["juror", "total", "status", *self._criteria]
        self._building = True  # each add_row sets the cursor again: nothing to announce
        try:
            for juror in view.jurors:
                cells = row_cells(view, juror.key, self._name_width)
                self.add_row(*cells, key=juror.key)
                for column, cell in zip(columns, cells, strict=True):
                    self._shown[(juror.key, column)] = look_of(cell)
        finally:
            self._building = False

    def _fit(self) -> tuple[int, int]:
        """Juror-name and criterion-label widths that show every criterion column:
        labels shrink first, down to MIN_LABEL, then names, down to MIN_NAME."""
        width = self.scrollable_content_region.width or self.app.size.width * 2 // 3
        fixed = self.ordered_columns[1:FIRST]  # total and status, as last drawn
        others = sum(c.get_render_width(self) for c in fixed) if len(fixed) == FIRST - 1 else 7 + 9
        count = max(len(self._criteria), 1)
        names = [j.name for j in self.view.jurors] if self.view else []
        name = min(NAME_WIDTH, max((len(n) for n in names), default=NAME_WIDTH))
        label = (width - others - (name + 2)) // count - 2
        if label < MIN_LABEL:
            room = width - others - count * (MIN_LABEL + 2) - 2
            name = max(MIN_NAME, min(name, room))
            label = MIN_LABEL
        return name, min(LABEL_WIDTH, label)

    def on_resize(self, event: events.Resize) -> None:
        """Re-cut the labels when the grid's width changes, keeping cursor and entry."""
        if self.view is None or self._fit() == (self._name_width, self._label_width):
            return
        cursor, buffer = self.cursor_coordinate, self.buffer
        self._quiet = True  # the cursor goes back where it was: no "juror left" warning
        try:
            self._build(self.view)
            self.move_cursor(row=cursor.row, column=cursor.column, animate=False)
        finally:
            self._quiet = False
        self._last_row, self.buffer = cursor.row, buffer

    # ------------------------------------------------------------- cursor
    @property
    def juror(self) -> str | None:
        row = self.cursor_coordinate.row
        return self._jurors[row] if 0 <= row < len(self._jurors) else None

    @property
    def criterion(self) -> str | None:
        column = self.cursor_coordinate.column - FIRST
        return self._criteria[column] if 0 <= column < len(self._criteria) else None

    def _first_empty(self) -> None:
        """To the first empty cell of an eligible juror, in order (else their first cell).

        So reopening a session (or a pitch) lands where scoring stopped.
        """
        view = self.view
        if view is None:
            return
        eligible = [row for row, juror in enumerate(self._jurors) if view.to_type(juror)]
        target = (eligible[0], FIRST) if eligible else None
        for row in eligible:
            column = first_open(self._criteria, view.row(self._jurors[row]))
            if column is not None:
                target = (row, column)
                break
        if target is not None:
            self._last_row = target[0]  # no "left half-filled" warning for this jump
            self.move_cursor(row=target[0], column=target[1])

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        building = self._building  # the cursor is placed (and announced) after the rows
        if (
            self._criteria
            and not building
            and not FIRST <= new.column < FIRST + len(self._criteria)
        ):
            self.call_later(self._keep_in_criteria)
        if old.row != new.row or old.column != new.column:
            self.buffer = ""
        if new.row != self._last_row and not self._quiet:
            left = self._jurors[self._last_row] if self._last_row < len(self._jurors) else None
            self._last_row = new.row
            if left:
                self.post_message(self.JurorLeft(left))
        if not building:
            self._announce()

    def _keep_in_criteria(self) -> None:
        """Back onto a criterion cell, on the row where the cursor is by now.

        Deferred, so it reads the cursor when it runs: a move made meanwhile
        (such as :meth:`_first_empty` after a rebuild) is kept.
        """
        row, column = self.cursor_coordinate
        last = FIRST + len(self._criteria) - 1
        if self._criteria and not FIRST <= column <= last:
            self.move_cursor(row=row, column=min(max(column, FIRST), last))

    def advance(self) -> None:
        """To the next criterion, then the next eligible juror's first one."""
        row, column = self.cursor_coordinate
        if column < FIRST + len(self._criteria) - 1:
            self.move_cursor(row=row, column=column + 1)
            return
        for next_row in range(row + 1, len(self._jurors)):
            if self.view is None or self.view.to_type(self._jurors[next_row]):
                self.move_cursor(row=next_row, column=FIRST)
                return

    def leave_row(self) -> None:
        """Off a row the chair no longer types into (just recused or marked absent),
        onto the next one's first empty cell, so the next form lands there."""
        view = self.view
        row = self.cursor_coordinate.row
        if view is None or view.to_type(self._jurors[row]):
            return
        for next_row in range(row + 1, len(self._jurors)):
            juror = self._jurors[next_row]
            if view.to_type(juror):
                column = first_open(self._criteria, view.row(juror))
                self.move_cursor(row=next_row, column=FIRST if column is None else column)
                return

    # -------------------------------------------------------------- typing
    def watch_buffer(self) -> None:
        self._announce()

    def _announce(self) -> None:
        self.post_message(self.EntryChanged(self.juror, self.criterion, self.buffer))

    def on_key(self, event: events.Key) -> None:
        """Entry keys are handled here, in the grid's own queue, in typing order.

        Bindings are resolved only after a key bubbled up to the app, so a fast
        ``7 enter 6 enter`` would let the ``6`` reach the buffer before the
        first ``enter`` ran; handling them here keeps every key in order.
        """
        action = _DIRECT.get(event.key)
        keyed = self.keyed_actions.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{action}")()
        elif keyed is not None:  # the screen's keys (r, a, l, n...), in typing order too
            event.stop()
            event.prevent_default()
            keyed()
        elif event.character and event.character in ENTRY_CHARS:
            event.stop()
            event.prevent_default()
            if len(self.buffer) < 6:
                self.buffer += event.character

    def action_commit_entry(self) -> None:
        if self.juror is None or self.criterion is None:
            return
        if not self.buffer:
            self.advance()
            return
        text, self.buffer = self.buffer, ""
        if self.saver is not None and self.saver(self.juror, self.criterion, text):
            self.advance()

    def action_erase(self) -> None:
        if self.buffer:
            self.buffer = self.buffer[:-1]
        elif self.juror and self.criterion and self.saver is not None:
            self.saver(self.juror, self.criterion, None)

    def action_drop_entry(self) -> None:
        self.buffer = ""
