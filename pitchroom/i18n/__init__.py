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

The PO files are the source: there is no compile step to forget, so a checkout or an
editable install always shows the current text. Parsing a PO file with Babel takes about
half a second, too long for every start, so the first message of a language compiles its
PO file to a gettext MO file once and keeps it in the user's cache folder
(``$XDG_CACHE_HOME/pitchroom/i18n``, else ``~/.cache/...``), named by the PO file's SHA-256:
an edited PO file gets a new name and is compiled again, and every later start reads the
MO file with the standard library's :mod:`gettext` (about a millisecond). Where the cache
cannot be written the MO is compiled in memory, as before. A message missing from a
language falls back to English. Extract, update and compile with the commands in the
README ("Translations").
"""

from __future__ import annotations

import gettext
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel loads only to compile a catalogue, not at import
    from babel.messages.catalog import Catalog

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


def cache_dir() -> Path:
    """Where compiled catalogues are kept (see the module's docstring)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pitchroom" / "i18n"


def _compiled(language: str) -> bytes:
    """The MO file of ``language``'s PO file: from the cache, else compiled (and cached).

    Untranslated and fuzzy entries are left out, so they fall back to English.
    """
    source = po_path(language).read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:32]
    cached = cache_dir() / f"{DOMAIN}-{language}-{digest}.mo"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    buffer = BytesIO()
    write_mo(buffer, read_po(BytesIO(source), locale=language, domain=DOMAIN), use_fuzzy=False)
    data = buffer.getvalue()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, cached)  # whole or not at all, even with two starting at once
    except OSError:
        pass  # a read-only home: compiled in memory, each time
    return data


@cache
def _translations(language: str) -> gettext.GNUTranslations:
    """The gettext translations of ``language`` (English behind it as the fallback)."""
    translations = gettext.GNUTranslations(BytesIO(_compiled(language)))
    if language != DEFAULT:
        translations.add_fallback(_translations(DEFAULT))
    return translations


@cache
def _keys() -> tuple[frozenset[str], frozenset[str]]:
    """The message keys of the English catalogue: (singular, plural)."""
    # gettext's parsed MO (msgid -> text; (msgid, n) for plurals) has no public accessor.
    ids = _translations(DEFAULT)._catalog  # type: ignore[attr-defined]
    singular = frozenset(k for k in ids if isinstance(k, str) and k)
    plural = frozenset(k[0] for k in ids if isinstance(k, tuple))
    return singular, plural


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


def _plural_keys() -> frozenset[str]:
    return _keys()[1]


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
    singular, plural = _keys()
    return key in singular or key in plural


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
