"""The plain read of a session definition (pitchroom.domain.definition_read) gives
what pydantic's reading of the same text gives, field by field and value by value
(a Decimal's digits included), and reads nothing that pydantic would refuse."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pitchroom.domain import definition, models
from pitchroom.domain.definition_read import of_model, read
from pitchroom.domain.sessionfile.loader import load_session
from pitchroom.store import Store, StoreError
from tests.conftest import DEMO, DEMO_NL


def exact(value: object) -> object:
    """``value`` as nested tuples of (type name, field, ...): equal only when every
    field has the same type and value, and every Decimal the same digits."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [f.name for f in dataclasses.fields(value) if f.name != "source"]
        return (type(value).__name__, *((n, exact(getattr(value, n))) for n in fields))
    if isinstance(value, list):
        return ("list", *(exact(v) for v in value))
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    return (type(value).__name__, value)


def pydantic_read(text: str) -> definition.Session:
    plain: definition.Session = of_model(models.Session.model_validate_json(text))
    return plain


def same(text: str) -> definition.Session:
    """The plain read of ``text``, checked against pydantic's (it must read it)."""
    plain = read(text)
    assert plain is not None, text[:300]
    assert exact(plain) == exact(pydantic_read(text))
    assert plain == models.Session.model_validate_json(text)
    return plain


# ------------------------------------------------------------- generated
slugs = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)
names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda s: not definition.shows_nothing(s))
lines = st.one_of(st.just(""), names)
decimals = st.decimals(
    min_value=Decimal("-1000"), max_value=Decimal("1000"), places=3, allow_nan=False
)
amounts = st.one_of(
    st.integers(0, 10**12).map(Decimal),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
)
positive = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("999"), places=3)


