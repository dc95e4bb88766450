"""Updating a widget's content without laying out the whole screen when its size stays.

``Static.update`` asks for a layout of the screen by default (the content may change the
widget's height); after a typed score the ranking panel and the journal almost always
stay as many lines high, and that layout (arranging every widget, measuring the panel
by rendering it) was about a sixth of the frame after Enter.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import Static


def update_in_place(widget: Static, content: VisualType) -> None:
    """``widget.update(content)``; a layout only when the content's height at the
    widget's width (Textual's own measure, kept for the drawing) is not the height it
    has. For widgets whose width does not follow their content (``width`` not auto)."""
    width, height = widget.content_size
    widget.update(content, layout=False)
    if not (width and height) or widget.get_content_height(Size(0, 0), Size(0, 0), width) != height:
        widget.refresh(layout=True)
