"""The session store: SQLite, migrations, audit log.

Never imports the UI (import-linter enforces it). The names below are imported
on first use (a module ``__getattr__``), so ``from pitchroom.store import
StoreError`` does not pull in the whole store (its rules, amendments, bulk
writes and their imports): ``pitchroom open`` and ``ranking`` pay only for what
they use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pitchroom.store.amend import AmendmentRefused as AmendmentRefused
    from pitchroom.store.db import RuleError as RuleError
    from pitchroom.store.db import StoreError as StoreError
    from pitchroom.store.db import Unchanged as Unchanged
    from pitchroom.store.db import WriteFailed as WriteFailed
    from pitchroom.store.store import BulkRuleError as BulkRuleError
    from pitchroom.store.store import Store as Store

_EXPORTS = {
    "AmendmentRefused": "pitchroom.store.amend",
    "BulkRuleError": "pitchroom.store.store",
    "RuleError": "pitchroom.store.db",
    "Store": "pitchroom.store.store",
    "StoreError": "pitchroom.store.db",
    "Unchanged": "pitchroom.store.db",
    "WriteFailed": "pitchroom.store.db",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:  # a submodule (``from pitchroom.store import audit``) is imported
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
