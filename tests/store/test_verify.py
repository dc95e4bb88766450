"""``pitchroom verify``: every kind of tampering is caught and named, an
untouched record verifies, with and without an expected head.

Each tampering test changes one thing with plain SQL, as a hostile user with
``sqlite3`` would, and asserts exit 1 and the line that names it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.domain.models import Session
from pitchroom.domain.protocol import fingerprint
from pitchroom.store import Store
from pitchroom.store import replay as replay_module
from pitchroom.store.audit import GENESIS, event_hash
from tests.store.every_event import HERE, amended, demo_session, play

LEGACY = HERE / "data" / "legacy.db"

ACTIONS = {
    "session.imported",
    "recusal.declared",
    "pitch.opened",
    "timer.started",
    "timer.qa_started",
    "score.set",
    "score.cleared",
    "score.revised",
    "score.imported",
    "undo",
    "comment.saved",
    "comment.cleared",
    "pitch.closed",
    "pitch.reopened",
    "recusal.recorded",
    "recusal.lifted",
    "absence.marked",
    "absence.lifted",
    "pitch.withdrawn",
    "pitch.reinstated",
    "decision.recorded",
    "decision.withdrawn",
    "protocol.changed",
    "pot.transfer",
    "tie.decided",
    "ranking.revealed",
}


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def played_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("played") / "day.db"
    store = Store.create(path, demo_session(), actor="secretary", source=path)
    play(store)
    store.checkpoint()
    store.close()
    return path


@pytest.fixture
def db(played_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "day.db"
    shutil.copy(played_db, copy)
    return copy


JOOST = "where pitch = 'leesplank' and juror = 'joost' and criterion = 'feasibility'"


def meta_set(path: str, value: str) -> str:
    """SQL that edits one value of the session definition in meta."""
    return f"update meta set value = json_set(value, '{path}', {value}) where key = 'session'"


def sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def head_of(path: Path) -> tuple[int, str]:
    conn = sqlite3.connect(path)
    row = conn.execute("select id, hash from events order by id desc limit 1").fetchone()
    conn.close()
    return row


def rehash(path: Path) -> None:
    """Recompute the whole chain, as someone covering an edit would."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("select * from events order by id")]
    prev = GENESIS
    for number, row in enumerate(rows, start=1):
        old = row["id"]
        row["id"], row["prev_hash"] = number, prev
        row["hash"] = prev = event_hash(row)
        conn.execute(
            "update events set id = ?, prev_hash = ?, hash = ? where id = ?",
            [number, row["prev_hash"], row["hash"], old],
        )
    conn.commit()
    conn.close()


# ------------------------------------------------------------------ untouched


def test_the_played_log_has_every_kind_of_event(db: Path) -> None:
    store = Store.open(db)
    actions = {event.action for event in store.events()}
    store.close()
    assert actions >= ACTIONS, ACTIONS - actions


def test_untouched_verifies_without_expect_and_says_what_that_cannot_prove(db: Path) -> None:
    code, out, err = run("verify", db)
    events, head = head_of(db)
    assert (code, err) == (0, "")
    assert f"intact: {events} events, head {head}" in out
    assert "Only an expected head hash guards against a shortened or rebuilt log" in out
    assert f"--expect {head[:12]}" in out
    assert "Not proven" not in out


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "intact: 1 event, head"), ("nl", "ongeschonden: 1 gebeurtenis, laatste hash")],
)
def test_a_log_of_one_event_is_counted_in_the_singular(
    tmp_path: Path, lang: str, said: str
) -> None:
    db = tmp_path / "one.db"
    one = Session.model_validate(
        {
            "session": {"title": "One"},
            "criteria": [{"key": "c", "name": "C"}],
            "jurors": [{"key": "j", "name": "J"}],
            "pitches": [{"key": "p", "title": "P"}],
        }
    )
    Store.create(db, one, actor="test").close()  # the session imported: one event
    code, out, _err = run("verify", db, "--lang", lang)
    assert code == 0
    assert said in out


@pytest.mark.parametrize("digits", [64, 12, 20])
def test_untouched_verifies_with_the_expected_head(db: Path, digits: int) -> None:
    events, head = head_of(db)
    code, out, err = run(
        "verify", db, "--expect", head[:digits].upper() if digits == 20 else head[:digits]
    )
    assert (code, err) == (0, "")
    assert f"intact: {events} events" in out
    assert "The log ends at the head you expected." in out
    assert "Only an expected head" not in out


