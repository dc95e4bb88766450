"""A separate writing process for the concurrency and durability tests.

Usage: python writer.py DB PROCESS_INDEX COUNT
Writes COUNT scores (its own cells), printing "ok pitch juror criterion value"
after each committed write.
"""

import sys
from pathlib import Path

from pitchroom.store import Store

db, index, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
store = Store.open(db)
session = store.session
cells = [
    (p.key, j.key, c.key) for p in session.pitches for j in session.jurors for c in session.criteria
]
mine = cells[index::8]
for n in range(count):
    pitch, juror, criterion = mine[n % len(mine)]
    value = 1 + (n // len(mine) + index) % 10
    store.set_score(pitch, juror, criterion, value, actor=f"writer{index}")
    print("ok", pitch, juror, criterion, value, flush=True)
store.close()
