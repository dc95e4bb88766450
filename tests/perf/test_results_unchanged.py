"""The results, before and after the performance work: the same to the last digit.

A generated session (bench/make_session.py, 30 pitches x 10 jurors x 8 criteria =
2,400 scores, seed fixed there) is imported the way a user does it (``pitchroom
import``, then ``pitchroom score --from``); then ``pitchroom ranking --json`` for the
session's method, for every method and without extras, and the json and csv exports
are compared with what main wrote before anything was optimised
(tests/perf/data/unchanged.json.gz). Ten jurors is above the exact-enumeration limit,
so the bootstrap is the seeded resampling (``DEFAULT_SEED``; the seed is in the output
and compared too).

Only what legitimately differs between two runs is masked: timestamps (when it was
imported, frozen, exported; each event's time), the hashes that cover those times
(each event's hash, the head and the verification message naming it) and the folder
the session file was read from. Everything else, floats included, must be equal.

After a change that is *meant* to change results (never a performance change),
rewrite the fixture with ``python tests/perf/test_results_unchanged.py`` and say why
in the commit.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.domain.models import METHODS

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "data" / "unchanged.json.gz"
SIZE = (30, 10, 8)
MASK = "<varies>"

_spec = importlib.util.spec_from_file_location(
    "make_session", HERE.parents[1] / "bench" / "make_session.py"
)
assert _spec is not None and _spec.loader is not None
make_session = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_session)


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.stdout


def _mask_json_export(doc: dict[str, Any]) -> dict[str, Any]:
    for key in ("generated_at", "protocol_frozen_at"):
        doc[key] = MASK
    doc["audit"]["head_hash"] = MASK
    doc["audit"]["message"] = MASK
    for event in doc["events"]:
        event["at"] = MASK
        event["hash"] = MASK
    return doc


_CSV_MASKED_COLUMNS = {"audit.csv": ("Time (UTC)", "Hash")}
_CSV_MASKED_FIELDS = {
    "session.csv": ("Audit log head hash", "Verification", "Exported at"),
}


def _mask_csv(name: str, text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    masked = [header.index(c) for c in _CSV_MASKED_COLUMNS.get(name, ())]
    fields = _CSV_MASKED_FIELDS.get(name, ())
    for row in rows[1:]:
        for i in masked:
            row[i] = MASK
        if row and row[0] in fields:
            row[1:] = [MASK] * (len(row) - 1)
    return rows


def results(folder: Path) -> dict[str, Any]:
    """Everything compared, for a session generated and imported in ``folder``."""
    toml, scores = make_session.write(folder, SIZE)
    db = folder / "session.db"
    _run("import", str(toml), "--db", str(db))
    _run("score", str(db), "--from", str(scores))
    out: dict[str, Any] = {"ranking": {}}
    out["ranking"]["session-method"] = json.loads(_run("ranking", str(db), "--json"))
    out["ranking"]["no-extras"] = json.loads(_run("ranking", str(db), "--json", "--no-extras"))
    for method in METHODS:
        out["ranking"][method] = json.loads(_run("ranking", str(db), "--json", "--method", method))
    _run("export", str(db), "--format", "json", "-o", str(folder / "export.json"))
    exported = (folder / "export.json").read_text(encoding="utf-8")
    out["json"] = _mask_json_export(json.loads(exported.replace(str(folder), "<folder>")))
    _run("export", str(db), "--format", "csv", "-o", str(folder / "csv"))
    out["csv"] = {
        path.name: _mask_csv(
            path.name, path.read_text(encoding="utf-8-sig").replace(str(folder), "<folder>")
        )
        for path in sorted((folder / "csv").iterdir())
    }
    return out


def expected() -> dict[str, Any]:
    return json.loads(gzip.decompress(FIXTURE.read_bytes()).decode("utf-8"))


def test_the_bootstrap_is_the_seeded_resampling(tmp_path: Path) -> None:
    want = expected()
    assert want["ranking"]["session-method"]["bootstrap_seed"] is not None
    assert any(row.get("bootstrap") for row in want["ranking"]["mean"]["ranking"])


def test_ranking_and_exports_unchanged(tmp_path: Path) -> None:
    got, want = results(tmp_path), expected()
    assert got.keys() == want.keys()
    for method in want["ranking"]:
        assert got["ranking"][method] == want["ranking"][method], f"ranking --json, {method}"
    assert sorted(got["csv"]) == sorted(want["csv"])
    for name, rows in want["csv"].items():
        assert len(got["csv"][name]) == len(rows), name
        for i, row in enumerate(rows):
            assert got["csv"][name][i] == row, f"csv export {name}, line {i + 1}"
    for key in want["json"]:
        assert got["json"][key] == want["json"][key], f"json export: {key}"
    assert got["json"].keys() == want["json"].keys()


if __name__ == "__main__":  # rewrite the fixture (only for a change meant to change results)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        data = json.dumps(results(Path(tmp)), ensure_ascii=False, sort_keys=True).encode()
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.write_bytes(gzip.compress(data, mtime=0))
    print(f"{FIXTURE}: {len(data):,} bytes, {FIXTURE.stat().st_size:,} compressed", file=sys.stderr)
