"""The scoring protocol and its fingerprint.

The protocol is everything that decides the outcome besides the scores: the
scale, the criteria with their weights, order (the tie-break priority) and
thresholds, the method, the quorum, the budget, the cap, the funding rule and
the pots (and the pre-selection, when there is one). Its SHA-256 fingerprint
is frozen when the first score is saved and printed on every export (SPEC.md, "Storage").
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pitchroom.domain.amendment import Session


def protocol_of(session: Session) -> dict[str, object]:
    """The protocol as a plain, canonical dict (stable key order, JSON numbers).

    When the pre-selection decided some proposals, their stages and grants are
    part of it too (they decide the funding line); a session without one keeps
    the fingerprint it always had."""
    s = session.session
    dumped = session.model_dump(mode="json")
    info = dumped["session"]
    protocol = {
        "scale": info["scale"],
        "criteria": [
            {"key": c["key"], "weight": c["weight"], "threshold": c["threshold"]}
            for c in dumped["criteria"]
        ],
        "method": s.method,
        "quorum": info["quorum"],
        "budget": info["budget"],
        "max_funded": info["max_funded"],
        "funding_rule": s.funding_rule,
        "pots": [
            {
                "key": p["key"],
                "budget": p["budget"],
                "min_requested": p["min_requested"],
                "max_requested": p["max_requested"],
            }
            for p in dumped["pots"]
        ],
    }
    decided = [
        {"key": p["key"], "stage": p["stage"], "granted": p["granted"]}
        for p in dumped["pitches"]
        if p["stage"] != "pitch"
    ]
    if decided:
        protocol["preselection"] = decided
    return protocol


def fingerprint(session: Session) -> str:
    """SHA-256 (hex) of the canonical JSON of the protocol."""
    canonical = json.dumps(protocol_of(session), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
