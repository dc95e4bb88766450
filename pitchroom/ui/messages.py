"""Messages shared across screens (posted from thread workers)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from pitchroom.domain.consensus.result import Ranking


@dataclass
class RankingReady(Message):
    """A ranking computed by a worker, ready to be shown."""

    report: Ranking
    method: str | None
    extras: bool
    version: int = 0
    """The id of the last event the ranking includes: an older one is not shown over a newer."""


@dataclass
class RankingFailed(Message):
    """A ranking that could not be computed, with the reason."""

    message: str
    extras: bool = False


@dataclass
class ExportFinished(Message):
    """An export written to path."""

    path: Path


@dataclass
class ExportFailed(Message):
    """An export that could not be written, with the reason."""

    message: str
