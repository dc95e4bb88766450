"""9.6: every journal entry is a sentence with names and values, never an internal name."""

from __future__ import annotations

import re
from pathlib import Path

from pitchroom.store import Store
from pitchroom.ui.widgets.journal import describe
from tests.store.every_event import demo_session, play

INTERNAL = re.compile(r"\b[a-z]+\.[a-z_]+\b|\w+=|\['|[{}]")
"""What the journal used to show: ``recusal.recorded``, ``amount=25000.0``, ``['sirene'``."""


def test_every_kind_of_event_reads_as_a_sentence(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "s.db", demo_session(), actor="test")
    try:
        play(store)
        session = store.session
        keys = {p.key for p in session.pitches} | {j.key for j in session.jurors}
        seen = set()
        for event in store.events():
            text = describe(event, session, hide_values=False)
            seen.add(event.action)
            assert not INTERNAL.search(text), (event.action, text)
            words = set(re.findall(r"[\w-]+", text))
            assert not (words & keys - {"kompas"}), (event.action, text)  # names, not keys
        assert {"pot.transfer", "tie.decided", "recusal.recorded", "undo"} <= seen
        by_action = {e.action: describe(e, session, False) for e in store.events()}
    finally:
        store.close()
    assert by_action["recusal.recorded"].startswith("Ingrid Lindqvist recused from Waterwijs")
    assert (
        by_action["pot.transfer"].startswith("EUR ") and " moved from " in by_action["pot.transfer"]
    )
    assert by_action["tie.decided"].startswith("Tie decided: ")
    assert by_action["score.revised"].startswith("Marieke")
    assert "Feasibility 4 → 9 (Leesplank" in by_action["score.revised"]
    assert by_action["score.revised"].endswith("revised: typed from the form")
