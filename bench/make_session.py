"""Write a generated session for the performance suite: a session file and a scores CSV.

    python bench/make_session.py DIR                    # the stress size: 1,000 x 50 x 10
    python bench/make_session.py DIR --size 60 7 6      # the demo size
    python bench/make_session.py DIR --size 60 7 6 --name demo

Writes DIR/NAME.toml (title, budget, weighted criteria, jurors, pitches) and
DIR/NAME-scores.csv (pitch,juror,criterion,value: every juror on every
criterion of every pitch, integers 1-10, seeded), the input of
``pitchroom score DB --from``. Deterministic: the same size gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

STRESS = (1000, 50, 10)
DEMO = (60, 7, 6)


def _s(text: str) -> str:
    return json.dumps(text)  # a TOML basic string (ASCII, JSON escapes are TOML escapes)


def session_toml(pitches: int, jurors: int, criteria: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = [
        "[session]",
        f"title = {_s(f'Performance {pitches} x {jurors} x {criteria}')}",
        'date = "2026-12-01"',
        f"budget = {pitches * 40_000}",
        f"max_funded = {max(1, pitches // 5)}",
        'currency = "EUR"',
        "scale = { min = 1, max = 10, step = 1 }",
        "",
    ]
    for i in range(criteria):
        out += [
            "[[criteria]]",
            f'key = "c{i}"',
            f"name = {_s(f'Criterion {i}')}",
            f"weight = {1 + i % 3}",
            "",
        ]
    for i in range(jurors):
        out += ["[[jurors]]", f'key = "j{i}"', f"name = {_s(f'Juror {i}')}", ""]
    for i in range(pitches):
        out += [
            "[[pitches]]",
            f'key = "p{i}"',
            f"title = {_s(f'Pitch number {i}')}",
            f"applicant = {_s(f'Applicant {i} B.V.')}",
            f"requested = {rng.randrange(20, 800) * 1000}",
            "",
        ]
    return "\n".join(out)


def score_rows(pitches: int, jurors: int, criteria: int, seed: int = 7):
    rng = random.Random(seed + 1)
    for p in range(pitches):
        for j in range(jurors):
            for c in range(criteria):
                yield (f"p{p}", f"j{j}", f"c{c}", rng.randint(1, 10))


def write(folder: Path, size: tuple[int, int, int], name: str = "session") -> tuple[Path, Path]:
    """DIR/NAME.toml and DIR/NAME-scores.csv for SIZE (pitches, jurors, criteria)."""
    folder.mkdir(parents=True, exist_ok=True)
    toml = folder / f"{name}.toml"
    toml.write_text(session_toml(*size), encoding="utf-8")
    scores = folder / f"{name}-scores.csv"
    with scores.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["pitch", "juror", "criterion", "value"])
        writer.writerows(score_rows(*size))
    return toml, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", type=int, nargs=3, default=STRESS, metavar=("P", "J", "C"))
    parser.add_argument("--name", default="session")
    args = parser.parse_args()
    toml, scores = write(args.folder, tuple(args.size), args.name)
    print(f"{toml}\n{scores}")


if __name__ == "__main__":
    main()
