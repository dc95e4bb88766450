"""How every write of the store is made: one transaction with its moment fixed, the
record row changed and the change appended to the audit log (the actions in
:mod:`pitchroom.store.store`, :mod:`~pitchroom.store.jury`, :mod:`~pitchroom.store.live`
and :mod:`~pitchroom.store.amend` are built on these)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from pitchroom.store import audit
from pitchroom.store.base import StoreBase, _iso
from pitchroom.store.db import WriteFailed, write_transaction
from pitchroom.store.records import Event, event_from_row
from pitchroom.store.rows import apply_row


class StoreWrites(StoreBase):
    def _current(self, sql: str, args: Any) -> Any:
        """One row of the record, inside the caller's transaction."""
        return self.db.execute(sql, list(args)).fetchone()

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction, with its moment fixed (see :meth:`_now`)."""
        outer = self._moment is None
        if outer:
            problem = self.watch.problem()
            if problem is not None:
                raise WriteFailed(problem)
        try:
            with write_transaction(self.db):
                if outer:  # after BEGIN IMMEDIATE: events' times follow their order
                    self._moment = _iso(self.clock())
                yield
        finally:
            if outer:
                self._moment = None

    def _log(self, **fields: Any) -> Event:
        row = audit.append(self.db, at=self._now(), **fields)
        return event_from_row(row)

    def apply(
        self, entity: str, key: tuple[Any, ...], values: dict[str, Any] | None, actor: str
    ) -> None:
        """Set one record row to ``values`` (None deletes it); see :func:`apply_row`."""
        apply_row(self.db, entity, key, values, actor, self._now())

    def _record(
        self,
        entity: str,
        key: tuple[str, ...],
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        *,
        actor: str,
        action: str,
        reason: str | None = None,
    ) -> Event:
        """What every write of a record ends with: its row set to ``after`` and the change
        logged. ``key`` is the record's (pitch[, juror[, criterion]])."""
        self.apply(entity, key, after, actor)
        pitch, juror, criterion = (*key, None, None)[:3]
        return self._log(
            actor=actor,
            action=action,
            entity=entity,
            pitch=pitch,
            juror=juror,
            criterion=criterion,
            before=before,
            after=after,
            reason=reason,
        )
