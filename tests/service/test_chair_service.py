"""The chair service alone: no app, a real database file."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from pitchroom.service import ChairService
from pitchroom.service.chair import NothingToUndo
from pitchroom.store import RuleError, Store
from tests.conftest import small_session
from tests.store.every_event import demo_session


def _record(store: Store) -> tuple[Any, ...]:
    """Everything a chair's change can touch."""
    return (
        store.scores(),
        store.recusals(),
        store.absences(),
        sorted((c.pitch, c.juror, c.text) for c in store.comments()),
        store.pitch_states(),
        {k: (d.decision, d.amount, d.motivation) for k, d in store.decisions().items()},
    )


@pytest.fixture
def chair(store: Store) -> ChairService:
    return ChairService(store, "chair")


CHANGES: dict[str, Callable[[ChairService], object]] = {
    "score": lambda c: c.score("leesplank", "anna", "impact", 7),
    "score changed": lambda c: c.score("leesplank", "bram", "impact", 3),
    "score cleared": lambda c: c.score("leesplank", "bram", "impact", None),
    "recusal": lambda c: c.recuse("waterwijs", "anna", "friend of the applicant"),
    "recusal lifted": lambda c: c.lift_recusal("kompas", "chris"),
    "absent": lambda c: c.set_absent("waterwijs", "bram", True),
    "comment": lambda c: c.comment("leesplank", "anna", "Strong team"),
    "closed": lambda c: c.close("waterwijs"),
    "withdrawn": lambda c: c.withdraw("kompas"),
    "decision": lambda c: c.decide("leesplank", "reserve", motivation="good, not yet"),
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_undo_puts_back_every_kind_of_change(store: Store, chair: ChairService, kind: str) -> None:
    store.set_score("leesplank", "bram", "impact", 6, actor="secretary")
    before = _record(store)
    event = CHANGES[kind](chair)
    assert event is not None and chair.undo_stack == [event.id]  # type: ignore[attr-defined]
    assert _record(store) != before
    undone = chair.undo()
    assert undone.action == "undo" and undone.actor == "chair"
    assert _record(store) == before
    with pytest.raises(NothingToUndo):
        chair.undo()


def test_undo_goes_back_change_by_change(store: Store, chair: ChairService) -> None:
    chair.score("leesplank", "anna", "feasibility", 8)
    chair.score("leesplank", "anna", "feasibility", 4)  # a slip
    chair.set_absent("leesplank", "chris", True)
    chair.undo()
    assert ("leesplank", "chris") not in store.absences()
    chair.undo()
    assert store.scores()[("leesplank", "anna", "feasibility")] == 8
    chair.undo()
    assert store.scores() == {}
    assert [e.action for e in store.events()].count("undo") == 3


def test_a_change_made_again_since_is_not_undone(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.create(path, small_session(), actor="test").close()
    store, other = Store.open(path), Store.open(path)
    try:
        chair = ChairService(store)
        chair.score("leesplank", "anna", "feasibility", 8)
        other.set_score("leesplank", "anna", "feasibility", 5, actor="station:anna")
        with pytest.raises(RuleError):
            chair.undo()
        assert store.scores()[("leesplank", "anna", "feasibility")] == 5
        assert chair.undo_stack == []
    finally:
        store.close()
        other.close()


def test_the_same_value_again_writes_nothing(store: Store, chair: ChairService) -> None:
    chair.score("leesplank", "anna", "feasibility", 8)
    count = len(store.events())
    assert chair.score("leesplank", "anna", "feasibility", Fraction(8)) is None
    assert chair.comment("leesplank", "anna", "") is None
    assert len(store.events()) == count and len(chair.undo_stack) == 1


def test_refusals_raise_and_write_nothing(store: Store, chair: ChairService) -> None:
    count = len(store.events())
    with pytest.raises(RuleError):
        chair.score("leesplank", "anna", "feasibility", 11)  # off the scale
    with pytest.raises(RuleError):
        chair.score("kompas", "chris", "impact", 7)  # recused
    with pytest.raises(RuleError):
        chair.reopen("leesplank", "")  # not closed
    assert len(store.events()) == count and chair.undo_stack == []


def test_transfers_and_ties_are_logged_with_the_actor_but_not_undoable(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "demo.db", demo_session(), actor="test")
    try:
        chair = ChairService(store, "chair:laptop")
        moved = chair.transfer("large", "small", Decimal(10_000), "small pot short")
        tie = chair.decide_tie(["sirene", "datakluis"], "jury vote")
        assert (moved.actor, tie.actor) == ("chair:laptop", "chair:laptop")
        assert chair.undo_stack == []
        with pytest.raises(RuleError):
            chair.transfer("large", "small", Decimal(10**9), "too much")
    finally:
        store.close()


def test_the_room(store: Store, chair: ChairService) -> None:
    chair.open_pitch("waterwijs")
    chair.toggle_timer()
    chair.start_qa()
    chair.set_revealed(True)
    timer = store.timer()
    assert (timer.pitch, timer.phase, timer.revealed) == ("waterwijs", "qa", True)
    assert chair.undo_stack == []
