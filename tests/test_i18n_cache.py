"""The compiled catalogues: kept in the cache folder, compiled again when a PO file changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pitchroom import i18n


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder and no catalogue loaded; the real ones again afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    i18n._translations.cache_clear()
    i18n._keys.cache_clear()
    yield tmp_path
    i18n._translations.cache_clear()
    i18n._keys.cache_clear()


def _edited_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_help: str) -> None:
    """English from a copy of its PO file with the text of ``cli.help`` changed."""
    original = i18n.po_path("en")
    text = original.read_text(encoding="utf-8")
    old = i18n.catalog("en")["cli.help"].string
    assert isinstance(old, str)
    copy = tmp_path / "po" / "en.po"
    copy.parent.mkdir(exist_ok=True)
    first = old.split("\n")[0] if "\n" in old else old[:30]
    assert first in text
    copy.write_text(text.replace(first, new_help, 1), encoding="utf-8")
    real = i18n.po_path
    monkeypatch.setattr(i18n, "po_path", lambda lang: copy if lang == "en" else real(lang))


def test_the_first_message_compiles_into_the_cache(fresh: Path) -> None:
    with i18n.speaking("nl"):
        assert i18n.t("cli.help") == i18n.catalog("nl")["cli.help"].string
    names = sorted(p.name for p in (fresh / "cache" / "pitchroom" / "i18n").iterdir())
    assert [n.split("-")[:2] for n in names] == [["pitchroom", "en"], ["pitchroom", "nl"]]
    assert all(n.endswith(".mo") for n in names)


def test_a_cached_catalogue_is_read_not_compiled(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = i18n.catalog("en")["cli.help"].string
    with i18n.speaking("en"):
        i18n.t("cli.help")
    i18n._translations.cache_clear()
    i18n._keys.cache_clear()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("compiled again although cached")

    monkeypatch.setattr("babel.messages.pofile.read_po", refuse)
    with i18n.speaking("en"):
        assert i18n.t("cli.help") == expected


def test_an_edited_po_file_is_compiled_again(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with i18n.speaking("en"):
        before = i18n.t("cli.help")
    i18n._translations.cache_clear()
    i18n._keys.cache_clear()
    _edited_po(fresh, monkeypatch, "Edited help")
    with i18n.speaking("en"):
        after = i18n.t("cli.help")
    assert after != before and after.startswith("Edited help")
    assert len(list((fresh / "cache" / "pitchroom" / "i18n").iterdir())) == 2


def test_an_unwritable_cache_still_translates(fresh: Path) -> None:
    blocker = fresh / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with i18n.speaking("nl"):
        assert i18n.t("cli.help") == i18n.catalog("nl")["cli.help"].string