def test_replay_follows_the_amendment(db: Path) -> None:
    """The definition comes from the latest amendment: its weights, order and pot."""
    store = Store.open(db)
    try:
        assert store.protocol() == fingerprint(amended(demo_session()))
        assert store.session.criteria[0].key == "innovativeness"
        assert store.verify().ok
    finally:
        store.close()


# ----------------------------------------------------------- tampering, named

TAMPERING = [
    # the session definition in meta (the issue's own example first)
    (
        "update meta set value = json_set(value, '$.criteria[0].weight', 9.0) "
        "where key = 'session'",
        "meta.session.criteria.innovativeness.weight is 9 but the log accounts for 1.",
    ),
    (
        meta_set("$.session.title", "'Forged'"),
        'meta.session.session.title is "Forged" but the log accounts for "Innovation budget',
    ),
    (
        meta_set("$.session.method", "'mean'"),
        'meta.session.session.method is "mean" but the log accounts for "median".',
    ),
    (
        meta_set("$.pitches[0].requested", "1"),
        "meta.session.pitches.leesplank.requested is 1 but the log accounts for 180000.",
    ),
    (
        "update meta set value = json_remove(value, '$.jurors[4]') where key = 'session'",
        "meta.session.jurors is [marieke, joost, priya, samir] but the log accounts for "
        "[marieke, joost, priya, samir, ingrid].",
    ),
    (
        "delete from meta where key = 'session'",
        "meta.session is nothing but the log accounts for the session definition.",
    ),
    # the fingerprint: recomputed from the replayed protocol, never read back
    (
        "update meta set value = 'c5ef480f3253' || substr(value, 13) where key = 'protocol'",
        'meta.protocol is "c5ef480f3253',
    ),
    # meta's other keys
    (
        "update meta set value = '2020-01-01T00:00:00+00:00' where key = 'protocol_frozen_at'",
        'meta.protocol_frozen_at is "2020-01-01T00:00:00+00:00" but the log accounts for "20',
    ),
    (
        "update meta set value = null where key = 'protocol_frozen_at'",
        "meta.protocol_frozen_at is nothing but the log accounts for",
    ),
    ("update meta set value = 'abc' where key = 'source_sha256'", 'meta.source_sha256 is "abc"'),
    (
        "update meta set value = '/x.toml' where key = 'source_path'",
        'meta.source_path is "/x.toml"',
    ),
    ("update meta set value = '2020' where key = 'imported_at'", 'meta.imported_at is "2020"'),
    # the definition tables
    (
        "update criteria set weight = 5 where key = 'future'",
        "criteria.future.weight is 5 but the log accounts for 1.",
    ),
    (
        "update criteria set threshold = 1 where key = 'feasibility'",
        "criteria.feasibility.threshold",
    ),
    ("update criteria set name = 'X' where key = 'future'", 'criteria.future.name is "X"'),
    ("update criteria set description = '' where key = 'future'", "criteria.future.description"),
    ("update criteria set position = 9 where key = 'future'", "criteria.future.position is 9"),
    ("update jurors set name = 'Mallory' where key = 'joost'", 'jurors.joost.name is "Mallory"'),
    ("update jurors set role = 'observer' where key = 'joost'", 'jurors.joost.role is "observer"'),
    (
        "insert into jurors values ('zed', 6, 'Zed', 'juror')",
        'jurors.zed is position=6, name="Zed", role="juror" but the log accounts for nothing.',
    ),
    ("update pitches set title = 'Other' where key = 'kompas'", 'pitches.kompas.title is "Other"'),
    ("update pitches set applicant = '' where key = 'kompas'", "pitches.kompas.applicant is"),
    ("update pitches set requested = 1 where key = 'kompas'", "pitches.kompas.requested is 1"),
    ("update pitches set partners = '[]' where key = 'kompas'", 'pitches.kompas.partners is "[]"'),
    ("update pitches set summary = 'x' where key = 'kompas'", 'pitches.kompas.summary is "x"'),
    ("update pots set budget = 1e9 where key = 'small'", "pots.small.budget is 1000000000"),
    (
        "update pots set max_requested = null where key = 'small'",
        "pots.small.max_requested is nothing",
    ),
    (
        "delete from pots where key = 'large'",
        "pots.large is nothing but the log accounts for position=2",
    ),
    # the record tables, with actor and saved_at
    (
        "update scores set value = 2 where pitch = 'leesplank' and juror = 'joost' "
        "and criterion = 'feasibility'",
        "scores.leesplank/joost/feasibility.value is 2 but the log accounts for 4.",
    ),
    (
        "update scores set actor = 'mallory' where pitch = 'leesplank' and juror = 'joost' "
        "and criterion = 'feasibility'",
        'scores.leesplank/joost/feasibility.actor is "mallory" but the log accounts for '
        '"station:joost".',
    ),
    (
        "update scores set saved_at = '2020-01-01' where pitch = 'leesplank' and juror = 'joost' "
        "and criterion = 'feasibility'",
        'scores.leesplank/joost/feasibility.saved_at is "2020-01-01" but the log accounts for "20',
    ),
    (
        "insert into scores values ('vergunningcheck', 'joost', 'future', 10, '2020', 'cli')",
        'scores.vergunningcheck/joost/future is value=10, saved_at="2020", actor="cli" but the '
        "log accounts for nothing.",
    ),
    (
        "delete from scores where pitch = 'leesplank' and juror = 'joost' "
        "and criterion = 'feasibility'",
        "scores.leesplank/joost/feasibility is nothing but the log accounts for value=4, "
        'saved_at="20',
    ),
    (
        "update recusals set reason = 'none' where juror = 'ingrid'",
        "recusals.waterwijs/ingrid.reason",
    ),
    (
        "update recusals set actor = 'x' where juror = 'ingrid'",
        'recusals.waterwijs/ingrid.actor is "x"',
    ),
    ("delete from recusals where juror = 'samir'", "recusals.buurtbudget/samir is nothing"),
    ("update absences set saved_at = 'x'", 'absences.waterwijs/priya.saved_at is "x"'),
    (
        "delete from absences",
        "absences.waterwijs/priya is nothing but the log accounts for saved_at=",
    ),
    ("update comments set text = 'Great!'", 'comments.leesplank/joost.text is "Great!"'),
    ("update comments set actor = 'chair'", 'comments.leesplank/joost.actor is "chair"'),
    (
        "update decisions set amount = 200000 where pitch = 'leesplank'",
        "decisions.leesplank.amount is 200000",
    ),
    (
        "update decisions set decision = 'award' where pitch = 'kompas'",
        'decisions.kompas.decision is "award"',
    ),
    (
        "update decisions set saved_at = 'x' where pitch = 'kompas'",
        'decisions.kompas.saved_at is "x"',
    ),
    ("update pitches set closed = 0 where key = 'leesplank'", "pitches.leesplank is nothing"),
    (
        "update pitches set withdrawn = 1 where key = 'kompas'",
        "pitches.kompas is closed=0, withdrawn=1",
    ),
    (
        "update pot_transfers set amount = 99999",
        "pot_transfers.1.amount is 99999 but the log accounts for 12500.5.",
    ),
    ("update pot_transfers set actor = 'x'", 'pot_transfers.1.actor is "x"'),
    ("delete from pot_transfers", "pot_transfers.1 is nothing"),
    (
        """update tie_decisions set pitches = '["buurtbudget", "waterwijs"]'""",
        'tie_decisions.1.pitches is ["buurtbudget", "waterwijs"] but the log accounts for '
        '["waterwijs", "buurtbudget"].',
    ),
    ("update tie_decisions set reason = 'x'", 'tie_decisions.1.reason is "x"'),
    ("update tie_decisions set saved_at = 'x'", 'tie_decisions.1.saved_at is "x"'),
    # the log itself
    (
        "update events set actor = 'x' where id = 5",
        "event #5 (timer.qa_started) does not match its hash chain.",
    ),
    ("delete from events where id = 7", "event #7 is missing from the log."),
]


