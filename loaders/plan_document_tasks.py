"""Tasks out of the task-bearing parts of a plan's outline (see loaders.plan_document)."""

from __future__ import annotations

import re
from datetime import date

from loaders import plan_document_deadlines as dl
from loaders import plan_document_units as du
from loaders.plan_document_header import title_case
from loaders.plan_document_model import DraftTask, DraftUnit, Problem
from loaders.plan_document_text import Block, Node
from tracker.deadlines import Deadline
from tracker.text import fold

MAX_TITLE = 250
_FIELDS = dl.DEADLINE_LABELS | {
    "thanh phan", "noi dung", "dia diem", "tai lieu", "bao cao vien", "hinh thuc",
    "kinh phi", "san pham", "ket qua", "chu tri", "phoi hop", "don vi chu tri",
    "co quan chu tri", "don vi phoi hop", "co quan phoi hop", "don vi thuc hien",
    "co quan thuc hien", "trach nhiem", "thanh phan tham du", "doi tuong", "yeu cau",
    "ghi chu", "chi tieu", "phuong thuc",
}
_CHAIR = {"chu tri", "don vi chu tri", "co quan chu tri", "don vi thuc hien",
          "co quan thuc hien", "trach nhiem", "don vi chiu trach nhiem"}
_PARTNER = {"phoi hop", "don vi phoi hop", "co quan phoi hop"}


def is_field(text: str) -> bool:
    field = dl.split_field(text)
    return field is not None and field[0] in _FIELDS


class TaskWalker:
    """Collects tasks and problems while walking task-bearing parts."""

    def __init__(self, reference: date) -> None:
        self.reference = reference
        self.tasks: list[DraftTask] = []
        self.problems: list[Problem] = []

    def walk(self, part: Node) -> None:
        code = part.marker if part.kind == "roman" else ""
        self._node(part, code, None, "")

    # -- structure ------------------------------------------------------------------------

    def _node(self, node: Node, code: str, inherited: dl.Found | None, parent: str) -> None:
        heading = _heading(node)
        own = _candidates_of_node(node)
        if node.children:
            passed = _resolve(own, inherited)
            for child in node.children:
                self._node(child, _child_code(code, child), passed, heading)
            return
        bullets = [b for b in node.blocks if b.kind == "bullet" and not is_field(b.text)]
        top = node.kind in {"roman", "root"}
        own_dated = [b for b in bullets
                     if any(f.strength >= dl.SPECIFIC for f in _candidates_of_block(b))]
        if bullets and (top or (len(bullets) >= 2 and own_dated)):
            shared = [f for b in node.blocks if b not in bullets
                      for f in _candidates_of_block(b)]
            passed = _resolve(shared + dl.in_text(node.text, node.line, heading=True),
                              inherited)
            for block in bullets:
                self._task(code, heading, block.text, block.line,
                           _candidates_of_block(block), passed, _block_detail(block),
                           _units_of_block(block))
            return
        detail = " ".join(_block_detail(b) for b in node.blocks)
        units = _units_of_heading(node.text, node.line)
        for block in node.blocks:
            units += _units_of_block(block, fields_only=True)
        self._task(code, parent, heading or detail, node.line, own, inherited, detail, units)

    def _task(self, section: str, section_title: str, title: str, line: int,
              own: list[dl.Found], inherited: dl.Found | None, detail: str,
              units: list[DraftUnit]) -> None:
        found = _resolve(own, inherited)
        if found is None:
            meaning = Deadline(text="thường xuyên", recurrence="continuous")
            self.problems.append(Problem(
                "Nhiệm vụ không ghi thời hạn: tạm coi là “thường xuyên”.", line, section,
                "info"))
        else:
            meaning = dl.interpret(found.text, self.reference)
            if meaning.unparsed:
                self.problems.append(Problem(
                    f"Không đọc được thời hạn “{found.text}”: hãy sửa hoặc nhập ngày.",
                    found.line or line, section))
        dated = {f.text for f in own if f.strength >= dl.SPECIFIC}
        if len(dated) > 1 and found is not None:
            self.problems.append(Problem(
                f"Nhiệm vụ có nhiều mốc thời gian ({'; '.join(sorted(dated))}): đã lấy "
                f"“{found.text}”, hãy kiểm tra.", line, section))
        self.tasks.append(DraftTask(
            section=section,
            section_title=section_title,
            title=shorten(title),
            deadline_text=found.text if found else meaning.text,
            start=meaning.start,
            due=meaning.due,
            recurrence=meaning.recurrence,
            unparsed=meaning.unparsed,
            units=du.merge(units),
            detail=detail if detail != title else "",
            line=line,
        ))


