"""Plan document bytes -> clean lines -> an outline of numbered sections.

Reads .txt and .md (UTF-8, UTF-16 with BOM, or the Windows Vietnamese code page) and .docx
(paragraphs and tables in order; Word's automatic numbering is not in the text and is
lost). Markdown emphasis and heading marks are dropped. A line that starts in lower case
continues the paragraph before it, because page breaks and hard wraps split sentences.

The outline knows the numbering styles of Vietnamese administrative documents: "I-", "II."
for parts, "1.", "1-", "1.1." for sections, "a)" for points, "-" and "+" for bullets.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from domain.problems import Problem
from domain.text import clean, fold
from loaders.plans.cell_lines import APPENDIX, cells_joined
from loaders.plans.model import at_line

MAX_BYTES = 10 * 1024 * 1024
"""Larger files are refused: a plan is a few pages."""
MAX_INFLATED = 50 * 1024 * 1024
"""A .docx whose parts would inflate past this is refused before any reader sees it."""

_ROMAN = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))\s*[.\-–/),:]\s*(\S.*)$")
_ROMAN_BARE = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))[Ll|!]?\s+(\w\S*\s\S.{2,})$")
"""OCR drops or misreads the point after a part's number ("II NỘI DUNG", "IIIL TỔ CHỨC"):
a numeral before a heading in capitals is still a part."""
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:[.\-–)]\s*|\.?\s+(?=[A-ZĐÀ-Ỹ]))(\S.*)$")
_LETTER = re.compile(r"^([a-zđ])\s*\)\s*(\S.*)$")
_NUMBERED_LETTER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.([a-zđ])\s*[.)]\s*(\S.*)$")
"""Some plans number their points under "2.1." as "2.1.a.", "2.1.b.": a lettered point."""
_BULLET = re.compile(r"^([-–•+*·])\s*(\S.*)$")
_TABLE = re.compile(r"^\|.*\|$")
_EMPHASIS = re.compile(r"(?<![\w*])\*(\S(?:[^*]*?\S)?)\*(?![\w*])")
_STOP = "nơi nhận"


@dataclass
class Line:
    no: int  # 1-based line number in the text read
    text: str
    kind: str = "text"  # roman | number | letter | bullet | table | text
    marker: str = ""
    gap: bool = False  # a blank line came before it (the header uses blank lines)


@dataclass
class Block:
    """A paragraph or a bullet of a section body; bullets carry their "+" sub-bullets."""

    kind: str  # para | bullet
    line: int
    text: str
    subs: list[Block] = field(default_factory=list)


@dataclass
class Node:
    """A numbered heading with its body and sub-sections."""

    kind: str  # root | roman | number | letter
    marker: str
    text: str
    line: int
    level: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def all_text(self) -> str:
        """Heading, body and sub-sections as one string (for searching)."""
        parts = [self.text]
        for block in self.blocks:
            parts.append(block.text)
            parts.extend(sub.text for sub in block.subs)
        parts.extend(child.all_text() for child in self.children)
        return " ".join(p for p in parts if p)


# -- bytes -> text --------------------------------------------------------------------


def decode_document(data: bytes, filename: str = "") -> tuple[str, list[Problem]]:
    """Text of a .txt, .md or .docx file; on failure "" and a located problem."""
    name = filename or "tệp"
    if not data:
        return "", [at_line("tệp trống.", severity="error")]
    if len(data) > MAX_BYTES:
        return "", [
            at_line(
                f"tệp lớn hơn {MAX_BYTES // 1024 // 1024} MB, không giống một kế hoạch.",
                severity="error",
            )
        ]
    if data[:4] == b"PK\x03\x04":
        return _docx_text(data, name)
    if data[:4] == b"\xd0\xcf\x11\xe0":
        return "", [
            at_line(
                "đây là tệp Word cũ (.doc). Hãy mở bằng Word và lưu lại thành .docx rồi tải lên.",
                severity="error",
            )
        ]
    if data[:5] == b"%PDF-":
        return "", [
            at_line(
                "tệp PDF chưa đọc được. Hãy tải bản .docx hoặc dán nội dung văn bản.",
                severity="error",
            )
        ]
    return _decode_text(data), []


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def _docx_text(data: bytes, name: str) -> tuple[str, list[Problem]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if "word/document.xml" not in {m.filename for m in members}:
                return "", [
                    at_line("tệp nén này không phải văn bản Word (.docx).", severity="error")
                ]
            if sum(m.file_size for m in members) > MAX_INFLATED or any(
                m.compress_size and m.file_size / m.compress_size > 200 for m in members
            ):
                return "", [
                    at_line("tệp .docx có nội dung giải nén quá lớn, không đọc.", severity="error")
                ]
        import docx  # python-docx; imported here so .txt users never pay for it

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a damaged file is a user's problem, not ours
        return "", [at_line(f"không đọc được tệp .docx ({type(exc).__name__}).", severity="error")]
    lines: list[str] = []
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    numbering = _Numbering(document, namespace)
    for element in document.element.body.iterchildren():
        if element.tag == f"{namespace}p":
            text = "".join(t.text or "" for t in element.iter(f"{namespace}t"))
            lines.append(numbering.prefix(element) + text if text.strip() else text)
        elif element.tag == f"{namespace}tbl":
            lines += _table_lines(element, namespace, numbering)
            lines.append("")
    return "\n".join(lines), []


def _table_lines(table, ns: str, numbering: _Numbering) -> list[str]:
    """One "| a | b |" line per row. A cell merged down over several rows (vMerge) gives
    its text to every row it covers, so the second row of a merged task keeps its title;
    list numbers inside cells are kept."""
    lines: list[str] = []
    above: dict[int, str] = {}
    for row in table.iter(f"{ns}tr"):
        cells: list[str] = []
        column = 0
        for cell in row.iter(f"{ns}tc"):
            props = cell.find(f"{ns}tcPr")
            span, merge = 1, None
            if props is not None:
                grid = props.find(f"{ns}gridSpan")
                span = int(grid.get(f"{ns}val", 1)) if grid is not None else 1
                merge = props.find(f"{ns}vMerge")
            text = " ".join(
                numbering.prefix(p) + "".join(t.text or "" for t in p.iter(f"{ns}t"))
                for p in cell.iter(f"{ns}p")
            ).strip()
            if merge is not None and merge.get(f"{ns}val") != "restart" and not text:
                text = above.get(column, "")
            above[column] = text
            cells.append(text)
            column += span
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return lines


class _Numbering:
    """Word's automatic list numbers ("I.", "1.1.", "-"), which are not in the text."""

    def __init__(self, document, ns: str) -> None:
        self.ns = ns
        self.formats: dict[str, dict[int, tuple[str, str]]] = {}
        self.counts: dict[str, list[int]] = {}
        self.styles = {}
        for style in document.styles.element.iter(f"{ns}style"):
            found = style.find(f"{ns}pPr/{ns}numPr")
            if found is not None:
                self.styles[style.get(f"{ns}styleId")] = found
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for item in root.iter(f"{ns}abstractNum"):
            levels = {}
            for lvl in item.iter(f"{ns}lvl"):
                fmt, text = lvl.find(f"{ns}numFmt"), lvl.find(f"{ns}lvlText")
                levels[int(lvl.get(f"{ns}ilvl", 0))] = (
                    fmt.get(f"{ns}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{ns}val", "") if text is not None else "",
                )
            abstract[item.get(f"{ns}abstractNumId")] = levels
        for num in root.iter(f"{ns}num"):
            ref = num.find(f"{ns}abstractNumId")
            if ref is not None:
                self.formats[num.get(f"{ns}numId")] = abstract.get(ref.get(f"{ns}val"), {})

    def prefix(self, paragraph) -> str:
        ns = self.ns
        num_pr = paragraph.find(f"{ns}pPr/{ns}numPr")
        style = paragraph.find(f"{ns}pPr/{ns}pStyle")
        if num_pr is None and style is not None:
            num_pr = self.styles.get(style.get(f"{ns}val"))
        if num_pr is None or num_pr.find(f"{ns}numId") is None:
            return ""
        num_id = num_pr.find(f"{ns}numId").get(f"{ns}val")
        level_el = num_pr.find(f"{ns}ilvl")
        level = int(level_el.get(f"{ns}val", 0)) if level_el is not None else 0
        levels = self.formats.get(num_id, {})
        if not levels or level not in levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 10)
        counts[level] += 1
        counts[level + 1 :] = [0] * (9 - level)
        fmt, text = levels[level]
        if fmt == "bullet":
            return "- "
        for k in range(level + 1):
            k_fmt = levels.get(k, ("decimal", ""))[0]
            text = text.replace(f"%{k + 1}", _format(max(counts[k], 1), k_fmt))
        return text + " "


