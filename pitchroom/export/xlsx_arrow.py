"""Columns for the compiled writer's Arrow way in (``Worksheet.write_dataframe``).

``write_rows`` takes every cell as a Python object (about a microsecond a cell); a
table whose texts come from a few names (the Scores sheet: keys, titles, names and
Counts labels per score) can go as Arrow columns instead, which the writer reads in
Rust. Each text column is built from its vocabulary and an index array with numpy
(the UTF-8 bytes of ``vocab[index]`` gathered at once), numbers as float64 (what
``write_rows`` stores for an int or a float alike); nanoarrow (the Apache Arrow C
library's Python bindings, a few MB, no dependencies) wraps the buffers. The writer
leaves an empty text out as ``write_rows`` does, so the sheet's XML is the same
(tests/export/test_xlsx_streamed.py compares the files).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Texts:
    """A column of ``vocab[index[k]]``."""

    vocab: Sequence[str]
    index: np.ndarray


Column = Texts | np.ndarray
"""A text column, or a column of numbers (float64)."""


def available() -> bool:
    from importlib.util import find_spec

    return find_spec("nanoarrow") is not None


def _utf8(column: Texts) -> Any:
    import nanoarrow as na

    encoded = [text.encode("utf-8") for text in column.vocab]
    lengths = np.array([len(b) for b in encoded], dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    blob = np.frombuffer(b"".join(encoded) or b"\0", dtype=np.uint8)
    sizes = lengths[column.index]
    ends = np.cumsum(sizes)
    if ends.size and ends[-1] >= 1 << 31:
        raise OverflowError("a text column of more than 2 GB")
    offsets = np.concatenate(([0], ends)).astype(np.int32)
    # byte k of the column is byte (k - its row's offset) of its row's text
    gather = np.repeat(starts[column.index] - offsets[:-1], sizes) + np.arange(
        int(offsets[-1]), dtype=np.int64
    )
    return na.c_array_from_buffers(na.string(), len(column.index), [None, offsets, blob[gather]])


class Frame:
    """Columns as one Arrow stream of a single record batch (the writer's protocol)."""

    def __init__(self, columns: Sequence[Column]) -> None:
        import nanoarrow as na

        arrays = [
            _utf8(c)
            if isinstance(c, Texts)
            else na.c_array_from_buffers(
                na.float64(), len(c), [None, np.ascontiguousarray(c, dtype=np.float64)]
            )
            for c in columns
        ]
        length = len(columns[0].index) if isinstance(columns[0], Texts) else len(columns[0])
        schema = na.struct({f"c{i}": array.schema for i, array in enumerate(arrays)})
        batch = na.c_array_from_buffers(schema, length, [None], children=arrays)
        self._stream = na.c_array_stream(batch)

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._stream.__arrow_c_stream__(requested_schema)