@pytest.mark.parametrize(("change", "named"), TAMPERING, ids=[n[:60] for _, n in TAMPERING])
def test_tampering_is_caught_and_named(db: Path, change: str, named: str) -> None:
    sql(db, change)
    code, out, err = run("verify", db)
    assert code == 1, out
    assert out == ""
    assert err.startswith(f"{db}: altered: ") and err.count("\n") == 1
    assert named in err
    code, _, err2 = run("verify", db, "--expect", head_of(db)[1])
    assert code == 1 and err2 == err


def test_the_issues_own_example_moves_no_fingerprint_unseen(db: Path) -> None:
    """Editing the weight in meta.session moved a pitch's score while the
    fingerprint shown stayed: verify names the weight."""
    sql(
        db,
        meta_set("$.criteria[0].weight", "9.0"),
    )
    store = Store.open(db)
    result = store.verify()
    store.close()
    assert not result.ok
    assert "meta.session.criteria.innovativeness.weight is 9" in result.message


# ------------------------------------------------ a shortened or rebuilt log


def test_last_event_deleted_with_its_row_needs_the_expected_head(db: Path) -> None:
    events, head = head_of(db)
    sql(db, f"delete from events where id = {events}", "update live set pitch = 'leesplank'")
    # the last event opened a pitch: nothing else to remove, and the chain is intact
    code, out, _ = run("verify", db)
    assert code == 0 and "Only an expected head hash guards" in out
    code, out, err = run("verify", db, "--expect", head[:12])
    assert code == 1 and out == ""
    new_head = head_of(db)[1]
    assert (
        f"the log ends at event {events - 1}, head {new_head[:12]}…, not at the head you expected."
        in err
    )


