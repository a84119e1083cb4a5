"""Tables that a legal-text website's copy lays out one cell per line, rebuilt into
Markdown rows ("| 1 | Nội dung | Sở X | 2026 |") before a plan's text is read."""

from __future__ import annotations

import re

from domain.text import fold

APPENDIX = ("phu luc", "danh muc nhiem vu", "bang phan cong")
"""Folded openings of an appendix heading ("PHỤ LỤC", "DANH MỤC NHIỆM VỤ")."""


def cells_joined(raw_lines: list[str]) -> list[tuple[int, str]]:
    """(line number, text) with a table that a web page's copy laid out one cell per line
    rebuilt into Markdown rows: cells are separated by lines holding only "|", and a row
    ends where two such lines meet ("|" / "**TT**" / "|" / "Nội dung" / "|" / "|" / "1" ...).
    A cell runs over at most eight lines and no blank line, and a "PHỤ LỤC" heading is never
    in one; anything else ends the table."""
    out: list[tuple[int, str]] = []
    index = 0
    while index < len(raw_lines):
        if raw_lines[index].strip() != "|":
            out.append((index + 1, raw_lines[index]))
            index += 1
            continue
        rows, end = _cell_rows(raw_lines, index)
        out += rows if rows else [(index + 1, raw_lines[index])]
        index = end if rows else index + 1
    return out


def _cell_rows(raw_lines: list[str], start: int) -> tuple[list[tuple[int, str]], int]:
    """The Markdown rows of the one-cell-per-line table opening at `start` (a "|" line) and
    the index after its last "|".

    The first row ends at the first "|" that follows a "|"; its cells set the width. In
    later rows a "|" right after a "|" is an empty cell, unless a row number ("1", "2.1",
    "II") comes next: then the row is a shorter one (a group heading's merged cells)."""
    rows: list[tuple[int, str]] = []
    cells: list[str] = []
    current: list[str] = []
    width = 0
    opening = False  # the row is complete: the next "|" opens the next one
    row_at = last_bar = start

    def emit() -> None:
        rows.append((row_at, "| " + " | ".join(cells) + " |"))
        cells.clear()

    for index in range(start + 1, len(raw_lines)):
        text = raw_lines[index].strip()
        if text == "|":
            last_bar = index
            if current:
                cells.append(" ".join(current))
                current = []
                if width and len(cells) >= width:
                    emit()
                    opening = True
            elif opening:
                opening = False
            elif cells:
                after = raw_lines[index + 1].strip() if index + 1 < len(raw_lines) else ""
                if width and len(cells) < width and not _ROW_NUMBER.fullmatch(after):
                    cells.append("")  # an empty cell
                    if len(cells) >= width:
                        emit()
                        opening = True
                    continue
                width = width or len(cells)
                emit()
            continue
        if opening or not text or len(current) >= 8:
            break
        if fold(text.strip("* ")).startswith(APPENDIX):
            break
        if not current and not cells:
            row_at = index + 1
        current.append(text.replace("|", "/"))
    if cells:
        emit()
    return (rows, last_bar + 1) if rows else ([], start)


_ROW_NUMBER = re.compile(r"\**(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2}){0,2})\.?\**")
