"""The demo is the reference day: scored as a jury might, the funding line falls
inside both pots and about 20 projects are funded (11 of them at pre-selection)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from pitchroom.domain.sessionfile import load_session
from pitchroom.store import Store
from pitchroom.store.ranking import ranking_report
from tests.conftest import DEMO, DEMO_NL

# Each juror's score on every criterion (None: recused).
DAY = {
    "leesplank": [8, 7, 8, 7, 8],
    "waterwijs": [7, 7, 6, 7, 7],
    "kompas": [8, 9, 8, 8, 8],
    "buurtbudget": [6, 7, 6, None, 7],
    "sirene": [7, 6, 6, 7, 7],
    "vergunningcheck": [7, 7, 6, 6, 6],
    "datakluis": [5, 5, 6, 5, 5],
    "digihulp": [6, 6, 6, 6, 5],
    "open-aanbesteden": [8, 7, 7, 8, 7],
}


@pytest.fixture(params=[DEMO, DEMO_NL], ids=["en", "nl"])
def day(request: pytest.FixtureRequest, tmp_path: Path):
    session = load_session(request.param)
    store = Store.create(tmp_path / "day.db", session, actor="t")
    jurors = [j.key for j in session.scoring_jurors]
    rows = [
        (pitch, juror, c.key, Fraction(value))
        for pitch, values in DAY.items()
        for juror, value in zip(jurors, values, strict=True)
        if value is not None
        for c in session.criteria
    ]
    store.set_scores(rows, actor="t")
    yield store
    store.close()


def test_the_scored_day_funds_about_twenty(day: Store) -> None:
    report = ranking_report(day)
    rows = {r["pitch"]: r for r in report["ranking"]}
    funded = [r for r in report["ranking"] if r["status"] == "funded"]
    granted = [r for r in funded if r["stage"] == "preselected"]
    assert len(granted) == 11 and len(funded) == 18
    assert rows["datakluis"]["status"] == "ineligible"  # below the feasibility threshold
    small, large = report["pots"]
    assert small["first_unfunded"] == "digihulp" and small["left"] == 45_000
    assert large["left"] == 20_000
    # The chair moves the large pot's 20,000 left to the small pot: digihulp fits.
    large_key, small_key = large["key"], small["key"]
    day.transfer(large_key, small_key, Decimal(20_000), reason="rest of the large pot", actor="t")
    after = ranking_report(day)
    assert sum(1 for r in after["ranking"] if r["status"] == "funded") == 19
    assert after["left"] == 4_000_000 - sum(r["granted"] for r in after["ranking"] if r["granted"])