@st.composite
def sessions(draw: st.DrawFn) -> models.Session:
    low = draw(st.integers(-5, 5))
    scale = models.Scale(
        min=Decimal(low),
        max=Decimal(low + draw(st.integers(1, 20))),
        step=draw(st.sampled_from([Decimal(1), Decimal("0.5"), Decimal("0.25"), Decimal("0.1")])),
    )
    info = models.SessionInfo(
        title=draw(names),
        date=draw(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)))),
        budget=draw(st.one_of(st.none(), amounts)),
        max_funded=draw(st.one_of(st.none(), st.integers(0, 50))),
        funding_rule=draw(st.sampled_from(definition.FUNDING_RULES)),
        quorum=draw(st.one_of(st.none(), st.integers(1, 9))),
        currency=draw(st.sampled_from(["EUR", "USD", "€", "CHF"])),
        scale=scale,
        pitch_minutes=draw(positive),
        qa_minutes=draw(st.one_of(st.just(Decimal(0)), positive)),
        method=draw(st.sampled_from(definition.METHODS)),
        blind=draw(st.booleans()),
        language=draw(st.sampled_from(definition.LANGUAGES)),
        pitches_csv=draw(st.one_of(st.none(), st.just("pitches.csv"))),
        discuss_spread=draw(st.one_of(st.none(), positive)),
    )
    keys = st.lists(slugs, min_size=1, max_size=5, unique=True)
    criteria = [
        models.Criterion(
            key=k,
            name=draw(names),
            description=draw(st.text(max_size=20)),  # control characters too
            weight=draw(positive),
            threshold=draw(st.one_of(st.none(), decimals)),
        )
        for k in draw(keys)
    ]
    jurors = [
        models.Juror(key=k, name=draw(names), role=draw(st.sampled_from(definition.ROLES)))
        for k in draw(keys)
    ]
    pitches = [
        models.Pitch(
            key=k,
            title=draw(names),
            applicant=draw(lines),
            partners=draw(st.lists(lines, max_size=2)),
            requested=draw(amounts),
            summary=draw(st.text(max_size=20)),
            stage=draw(st.sampled_from(definition.STAGES)),
            granted=draw(st.one_of(st.none(), amounts)),
        )
        for k in draw(keys)
    ]
    conflicts = [
        models.Conflict(juror=j.key, pitch=p.key, reason=draw(lines))
        for j in jurors[:1]
        for p in pitches[:1]
        if draw(st.booleans())
    ]
    pots = [
        models.Pot(
            key=k,
            name=draw(lines),
            budget=draw(amounts),
            min_requested=draw(st.one_of(st.none(), amounts)),
            max_requested=draw(st.one_of(st.none(), amounts)),
        )
        for k in draw(st.lists(slugs, max_size=2, unique=True))
    ]
    return models.Session(
        session=info,
        criteria=criteria,
        jurors=jurors,
        pitches=pitches,
        conflicts=conflicts,
        pots=pots,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_a_generated_session_reads_as_pydantic_reads_it(session: models.Session) -> None:
    text = session.model_dump_json()
    if "\\u" in text:  # a control character, escaped: left to pydantic
        _agrees(text)
        return
    plain = same(text)
    assert plain.model_dump(mode="json") == session.model_dump(mode="json")
    assert plain.scoring_jurors == [
        definition.Juror(**j.model_dump()) for j in session.scoring_jurors
    ]
    assert [p.key for p in plain.queue] == [p.key for p in session.queue]
    assert plain.discuss_spread() == session.discuss_spread()
    assert plain.session.scale.values() == session.session.scale.values()
    # the methods the plain classes repeat (pitchroom.domain.definition) answer alike
    for pitch, model in zip(plain.pitches, session.pitches, strict=True):
        assert plain.pitch(pitch.key) == session.pitch(pitch.key)
        assert plain.queue_position(pitch.key) == session.queue_position(pitch.key)
        assert (pitch.pitches, pitch.preselected_amount) == (
            model.pitches,
            model.preselected_amount,
        )
        assert plain.pot_for(pitch.requested) == session.pot_for(pitch.requested)
        for pot, pot_model in zip(plain.pots, session.pots, strict=True):
            assert pot.fits(pitch.requested) == pot_model.fits(pitch.requested)
    for juror in plain.jurors:
        assert plain.juror(juror.key) == session.juror(juror.key)
    for criterion in plain.criteria:
        assert plain.criterion(criterion.key) == session.criterion(criterion.key)
        for value in session.session.scale.values()[:3]:
            assert plain.session.scale.contains(value) == session.session.scale.contains(value)
    assert plain.pitch("no-such-pitch") is None and plain.juror("nobody") is None


# A change to one value of a definition as pydantic wrote it: what pydantic takes
# the plain read must give the same way (or leave to pydantic), what it refuses
# the plain read must not read.
ODD_VALUES: list[object] = [
    None,
    True,
    0,
    -1,
    1.5,
    2.25,
    "",
    " ",
    "\u200b",
    "x" * 201,
    "Bad Slug",
    "a",
    "2026-02-30",
    "2026-05-01",
    [],
    {},
    [1],
    10**16,
    1e300,
    "mean",
    "nope",
    "pitch",
    "observer",
]


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*path, i))
    return found


def _set(data: Any, path: tuple[object, ...], value: object) -> Any:
    if not path:
        return value
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _set(data[head], tuple(rest), value)  # type: ignore[index]  # a key or an index
    return copy


def _agrees(text: str) -> None:
    plain = read(text)
    try:
        model = models.Session.model_validate_json(text)
    except ValidationError:
        assert plain is None, text[:300]
        return
    if plain is not None:
        assert exact(plain) == exact(of_model(model))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(), st.data())
def test_a_changed_value_is_read_only_as_pydantic_reads_it(
    session: models.Session, data: st.DataObject
) -> None:
    base = json.loads(session.model_dump_json())
    path = data.draw(st.sampled_from(_paths(base)))
    value = data.draw(st.sampled_from(ODD_VALUES))
    changed = _set(base, path, value)
    _agrees(json.dumps(changed, ensure_ascii=False))
    if path and isinstance(changed, dict):  # a field left out, or one too many
        parent = _set(base, path[:-1], {})
        _agrees(json.dumps(parent, ensure_ascii=False))


