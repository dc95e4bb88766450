"""The plain SQLite reference for bulk import: the same score rows, one executemany.

    python bench/reference/executemany.py TARGET.db scores.csv

Reads the CSV pitchroom's ``score --from`` reads (pitch,juror,criterion,value),
and inserts the rows into a table shaped like pitchroom's scores table (same
columns and primary key) in a WAL database with synchronous=FULL, in one
transaction. No validation, no audit log: the floor under the real command.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from datetime import UTC, datetime


def main() -> None:
    con = sqlite3.connect(sys.argv[1])
    con.execute("pragma journal_mode=wal")
    con.execute("pragma synchronous=full")
    con.execute(
        """create table if not exists scores (
            pitch text not null, juror text not null, criterion text not null,
            value real not null, saved_at text not null, actor text not null,
            primary key (pitch, juror, criterion))"""
    )
    now = datetime.now(UTC).isoformat()
    with open(sys.argv[2], newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = [(p, j, c, float(v), now, "cli") for p, j, c, v in reader]
    with con:
        con.executemany("insert or replace into scores values (?, ?, ?, ?, ?, ?)", rows)
    con.close()
    print(f"{len(rows)} rows")


if __name__ == "__main__":
    main()
