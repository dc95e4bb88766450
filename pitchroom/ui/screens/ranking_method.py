"""The ranking screen's method: the session's (official) one, or a what-if.

Another method is only ever viewed here: the chair's panel, the projector, the CLI
and the exports stay on the session's method, and so do the decisions taken on the
ranking screen (a tie, a transfer), which a what-if refuses. Changing the official
method is a protocol amendment (``pitchroom amend``).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding

from pitchroom.domain.definition import METHODS
from pitchroom.i18n import method_name, t


def method_bindings() -> list[Binding]:
    """``1``…``7``: view the ranking by that method (built at run time: the names
    are in the interface language)."""
    return [
        Binding(
            str(i),
            f"set_method('{m}')",
            t("ui.key_method_n", method=method_name(m)),
            show=False,
            tooltip=t("ui.tip_method_n", method=method_name(m)),
            id=f"ranking-method-{m}",
        )
        for i, m in enumerate(METHODS, start=1)
    ]


class MethodChoice:
    """Which method the screen shows; ``official`` reads the session's (an
    amendment can change it while the screen is open)."""

    def __init__(self, official: Callable[[], str]) -> None:
        self._official = official
        self.what_if: str | None = None
        """Another method being viewed, never official; gone when the screen closes."""

    @property
    def official(self) -> str:
        return self._official()

    @property
    def method(self) -> str:
        return self.what_if or self.official

    def choose(self, method: str) -> None:
        self.what_if = None if method == self.official else method

    def following(self) -> str:
        """The method after the one shown, in the order of the number keys."""
        index = METHODS.index(self.method) if self.method in METHODS else -1
        return METHODS[(index + 1) % len(METHODS)]

    def line(self) -> str:
        """The method shown and the keys that choose another."""
        return t(
            "ui.method_line",
            method=method_name(self.method),
            methods=" ".join(f"{i}:{m}" for i, m in enumerate(METHODS, 1)),
        )

    def banner(self) -> Text:
        """The what-if label ("viewing median; the session ranks by mean"), or nothing."""
        if self.what_if is None:
            return Text("")
        official = self.official
        return Text(
            t(
                "ui.what_if",
                method=method_name(self.what_if),
                official=method_name(official),
                key=METHODS.index(official) + 1 if official in METHODS else "m",
            )
        )

    def refusal(self) -> str | None:
        """Why a decision is refused here (under a what-if), or None."""
        if self.what_if is None:
            return None
        return t(
            "ui.what_if_refused",
            method=method_name(self.what_if),
            official=method_name(self.official),
        )
