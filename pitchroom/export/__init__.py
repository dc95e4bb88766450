"""The secretary's exports: workbook, CSV, JSON, the jury report, paper forms.

Public API::

    export_session(db_path, "xlsx")            # -> FILE-results.xlsx beside the db
    export_session(db_path, "csv", delimiter=";")  # -> folder FILE-results/
    write_forms(db_path)                       # -> FILE-forms.html

Both raise :class:`ExportError` (``FILE: FIELD: message``) for a bad format,
option or output path, and :class:`pitchroom.store.StoreError` for a database
that cannot be used. Nothing is half-written: output is built beside the
target and renamed into place. Never imports the UI or the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pitchroom.domain.definition import METHODS
from pitchroom.export.errors import ExportError
from pitchroom.i18n import formats, speaking, t

if TYPE_CHECKING:
    from pitchroom.export.document import ExportDocument
    from pitchroom.store import Store

FORMATS: tuple[str, ...] = ("xlsx", "csv", "json", "md", "html")
DELIMITERS: tuple[str, ...] = (",", ";")

Progress = Callable[[int, int], None]

__all__ = [
    "DELIMITERS",
    "FORMATS",
    "ExportError",
    "default_output",
    "export_session",
    "write_forms",
]


def default_output(db_path: Path, fmt: str) -> Path:
    """``FILE-results.EXT`` beside the database; for csv the folder ``FILE-results``."""
    db_path = Path(db_path)
    name = f"{db_path.stem}-results"
    return db_path.with_name(name if fmt == "csv" else f"{name}.{fmt}")


class _Ticker:
    """Counts work done and reports it to ``progress`` about 200 times at most."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.progress = max(total, 1), progress
        self.done = self._reported = 0
        self._step = max(1, self.total // 200)
        if progress:
            progress(0, self.total)

    def retotal(self, total: int) -> None:
        """The work turned out to be ``total`` units in all (done included)."""
        self.total = max(total, self.done, 1)
        self._step = max(1, self.total // 200)

    def __call__(self, amount: int = 1) -> None:
        self.done += amount
        if self.progress and (self.done - self._reported >= self._step or self.done >= self.total):
            self._reported = self.done
            self.progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        if self.progress and self._reported < self.total:
            self.progress(self.total, self.total)


def _check_options(db_path: Path, fmt: str, delimiter: str, method: str | None) -> None:
    if fmt not in FORMATS:
        raise ExportError(
            db_path, "format", t("export.bad_format", value=fmt, allowed=", ".join(FORMATS))
        )
    if delimiter not in DELIMITERS:
        raise ExportError(
            db_path,
            "delimiter",
            t("export.bad_delimiter", value=delimiter, allowed=" ".join(DELIMITERS)),
        )
    if method is not None and method not in METHODS:
        raise ExportError(
            db_path, "method", t("export.bad_method", value=method, allowed=", ".join(METHODS))
        )


def export_session(
    db_path: Path,
    fmt: str,
    out: Path | None = None,
    *,
    delimiter: str = ",",
    method: str | None = None,
    progress: Progress | None = None,
    unblind: bool = False,
) -> Path:
    """Write the ``fmt`` export of the session in ``db_path``; return where it went
    (``unblind``: with the values blind mode hides; the caller logs that)."""
    from pitchroom.export.files import check_target
    from pitchroom.store.db import paused_gc

    db_path = Path(db_path)
    fmt = (fmt or "").strip().lower()
    _check_options(db_path, fmt, delimiter, method)
    target = Path(out) if out is not None else default_output(db_path, fmt)
    check_target(target, folder=fmt == "csv")
    with paused_gc():  # a big session is millions of small objects: see paused_gc
        return _export(db_path, fmt, target, delimiter, method, progress, unblind)


def _export(
    db_path: Path,
    fmt: str,
    target: Path,
    delimiter: str,
    method: str | None,
    progress: Progress | None,
    unblind: bool = False,
) -> Path:
    from pitchroom.export.collect import collect, reading_work
    from pitchroom.export.files import atomic_file, atomic_folder
    from pitchroom.store import Store

    store = Store.open(db_path)
    try:
        # One bar for reading and writing: reading (the ranking with its extras,
        # the audit log and its verification) is most of a big export's time.
        reading = reading_work(store)
        tick = _Ticker(2 * reading, progress)  # writing: about as much again
        if fmt == "xlsx":
            _workbook(store, method, target, tick, unblind)
            tick.finish()
            return target
        doc = collect(store, method, tick=tick, unblind=unblind)
    finally:
        store.close()
    if fmt == "csv":
        from pitchroom.export.csvout import write_csv
        from pitchroom.export.tables import tables

        # CSV is a machine interface: English column names and values in every language.
        with speaking("en"):
            sheets = list(tables(doc))
        tick.retotal(tick.done + sum(len(s.rows) for s in sheets))
        with atomic_folder(target) as folder:
            write_csv(sheets, folder, delimiter, tick)
    elif fmt == "json":
        tick.retotal(tick.done + max(reading // 2, 1))
        with atomic_file(target) as tmp:
            tmp.write_text(doc.model_dump_json(indent=2) + "\n", encoding="utf-8")
            tick(max(reading // 2, 1))
    else:
        tick.retotal(tick.done + len(doc.ranking.ranking))
        text = _report(doc, fmt, tick)
        with atomic_file(target) as tmp:
            tmp.write_text(text, encoding="utf-8")
    tick.finish()
    return target


def _workbook(store: Store, method: str | None, target: Path, tick: _Ticker, unblind: bool) -> None:
    """The workbook, its two big sheets read from the store while they are written
    (:mod:`pitchroom.export.streamed`), all of it in one snapshot."""
    from pitchroom.export.aside import verifier
    from pitchroom.export.collect import collect_streamed, snapshot
    from pitchroom.export.files import atomic_file
    from pitchroom.export.xlsx import write_xlsx

    # The log is verified (in a second process, if big) while the rest is read and written.
    with snapshot(store), verifier(store, store.head()[0]) as verify:
        doc, streams = collect_streamed(store, method, tick=tick, unblind=unblind, verify=verify)
        sheets = streams.tables(doc)
        try:
            rows = sum(s.count() for s in sheets)
            # Ticks as rows are written; then the file is compressed, about a third again.
            tick.retotal(tick.done + rows + rows // 3)
            with atomic_file(target) as tmp:
                write_xlsx(doc, sheets, tmp, tick)
        finally:
            for sheet in sheets:
                if sheet.stream is not None:
                    sheet.stream.close()


def _report(doc: ExportDocument, fmt: str, tick: Callable[[int], None]) -> str:
    from pitchroom.export.htmlreport import render_html
    from pitchroom.export.markdown import render_markdown
    from pitchroom.export.report import build_report

    title, sections = build_report(doc, tick, charts=fmt == "html")
    if fmt == "md":
        return render_markdown(title, sections)
    subtitle = t(
        "export.report_subtitle",
        database=doc.database,
        date=formats.moment(doc.generated_at),
    )
    footer = t(
        "export.print_footer",
        protocol=doc.protocol[:16],
        head=doc.audit.head_hash[:16],
        events=doc.audit.events,
    )
    return render_html(title, subtitle, footer, sections)


def write_forms(db_path: Path, out: Path | None = None) -> Path:
    """Printable paper score forms (HTML), by default ``FILE-forms.html`` beside the db."""
    from pitchroom.export.files import atomic_file, check_target
    from pitchroom.export.forms import render_forms
    from pitchroom.store import Store

    db_path = Path(db_path)
    target = Path(out) if out is not None else db_path.with_name(f"{db_path.stem}-forms.html")
    check_target(target, folder=False)
    store = Store.open(db_path)
    try:
        session = store.session
        recusals = set(store.recusals()) | store.absences()
        withdrawn = {k for k, state in store.pitch_states().items() if state.withdrawn}
    finally:
        store.close()
    text, _count = render_forms(session, recusals, withdrawn)
    with atomic_file(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return target
