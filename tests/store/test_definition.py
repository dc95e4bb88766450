"""The session definition in the log: the import and every amendment hold it
whole, and one function turns it into the definition tables."""

from __future__ import annotations

import json

from pitchroom.domain.amendment import differences
from pitchroom.domain.models import Session
from pitchroom.domain.protocol import fingerprint
from pitchroom.store import Store
from pitchroom.store.importing import DEFINITION_COLUMNS, session_rows
from tests.conftest import small_session


def table_rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: [
            tuple(row)
            for row in store.db.execute(
                f"select {', '.join(columns)} from {table} order by position"
            ).fetchall()
        ]
        for table, columns in DEFINITION_COLUMNS.items()
    }


def with_pots(**info: object) -> Session:
    dumped = small_session(**info).model_dump(mode="json")
    dumped["pots"] = [
        {"key": "small", "name": "Small", "budget": 200_000, "max_requested": 200_000},
        {"key": "large", "budget": 300_000, "min_requested": 200_000.5},
    ]
    dumped["pitches"][0]["partners"] = ["Bibliotheek", "Café ’t Hoekje"]
    return Session.model_validate(dumped)


def test_import_event_holds_the_whole_definition(store: Store, session: Session) -> None:
    first = store.events()[0]
    assert first.action == "session.imported"
    assert first.after["session"] == session.model_dump(mode="json")
    assert first.after["protocol"] == fingerprint(session)
    assert first.after["source_path"] is None
    assert Session.model_validate(first.after["session"]) == session


def test_import_writes_exactly_the_rows_of_the_definition(tmp_path) -> None:
    session = with_pots()
    store = Store.create(tmp_path / "pots.db", session, actor="t")
    try:
        assert table_rows(store) == session_rows(session)
        assert json.loads(store.meta("session")) == session.model_dump(mode="json")
    finally:
        store.close()


def test_amendment_holds_the_new_definition_and_rewrites_the_tables(tmp_path) -> None:
    session = with_pots()
    store = Store.create(tmp_path / "pots.db", session, actor="t")
    try:
        store.set_score("leesplank", "anna", "impact", 6, actor="t")
        dumped = session.model_dump(mode="json")
        dumped["criteria"].reverse()
        dumped["criteria"][1]["weight"] = 3
        dumped["pots"][0]["budget"] = 150_000
        dumped["session"]["method"] = "median"
        new = Session.model_validate(dumped)
        event = store.amend_protocol(new, reason="agreed", actor="chair")
        assert event.action == "protocol.changed"
        assert event.after == {
            "session": dumped,
            "protocol": fingerprint(new),
            "changes": differences(session, new),
        }
        assert event.before == {"protocol": fingerprint(session)}
        assert table_rows(store) == session_rows(new)
        assert store.meta("protocol") == fingerprint(new)
    finally:
        store.close()


def test_one_write_one_moment(store: Store) -> None:
    """A score's saved_at, the protocol's freezing and the event's time are one
    moment, so replaying the log reproduces them."""
    event = store.set_score("leesplank", "anna", "impact", 6, actor="chair")
    saved_at, actor = store.db.execute(
        "select saved_at, actor from scores where pitch = 'leesplank'"
    ).fetchone()
    assert (saved_at, actor) == (event.at, "chair")
    assert store.meta("protocol_frozen_at") == event.at
    later = store.set_comment("leesplank", "anna", "fine", actor="chair")
    assert store.comments()[0].saved_at == later.at
    assert store.meta("protocol_frozen_at") == event.at
