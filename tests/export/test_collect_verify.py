"""A big log is verified in a second process while the export reads: the document is
the same, and a write between the two snapshots is caught (verified here again)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitchroom.export import aside as aside_module
from pitchroom.export.aside import verifier
from pitchroom.export.collect import collect, snapshot
from pitchroom.i18n import speaking
from pitchroom.store import Store


def test_verified_aside_the_document_is_the_same(
    scored_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(scored_db)
    try:
        here = collect(store)
        monkeypatch.setattr(aside_module, "ASIDE", 0)
        with speaking("nl"):  # the second process speaks the export's language
            dutch = collect(store).audit.message
        aside = collect(store)
    finally:
        store.close()
    skip = {"generated_at"}
    assert aside.model_dump(exclude=skip) == here.model_dump(exclude=skip)
    assert here.audit.intact and here.audit.message != dutch and dutch.startswith("ongeschonden")


def test_a_write_between_the_snapshots_is_verified_here(
    scored_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aside_module, "ASIDE", 0)
    store, other = Store.open(scored_db), Store.open(scored_db)
    try:
        with snapshot(store):
            events, head = store.head()
            other.set_comment("kompas", "bram", "Written during the export.", actor="test")
            with verifier(store, events) as verify:
                result = verify()
        assert (result.ok, result.head_hash, result.events) == (True, head, events)
        assert store.head()[0] == events + 1  # the write is there, after the snapshot
    finally:
        other.close()
        store.close()


def test_the_second_process_answers(scored_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aside_module, "ASIDE", 0)
    store = Store.open(scored_db)
    try:
        want = store.verify()

        def here() -> None:
            raise AssertionError("verified in this process")

        monkeypatch.setattr(store, "verify", here)
        with snapshot(store), verifier(store, store.head()[0]) as verify:
            assert verify() == want
    finally:
        store.close()


def test_without_a_second_interpreter_the_log_is_verified_here(
    scored_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aside_module, "ASIDE", 0)
    monkeypatch.setattr(aside_module.sys, "executable", "/nonexistent/python")
    store = Store.open(scored_db)
    try:
        with snapshot(store), verifier(store, store.head()[0]) as verify:
            assert verify() == store.verify()
    finally:
        store.close()
