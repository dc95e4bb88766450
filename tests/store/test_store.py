"""The store: rules, undo, the audit chain and its replay, on real files."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from pitchroom.store import AmendmentRefused, BulkRuleError, RuleError, Store, StoreError
from tests.conftest import small_session


def test_score_is_saved_and_logged(store: Store) -> None:
    event = store.set_score("leesplank", "anna", "feasibility", 8, actor="chair")
    assert store.scores("leesplank") == {("leesplank", "anna", "feasibility"): 8}
    assert event.action == "score.set" and event.after == {"value": 8}
    assert store.protocol_frozen()


def test_half_points_are_exact(tmp_path: Path) -> None:
    path = tmp_path / "half.db"
    s = Store.create(path, small_session(scale={"min": 1, "max": 10, "step": 0.5}), actor="t")
    s.set_score("leesplank", "anna", "impact", Fraction(15, 2), actor="t")
    assert s.scores()[("leesplank", "anna", "impact")] == Fraction(15, 2)
    with pytest.raises(RuleError):
        s.set_score("leesplank", "anna", "impact", Fraction(31, 4), actor="t")
    s.close()


@pytest.mark.parametrize(
    ("pitch", "juror", "criterion", "value", "field"),
    [
        ("leesplank", "anna", "feasibility", 11, "value"),
        ("leesplank", "anna", "feasibility", 0, "value"),
        ("nope", "anna", "feasibility", 5, "pitch"),
        ("leesplank", "zed", "feasibility", 5, "juror"),
        ("leesplank", "anna", "nope", 5, "criterion"),
        ("leesplank", "olga", "impact", 5, "juror"),
        ("kompas", "chris", "impact", 5, "juror"),
    ],
)
def test_refused_scores_write_nothing(store: Store, pitch, juror, criterion, value, field) -> None:
    before = store.head()
    with pytest.raises(RuleError) as caught:
        store.set_score(pitch, juror, criterion, value, actor="t")
    assert caught.value.field == field
    assert store.head() == before
    assert store.scores() == {}


def test_closed_pitch_needs_a_reason_and_keeps_the_revision(store: Store) -> None:
    store.set_score("leesplank", "anna", "impact", 6, actor="t")
    store.set_closed("leesplank", True, actor="t")
    with pytest.raises(RuleError) as caught:
        store.set_score("leesplank", "anna", "impact", 7, actor="t")
    assert caught.value.field == "reason"
    event = store.set_score("leesplank", "anna", "impact", 7, actor="t", reason="typo on form")
    assert event.action == "score.revised" and event.before == {"value": 6}
    assert event.reason == "typo on form"


def test_undo_restores_and_logs(store: Store) -> None:
    first = store.set_score("leesplank", "anna", "impact", 6, actor="t")
    second = store.set_score("leesplank", "anna", "impact", 9, actor="t")
    undo = store.undo(second.id, actor="t")
    assert store.scores()[("leesplank", "anna", "impact")] == 6
    assert undo.action == "undo" and undo.after == {"value": 6}
    store.undo(first.id, actor="t")
    assert store.scores() == {}
    assert store.verify().ok


def test_undo_refuses_a_value_changed_since(store: Store) -> None:
    first = store.set_score("leesplank", "anna", "impact", 6, actor="t")
    store.set_score("leesplank", "anna", "impact", 9, actor="t")
    with pytest.raises(RuleError):
        store.undo(first.id, actor="t")


def test_recusal_excludes_scores_and_lifting_restores(store: Store) -> None:
    store.set_score("leesplank", "bram", "impact", 4, actor="t")
    store.recuse("leesplank", "bram", actor="t", reason="advisor")
    rows = list(store.db.query("select * from effective_scores where pitch = 'leesplank'"))
    assert rows == []
    assert store.scores("leesplank")  # kept
    store.recuse("leesplank", "bram", actor="t", lift=True)
    rows = list(store.db.query("select * from effective_scores where pitch = 'leesplank'"))
    assert len(rows) == 1


def test_declared_conflicts_are_recusals_with_their_reason(store: Store) -> None:
    assert store.recusals() == {("kompas", "chris"): "former employer"}
    assert store.verify().ok


def test_bulk_is_all_or_nothing_and_names_every_bad_row(store: Store) -> None:
    rows = [
        ("leesplank", "anna", "impact", Fraction(5)),
        ("leesplank", "anna", "feasibility", Fraction(12)),
        ("kompas", "chris", "impact", Fraction(5)),
    ]
    with pytest.raises(BulkRuleError) as caught:
        store.set_scores(rows, actor="t")
    assert [index for index, _ in caught.value.problems] == [1, 2]
    assert store.scores() == {}


def test_decisions_need_a_motivation(store: Store) -> None:
    with pytest.raises(RuleError):
        store.decide("leesplank", "award", actor="t", motivation=" ")
    store.decide("leesplank", "award", actor="t", amount=Decimal("150000"), motivation="strong")
    assert store.decisions()["leesplank"].amount == Decimal("150000")
    assert store.verify().ok


def test_tampering_with_a_score_is_found(db_path: Path) -> None:
    store = Store.open(db_path)
    store.set_score("leesplank", "anna", "impact", 6, actor="t")
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("update scores set value = 9 where juror = 'anna'")
    conn.commit()
    conn.close()
    result = Store.open(db_path).verify()
    assert not result.ok
    assert "leesplank/anna/impact" in result.message


def test_tampering_with_the_log_is_found(db_path: Path) -> None:
    store = Store.open(db_path)
    store.set_score("leesplank", "anna", "impact", 6, actor="t")
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("update events set actor = 'mallory' where action = 'score.set'")
    conn.commit()
    conn.close()
    result = Store.open(db_path).verify()
    assert not result.ok and "#3" in result.message


def test_timer_and_open_pitch_live_in_the_database(store: Store, db_path: Path) -> None:
    store.open_pitch("waterwijs", actor="t")
    store.toggle_timer(actor="t")
    other = Store.open(db_path)
    assert other.timer().pitch == "waterwijs" and other.timer().running
    other.close()


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    with pytest.raises(StoreError) as caught:
        Store.open(junk)
    assert "junk.db" in str(caught.value)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("create table x (a)").connection.close()
    with pytest.raises(StoreError):
        Store.open(plain)
    with pytest.raises(StoreError):
        Store.open(tmp_path / "missing.db")


def test_import_refuses_to_replace_a_database_with_scores(db_path: Path, session) -> None:
    store = Store.open(db_path)
    store.set_score("leesplank", "anna", "impact", 6, actor="t")
    store.close()
    with pytest.raises(StoreError):
        Store.create(db_path, session, actor="t")
    assert Store.open(db_path).score_count() == 1


def test_backup_is_a_complete_single_file(store: Store, tmp_path: Path) -> None:
    store.set_score("leesplank", "anna", "impact", 6, actor="t")
    copy = tmp_path / "copy.db"
    store.backup(copy)
    assert not (tmp_path / "copy.db-wal").exists()
    assert Store.open(copy).scores() == store.scores()


def test_wal_and_full_sync(store: Store) -> None:
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("pragma synchronous").fetchone()[0] == 2


def _two_pots(tmp_path: Path) -> Store:
    data = small_session().model_dump(mode="json")
    data["pots"] = [
        {"key": "small", "name": "Small", "budget": 300_000, "max_requested": 200_000},
        {"key": "large", "name": "Large", "budget": 200_000},
    ]
    session = type(small_session()).model_validate(data)
    return Store.create(tmp_path / "pots.db", session, actor="test")


def test_transfer_moves_no_more_than_the_pot_has_left(tmp_path: Path) -> None:
    store = _two_pots(tmp_path)
    try:
        # Nothing ranked yet: the large pot has all of its 200,000 left.
        with pytest.raises(RuleError) as refused:
            store.transfer("large", "small", Decimal("200001"), reason="r", actor="t")
        assert refused.value.field == "amount"
        assert "Large has only EUR 200,000 left" in str(refused.value)
        assert store.pot_transfers() == []
        store.transfer("large", "small", Decimal("200000"), reason="all of it", actor="t")
        assert store.pot_transfers() == [("large", "small", Decimal("200000"), "all of it")]
        with pytest.raises(RuleError):
            store.transfer("large", "small", Decimal("1"), reason="again", actor="t")
        assert store.verify().ok
    finally:
        store.close()


def test_amend_protocol_changes_weights_and_refuses_anything_else(store: Store) -> None:
    store.set_score("leesplank", "anna", "feasibility", 8, actor="t")
    data = store.session.model_dump(mode="json")
    data["criteria"][0]["weight"] = 3
    heavier = type(store.session).model_validate(data)
    old = store.protocol()
    with pytest.raises(RuleError):
        store.amend_protocol(heavier, reason=" ", actor="t")
    event = store.amend_protocol(heavier, reason="agreed at the start", actor="t")
    assert event.action == "protocol.changed" and event.reason == "agreed at the start"
    assert store.protocol() != old
    assert store.session.criteria[0].weight == 3
    with pytest.raises(RuleError, match="already in force"):
        store.amend_protocol(heavier, reason="again", actor="t")
    data["pitches"][0]["title"] = "Renamed"
    renamed = type(store.session).model_validate(data)
    # Not the protocol: a general amendment (tests/store/test_amend.py has them all).
    assert store.amend_protocol(renamed, reason="typo", actor="t").action == "session.amended"
    data["session"]["scale"] = {"min": 0, "max": 5}
    data["criteria"][0]["threshold"] = 3
    narrower = type(store.session).model_validate(data)
    with pytest.raises(AmendmentRefused, match="off the new scale"):
        store.amend_protocol(narrower, reason="smaller", actor="t")
    assert store.session.criteria[0].weight == 3
    assert store.verify().ok
