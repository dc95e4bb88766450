"""Seeded random keys for any Textual app, and the checks a database must pass after.

Keys are sent in bursts straight to the driver, as a terminal delivers them
when someone types fast or leans on the keyboard: a burst is queued before the
app has handled its first key, which is how the races in Textual's command
palette and in screen pushes and pops are reached (Pilot's ``press`` waits for
each key, and never finds them). ``bench/soak.py`` uses the same functions.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from textual import events
from textual.app import App

# screen -> the key that opens it from the chair screen (None: the chair itself); shared by
# the CI fuzz (test_key_fuzz.py) and the soak (bench/bench_soak.py)
CHAIR_CASES: dict[str, str | None] = {
    "chair": None,
    "ranking": "k",
    "help": "f1",
    "palette": "ctrl+p",
    "comment": "c",
    "decision": "d",
    "export": "e",
    "recuse": "R",  # r recuses at once; R asks for the reason (the dialog)
    "close": "l",
}

# Every key the chair's screens and dialogs bind, and the keys people hit anyway.
CHAIR_KEYS: tuple[str, ...] = (
    *"0123456789",
    *".,-",
    *"nptlrawcdkvexmoj$qyz ",
    "enter",
    "escape",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "backspace",
    "delete",
    "space",
    "ctrl+p",
    "ctrl+z",
    "ctrl+s",
    "f1",
    "f2",
)
STATION_KEYS: tuple[str, ...] = (
    *"0123456789",
    *".,-abc ",
    "enter",
    "escape",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "backspace",
    "delete",
    "ctrl+s",
    "pageup",
    "pagedown",
    "home",
    "end",
)


def _character(key: str) -> str | None:
    if key == "space":
        return " "
    return key if len(key) == 1 else None


def burst(app: App[object], keys: Sequence[str]) -> None:
    """Queue ``keys`` at once, as a terminal does (no waiting between them)."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, _character(key))
        event.set_sender(app)
        driver.send_message(event)


@dataclass
class FuzzRun:
    seed: int
    sent: list[list[str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(b) for b in self.sent)

    def tail(self, n: int = 4) -> list[list[str]]:
        """The last bursts, for a failure message that can be replayed."""
        return self.sent[-n:]


async def fuzz(
    app: App[object],
    pilot: object,
    seed: int,
    keys: int,
    alphabet: Sequence[str],
    *,
    before_burst: Callable[[], Sequence[str]] | None = None,
) -> FuzzRun:
    """Send about ``keys`` random keys from ``alphabet`` in bursts of 1-10.

    ``before_burst`` may return keys to send first (to go back to the screen
    under test when the random keys left it); they are counted too.
    """
    rnd = random.Random(seed)
    run = FuzzRun(seed)
    while run.count < keys and app.is_running:
        chunk = list(before_burst()) if before_burst else []
        chunk += [rnd.choice(alphabet) for _ in range(rnd.randint(1, 10))]
        run.sent.append(chunk)
        burst(app, chunk)
        await pilot.pause(rnd.choice((0, 0, 0.01, 0.03)))  # type: ignore[attr-defined]
    await pilot.pause(0.05)  # type: ignore[attr-defined]
    return run


def check_database(path: Path) -> list[str]:
    """What is wrong with the database at ``path`` after a run (empty: nothing)."""
    from pitchroom.store import Store

    problems: list[str] = []
    conn = sqlite3.connect(path)
    try:
        found = conn.execute("pragma integrity_check").fetchone()[0]
        if found != "ok":
            problems.append(f"integrity_check: {found}")
    finally:
        conn.close()
    store = Store.open(path)
    try:
        result = store.verify()
        if not result.ok:
            problems.append(f"verify: {result.message}")
        scale = store.session.session.scale
        low, high, step = Fraction(scale.min), Fraction(scale.max), Fraction(scale.step)
        rows = store.db.conn.execute("select pitch, juror, criterion, value from scores")
        for pitch, juror, criterion, value in rows:
            number = Fraction(str(value))
            if not low <= number <= high or (number - low) % step:
                problems.append(f"score off the scale: {pitch} {juror} {criterion} = {value}")
    finally:
        store.close()
    return problems