def test_last_score_deleted_with_its_event(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = Store.create(path, demo_session(), actor="t")
    store.set_score("leesplank", "joost", "future", 6, actor="t")
    store.set_score("leesplank", "joost", "feasibility", 7, actor="t")
    store.close()
    events, head = head_of(path)
    sql(
        path,
        f"delete from events where id = {events}",
        "delete from scores where criterion = 'feasibility'",
    )
    assert run("verify", path)[0] == 0
    code, _, err = run("verify", path, "--expect", head)
    assert code == 1 and f"the log ends at event {events - 1}, head" in err


def test_whole_chain_recomputed_after_an_edit_needs_the_expected_head(db: Path) -> None:
    events, head = head_of(db)
    sql(
        db,
        "update events set after = '{\"value\":10}' where action = 'score.set' "
        "and pitch = 'leesplank' and juror = 'marieke' and criterion = 'scalability'",
        "update scores set value = 10 where pitch = 'leesplank' and juror = 'marieke' "
        "and criterion = 'scalability'",
    )
    assert run("verify", db)[0] == 1  # the edited event no longer matches its hash
    rehash(db)
    code, out, _ = run("verify", db)
    assert code == 0 and "Only an expected head hash guards" in out
    code, _, err = run("verify", db, "--expect", head[:16])
    assert code == 1 and f"the log ends at event {events}, head" in err
    assert "not at the head you expected." in err


def test_log_that_goes_on_past_the_expected_head(db: Path) -> None:
    events, head = head_of(db)
    store = Store.open(db)
    store.set_score("vergunningcheck", "joost", "future", 3, actor="late")
    store.open_pitch("kompas", actor="late")
    store.close()
    code, _, err = run("verify", db, "--expect", head)
    assert code == 1
    assert (
        f"the log goes on past the head you expected: that head is event {events}, "
        f"but the log ends at event {events + 2}, head" in err
    )


def test_an_event_rebuilt_with_a_definition_that_does_not_match_its_fingerprint(db: Path) -> None:
    sql(
        db,
        "update events set after = json_set(after, '$.session.criteria[0].weight', 7) "
        "where action = 'protocol.changed'",
    )
    rehash(db)
    code, _, err = run("verify", db)
    assert code == 1
    assert "(protocol.changed) gives a protocol fingerprint that its own session" in err


def test_a_log_that_does_not_begin_with_the_import(db: Path) -> None:
    sql(db, "delete from events where id = 1")
    rehash(db)
    code, _, err = run("verify", db)
    assert code == 1 and "the log does not begin with the import of the session." in err


# -------------------------------------------------------------- bad --expect


@pytest.mark.parametrize("expect", ["abc", "xyz0123456789", "0" * 65, "12345678901 "])
def test_a_bad_expected_head_is_bad_input(db: Path, expect: str) -> None:
    code, out, err = run("verify", db, "--expect", expect)
    assert code == 2 and out == ""
    assert "--expect: give the head hash as hex digits: all 64, or the first 12 or more" in err


def test_an_ambiguous_prefix_asks_for_more_digits(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replay_module, "MIN_EXPECT_DIGITS", 1)
    conn = sqlite3.connect(db)
    digit = conn.execute(
        "select substr(hash, 1, 1) from events group by 1 having count(*) > 1 limit 1"
    ).fetchone()[0]
    conn.close()
    code, _, err = run("verify", db, "--expect", digit)
    assert code == 2 and "events of this log have hashes that begin with these digits" in err


# ------------------------------------------------------- an older database


def test_an_older_database_verifies_what_it_can_and_says_what_it_cannot(tmp_path: Path) -> None:
    copy = tmp_path / "legacy.db"
    shutil.copy(LEGACY, copy)
    code, out, err = run("verify", copy)
    assert (code, err) == (0, "")
    assert "intact: 151 events" in out
    assert "Not proven for this database, made by an earlier pitchroom" in out
    assert "- the session definition beyond its protocol and title" in out
    assert "- when each row was saved (saved_at) and when the protocol was frozen" in out
    assert "- the path of the session file it was imported from" in out
    head = head_of(copy)[1]
    code, out, _ = run("verify", copy, "--expect", head[:12])
    assert code == 0 and "The log ends at the head you expected." in out


LEGACY_TAMPERING = [
    (
        "update criteria set weight = 5 where key = 'future'",
        "criteria.future.weight is 5 but the session definition in meta says 1.",
    ),
    (
        meta_set("$.criteria[0].weight", "9.0"),
        "the session definition in meta has protocol fingerprint",
    ),
    ("update meta set value = 'x' where key = 'protocol'", 'meta.protocol is "x"'),
    (
        meta_set("$.session.title", "'X'"),
        'meta.session.session.title is "X" but the log accounts for "Innovation',
    ),
    (
        meta_set("$.jurors[0].name", "'X'"),
        'jurors.marieke.name is "Marieke van den Berg" but the session definition in meta '
        'says "X".',
    ),
    ("update meta set value = 'abc' where key = 'source_sha256'", 'meta.source_sha256 is "abc"'),
    (
        "update meta set value = null where key = 'protocol_frozen_at'",
        "meta.protocol_frozen_at is nothing but the log accounts for a time.",
    ),
    (
        f"update scores set actor = 'x' {JOOST}",
        'scores.leesplank/joost/feasibility.actor is "x"',
    ),
    (
        f"update scores set value = 1 {JOOST}",
        "scores.leesplank/joost/feasibility.value is 1",
    ),
    ("update pitches set closed = 0", "pitches.leesplank is nothing"),
]


@pytest.mark.parametrize(
    ("change", "named"), LEGACY_TAMPERING, ids=[n[:50] for _, n in LEGACY_TAMPERING]
)
def test_an_older_database_still_catches_what_it_can(
    tmp_path: Path, change: str, named: str
) -> None:
    copy = tmp_path / "legacy.db"
    shutil.copy(LEGACY, copy)
    sql(copy, change)
    code, _, err = run("verify", copy)
    assert code == 1 and named in err


def test_an_older_database_amended_now_proves_its_definition(tmp_path: Path) -> None:
    """An amendment made by this version puts the whole definition in the log."""
    copy = tmp_path / "legacy.db"
    shutil.copy(LEGACY, copy)
    store = Store.open(copy)
    store.amend_protocol(demo_session(), reason="back to the original weights", actor="chair")
    store.close()
    code, out, _ = run("verify", copy)
    assert code == 0
    assert "- the session definition beyond" not in out
    assert "- when each row was saved" in out
    sql(
        copy,
        meta_set("$.jurors[0].name", "'X'"),
    )
    code, _, err = run("verify", copy)
    assert code == 1 and 'meta.session.jurors.marieke.name is "X" but the log accounts for' in err


def test_exports_of_an_older_database_say_what_cannot_be_proven(tmp_path: Path) -> None:
    from pitchroom.export import export_session

    copy = tmp_path / "legacy.db"
    shutil.copy(LEGACY, copy)
    report = export_session(copy, "md").read_text(encoding="utf-8")
    assert "Not proven for this database, made by an earlier pitchroom" in report
    assert "the path of the session file it was imported from" in report
    document = json.loads(export_session(copy, "json").read_text(encoding="utf-8"))
    assert len(document["audit"]["unproven"]) == 3
    fresh = tmp_path / "fresh.db"
    Store.create(fresh, demo_session(), actor="t").close()
    document = json.loads(export_session(fresh, "json").read_text(encoding="utf-8"))
    assert document["audit"]["unproven"] == [] and document["audit"]["intact"]
