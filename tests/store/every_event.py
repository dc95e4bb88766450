"""A session that makes every kind of event the log knows, for the replay tests.

``play(store)`` runs on the demo session: scores (one by one, cleared, revised
after closing, in bulk, undone), recusals, absences, comments, decisions,
pitch states, a pot transfer, a tie decision, a protocol amendment and the
live room (pitch opened, timer, Q&A, reveal). It uses only the store's public
writes, so it also runs on an earlier version of pitchroom: that is how
``data/legacy.db`` was made (see ``make_legacy`` at the bottom).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from pitchroom.domain.models import Session
from pitchroom.domain.sessionfile import load_session

HERE = Path(__file__).resolve().parent
DEMO = HERE.parents[1] / "tests" / "fixtures" / "nine-pitches" / "session.toml"
"""The 9-pitch demo as it was before the reference day (every pitch pitches)."""
CRITERIA = ("feasibility", "scalability", "innovativeness", "reusability", "user_involvement")


def demo_session() -> Session:
    return load_session(DEMO)


def amended(session: Session) -> Session:
    """The demo with the protocol changed: weights, order, method, a pot's budget."""
    dumped = session.model_dump(mode="json")
    dumped["criteria"][1]["weight"] = 2
    dumped["criteria"][0], dumped["criteria"][2] = dumped["criteria"][2], dumped["criteria"][0]
    dumped["session"]["method"] = "median"
    dumped["pots"][0]["budget"] = dumped["pots"][0]["budget"] + 50_000
    dumped["pots"][1]["budget"] = dumped["pots"][1]["budget"] - 50_000  # within the budget
    return Session.model_validate(dumped)


def play(store) -> None:  # a Store of this or an earlier version: no annotation
    session = store.session
    store.open_pitch("leesplank", actor="chair")
    store.toggle_timer(actor="chair")
    store.start_qa(actor="chair")
    for juror in ("marieke", "joost", "priya"):
        for value, criterion in enumerate(CRITERIA, start=4):
            store.set_score("leesplank", juror, criterion, value, actor=f"station:{juror}")
    store.set_score("leesplank", "joost", "future", 6, actor="chair")
    store.set_score("leesplank", "joost", "future", None, actor="chair")
    wrong = store.set_score("leesplank", "ingrid", "future", 3, actor="chair")
    store.undo(wrong.id, actor="chair")
    store.set_comment("leesplank", "joost", "Strong team, thin plan.", actor="station:joost")
    store.set_comment("leesplank", "priya", "Ask about hosting.", actor="chair")
    store.set_comment("leesplank", "priya", "", actor="chair")
    store.set_closed("leesplank", True, actor="chair")
    store.set_score(
        "leesplank", "marieke", "feasibility", 9, actor="chair", reason="typed from the form"
    )
    store.set_closed("leesplank", False, actor="chair", reason="one form was missing")
    store.set_closed("leesplank", True, actor="chair")
    store.recuse("waterwijs", "samir", actor="chair", reason="works for the applicant")
    store.recuse("waterwijs", "samir", actor="chair", lift=True)
    store.recuse("waterwijs", "ingrid", actor="chair", reason="former colleague")
    store.set_absent("waterwijs", "priya", True, actor="chair")
    store.set_absent("kompas", "priya", True, actor="chair")
    store.set_absent("kompas", "priya", False, actor="chair")
    bulk = [
        (pitch, juror, criterion, Fraction(5 + (i % 4)))
        for i, (pitch, juror, criterion) in enumerate(
            (p.key, j.key, c.key)
            for p in session.pitches[1:5]
            for j in session.jurors
            for c in session.criteria
        )
        if not (pitch == "waterwijs" and juror in ("ingrid", "priya"))
        and not (pitch == "buurtbudget" and juror == "samir")
    ]
    store.set_scores(bulk, actor="secretary")
    store.set_withdrawn("sirene", True, actor="chair", reason="no-show")
    store.set_withdrawn("datakluis", True, actor="chair")
    store.set_withdrawn("datakluis", False, actor="chair", reason="arrived late")
    store.decide("leesplank", "award", actor="chair", amount=Decimal(150_000), motivation="Good")
    store.decide("kompas", "reject", actor="chair", motivation="Out of scope")
    store.decide("kompas", None, actor="chair")
    store.decide("kompas", "reserve", actor="chair", motivation="Second thoughts")
    store.amend_protocol(amended(session), reason="the jury agreed before scoring", actor="chair")
    store.transfer("large", "small", Decimal("12500.50"), reason="rounding", actor="chair")
    store.decide_tie(["waterwijs", "buurtbudget"], reason="more reuse", actor="chair")
    store.set_revealed(True, actor="chair")
    store.open_pitch("sirene", actor="chair")


def make_legacy(path: Path) -> None:
    """Run by hand on the earlier version: ``PYTHONPATH=OLD python every_event.py PATH``."""
    from pitchroom.store import Store

    store = Store.create(path, demo_session(), actor="secretary")
    play(store)
    store.checkpoint()
    store.close()


if __name__ == "__main__":
    make_legacy(Path(sys.argv[1]))
