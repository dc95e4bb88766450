"""Every user-facing string, in gettext catalogues managed with Babel.

The catalogues are PO files, one per language, in ``locale/LANG/LC_MESSAGES/pitchroom.po``.
A message id is a stable key, not the English text; the English catalogue gives the
English, the Dutch one the Dutch::

    t("store.recused_cannot_score", juror="anna", pitch="leesplank")
    tn("ui.check_half", count, juror="anna", count=count)   # plural forms

Strings are whole sentences with named ``str.format`` placeholders, never assembled from
fragments. A plural message is an entry with ``msgid_plural`` equal to its key and one
``msgstr[i]`` per plural form of the language (Babel's ``-k tn:1,1`` extracts it so).
A key that is only chosen at run time is marked where it is written with ``N_("...")``
(gettext's no-op marker), so that ``pybabel extract`` sees it.

The PO files are read with Babel when the first message is asked for (no compile step,
so a checkout or an editable install always shows the current text); a message missing
from a language falls back to English. Extract, update and compile with the commands in
the README ("Translations").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel loads with the first message, not at import
    from babel.messages.catalog import Catalog
    from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "pitchroom"
DEFAULT = "en"
# Languages whose catalogue is complete enough to ship as an interface.
SHIPPED = ("en", "nl")

_language = DEFAULT


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalog(language: str) -> Catalog:
    """The parsed PO catalogue of ``language`` (Babel's ``read_po``)."""
    from babel.messages.pofile import read_po

    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


@cache
def _translations(language: str) -> Translations:
    """Babel's Translations for ``language``, built from its PO file in memory.

    Untranslated and fuzzy entries are left out, so they fall back to English.
    """
    from babel.messages.mofile import write_mo
    from babel.support import Translations

    buffer = BytesIO()
    write_mo(buffer, catalog(language), use_fuzzy=False)
    buffer.seek(0)
    translations = Translations(fp=buffer, domain=DOMAIN)
    if language != DEFAULT:
        translations.add_fallback(_translations(DEFAULT))
    return translations


def available() -> tuple[str, ...]:
    """The languages with a catalogue in the package."""
    return tuple(sorted(p.name for p in LOCALE_DIR.iterdir() if po_path(p.name).is_file()))


def set_language(language: str) -> None:
    """Switch the interface language; one that does not ship falls back to English."""
    global _language
    _language = language if language in SHIPPED else DEFAULT


def has_language(language: str) -> bool:
    """Whether an interface for ``language`` ships with this version."""
    return language in SHIPPED


def language() -> str:
    return _language


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Messages in ``language`` inside the block (the CSV export is English whatever
    the interface), then the language that was set before."""
    global _language
    before = _language
    set_language(language)
    try:
        yield
    finally:
        _language = before


def N_(key: str) -> str:  # gettext's name for the no-op marker
    """Mark ``key`` for extraction where it is written; translate it later with ``t``."""
    return key


def _fill(template: str, values: dict[str, object]) -> str:
    return template.format(**values) if values else template


@cache
def _plural_keys() -> frozenset[str]:
    return frozenset(m.id[0] for m in catalog(DEFAULT) if isinstance(m.id, tuple))


def t(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, with ``values`` filled in."""
    if key in _plural_keys():
        raise KeyError(f"{key!r} has plural forms: use tn({key!r}, count, ...)")
    text = _translations(_language).gettext(key)
    if text == key:
        raise KeyError(f"no message {key!r} in the catalogue")
    return _fill(text, values)


def tn(key: str, count: int, /, **values: object) -> str:
    """The plural message ``key`` in the form the language uses for ``count``."""
    text = _translations(_language).ngettext(key, key, count)
    if text == key:
        raise KeyError(f"no plural message {key!r} in the catalogue")
    return _fill(text, values)


def has(key: str) -> bool:
    return key in catalog(DEFAULT)


def method_name(method: str) -> str:
    """A consensus method (``median``) by its name in the interface language."""
    key = f"method.{method}"
    return t(key) if has(key) else method


def action_name(action: str) -> str:
    """An audit action (``recusal.declared``) in words; one without a message as it is."""
    key = "event." + action.replace(".", "_")
    return t(key) if has(key) else action


_requested: str | None = None


def request(language: str | None) -> None:
    """Remember the language asked for on the command line (``--lang``)."""
    global _requested
    _requested = language.lower() if language else None


def choose(requested: str | None = None, session: str | None = None) -> str:
    """The interface language: ``--lang``, then ``PITCHROOM_LANG``, then the session
    file's ``language``, then a Dutch locale in ``LC_ALL``/``LC_MESSAGES``/``LANG``, then
    English. A language that does not ship counts as not given."""
    import os

    for wanted in (requested, _requested, os.environ.get("PITCHROOM_LANG"), session):
        if wanted and wanted.lower() in SHIPPED:
            return wanted.lower()
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in SHIPPED else DEFAULT
    return DEFAULT


def use(session: str | None = None) -> str:
    """Set the interface language by :func:`choose`, given the session's; return it."""
    chosen = choose(None, session)
    set_language(chosen)
    return chosen