def numbering_problems(root: Node) -> list[Problem]:
    """One warning per section whose sub-sections are numbered out of sequence."""
    problems = []
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        numbered = [c for c in node.children if c.kind == "number"]
        if not numbered:
            continue
        prefix = node.marker.split(".") if node.kind == "number" else []
        expected = [*prefix, "1"]
        for child in numbered:
            parts = child.marker.split(".")
            if parts != expected:
                markers = ", ".join(c.marker for c in numbered)
                problems.append(Problem(
                    f"Đánh số không liên tục ({markers}): mục “{child.marker}” được xếp theo "
                    "vị trí trong văn bản; hãy kiểm tra số mục.", child.line,
                    severity="warning"))
                break
            expected = [*parts[:-1], str(int(parts[-1]) + 1)]
    return sorted(problems, key=lambda p: p.line)


def shorten(text: str) -> str:
    """A title short enough for a table cell: the first sentence, or cut at a word."""
    text = text.strip(" .;")
    if len(text) <= MAX_TITLE:
        return text
    sentence = re.split(r"(?<=[.;])\s", text, maxsplit=1)[0].rstrip(" .;")
    if len(sentence) <= MAX_TITLE:
        return sentence
    return text[:MAX_TITLE].rsplit(" ", 1)[0] + "…"


def _heading(node: Node) -> str:
    return title_case(node.text.strip(" .:")) if node.text else ""


def _child_code(code: str, child: Node) -> str:
    if child.kind == "letter":
        return f"{code}.{child.marker}" if code else child.marker
    return f"{code}.{child.marker}" if code else child.marker


def _resolve(own: list[dl.Found], inherited: dl.Found | None) -> dl.Found | None:
    """Own field/specific/recurring phrase, else the section's, else own weak mention."""
    found = dl.best(own)
    if found and found.strength >= dl.RECURRING:
        return found
    return inherited or found


def _candidates_of_node(node: Node) -> list[dl.Found]:
    found = list(dl.in_text(node.text, node.line, heading=True))
    for block in node.blocks:
        found += _candidates_of_block(block)
    return found


def _candidates_of_block(block: Block) -> list[dl.Found]:
    found: list[dl.Found] = []
    for piece in (block, *block.subs):
        field = dl.in_field(piece.text, piece.line)
        if field:
            found.append(field)
        else:
            found += dl.in_text(piece.text, piece.line)
    return found


def _block_detail(block: Block) -> str:
    return " ".join([block.text, *(sub.text for sub in block.subs)])


def _units_of_heading(text: str, line: int) -> list[DraftUnit]:
    label, colon, _rest = text.partition(":")
    if colon and len(label) < 120 and du.is_unit_like(label):
        return [DraftUnit(name, None, line) for name in du.split_names(label)]
    return du.assignment_in(text, line)


def _units_of_block(block: Block, fields_only: bool = False) -> list[DraftUnit]:
    units: list[DraftUnit] = []
    for piece in (block, *block.subs):
        field = dl.split_field(piece.text)
        if field and field[0] in _CHAIR | _PARTNER:
            role = "chu_tri" if field[0] in _CHAIR else "phoi_hop"
            units += [DraftUnit(n, role, piece.line) for n in du.split_names(field[1])
                      if du.is_unit_like(n) or n[:1].isupper()]
    if not units and not fields_only:
        units = du.assignment_in(block.text, block.line)
    return units


def fold_title(text: str) -> str:
    """Comparison key of a task title (duplicates across imports)."""
    return fold(text)
