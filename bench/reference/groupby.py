"""The plain SQLite reference for the ranking: per-pitch weighted means, one GROUP BY.

    python bench/reference/groupby.py SESSION.db

Reads pitchroom's own scores and criteria tables: each juror's weighted total
per pitch, their mean per pitch, ordered best first, printed as JSON. The
whole process is what is timed (interpreter start-up included), as for
``pitchroom ranking DB --json``.
"""

from __future__ import annotations

import json
import sqlite3
import sys

QUERY = """
select pitch, avg(total) as score, count(*) as jurors from (
    select s.pitch, s.juror, sum(s.value * c.weight) / sum(c.weight) as total
    from scores s join criteria c on c.key = s.criterion
    group by s.pitch, s.juror
) group by pitch order by score desc, pitch
"""


def main() -> None:
    con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    rows = [
        {"rank": i, "pitch": p, "score": s, "jurors": n}
        for i, (p, s, n) in enumerate(con.execute(QUERY), 1)
    ]
    json.dump({"rows": rows}, sys.stdout)


if __name__ == "__main__":
    main()
