"""The session store: SQLite through sqlite-utils, migrations, audit log.

Never imports the UI (import-linter enforces it).
"""

from pitchroom.store.amend import AmendmentRefused
from pitchroom.store.db import RuleError, StoreError, Unchanged, WriteFailed
from pitchroom.store.store import BulkRuleError, Store

__all__ = [
    "AmendmentRefused",
    "BulkRuleError",
    "RuleError",
    "Store",
    "StoreError",
    "Unchanged",
    "WriteFailed",
]
