"""Amendments of a running session: every kind that keeps the record whole, every
refusal, the logged difference, verify intact, and nothing written when refused."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from pitchroom.domain.models import Session
from pitchroom.domain.protocol import fingerprint
from pitchroom.store import AmendmentRefused, RuleError, Store
from pitchroom.store.importing import DEFINITION_COLUMNS, session_rows

Edit = Callable[[dict[str, Any]], None]


def edited(store: Store, edit: Edit) -> Session:
    data = store.session.model_dump(mode="json")
    edit(data)
    return Session.model_validate(data)


def table_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table, columns in DEFINITION_COLUMNS.items():
        out[table] = [
            tuple(row)
            for row in store.db.execute(
                f"select {', '.join(columns)} from {table} order by position"
            ).fetchall()
        ]
    return out


def amend(store: Store, edit: Edit, reason: str = "agreed by the jury"):
    """Amend, then check what every amendment must hold: one event, with the whole
    definition, its fingerprint and the changes; the tables as the definition says;
    verify intact."""
    head = store.head()[0]
    new = edited(store, edit)
    event = store.amend(new, reason=reason, actor="chair")
    assert store.head()[0] == head + 1 + sum(
        1 for c in event.after["changes"] if c["kind"] == "conflict"
    )
    assert event.reason == reason
    assert event.after["session"] == new.model_dump(mode="json")
    assert event.after["protocol"] == fingerprint(new) == store.protocol()
    assert store.session == new
    assert table_rows(store) == session_rows(new)
    assert store.verify().ok
    return event


def refused(store: Store, edit: Edit) -> list[RuleError]:
    """The problems of a refused amendment, after checking that nothing was written."""
    head, session, rows = store.head(), store.meta("session"), table_rows(store)
    with pytest.raises(AmendmentRefused) as caught:
        store.amend(edited(store, edit), reason="try", actor="chair")
    assert store.head() == head
    assert store.meta("session") == session and table_rows(store) == rows
    assert store.verify().ok
    return caught.value.problems


def fields(problems: list[RuleError]) -> list[str]:
    return [p.field for p in problems]


# ------------------------------------------------------------------ jurors
def test_a_late_juror_is_added_and_can_score(store: Store) -> None:
    store.set_score("leesplank", "anna", "impact", 7, actor="chair")
    dora = {"key": "dora", "name": "Dora Substitute", "role": "juror"}
    event = amend(store, lambda d: d["jurors"].append(dora))
    assert event.action == "session.amended" and event.entity == "session"
    assert event.after["changes"] == [
        {"change": "added", "kind": "juror", "key": "dora", "value": dora, "position": 5}
    ]
    assert event.before == {"protocol": event.after["protocol"]}
    store.set_score("leesplank", "dora", "impact", 6, actor="station:dora")
    assert store.scores("leesplank")[("leesplank", "dora", "impact")] == 6
    assert store.verify().ok


def test_a_juror_renamed_and_given_another_role(store: Store) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["jurors"][1]["name"] = "Bram Janssen"
        d["jurors"][3]["role"] = "juror"

    event = amend(store, edit)
    assert event.after["changes"] == [
        {
            "change": "changed",
            "kind": "juror",
            "key": "bram",
            "field": "name",
            "before": "Bram Jansen",
            "after": "Bram Janssen",
        },
        {
            "change": "changed",
            "kind": "juror",
            "key": "olga",
            "field": "role",
            "before": "observer",
            "after": "juror",
        },
    ]
    assert [j.key for j in store.session.scoring_jurors] == ["anna", "bram", "chris", "olga"]


def test_a_juror_without_records_may_be_removed(store: Store) -> None:
    event = amend(store, lambda d: d["jurors"].pop(3))
    (change,) = event.after["changes"]
    assert (change["change"], change["kind"], change["key"]) == ("removed", "juror", "olga")


# ----------------------------------------------------------------- pitches
def test_a_pitch_added_joins_the_queue_at_its_place(store: Store) -> None:
    reserve = {"key": "reserve", "title": "Reserve pitch", "requested": 50_000}
    event = amend(store, lambda d: d["pitches"].insert(1, reserve))
    (change,) = event.after["changes"]
    assert change["change"] == "added" and change["key"] == "reserve"
    assert change["position"] == 2 and change["value"]["title"] == "Reserve pitch"
    assert [p.key for p in store.session.queue] == ["leesplank", "reserve", "waterwijs", "kompas"]
    assert store.timer().pitch == "leesplank"


def test_pitches_reordered(store: Store) -> None:
    event = amend(store, lambda d: d["pitches"].reverse())
    assert event.after["changes"] == [
        {
            "change": "reordered",
            "kind": "pitch",
            "before": ["leesplank", "waterwijs", "kompas"],
            "after": ["kompas", "waterwijs", "leesplank"],
        }
    ]


def test_a_pitch_corrected_field_by_field(store: Store) -> None:
    store.set_score("leesplank", "anna", "impact", 7, actor="chair")

    def edit(d: dict[str, Any]) -> None:
        p = d["pitches"][0]
        p.update(
            title="Leesplank (corrected)",
            applicant="Gemeente Zwolle-Oost",
            partners=["Bibliotheek"],
            requested=210_000,
            summary="Now with a summary.",
        )

    event = amend(store, edit)
    changed = {c["field"]: (c["before"], c["after"]) for c in event.after["changes"]}
    assert changed == {
        "title": ("Leesplank", "Leesplank (corrected)"),
        "applicant": ("Gemeente Zwolle", "Gemeente Zwolle-Oost"),
        "partners": ([], ["Bibliotheek"]),
        "requested": (200_000, 210_000),
        "summary": ("", "Now with a summary."),
    }
    assert all(c["key"] == "leesplank" for c in event.after["changes"])
    assert store.session.pitches[0].title == "Leesplank (corrected)"


def test_a_stage_set_at_pre_selection_changes_the_protocol(store: Store) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["pitches"][1].update(stage="preselected", granted=200_000)

    old = store.protocol()
    event = amend(store, edit)
    assert event.action == "protocol.changed" and event.before == {"protocol": old}
    assert {(c["field"], c["after"]) for c in event.after["changes"]} == {
        ("stage", "preselected"),
        ("granted", 200_000),
    }
    assert [p.key for p in store.session.queue] == ["leesplank", "kompas"]


def test_a_pitch_without_records_may_be_removed(store: Store) -> None:
    event = amend(store, lambda d: d["pitches"].pop(1))
    assert [(c["change"], c["key"]) for c in event.after["changes"]] == [("removed", "waterwijs")]


# ---------------------------------------------------------------- criteria
def test_criteria_renamed_and_described_keep_the_protocol(store: Store) -> None:
    store.set_score("leesplank", "anna", "impact", 7, actor="chair")
    old = store.protocol()

    def edit(d: dict[str, Any]) -> None:
        d["criteria"][1]["name"] = "Impact on residents"
        d["criteria"][1]["description"] = "Who is better off, and how much?"

    event = amend(store, edit)
    assert event.action == "session.amended" and store.protocol() == old
    assert [(c["key"], c["field"]) for c in event.after["changes"]] == [
        ("impact", "name"),
        ("impact", "description"),
    ]


def test_a_protocol_change_as_today(store: Store) -> None:
    store.set_score("leesplank", "anna", "impact", 7, actor="chair")
    old = store.protocol()

    def edit(d: dict[str, Any]) -> None:
        d["criteria"][0]["weight"] = 3
        d["session"]["method"] = "median"
        d["session"]["scale"] = {"min": 0, "max": 10, "step": 0.5}

    event = amend(store, edit)
    assert event.action == "protocol.changed" and event.entity == "protocol"
    assert event.before == {"protocol": old} and store.protocol() != old
    assert {(c["kind"], c.get("key"), c["field"]) for c in event.after["changes"]} == {
        ("session", None, "method"),
        ("session", None, "scale"),
        ("criterion", "feasibility", "weight"),
    }
    assert store.session.criteria[0].weight == Decimal(3)


def test_a_declared_conflict_becomes_a_recusal(store: Store) -> None:
    conflict = {"juror": "bram", "pitch": "waterwijs", "reason": "board member"}
    event = amend(store, lambda d: d["conflicts"].append(conflict))
    assert event.after["changes"] == [
        {
            "change": "added",
            "kind": "conflict",
            "key": "bram/waterwijs",
            "value": conflict,
            "position": 2,
        }
    ]
    assert store.recusals()[("waterwijs", "bram")] == "board member"
    last = store.events()[-1]
    assert last.action == "recusal.declared" and last.juror == "bram"
    with pytest.raises(RuleError, match="recused"):
        store.set_score("waterwijs", "bram", "impact", 5, actor="t")


def test_session_settings_changed(store: Store) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["session"]["title"] = "Test pitch day (afternoon)"
        d["session"]["pitch_minutes"] = 6

    event = amend(store, edit)
    assert [(c["kind"], c["field"]) for c in event.after["changes"]] == [
        ("session", "title"),
        ("session", "pitch_minutes"),
    ]


def test_the_same_session_again_and_no_reason_are_refused(store: Store) -> None:
    head = store.head()
    with pytest.raises(RuleError, match="already in force"):
        store.amend(store.session, reason="nothing", actor="t")
    with pytest.raises(RuleError) as caught:
        store.amend(edited(store, lambda d: d["jurors"].pop(3)), reason=" ", actor="t")
    assert caught.value.field == "reason"
    assert store.head() == head


# ---------------------------------------------------------------- refusals
def test_removing_a_juror_with_records_is_refused(store: Store) -> None:
    store.set_score("leesplank", "bram", "impact", 7, actor="t")
    store.set_comment("waterwijs", "bram", "good", actor="t")
    (problem,) = refused(store, lambda d: d["jurors"].pop(1))
    assert problem.field == "jurors.bram"
    assert "scores: 1, comments: 1" in problem.message and "absent" in problem.message


@pytest.mark.parametrize(
    "record",
    [
        lambda s: s.set_score("waterwijs", "anna", "impact", 7, actor="t"),
        lambda s: s.set_comment("waterwijs", "anna", "fine", actor="t"),
        lambda s: s.recuse("waterwijs", "anna", reason="x", actor="t"),
        lambda s: s.set_absent("waterwijs", "anna", True, actor="t"),
        lambda s: s.decide("waterwijs", "reserve", motivation="m", actor="t"),
        lambda s: s.set_withdrawn("waterwijs", True, actor="t"),
        lambda s: s.decide_tie(["waterwijs", "kompas"], reason="r", actor="t"),
    ],
    ids=["score", "comment", "recusal", "absence", "decision", "withdrawn", "tie"],
)
def test_removing_a_pitch_with_records_is_refused(store: Store, record) -> None:
    record(store)
    (problem,) = refused(store, lambda d: d["pitches"].pop(1))
    assert problem.field == "pitches.waterwijs" and "withdrawn instead" in problem.message


def test_removing_the_open_pitch_is_refused(store: Store) -> None:
    (problem,) = refused(store, lambda d: d["pitches"].pop(0))
    assert problem.field == "pitches.leesplank" and "open on the chair screen" in problem.message


def test_taking_a_scored_or_open_pitch_out_of_the_queue_is_refused(store: Store) -> None:
    store.set_score("waterwijs", "anna", "impact", 7, actor="t")

    def edit(d: dict[str, Any]) -> None:
        d["pitches"][0]["stage"] = "rejected"
        d["pitches"][1]["stage"] = "preselected"

    problems = refused(store, edit)
    assert fields(problems) == ["pitches.leesplank.stage", "pitches.waterwijs.stage"]


def test_removing_a_criterion_with_scores_is_refused(store: Store) -> None:
    store.set_score("leesplank", "anna", "impact", 7, actor="t")
    (problem,) = refused(store, lambda d: d["criteria"].pop(1))
    assert problem.field == "criteria.impact" and "1 saved scores" in problem.message


def test_a_scale_that_leaves_saved_scores_off_it_is_refused(store: Store) -> None:
    store.set_score("leesplank", "anna", "impact", 9, actor="t")
    (problem,) = refused(store, lambda d: d["session"].update(scale={"min": 1, "max": 5}))
    assert problem.field == "session.scale" and "9" in problem.message


def test_lifting_a_declared_conflict_by_amendment_is_refused(store: Store) -> None:
    (problem,) = refused(store, lambda d: d["conflicts"].clear())
    assert problem.field == "conflicts.chris/kompas" and "--lift" in problem.message


def test_an_amended_session_must_be_valid(store: Store) -> None:
    problems = refused(store, lambda d: d["session"].update(quorum=4))
    assert fields(problems) == ["session.quorum"]


def test_every_problem_at_once(store: Store) -> None:
    store.set_score("leesplank", "bram", "impact", 9, actor="t")
    store.set_score("waterwijs", "anna", "feasibility", 3, actor="t")

    def edit(d: dict[str, Any]) -> None:
        d["jurors"].pop(1)  # bram
        d["pitches"].pop(1)  # waterwijs
        d["criteria"].pop(1)  # impact
        d["criteria"][0]["weight"] = 2
        d["session"]["scale"] = {"min": 4, "max": 8}
        d["jurors"].append({"key": "dora", "name": "Dora"})  # fine, but not alone

    assert fields(refused(store, edit)) == [
        "jurors.bram",
        "pitches.waterwijs",
        "criteria.impact",
        "session.scale",
    ]


def test_pots_and_transfers(tmp_path) -> None:
    from tests.store.test_definition import with_pots

    store = Store.create(tmp_path / "pots.db", with_pots(), actor="t")
    try:
        first, second = (p.key for p in store.session.pots)
        store.transfer(first, second, Decimal(1000), reason="r", actor="t")
        (problem,) = refused(store, lambda d: d["pots"].pop(0))
        assert problem.field == f"pots.{first}" and "1 money transfers" in problem.message
        event = amend(store, lambda d: d["pots"][0].update(budget=150_000, name="Renamed"))
        assert {c["field"] for c in event.after["changes"]} == {"budget", "name"}
        assert event.action == "protocol.changed"
    finally:
        store.close()


def test_the_jury_report_lists_the_changes_during_the_session(store: Store, tmp_path) -> None:
    from pitchroom.export import export_session

    dora = {"key": "dora", "name": "Dora Substitute", "role": "juror"}
    amend(store, lambda d: d["jurors"].append(dora), reason="Anna's substitute")
    out = export_session(store.path, "md", tmp_path / "report.md")
    text = out.read_text(encoding="utf-8")
    section = text[text.index("## Changes during the session") :]
    assert "Anna's substitute" in section and "added juror dora (Dora Substitute)" in section


def test_verify_replays_amendments_and_catches_an_edited_row(store: Store) -> None:
    """The definition tables after amendments are what the log's last definition
    says: an edit of an amended juror's row behind the log's back is caught."""
    dora = {"key": "dora", "name": "Dora Substitute", "role": "juror"}
    amend(store, lambda d: d["jurors"].append(dora))
    amend(store, lambda d: d["pitches"][0].update(title="Leesplank (corrected)"))
    store.set_score("leesplank", "dora", "impact", 6, actor="station:dora")
    assert store.verify().ok
    store.db.execute("update jurors set name = 'Someone Else' where key = 'dora'")
    store.db.conn.commit()
    result = store.verify()
    assert not result.ok and "juror" in result.message.lower()
