"""Axis labels for a narrow screen: whole names wrapped over lines, never cut to a code.

A phone leaves a chart about 90–110 px for its row names; a name cut to fit ("NV01…",
"Sở Ngoại v…") cannot be read, so names are broken between words into lines of about
`width` characters (a word longer than that keeps its own line). Plotly draws ``<br>`` as
a line break in tick text and reads a few other tags, so the text is escaped first.
"""

from __future__ import annotations

import html
import textwrap

LINE_PX = 14
"""Height of one line of 11–12 px tick text."""
TARGET_PX = 44
"""A row of a phone chart is at least this tall: a finger's target (>= 40 px)."""


def wrap(text: str, width: int) -> str:
    """`text` (plain, not markup) escaped and broken between words into lines of at most
    `width` characters, joined by ``<br>``."""
    words = " ".join(str(text).split())
    lines = textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(html.escape(line) for line in lines or [""])


def line_count(label: str) -> int:
    """Lines of a label made by :func:`wrap` (or any tick text with ``<br>``)."""
    return label.count("<br>") + 1


def row_px(labels: list[str], least: int = TARGET_PX) -> int:
    """The height every row needs so that the longest wrapped label fits, at least `least`."""
    most = max((line_count(label) for label in labels), default=1)
    return max(least, LINE_PX * most + 8)
