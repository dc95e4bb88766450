"""What an amendment changes: the difference between two session definitions,
field by field, and how to say each change in a sentence.

:func:`differences` compares two :class:`Session` definitions and lists every
change as a plain JSON-able dict (the ``changes`` an amendment event logs):

- ``{"change": "added", "kind": "juror", "key": "kees", "value": {...}, "position": 6}``
- ``{"change": "removed", "kind": "pitch", "key": "x", "value": {...}}``
- ``{"change": "changed", "kind": "pitch", "key": "leesplank", "field": "title",
  "before": "...", "after": "..."}``
- ``{"change": "reordered", "kind": "pitch", "before": [keys], "after": [keys]}``
  (the order of the entries both definitions have; additions do not count)
- ``{"change": "changed", "kind": "session", "field": "budget", "before": ..., "after": ...}``

Kinds: ``session``, ``criterion``, ``juror``, ``pitch``, ``conflict``, ``pot``.
A conflict's key is ``JUROR/PITCH``. Values are as ``model_dump(mode="json")``
gives them. :func:`describe` says one change in the current language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pitchroom.i18n import N_, formats, t

if TYPE_CHECKING:
    from pitchroom.domain import definition, models

    Session = definition.Session | models.Session
    """As the record holds it (plain) or as a session file gives it (the model)."""

Change = dict[str, Any]

AMEND_ACTIONS = ("protocol.changed", "session.amended")
"""The actions of an amendment event; each holds the whole new definition, its
fingerprint and the ``changes``."""

SECTIONS: tuple[tuple[str, str], ...] = (
    ("criteria", "criterion"),
    ("jurors", "juror"),
    ("pitches", "pitch"),
    ("conflicts", "conflict"),
    ("pots", "pot"),
)
"""Each list of a session definition and the kind of its entries."""

_KIND_NAMES = {
    "criterion": N_("amend.kind_criterion"),
    "juror": N_("amend.kind_juror"),
    "pitch": N_("amend.kind_pitch"),
    "pot": N_("amend.kind_pot"),
}

IGNORED_INFO = frozenset({"pitches_csv"})
"""Where the pitches were read from is not part of what they are."""


def _key(kind: str, item: dict[str, Any]) -> str:
    if kind == "conflict":
        return f"{item['juror']}/{item['pitch']}"
    return str(item["key"])


def differences(old: Session, new: Session) -> list[Change]:
    """Every change from ``old`` to ``new``, session settings first, then each list."""
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    changes: list[Change] = []
    info_old, info_new = before["session"], after["session"]
    for field in info_new:
        if field in IGNORED_INFO or info_old.get(field) == info_new[field]:
            continue
        changes.append(
            {
                "change": "changed",
                "kind": "session",
                "field": field,
                "before": info_old.get(field),
                "after": info_new[field],
            }
        )
    for section, kind in SECTIONS:
        olds = {_key(kind, item): item for item in before[section]}
        news = {_key(kind, item): item for item in after[section]}
        for key, item in olds.items():
            if key not in news:
                changes.append({"change": "removed", "kind": kind, "key": key, "value": item})
        for position, (key, item) in enumerate(news.items(), start=1):
            if key not in olds:
                changes.append(
                    {
                        "change": "added",
                        "kind": kind,
                        "key": key,
                        "value": item,
                        "position": position,
                    }
                )
                continue
            for field, value in item.items():
                if olds[key].get(field) != value:
                    changes.append(
                        {
                            "change": "changed",
                            "kind": kind,
                            "key": key,
                            "field": field,
                            "before": olds[key].get(field),
                            "after": value,
                        }
                    )
        common_old = [k for k in olds if k in news]
        common_new = [k for k in news if k in olds]
        if common_old != common_new and kind != "conflict":
            changes.append(
                {"change": "reordered", "kind": kind, "before": common_old, "after": common_new}
            )
    return changes


def _shown(value: Any) -> str:
    """A logged value as a person reads it: text quoted, lists joined, none as a dash."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return t("amend.yes") if value else t("amend.no")
    if isinstance(value, str):
        one = " ".join(value.split())
        return f"“{one if len(one) <= 60 else one[:59] + '…'}”"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value) or "–"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} {_shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return (
        formats.number(value, 0) if isinstance(value, int) and abs(value) >= 10_000 else str(value)
    )


def _label(change: Change) -> str:
    """What is changed: ``juror kees``, ``the session``."""
    kind = change["kind"]
    if kind == "session":
        return t("amend.the_session")
    value = change.get("value") or {}
    name = value.get("name") or value.get("title")
    key = change["key"]
    if kind == "criterion":
        return t("amend.criterion", key=key)
    if kind == "juror":
        return t("amend.juror_named", key=key, name=name) if name else t("amend.juror", key=key)
    if kind == "pitch":
        return t("amend.pitch_named", key=key, title=name) if name else t("amend.pitch", key=key)
    if kind == "conflict":
        juror, pitch = key.split("/", 1)
        return t("amend.conflict", juror=juror, pitch=pitch)
    return t("amend.pot", key=key)


def describe(change: Change) -> str:
    """One change as a sentence (for ``pitchroom log`` and the jury report)."""
    kind, what = change["kind"], change["change"]
    if what == "added":
        if kind in ("pitch", "criterion", "juror", "pot"):
            return t("amend.added_at", what=_label(change), position=change.get("position", "?"))
        return t("amend.added", what=_label(change))
    if what == "removed":
        return t("amend.removed", what=_label(change))
    if what == "reordered":
        return t(
            "amend.reordered",
            kind=t(_KIND_NAMES[kind]),
            before=", ".join(change["before"]),
            after=", ".join(change["after"]),
        )
    return t(
        "amend.changed",
        what=_label(change),
        field=change["field"],
        before=_shown(change.get("before")),
        after=_shown(change.get("after")),
    )
