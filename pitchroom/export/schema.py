"""The JSON Schema of the export document, generated from the pydantic models.

The schema ships with the package (``schema/export.schema.json``); a test
checks that it is current. Regenerate it after changing
:mod:`pitchroom.export.document`::

    python -m pitchroom.export.schema
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pitchroom.export.document import FORMAT_VERSION, ExportDocument

SCHEMA_PATH = Path(__file__).with_name("schema") / "export.schema.json"


def json_schema() -> dict[str, Any]:
    """The schema of :class:`ExportDocument` as serialised to JSON."""
    schema = ExportDocument.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"pitchroom export, version {FORMAT_VERSION}",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    """(Re)generate the shipped schema file."""
    path.write_text(schema_text(), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover
    print(write_schema())
