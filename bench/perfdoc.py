"""Each benchmark's figures go into their own block of docs/PERFORMANCE.md.

A block sits between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``; a
run replaces its block and leaves the prose around it alone.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "PERFORMANCE.md"


def machine() -> str:
    """Where and under what load a figure was taken (load average of the last minute)."""
    load = os.getloadavg()[0]
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, load average {load:.1f} when written"
    )


def write_block(name: str, text: str, doc: Path = DOC) -> None:
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    body = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    block = f"{start}\n{text.rstrip()}\n{end}"
    if start in body and end in body:
        head, rest = body.split(start, 1)
        body = head + block + rest.split(end, 1)[1]
    else:
        body = body.rstrip() + "\n\n" + block + "\n"
    doc.write_text(body, encoding="utf-8")
