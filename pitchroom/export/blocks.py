"""The jury report's building blocks: plain blocks that ``md`` and ``html`` render
(texts in them are raw user text and labels; each renderer escapes them for its
own format), and the small lookups every section uses."""

from __future__ import annotations

from dataclasses import dataclass, field

from pitchroom.export.document import ExportDocument
from pitchroom.export.text import money
from pitchroom.i18n import t


@dataclass
class Facts:
    rows: list[tuple[str, str]]
    mono: frozenset[int] = frozenset()
    """Indexes of values shown in a fixed-width font (hashes)."""


@dataclass
class Para:
    text: str
    muted: bool = False


@dataclass
class Grid:
    columns: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    lines: dict[int, str] = field(default_factory=dict)
    """Row index -> label of the funding line drawn above that row."""
    caption: str = ""


@dataclass
class Notes:
    """Labelled texts (comments, motivations): ``label: text`` one per item."""

    items: list[tuple[str, str]]


@dataclass
class Signoff:
    rows: list[tuple[str, str]]
    """(role, name); an empty name leaves a line to write it on."""


@dataclass
class ChartBlock:
    """An inline SVG chart (html only; the md report stays text)."""

    title: str
    caption: str
    svg: str
    """Trusted markup made by :mod:`pitchroom.export.svgcharts` (user text escaped there)."""


Block = Facts | Para | Grid | Notes | Signoff | ChartBlock


@dataclass
class Section:
    title: str
    blocks: list[Block]
    anchor: str
    subsections: list[Section] = field(default_factory=list)


def table_or_none(
    title: str, anchor: str, columns: list[str], rows: list[list[str]], none: str
) -> Section:
    """A section that is one table of ``rows``, or the muted sentence ``none``
    when there are no rows."""
    block: Block = Grid(columns, rows) if rows else Para(none, muted=True)
    return Section(title, [block], anchor)


def money_of(doc: ExportDocument, value: float | None) -> str:
    return money(value, doc.session.currency)


def names(doc: ExportDocument) -> tuple[dict[str, str], dict[str, str]]:
    return {p.key: p.title for p in doc.pitches}, {j.key: j.name for j in doc.jurors}


def role(role: str) -> str:
    return t(f"export.role_{role}")


def title_of(doc: ExportDocument, pitch: str | None) -> str:
    if pitch is None:
        return t("export.none")
    titles, _ = names(doc)
    return titles.get(pitch, pitch)


def decision_label(
    doc: ExportDocument, decision: str, amount: float | None, requested: float | None
) -> str:
    if decision == "award":
        return t(
            "export.decision_award_amount",
            amount=money_of(doc, amount if amount is not None else requested),
        )
    return t(f"export.decision_{decision}")
