"""Messages shared across screens (posted from thread workers)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from pitchroom.domain.consensus.result import Ranking


@dataclass
class RankingReady(Message):
    report: Ranking
    method: str | None
    extras: bool
    version: int = 0
    """The id of the last event the ranking includes: an older one is not shown over a newer."""


@dataclass
class RankingFailed(Message):
    message: str
    extras: bool = False


@dataclass
class ExportFinished(Message):
    path: Path


@dataclass
class ExportFailed(Message):
    message: str
