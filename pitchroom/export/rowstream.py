"""A table's rows made a chunk at a time while a writer takes them (the big tables of
a workbook: :mod:`pitchroom.export.streamed` makes them, the writers read them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

Cell = str | int | float | None
"""What a table cell holds (None: empty)."""


class Streamed:
    """A table's rows made a chunk at a time while the writer takes them (once); the
    first chunk is made when first asked for (:attr:`head`, for the column widths)."""

    def __init__(
        self,
        count: int,
        chunks: Iterable[list[list[Cell]]],
        *,
        checked: bool = False,
        columns: Callable[[int, int], list[Any]] | None = None,
    ) -> None:
        self.count = count
        self.checked = checked
        """Every text in the rows is already as the writers' text check leaves it."""
        self.columns = columns
        """If given, ``columns(start, stop)``: those rows as columns
        (:mod:`pitchroom.export.xlsx_arrow`), the compiled writer's faster way in."""
        self._source: Iterable[list[list[Cell]]] | None = chunks
        self._chunks: Iterator[list[list[Cell]]] | None = None
        self._head: list[list[Cell]] | None = None
        self._reading: Iterator[list[list[Cell]]] | None = None

    @property
    def head(self) -> list[list[Cell]]:
        if self._head is None:
            if self._source is None:
                raise RuntimeError("streamed rows are read once")
            self._chunks, self._source = iter(self._source), None
            self._head = next(self._chunks, [])
        return self._head

    def chunks(self) -> Iterator[list[list[Cell]]]:
        """The rows, in chunks (the first is :attr:`head`); only once."""
        head = self.head
        rest, self._chunks = self._chunks, None
        if rest is None:
            raise RuntimeError("streamed rows are read once")
        self._reading = rest
        if head:
            yield head
        yield from rest

    def close(self) -> None:
        """Let go of what is left unread (the reading's cursor, while the store is open)."""
        for rest in (self._source, self._chunks, self._reading):
            close = getattr(rest, "close", None)
            if close is not None:
                close()
        self._source = self._chunks = self._reading = None
