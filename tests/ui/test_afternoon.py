"""The user story: a whole paper-form afternoon, typed fast, every score in its cell.

Nine pitches, five jurors, three criteria, blind mode. Forms are typed as a chair
does (``8 enter 7 enter ...``), with corrections (a slip fixed by going back, an
off-scale value refused and retyped, a digit rubbed out), a recusal and an absence
marked on the way, and one pitch where two jurors score from their stations. Each
pitch is closed and the next opened. At the end every score is in the cell its
form said, and nowhere else.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.ui.conftest import FrozenClock, build_db

JURORS = ["ann", "bob", "cas", "dee", "eve"]
CRITERIA = ["impact", "team", "plan"]
PITCHES = [f"p{i}" for i in range(1, 10)]
RECUSED = ("p2", "cas")
ABSENT = ("p3", "eve")
STATION = ("p4", ("bob", "dee"))


def afternoon() -> Session:
    return Session.model_validate(
        {
            "session": {"title": "Afternoon", "budget": 900_000, "quorum": 3, "blind": True},
            "criteria": [{"key": c, "name": c.title()} for c in CRITERIA],
            "jurors": [{"key": j, "name": j.title() + " Juror"} for j in JURORS],
            "pitches": [
                {"key": p, "title": f"Pitch {p[1:]}", "applicant": "A", "requested": 100_000}
                for p in PITCHES
            ],
        }
    )


def form(pitch: str, juror: str, criterion: str) -> int:
    """What the paper form says."""
    p, j, c = PITCHES.index(pitch), JURORS.index(juror), CRITERIA.index(criterion)
    return 1 + (p * 7 + j * 3 + c * 5) % 10


def keys_for(pitch: str, juror: str) -> list[str]:
    keys: list[str] = []
    for criterion in CRITERIA:
        keys += [*str(form(pitch, juror, criterion)), "enter"]
    return keys


async def test_a_whole_paper_form_afternoon(tmp_path: Path, clock: FrozenClock) -> None:
    db = build_db(tmp_path, afternoon(), clock)
    app = make_app(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.screen.query_one(ScoreGrid)
        for pitch in PITCHES:
            assert grid.view is not None and grid.view.pitch.key == pitch
            if pitch == STATION[0]:  # two jurors score from their stations meanwhile
                station = Store.open(db)
                for juror in STATION[1]:
                    for criterion in CRITERIA:
                        value = form(pitch, juror, criterion)
                        station.set_score(pitch, juror, criterion, value, actor=f"station:{juror}")
                station.close()
                app.screen.reload()
                await pilot.pause()
            for juror in JURORS:
                if (pitch, juror) == RECUSED:
                    await pilot.press("R", *"works for them", "enter")
                    continue
                if (pitch, juror) == ABSENT:
                    await pilot.press("a")
                    continue
                if pitch == STATION[0] and juror in STATION[1]:
                    continue  # the cursor skips their submitted rows
                assert grid.juror == juror, (pitch, juror, grid.juror)
                keys = keys_for(pitch, juror)
                if juror == "ann" and pitch == "p1":
                    # a slip on the first criterion, fixed by going back
                    keys = ["1", "enter", "left", *keys]
                if juror == "bob" and pitch == "p5":
                    keys = ["1", "2", "enter", *keys]  # 12 is off the scale: refused, retyped
                if juror == "dee" and pitch == "p6":
                    keys = ["9", "backspace", *keys]  # a digit rubbed out before enter
                await pilot.press(*keys)
            await pilot.press("l")
            await pilot.pause()
            if app.screen.is_modal:  # "the jurors disagree": close anyway
                await pilot.press("y")
                await pilot.pause()
            if pitch != PITCHES[-1]:
                await pilot.press("n")
                await pilot.pause()
        await app.workers.wait_for_complete()

    store = Store.open(db)
    try:
        scores = store.scores()
        expected = {
            (p, j, c): Fraction(form(p, j, c))
            for p in PITCHES
            for j in JURORS
            for c in CRITERIA
            if (p, j) not in (RECUSED, ABSENT)
        }
        assert scores == expected
        assert ("p2", "cas") in store.recusals() and ("p3", "eve") in store.absences()
        assert all(state.closed for state in store.pitch_states().values())
        actors = store.score_actors("p4")
        assert {j for (j, _), a in actors.items() if a.startswith("station:")} == {"bob", "dee"}
    finally:
        store.close()
