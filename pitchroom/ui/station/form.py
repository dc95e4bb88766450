"""The juror's score form: one compact input per criterion and a comment.

The form only holds what the juror typed and what is saved; the app saves
(see :mod:`pitchroom.ui.station.saving`) and hands the outcomes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from pitchroom.domain.definition import Criterion, Scale
from pitchroom.i18n import t, tn
from pitchroom.ui.bindings import ENTER_KEYS
from pitchroom.ui.station.saving import COMMENT, parse_value
from pitchroom.ui.station.text import number
from pitchroom.ui.text import content_line, one_line

TICK, CROSS, EDITED = "✓", "✗", "•"


def _parsed(text: str) -> Fraction | None | str:
    try:
        return parse_value(text)
    except ValueError:
        return text  # never equal to a saved value


class ScoreInput(Input):
    """A score field that hands keys typed after ``enter`` on to the next field.

    ``7 enter 8 enter`` can arrive in one burst (a fast typist, or a browser
    station over the network): every key then reaches this field before the
    focus moves on. Keys after ``enter`` are passed, in order, to the next field.

    A value the scale refuses (``accepts``) is decided here, at its ``enter``, not
    when the save comes back: its text is selected at once and the focus stays, so
    the keys behind it replace it in this field, never shift into the next one.
    """

    next_input: Input | None = None
    accepts: Callable[[str], bool] | None = None
    _handing_off = False

    async def _on_key(self, event: events.Key) -> None:
        target = self.next_input
        if (
            self._handing_off
            and target is not None
            and (event.is_printable or event.key in ENTER_KEYS)
        ):
            event.stop()
            event.prevent_default()
            if isinstance(target, ScoreInput) or event.key not in ENTER_KEYS:
                target.post_message(events.Key(event.key, event.character))
            else:  # a plain Input submits through a binding: run it in its queue's order
                target.call_later(target.action_submit)
            return
        if event.key in ENTER_KEYS:  # here, in key order, not later as a bubbled binding
            event.stop()
            event.prevent_default()
            if self.accepts is None or self.accepts(self.value):
                self._handing_off = True
            else:
                self.select_all()  # refused: the keys behind it replace it, here
            await self.action_submit()
            return
        await super()._on_key(event)

    def stop_handing_off(self) -> None:
        self._handing_off = False

    def _on_blur(self, event: events.Blur) -> None:
        self._handing_off = False
        super()._on_blur(event)


class ScoreForm(VerticalScroll):
    """Inputs for one pitch; ``enter`` saves the field and moves on."""

    DEFAULT_CSS = """
    ScoreForm { height: 1fr; padding: 0 1; }
    ScoreForm .scale-note { color: $text-muted; }
    ScoreForm .criterion-row { height: auto; margin-top: 1; }
    ScoreForm .criterion-text { width: 1fr; height: auto; }
    ScoreForm .criterion-name { text-style: bold; }
    ScoreForm .criterion-desc { color: $text-muted; }
    ScoreForm .criterion-row Input { width: 8; }
    ScoreForm .status { width: 3; padding-left: 1; }
    ScoreForm .status.-saved { color: $success; }
    ScoreForm .status.-refused { color: $error; }
    ScoreForm .status.-edited { color: $warning; }
    ScoreForm .comment-row { height: auto; margin-top: 1; }
    ScoreForm .comment-row .comment-label { width: auto; padding-right: 1; text-style: bold; }
    ScoreForm .comment-row Input { width: 1fr; }
    ScoreForm #form-progress { margin-top: 1; color: $text-muted; }
    ScoreForm #form-progress.-complete { color: $success; }
    ScoreForm #form-message { color: $error; height: auto; }
    """

    @dataclass
    class SaveRequested(Message):
        """The juror asked to save: one field (``only``) or every changed one."""

        only: str | None = None
        advance_from: str | None = None
        """Move the focus on from this field once it saved."""
        text: str | None = None
        """What ``only`` held at its ``enter`` (keys typed since do not change it)."""

    def __init__(self, criteria: list[Criterion], scale: Scale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.criteria = criteria
        self.scale = scale
        self._saved: dict[str, Fraction | None] = {c.key: None for c in criteria}
        self._saved_comment = ""

    # ---------------------------------------------------------------- build
    def compose(self) -> ComposeResult:
        lo, hi, step = number(self.scale.min), number(self.scale.max), number(self.scale.step)
        boxes: list[Input] = []
        yield Static(Content(t("station.scale", min=lo, max=hi, step=step)), classes="scale-note")
        for criterion in self.criteria:
            with Horizontal(classes="criterion-row"):
                with Vertical(classes="criterion-text"):
                    yield Static(
                        Content(
                            t(
                                "station.criterion",
                                name=one_line(criterion.name),
                                weight=number(criterion.weight),
                            )
                        ),
                        classes="criterion-name",
                    )
                    if criterion.description.strip():
                        yield Static(content_line(criterion.description), classes="criterion-desc")
                box = ScoreInput(
                    id=f"score-{criterion.key}",
                    compact=True,
                    max_length=8,
                    restrict=r"[0-9.,]*",
                    placeholder=f"{lo}-{hi}",
                )
                boxes.append(box)
                yield box
                yield Static(classes="status", id=f"status-{criterion.key}")
        with Horizontal(classes="comment-row"):
            yield Static(Content(t("station.comment")), classes="comment-label")
            comment = Input(
                id="comment",
                compact=True,
                max_length=2000,
                placeholder=t("station.comment_placeholder"),
            )
            yield comment
        boxes.append(comment)
        # Linked here, not in on_mount: a station that quits at once removes these
        # widgets before the form's mount handler runs (a query there raised NoMatches).
        for field, following in zip(boxes, boxes[1:], strict=False):
            if isinstance(field, ScoreInput):
                field.next_input = following
                field.accepts = self.accepts
        yield Static(id="form-progress")
        yield Static(id="form-message")

    def accepts(self, text: str) -> bool:
        """True when ``text`` is empty or a value on the scale."""
        try:
            value = parse_value(text)
        except ValueError:
            return False
        return value is None or self.scale.contains(value)

    def score_input(self, key: str) -> ScoreInput:
        return self.query_one(f"#score-{key}", ScoreInput)

    # ---------------------------------------------------------------- state
    def is_dirty(self, key: str) -> bool:
        if key == COMMENT:
            return self.query_one("#comment", Input).value.strip() != self._saved_comment.strip()
        return _parsed(self.score_input(key).value) != self._saved[key]

    @property
    def dirty(self) -> bool:
        return any(self.is_dirty(k) for k in (*self._saved, COMMENT))

    def entries(
        self, only: str | None = None, text: str | None = None
    ) -> tuple[dict[str, str], str | None]:
        """The changed scores (criterion key -> text) and the comment if changed.

        ``text``: what ``only`` held when it was submitted, to save instead of what it
        holds now (the juror may have typed on since).
        """
        if only in self._saved and text is not None:
            return ({only: text} if _parsed(text) != self._saved[only] else {}), None
        keys = [only] if only else [*self._saved, COMMENT]
        scores = {k: self.score_input(k).value for k in keys if k != COMMENT and self.is_dirty(k)}
        comment = None
        if COMMENT in keys and self.is_dirty(COMMENT):
            comment = self.query_one("#comment", Input).value
        return scores, comment

    def load(self, scores: dict[str, Fraction], comment: str, *, read_only: bool) -> None:
        """Show what is saved; entries the juror is still typing are kept."""
        for key in self._saved:
            box = self.score_input(key)
            new = scores.get(key)
            if not self.is_dirty(key) and _parsed(box.value) != new:
                box.value = "" if new is None else number(new)
            self._saved[key] = new
            box.disabled = read_only
            self._set_status(key, None)
        comment_box = self.query_one("#comment", Input)
        if not self.is_dirty(COMMENT):
            comment_box.value = one_line(comment)
        self._saved_comment = one_line(comment)
        comment_box.disabled = read_only
        self._show_progress()

    def reset(self) -> None:
        """Discard unsaved entries."""
        for key, saved in self._saved.items():
            self.score_input(key).value = "" if saved is None else number(saved)
            self._set_status(key, None)
        self.query_one("#comment", Input).value = self._saved_comment
        self.query_one("#form-message", Static).update("")

    def show_outcomes(
        self, outcomes: dict[str, str | None], sent: dict[str, str] | None = None
    ) -> None:
        """Show what was saved or refused; ``sent``: the texts that were saved."""
        problems = [message for message in outcomes.values() if message]
        for key, message in outcomes.items():
            if key != COMMENT:
                self._set_status(key, message)
                box = self.score_input(key)
                if message and (sent is None or box.value == sent.get(key)):
                    # The refused text stays to read, selected: the next key replaces it
                    # (unless the juror has already typed over it).
                    box.stop_handing_off()
                    box.select_all()
        self.query_one("#form-message", Static).update(content_line(" ".join(problems)))
        self._show_progress()

    def focus_after(self, key: str) -> None:
        keys = list(self._saved)
        if key in keys and keys.index(key) + 1 < len(keys):
            self.score_input(keys[keys.index(key) + 1]).focus()
        else:
            self.query_one("#comment", Input).focus()

    def focus_first_open(self) -> None:
        for key, saved in self._saved.items():
            if saved is None:
                self.score_input(key).focus()
                return
        if self._saved:
            self.score_input(next(iter(self._saved))).focus()

    # ------------------------------------------------------------- display
    def _set_status(self, key: str, refused: str | None) -> None:
        status = self.query_one(f"#status-{key}", Static)
        dirty = self.is_dirty(key)
        saved = self._saved[key] is not None and not dirty
        symbol = CROSS if refused else EDITED if dirty else TICK if saved else ""
        status.update(Content(symbol))
        status.set_class(bool(refused), "-refused")
        status.set_class(saved and not refused, "-saved")
        status.set_class(dirty and not refused, "-edited")
        if refused:
            status.tooltip = refused
        elif dirty:
            status.tooltip = t("station.not_saved")
        else:
            status.tooltip = t("station.saved") if saved else None

    def _show_progress(self) -> None:
        count = len(self._saved)
        saved = sum(1 for v in self._saved.values() if v is not None)
        text = (
            tn("station.complete", count, count=count)
            if saved == count
            else tn("station.incomplete", count, saved=saved, count=count)
        )
        progress = self.query_one("#form-progress", Static)
        progress.update(Content(text))
        progress.set_class(saved == count, "-complete")

    @property
    def complete(self) -> bool:
        return all(v is not None for v in self._saved.values())

    # -------------------------------------------------------------- events
    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("score-")
        if key in self._saved:
            self._set_status(key, None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix("score-")
        if key in self._saved:
            self.post_message(self.SaveRequested(only=key, advance_from=key, text=event.value))
        else:
            self.post_message(self.SaveRequested())