@pytest.mark.parametrize(
    "number",
    [
        "2.50",
        "1e2",
        "1.5E-7",
        "100.0",
        "0.1000000000000000055511151231257827",
        "-0",
        "-0.0",
        "12345678901234567890",
        "1e400",
        "NaN",
        "Infinity",
        "7",
        "0.1",
        "-2.5",
    ],
)
def test_a_number_is_read_only_as_pydantic_reads_it(session: models.Session, number: str) -> None:
    text = session.model_dump_json()
    for field in ('"weight":1', '"budget":400000'):
        if field in text:
            _agrees(text.replace(field, field.split(":")[0] + ":" + number, 1))


@pytest.mark.parametrize(
    "text",
    [
        '{"session": 1',
        '{"session": {}}',
        "[]",
        "null",
        "",
    ],
)
def test_damage_is_left_to_pydantic(text: str) -> None:
    assert read(text) is None


def test_escapes_and_duplicates_go_the_same_way(session: models.Session) -> None:
    text = session.model_dump_json()
    title = session.session.title
    for escaped in ("\\u0041", "\\ud800", "\\n", "\\\\"):
        _agrees(text.replace(json.dumps(title)[1:-1], title + escaped, 1))
    _agrees(text.replace('{"session":{', '{"session":{"title":"Other",', 1))


# ---------------------------------------------------------- real sessions
@pytest.mark.parametrize("source", [DEMO, DEMO_NL], ids=["demo", "demo-nl"])
def test_the_demos_read_as_pydantic_reads_them(tmp_path: Path, source: Path) -> None:
    db = tmp_path / "day.db"
    Store.create(db, load_session(source), actor="test").close()
    store = Store.open(db)
    try:
        text = store.meta("session")
        assert text is not None
        plain = same(text)
        assert store.session == plain
        assert isinstance(store.session, definition.Session)
        assert store.session.model_dump(mode="json") == load_session(source).model_dump(mode="json")
    finally:
        store.close()


def test_a_definition_in_another_form_is_read_through_pydantic(
    db_path: Path, session: models.Session
) -> None:
    import sqlite3

    loose = json.dumps(json.loads(session.model_dump_json()), indent=1)  # other spacing
    loose = loose.replace('"step": 1', '"step": 1.0')  # a number printed otherwise
    conn = sqlite3.connect(db_path)
    conn.execute("update meta set value = ? where key = 'session'", [loose])
    conn.commit()
    conn.close()
    assert read(loose) is None
    store = Store.open(db_path)
    try:
        assert store.session == session
        assert exact(store.session) == exact(of_model(session))
    finally:
        store.close()


def test_a_damaged_definition_names_pydantic_s_complaint(db_path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.execute(
        "update meta set value = json_set(value, '$.criteria[0].weight', -1) where key = 'session'"
    )
    conn.commit()
    conn.close()
    store = Store.open(db_path)
    try:
        with pytest.raises(StoreError) as caught:
            store.session  # noqa: B018 - reading it is the check
    finally:
        store.close()
    assert "criteria.0.weight" in str(caught.value)
    assert "greater than 0" in str(caught.value)


def test_the_plain_classes_have_the_models_fields_in_order() -> None:
    for name, plain in definition_classes().items():
        model = getattr(models, name)
        fields = [f.name for f in dataclasses.fields(plain) if f.name != "source"]
        assert fields == list(model.model_fields), name
    assert tuple(models.Pitch.model_fields) == definition.PITCH_FIELDS


def definition_classes() -> dict[str, type]:
    names = ("Scale", "SessionInfo", "Criterion", "Juror", "Pitch", "Conflict", "Pot", "Session")
    return {n: getattr(definition, n) for n in names}
