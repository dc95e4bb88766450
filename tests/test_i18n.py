"""The catalogues: PO files that pybabel manages, and every string goes through them."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pitchroom import i18n
from pitchroom.i18n import catalog, has, t

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pitchroom"
CALL = re.compile(r"""\b(?:t|tn|N_)\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")


def messages(language: str) -> dict[str, object]:
    return {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog(language) if m.id}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_literal_key_exists() -> None:
    missing = []
    for source in PACKAGE.rglob("*.py"):
        for key in CALL.findall(source.read_text(encoding="utf-8")):
            if not has(key):
                missing.append(f"{source.relative_to(PACKAGE)}: {key}")
    assert missing == []


def test_every_english_message_has_text() -> None:
    empty = [key for key, m in messages("en").items() if not m.string or m.fuzzy]
    assert empty == []


def test_placeholders_are_named() -> None:
    for key, message in messages("en").items():
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            assert "{}" not in text, key
            fields(text)  # raises on a malformed placeholder


def test_translations_keep_the_placeholders() -> None:
    english = messages("en")
    for language in i18n.available():
        for key, message in messages(language).items():
            texts = message.string if isinstance(message.string, tuple) else (message.string,)
            source = english[key].string
            wanted = set().union(
                *(fields(s) for s in (source if isinstance(source, tuple) else (source,)))
            )
            for text in texts:
                if text:
                    assert fields(text) <= wanted, (language, key, text)


def test_catalogues_have_the_same_keys() -> None:
    english = set(messages("en"))
    for language in i18n.available():
        assert set(messages(language)) == english, language


def test_extraction_finds_no_key_outside_the_catalogue(tmp_path: Path) -> None:
    """``pybabel extract`` with the README's keywords finds only catalogued messages."""
    pot = tmp_path / "pitchroom.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "--no-default-keywords",
            "-k",
            "t",
            "-k",
            "tn:1,1",
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert extracted
    assert sorted(extracted - set(messages("en"))) == []
    # and the other way: every catalogue key is found, so `pybabel update` drops none
    # (a key built at run time is listed in pitchroom/i18n/dynamic.py)
    assert sorted(set(messages("en")) - extracted) == []


def test_values_fill_in() -> None:
    assert "anna" in t("store.recused_cannot_score", juror="anna", pitch="p")


def test_plural_forms() -> None:
    i18n.set_language("nl")
    one = i18n.tn("ui.check_half", 1, juror="Anna", count=1)
    three = i18n.tn("ui.check_half", 3, juror="Anna", count=3)
    assert "nog 1 criterium niet gescoord" in one and "nog 3 criteria niet gescoord" in three
    i18n.set_language("en")
    assert i18n.tn("cli.scores_saved", 1, count=1, rows=1).startswith("Saved 1 score (")


COUNTED = re.compile(r"\{(\w+)\} ([a-z]+s)\b")
"""A placeholder followed by a noun in the plural: a count, unless the word is a verb."""
VERBS = {"is", "was", "has", "does", "needs", "shows", "goes", "gives"}
NEVER_ONE = {
    "cli.expect_ambiguous": "two or more events share the digits, or it is not ambiguous",
    "click.option_needs_arguments": "click says it only for nargs of 2 or more",
    "session.csv_too_many_cells": "more cells than the header's four or more",
    "session.csv_too_many_cells_partners": "more cells than the header's four or more",
    "session.number_too_long": "only past the longest number allowed",
    "session.scale_too_fine": "only past the limit of values",
    "session.text_too_long": "only past the longest text allowed",
}
"""Messages with a count that can never be 1 (so they need no singular), and why."""


def test_a_count_that_can_be_one_has_plural_forms() -> None:
    """A message that counts is a plural message (tn): never "1 events" or "1 jurors score"."""
    singular_only = []
    for key, message in messages("en").items():
        if message.pluralizable or key in NEVER_ONE:
            continue
        for placeholder, word in COUNTED.findall(str(message.string)):
            if word not in VERBS:
                singular_only.append(f"{key}: {{{placeholder}}} {word}")
    assert singular_only == []


def test_plural_messages_are_asked_for_with_their_count() -> None:
    """``t`` refuses a plural message when it runs; this finds every such call first."""
    plural = {key for key, m in messages("en").items() if m.pluralizable}
    singular_call = re.compile(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")
    wrong = [
        f"{source.relative_to(ROOT)}: {key}"
        for folder in (PACKAGE, ROOT / "tests")
        for source in folder.rglob("*.py")
        for key in singular_call.findall(source.read_text(encoding="utf-8"))
        if key in plural
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("key", "count", "values", "one", "many"),
    [
        ("cli.verify_intact", "events", {"head": "ab"}, "1 event,", "2 events,"),
        ("ui.amended", "count", {}, "1 change.", "2 changes."),
        ("station.projector_scored", "eligible", {"complete": 0}, "1 juror has", "2 jurors have"),
        ("session.quorum_too_large", "count", {"quorum": 3}, "1 juror scores", "2 jurors score"),
        ("export.spread", "jurors", {"spread": "0"}, "(1 juror)", "(2 jurors)"),
    ],
)
def test_counts_of_one_and_more_read_right(
    key: str, count: str, values: dict[str, object], one: str, many: str
) -> None:
    i18n.set_language("en")
    assert one in i18n.tn(key, 1, **{count: 1, **values})
    assert many in i18n.tn(key, 2, **{count: 2, **values})


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        t("ui.no_such_message")


def test_every_english_message_has_a_dutch_translation() -> None:
    dutch = messages("nl")
    missing = []
    for key in messages("en"):
        found = dutch.get(key)
        texts = () if found is None else found.string
        texts = texts if isinstance(texts, tuple) else (texts,)
        if found is None or found.fuzzy or not texts or not all(texts):
            missing.append(key)
    assert missing == []


def test_dutch_ships_and_is_used() -> None:
    assert i18n.has_language("nl")
    i18n.set_language("nl")
    assert t("ui.key_next") == "Volgende"
    assert t("store.recused_cannot_score", juror="Anna", pitch="p").startswith(
        "Anna heeft zich verschoond"
    )


def test_the_dutch_demo_and_template_are_dutch() -> None:
    from pitchroom.cli.session_cmds import DEMOS, TEMPLATES
    from pitchroom.domain.sessionfile import load_session

    demo = load_session(ROOT / "data" / DEMOS["nl"] / "session.toml")
    assert demo.session.language == "nl"
    assert [c.name for c in demo.criteria][:2] == ["Uitvoerbaarheid", "Schaalbaarheid"]
    template = load_session(ROOT / "data" / TEMPLATES["nl"])
    assert template.session.language == "nl"