def _format(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        numerals = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
        out = ""
        for letters, worth in numerals:
            while value >= worth:
                out, value = out + letters, value - worth
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdeghiklmnopqrstuvxy"[(value - 1) % 22]
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(value)


# -- text -> lines ----------------------------------------------------------------------


def strip_markdown(raw: str) -> str:
    """Drop heading marks, bold/italic stars and backslash escapes; keep the words."""
    text = raw.replace("**", "").replace("__", "")
    text = re.sub(r"^\s*#{1,6}\s*", "", text)
    text = re.sub(r"\\([.\-*_#+()\[\]])", r"\1", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = re.sub(r"^\s*\*\s+", "- ", text)
    return text.replace("*", " ") if text.strip() == "*" else text


def classify(no: int, text: str) -> Line:
    if _TABLE.match(text):
        return Line(no, text, "table")
    for kind, pattern in (
        ("roman", _ROMAN),
        ("roman", _ROMAN_BARE),
        ("letter", _NUMBERED_LETTER),
        ("number", _NUMBER),
        ("letter", _LETTER),
        ("bullet", _BULLET),
    ):
        found = pattern.match(text)
        if pattern is _ROMAN_BARE and found and not _is_upper(found.group(2)):
            continue
        if found and found.group(1):
            marker, rest = found.group(1), found.group(2).strip()
            if kind == "bullet":
                marker = "+" if marker == "+" else "-"
            return Line(no, rest, kind, marker)
    return Line(no, text)


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _bold_joined(pairs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line number, text) with a Markdown bold span that a hard wrap cut ("**V. TỔ CHỨC" /
    "THỰC HIỆN**") joined back into one line (at most three lines are joined)."""
    out: list[tuple[int, str]] = []
    open_at = -1
    for no, raw in pairs:
        if open_at >= 0 and raw.strip() and no - out[open_at][0] < 3:
            out[open_at] = (out[open_at][0], f"{out[open_at][1]} {raw.strip()}")
            if raw.count("**") % 2:
                open_at = -1
            continue
        open_at = -1
        out.append((no, raw))
        if raw.count("**") % 2 and not raw.lstrip().startswith("|"):
            open_at = len(out) - 1
    return out


def to_lines(text: str) -> list[Line]:
    """Non-empty, cleaned, classified lines; continuation lines joined to their paragraph.

    Everything from "Nơi nhận" on (recipients, signature) is left out.
    """
    lines: list[Line] = []
    gap = True
    stopped = False
    for no, raw in _bold_joined(cells_joined(text.splitlines())):
        value = clean(raw) if _TABLE.match(clean(raw)) else clean(strip_markdown(raw))
        if not value or value in {"*", "-", "+"}:
            gap = True
            continue
        key = fold(value)
        if key.startswith(fold(_STOP)):
            stopped = True
        attached = value.isupper() and (
            key in ("ke hoach", "ke hoach hanh dong", "chuong trinh hanh dong")
            or key.startswith(("chuong trinh hanh dong cua", "ke hoach cua"))
        )
        if stopped and not key.startswith(APPENDIX) and not attached:
            continue  # after the signature only an appendix or an attached plan is read
        stopped = False
        line = classify(no, value)
        if key.startswith(APPENDIX) and len(key) < 200:
            line = Line(no, value, "appendix", "PL")
        line.gap, gap = gap, False
        previous = lines[-1] if lines else None
        if (
            previous is not None
            and line.kind == "text"
            and (value[0].islower() or value[0].isdigit())
            and previous.kind != "table"
            and not previous.text.endswith((".", ":", ";", "!", "?", "./."))
            and not _is_upper(previous.text)
        ):
            previous.text = f"{previous.text} {value}"
            continue
        lines.append(line)
    return lines


# -- lines -> outline ---------------------------------------------------------------------


def outline(lines: list[Line]) -> Node:
    """Nest numbered headings by depth; bullets and paragraphs go to the current heading.

    Depth comes from the shape of the number, not its value, so "2.1" followed by "3.2"
    (as real documents do) still nests both under the last one-level heading.
    """
    root = Node("root", "", "", 0, -1)
    stack = [root]
    for line in lines:
        if line.kind == "appendix":
            del stack[1:]
            node = Node("appendix", "PL", line.text, line.no, 0)
            root.children.append(node)
            stack.append(node)
        elif line.kind in {"roman", "number", "letter"}:
            level = {"roman": 0, "letter": 9}.get(line.kind, line.marker.count(".") + 1)
            if (
                line.kind == "roman"
                and not _plausible_roman(line, stack)
                and not (_is_upper(line.text) and len(line.text) > 8)  # OCR: "II." for "III."
            ):
                _add_block(stack[-1], Block("para", line.no, f"{line.marker}. {line.text}"))
                continue
            while stack[-1].level >= level:
                stack.pop()
            node = Node(line.kind, line.marker, line.text, line.no, level)
            stack[-1].children.append(node)
            stack.append(node)
        elif line.kind == "bullet":
            _add_block(stack[-1], Block("bullet", line.no, line.text), sub=line.marker == "+")
        elif line.kind == "table":
            _add_block(stack[-1], Block("table", line.no, line.text))
        else:
            _add_block(stack[-1], Block("para", line.no, line.text))
    return root


def _plausible_roman(line: Line, stack: list[Node]) -> bool:
    """ "I." starts a part only if it is I or follows the previous part's number."""
    romans = [n for n in stack[0].children if n.kind == "roman"]
    expected = _roman_value(romans[-1].marker) + 1 if romans else 1
    return _roman_value(line.marker) in {expected, expected + 1}


def _roman_value(marker: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(marker):
        value = values[ch]
        total += -value if i + 1 < len(marker) and values[marker[i + 1]] > value else value
    return total


def _add_block(node: Node, block: Block, sub: bool = False) -> None:
    if sub and node.blocks and node.blocks[-1].kind == "bullet":
        node.blocks[-1].subs.append(block)
    else:
        node.blocks.append(block)
