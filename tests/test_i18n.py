"""Every user-facing string comes from the catalogue: each literal key used exists."""

from __future__ import annotations

import re
from pathlib import Path

from pitchroom.i18n import has, t
from pitchroom.i18n.en import MESSAGES

PACKAGE = Path(__file__).resolve().parents[1] / "pitchroom"
CALL = re.compile(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")


def test_every_literal_key_exists() -> None:
    missing = []
    for source in PACKAGE.rglob("*.py"):
        for key in CALL.findall(source.read_text(encoding="utf-8")):
            if not has(key):
                missing.append(f"{source.relative_to(PACKAGE)}: {key}")
    assert missing == []


def test_placeholders_are_named() -> None:
    for key, text in MESSAGES.items():
        assert "{}" not in text, key


def test_values_fill_in() -> None:
    assert "anna" in t("store.recused_cannot_score", juror="anna", pitch="p")
