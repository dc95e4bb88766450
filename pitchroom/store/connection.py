"""The store's connection: plain sqlite3 with sqlite-utils' meaning for the two
calls the store makes, so that opening and reading a session imports no
sqlite-utils (it is loaded for a migration's table operations only)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


def _first_keyword(sql: str) -> str:
    """The statement's first word, upper case (leading spaces, ``;`` and ``--``
    comments skipped), as sqlite-utils reads it."""
    text = sql.lstrip(" \t\r\n;\ufeff")
    while text.startswith(("--", "/*")):
        if text.startswith("--"):
            end = text.find("\n")
            text = "" if end == -1 else text[end + 1 :]
        else:
            end = text.find("*/")
            text = "" if end == -1 else text[end + 2 :]
        text = text.lstrip(" \t\r\n;\ufeff")
    word = []
    for ch in text:
        if not (ch.isalpha() or ch == "_"):
            break
        word.append(ch)
    return "".join(word).upper()


class Database:
    """A session database's connection: ``conn`` (sqlite3) and the two calls the
    store makes, with sqlite-utils' meaning (``execute`` of a write outside a
    transaction commits it; ``query`` gives rows as dicts).

    Plain sqlite3, so opening and reading a session (``pitchroom open``,
    ``ranking``) does not import sqlite-utils and what it pulls in; :attr:`utils`
    is sqlite-utils' own ``Database`` on the same connection, for the table
    operations of a migration.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor:
        """Run one statement, as ``sqlite_utils.Database.execute`` does: a write that
        opened an implicit transaction is committed at once, and a failed one
        leaves no transaction open."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.execute(sql) if parameters is None else conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and conn.in_transaction
            and cursor.description is None
            and _first_keyword(sql) not in _TRANSACTION_CONTROL
        ):
            conn.execute("COMMIT")
        return cursor

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """The rows of a ``select`` as dicts (column name to value)."""
        cursor = self.conn.execute(sql) if params is None else self.conn.execute(sql, params)
        if cursor.description is None:
            raise ValueError("query() can only be used with SQL that returns rows")
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @property
    def utils(self) -> sqlite_utils.Database:
        """sqlite-utils on this connection (imported on first use)."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    def close(self) -> None:
        self.conn.close()
