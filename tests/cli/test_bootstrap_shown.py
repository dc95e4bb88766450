"""How the bootstrap intervals were made is said wherever they are shown."""

from __future__ import annotations

from pathlib import Path

from pitchroom.domain.models import Session
from pitchroom.store import Store
from tests.cli.test_cli import run
from tests.conftest import small_session


def _db(tmp_path: Path, jurors: int) -> Path:
    data = small_session().model_dump(mode="json")
    data["jurors"] = [{"key": f"j{i}", "name": f"Juror {i}"} for i in range(jurors)]
    data["conflicts"] = []
    path = tmp_path / f"b{jurors}.db"
    store = Store.create(path, Session.model_validate(data), actor="t")
    try:
        for n, pitch in enumerate(("leesplank", "waterwijs", "kompas")):
            for i in range(jurors):
                store.set_score(pitch, f"j{i}", "feasibility", 3 + (n + i) % 6, actor="t")
                store.set_score(pitch, f"j{i}", "impact", 4 + (n * i) % 5, actor="t")
    finally:
        store.close()
    return path


def test_exact_up_to_eight_jurors_seeded_beyond(tmp_path: Path) -> None:
    small, large = _db(tmp_path, 5), _db(tmp_path, 9)
    code, out, _ = run("ranking", small)
    assert code == 0 and "Bootstrap intervals: exact" in out
    code, out, _ = run("ranking", large)
    assert code == 0 and "Bootstrap intervals: seeded resampling, seed 20240612." in out
    code, out, _ = run("ranking", large, "--no-extras")
    assert code == 0 and "Bootstrap" not in out
    for db, said in ((small, "exact, over every resample"), (large, "seed 20240612")):
        code, _, _ = run("export", db, "--format", "md")
        report = db.with_name(f"{db.stem}-results.md").read_text(encoding="utf-8")
        assert code == 0 and "Bootstrap rank intervals" in report and said in report
