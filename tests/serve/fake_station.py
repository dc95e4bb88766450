"""A stand-in station for the server tests: speaks textual-serve's protocol, starts in ms.

    python fake_station.py FOLDER JUROR [DELAY]

Writes FOLDER/PID (its juror) when it starts, waits DELAY seconds, prints the prelude and one frame
(``ready JUROR PID COLSxROWS``), then echoes what the server sends: stdin as
``stdin <text>``, a resize as ``size WxH``; ``quit`` ends it. The real station
(``pitchroom juror``) takes a second or more of CPU to start, too slow for
fifteen of them in a CI run; one test in tests/station/test_serve.py and the
soak use it.
"""

import json
import os
import sys
import time
from pathlib import Path

folder, juror = Path(sys.argv[1]), sys.argv[2]
(folder / str(os.getpid())).write_text(juror, encoding="utf-8")
out = sys.stdout.buffer
time.sleep(float(sys.argv[3]) if len(sys.argv) > 3 else 0)  # a slow start, as under load


def packet(kind: bytes, payload: bytes) -> None:
    out.write(kind + len(payload).to_bytes(4, "big") + payload)
    out.flush()


out.write(b"__GANGLION__\n")
size = f"{os.environ.get('COLUMNS')}x{os.environ.get('ROWS')}"
packet(b"D", f"ready {juror} {os.getpid()} {size}".encode())
stdin = sys.stdin.buffer
while True:
    head = stdin.read(5)
    if len(head) < 5:
        break
    payload = stdin.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"D":
        packet(b"D", b"stdin " + payload)
    elif head[:1] == b"M":
        meta = json.loads(payload)
        if meta.get("type") == "resize":
            packet(b"D", f"size {meta['width']}x{meta['height']}".encode())
        elif meta.get("type") == "quit":
            packet(b"M", b'{"type": "exit"}')
            break
