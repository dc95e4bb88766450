"""Session databases for the export tests: real SQLite files in tmp_path.

``scored_db`` holds scores, a declared and a recorded recusal, an absence,
comments, decisions, and a closed pitch revised with a reason and reopened.
``hostile_db`` carries formulas, markup, HTML and a right-to-left override in
titles, applicants, names, comments and motivations.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pitchroom.domain.models import Session
from pitchroom.export.collect import collect
from pitchroom.export.document import ExportDocument
from pitchroom.store import Store

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1",
    "-2",
    "@SUM(A1:A9)",
    "[bold]loud[/bold]",
    "<script>alert(1)</script>",
    "abc\u202edcba",
    "a|b\nnext line *em* `code` # x",
]


def session_model(
    *, titles: list[str] | None = None, hostile: bool = False, pots: bool = False
) -> Session:
    titles = titles or ["Leesplank", "Waterwijs", "Kompas", "Stadslab"]
    applicants = (
        HOSTILE
        if hostile
        else ["Gemeente Zwolle", "Waterschap Rivierland", "Provincie Drenthe", "Gemeente Delft"]
    )
    return Session.model_validate(
        {
            "session": {
                "title": HOSTILE[5] if hostile else "Innovation budget — pitch day",
                "date": "2024-06-12",
                "budget": 500_000,
                "quorum": 2,
                "currency": "EUR",
                "scale": {"min": 1, "max": 10, "step": Decimal("0.5")},
            },
            "criteria": [
                {
                    "key": "feasibility",
                    "name": "Feasibility",
                    "weight": 2,
                    "threshold": 5,
                    "description": "Can this team deliver within budget and time?",
                },
                {
                    "key": "impact",
                    "name": HOSTILE[4] if hostile else "Impact",
                    "description": HOSTILE[0] if hostile else "Who is better off, and how much?",
                },
                {"key": "reuse", "name": "Reusability", "weight": Decimal("0.5")},
            ],
            "jurors": [
                {
                    "key": "anna",
                    "name": HOSTILE[6] if hostile else "Anna de Vries",
                    "role": "chair",
                },
                {"key": "bram", "name": HOSTILE[5] if hostile else "Bram Jansen"},
                {"key": "chris", "name": "Chris Peters"},
                {"key": "dora", "name": "Dorá Ünal"},
                {"key": "olga", "name": "Olga Observer", "role": "observer"},
            ],
            "pitches": [
                {
                    "key": key,
                    "title": title,
                    "applicant": applicant,
                    "requested": requested,
                    "partners": ["TU Delft", "=cmd|' /C calc'!A0"] if hostile else ["TU Delft"],
                    "summary": "A summary.",
                }
                for key, title, applicant, requested in zip(
                    ["leesplank", "waterwijs", "kompas", "stadslab"],
                    titles,
                    applicants,
                    [200_000, 250_000, Decimal("150000.50"), 100_000],
                    strict=False,
                )
            ],
            "conflicts": [{"juror": "chris", "pitch": "kompas", "reason": "former employer"}],
            "pots": [
                {
                    "key": "small",
                    "name": "Small projects",
                    "budget": 200_000,
                    "max_requested": 160_000,
                },
                {"key": "large", "name": "Large projects", "budget": 300_000},
            ]
            if pots
            else [],
        }
    )


SCORES = {
    "leesplank": {"anna": (8, 7, 6), "bram": (7, 8, 7), "chris": (9, 6, 8), "dora": (8, 7, 7)},
    "waterwijs": {"anna": (6, 5, 5), "bram": (5, 6, 4), "chris": (3, 9, 6), "dora": (6, 6, 6)},
    "kompas": {"anna": (7, 7, 7), "bram": (8, 8, Decimal("7.5")), "dora": (7, 6, 9)},
    "stadslab": {"anna": (4, 5, 6), "bram": (5, 5, 5)},
}


def fill(store: Store, *, hostile: bool = False) -> None:
    criteria = [c.key for c in store.session.criteria]
    for pitch, by_juror in SCORES.items():
        for juror, values in by_juror.items():
            for criterion, value in zip(criteria, values, strict=True):
                store.set_score(pitch, juror, criterion, value, actor="test")
    store.set_absent("stadslab", "chris", True, actor="test")
    store.recuse(
        "stadslab", "dora", actor="test", reason=HOSTILE[0] if hostile else "advised the applicant"
    )
    store.set_comment(
        "leesplank",
        "anna",
        "\n".join(HOSTILE) if hostile else "Strong team; clear plan.",
        actor="test",
    )
    store.set_comment(
        "waterwijs",
        "chris",
        HOSTILE[1] if hostile else "Ambitious; the pilot is vague.\nAsk about the budget.",
        actor="test",
    )
    store.set_comment("kompas", "bram", "\tTAB and =1+1" if hostile else "Reusable.", actor="test")
    store.set_closed("waterwijs", True, actor="test")
    store.set_score(
        "waterwijs",
        "chris",
        "feasibility",
        5,
        actor="test",
        reason=HOSTILE[5] if hostile else "misread the feasibility plan",
    )
    store.set_closed(
        "waterwijs",
        False,
        actor="test",
        reason=HOSTILE[3] if hostile else "the applicant sent a corrected budget",
    )
    store.decide(
        "leesplank",
        "award",
        actor="test",
        amount=Decimal(180_000),
        motivation=HOSTILE[0] if hostile else "Best plan; reduced to the core.",
    )
    store.decide(
        "stadslab",
        "reject",
        actor="test",
        motivation="\n".join(HOSTILE) if hostile else "Not ready for funding.",
    )


def _build(path: Path, session: Session, *, hostile: bool = False) -> Path:
    store = Store.create(path, session, actor="test")
    try:
        fill(store, hostile=hostile)
    finally:
        store.close()
    return path


def document(db: Path) -> ExportDocument:
    """What an export of ``db`` reads (its store opened and closed around it)."""
    store = Store.open(db)
    try:
        return collect(store)
    finally:
        store.close()


@pytest.fixture
def scored_db(tmp_path: Path) -> Path:
    return _build(tmp_path / "session.db", session_model())


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    return _build(
        tmp_path / "hostile.db", session_model(titles=HOSTILE[:4], hostile=True), hostile=True
    )


@pytest.fixture
def pots_db(tmp_path: Path) -> Path:
    return _build(tmp_path / "pots.db", session_model(pots=True))
