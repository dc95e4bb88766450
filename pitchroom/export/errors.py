"""The one error the export package raises for bad input or an unusable output."""

from __future__ import annotations

from pathlib import Path


class ExportError(Exception):
    """A format, option or output path the export cannot use; nothing was written.

    ``str(error)`` is ``FILE: FIELD: message`` (SPEC.md, "Command line"); the
    CLI prints it and exits 2.
    """

    def __init__(self, file: Path | str, field: str, message: str) -> None:
        super().__init__(f"{file}: {field}: {message}")
        self.file = file
        self.field = field
        self.message = message
