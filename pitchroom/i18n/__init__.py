"""Every user-facing string lives in a catalogue here, keyed by a stable id.

Strings are whole sentences with named placeholders, never assembled from
fragments, so that a translation is a new catalogue and not a rewrite::

    t("store.recused_cannot_score", juror="anna", pitch="leesplank")

A Dutch catalogue (``nl.py``) only has to provide the same keys; a missing key
falls back to English.
"""

from __future__ import annotations

from pitchroom.i18n.en import MESSAGES as _EN

_CATALOGUES: dict[str, dict[str, str]] = {"en": _EN}
_language = "en"


def set_language(language: str) -> None:
    """Switch the catalogue; unknown languages fall back to English."""
    global _language
    _language = language if language in _CATALOGUES else "en"


def has_language(language: str) -> bool:
    """Whether a catalogue for ``language`` ships with this version."""
    return language in _CATALOGUES


def language() -> str:
    return _language


def t(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, with ``values`` filled in."""
    template = _CATALOGUES[_language].get(key) or _EN[key]
    return template.format(**values) if values else template


def has(key: str) -> bool:
    return key in _EN
