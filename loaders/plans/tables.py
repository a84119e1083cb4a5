"""Task tables in plans: "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian".

Many plans (and most appendices, "PHỤ LỤC") list their tasks in a table rather than in
numbered prose. A table counts as a task table when one of its first rows names a task
column and a deadline or unit column; a row with a number and a title but nothing else
("I | Công tác tuyên truyền") is a group heading for the rows under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.text import fold
from loaders.plans.text import Block

_COLUMNS = {
    "number": ("stt", "tt", "so tt", "so thu tu"),
    "title": (
        "noi dung",
        "nhiem vu",
        "cong viec",
        "noi dung cong viec",
        "ten nhiem vu",
        "noi dung nhiem vu",
        "nhiem vu cu the",
        "hoat dong",
        "don vi duoc kiem tra",
        "ten don vi duoc kiem tra",
        "doi tuong kiem tra",
    ),
    "chair": (
        "chu tri",
        "co quan chu tri",
        "don vi chu tri",
        "don vi thuc hien",
        "co quan thuc hien",
        "co quan don vi chu tri",
        "trach nhiem",
    ),
    "partner": ("phoi hop", "co quan phoi hop", "don vi phoi hop"),
    "deadline": (
        "thoi gian",
        "thoi han",
        "tien do",
        "thoi gian hoan thanh",
        "thoi gian thuc hien",
        "thoi han hoan thanh",
    ),
}


@dataclass
class TableRow:
    line: int
    number: str
    title: str
    group: str = ""
    group_number: str = ""
    deadline: str = ""
    chair: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)


def _cells(text: str) -> list[str]:
    return [c.replace("**", "").strip() for c in text.strip().strip("|").split("|")]


def _years(cell: str) -> str:
    """A time column's bare years in words: "2026" -> "năm 2026", "2026 - 2030" -> "từ năm
    2026 đến năm 2030" (in running text a bare number is no deadline; in this column it is)."""
    span = re.fullmatch(r"(?:năm\s+)?(\d{4})\s*[-–]\s*(?:năm\s+)?(\d{4})", cell.strip(), re.I)
    if span:
        return f"từ năm {span.group(1)} đến năm {span.group(2)}"
    return f"năm {cell.strip()}" if re.fullmatch(r"\d{4}", cell.strip()) else cell


def _header(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = fold(cell)
        for name, words in _COLUMNS.items():
            if name not in found and (key in words or any(key.startswith(w + " ") for w in words)):
                found[name] = index
                break
    return found


def table_rows(blocks: list[Block]) -> list[TableRow]:
    """The task rows of the task tables among `blocks`; [] when there are none.

    A table split across pages (a paragraph, or nothing, between its parts; the header not
    repeated) goes on with the columns of its first part when its rows have as many cells.
    """
    rows: list[TableRow] = []
    columns: dict[str, int] = {}
    width = 0
    group, group_number = "", ""
    for block in blocks:
        if block.kind != "table":
            continue
        cells = _cells(block.text)
        if all(re.fullmatch(r":?-{2,}:?", c) or not c for c in cells):
            continue  # markdown separator
        header = _header(cells)
        if "title" in header and len(header) >= 2:
            columns, width, group, group_number = header, len(cells), "", ""
            continue
        if (
            columns
            and len(cells) == 2 < width
            and re.fullmatch(r"[IVXLC]+|\d{1,2}|[A-Z]", cells[0])
        ):
            group, group_number = cells[1], cells[0]  # a group row whose cells were merged
            continue
        if not columns or len(cells) != width:
            continue

        def get(name: str, cells=cells, columns=columns) -> str:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        title = get("title")
        if not title:
            continue
        rest = [get(name) for name in ("chair", "partner", "deadline")]
        if not any(rest):
            group, group_number = title, get("number").rstrip(".")
            continue
        rows.append(
            TableRow(
                line=block.line,
                number=get("number").rstrip("."),
                title=title,
                group=group,
                group_number=group_number,
                deadline=_years(get("deadline")),
                chair=[n for n in re.split(r"\s*[;\n]\s*|<br>", get("chair")) if n],
                partners=[n for n in re.split(r"\s*[;\n]\s*|<br>", get("partner")) if n],
            )
        )
    return rows


def header_year(blocks: list[Block]) -> int | None:
    """The year a task table's time column names in its header ("Thời gian (Năm 2026)"),
    for cells that give a day and month only."""
    for block in blocks:
        if block.kind == "table":
            cells = _cells(block.text)
            header = _header(cells)
            if "title" in header and "deadline" in header:
                found = re.search(r"năm\s+(\d{4})", cells[header["deadline"]], re.IGNORECASE)
                if found:
                    return int(found.group(1))
    return None
