"""Tasks out of the task-bearing parts of a plan's outline (see loaders.plans.document)."""

from __future__ import annotations

import re
from datetime import date

from domain.deadlines import Deadline
from domain.problems import Problem
from domain.text import fold
from loaders.plans import deadlines as dl
from loaders.plans import units as du
from loaders.plans.header import title_case
from loaders.plans.model import DraftTask, DraftUnit, Role, at_line
from loaders.plans.tables import header_year, table_rows
from loaders.plans.text import Block, Node

MAX_TITLE = 250
_FIELDS = dl.DEADLINE_LABELS | {
    "thanh phan",
    "noi dung",
    "dia diem",
    "tai lieu",
    "bao cao vien",
    "hinh thuc",
    "kinh phi",
    "san pham",
    "ket qua",
    "chu tri",
    "phoi hop",
    "don vi chu tri",
    "co quan chu tri",
    "don vi phoi hop",
    "co quan phoi hop",
    "don vi thuc hien",
    "co quan thuc hien",
    "trach nhiem",
    "thanh phan tham du",
    "doi tuong",
    "yeu cau",
    "ghi chu",
    "chi tieu",
    "phuong thuc",
    "thanh phan va dia diem",
    "thoi gian va dia diem",
    "thoi gian dia diem",
}
_CHAIR = {
    "chu tri",
    "don vi chu tri",
    "co quan chu tri",
    "don vi thuc hien",
    "co quan thuc hien",
    "trach nhiem",
    "don vi chiu trach nhiem",
}
_PARTNER = {"phoi hop", "don vi phoi hop", "co quan phoi hop"}
_NOT_TASKS = ("muc tieu", "chi tieu", "muc dich", "yeu cau", "khau hieu", "quan diem")


def is_field(text: str) -> bool:
    field = dl.split_field(text)
    return field is not None and field[0] in _FIELDS


class TaskWalker:
    """Collects tasks and problems while walking task-bearing parts."""

    def __init__(self, reference: date) -> None:
        self.reference = reference
        self._roman = ""
        self.tasks: list[DraftTask] = []
        self.problems: list[Problem] = []

    def walk(self, part: Node) -> None:
        self._roman = part.marker if part.kind in ("roman", "appendix") else ""
        self._node(part, self._roman, None, "")

    def walk_item(self, part: Node, item: Node) -> None:
        """One item of "Tổ chức thực hiện" that carries work and a time: one task of the unit
        it names."""
        self._roman = part.marker if part.kind == "roman" else ""
        units = _units_of_heading(item.text, item.line)
        if not units:
            subject, _rest = du.subject_of(item.text)
            units = [DraftUnit(n, "chu_tri", item.line) for n in du.split_names(subject)]
        own = _candidates_of_node(item)
        detail = " ".join(_block_detail(b) for b in item.blocks)
        code = self._code(self._roman, item)
        self._task(code, title_case(part.text), item.text, item.line, own, None, detail, units)

    # -- structure ------------------------------------------------------------------------

    def _node(self, node: Node, code: str, inherited: dl.Found | None, parent: str) -> None:
        if node.kind in ("number", "letter") and fold(node.text).startswith(_NOT_TASKS):
            return  # "a) Mục tiêu", "Chỉ tiêu", "Khẩu hiệu": not work to track
        heading = _heading(node)
        if self._labelled(node, code, inherited):
            return
        own = _candidates_of_node(node)
        if node.children:
            passed = _resolve(own, inherited)
            for child in node.children:
                self._node(child, self._code(code, child), passed, heading)
            return
        if self._table(node, code, inherited, heading):
            return
        _attach_unit_lines(node)
        bullets = [b for b in node.blocks if b.kind == "bullet" and not is_field(b.text)]
        top = node.kind in {"roman", "root"}
        own_dated = [
            b for b in bullets if any(f.strength >= dl.SPECIFIC for f in _candidates_of_block(b))
        ]
        if bullets and (top or (len(bullets) >= 2 and own_dated)):
            shared = [f for b in node.blocks if b not in bullets for f in _candidates_of_block(b)]
            passed = _resolve(shared + dl.in_text(node.text, node.line, heading=True), inherited)
            for block in bullets:
                self._task(
                    code,
                    heading,
                    block.text,
                    block.line,
                    _candidates_of_block(block),
                    passed,
                    _block_detail(block),
                    _units_of_block(block),
                )
            return
        detail = " ".join(_block_detail(b) for b in node.blocks)
        if not bullets and "phu luc" in fold(detail) and len(detail) < 200:
            return  # "Các nhiệm vụ cụ thể tại Phụ lục kèm theo": the appendix holds them
        units = _units_of_heading(node.text, node.line)
        for block in node.blocks:
            units += _units_of_block(block, fields_only=True)
        self._task(
            code, parent or heading, heading or detail, node.line, own, inherited, detail, units
        )

    def _labelled(self, node: Node, code: str, inherited: dl.Found | None) -> bool:
        """A group whose sections are labels: "1. Nội dung, biện pháp" (its items are the
        tasks), "2. Cơ quan chủ trì, phối hợp" (their units), "3. Thời gian thực hiện: ..."
        (their deadline). False when `node` is not such a group."""
        labels = {_label(c.text): c for c in node.children}
        content = labels.get("content")
        if content is None or not ({"units", "time"} & labels.keys()):
            return False
        time = labels.get("time")
        found = [f for f in ([dl.in_field(time.text, time.line)] if time else []) if f]
        passed = _resolve(found, inherited)
        units: list[DraftUnit] = []
        if "units" in labels:
            units = _labelled_units(labels["units"])
        items = [(c.text, c.line, c.marker) for c in content.children] or [
            (b.text, b.line, str(i)) for i, b in enumerate(content.blocks, 1) if b.kind == "bullet"
        ]
        heading = _heading(node)
        for text, line, marker in items:
            section = f"{code}.{marker}" if code else marker
            own = dl.in_text(text, line)
            self._task(section, heading, text, line, own, passed, "", list(units))
        return bool(items)

    def _table(self, node: Node, code: str, inherited: dl.Found | None, heading: str) -> bool:
        """One task per row of the node's task tables; False when it has none."""
        rows = table_rows(node.blocks)
        year = header_year(node.blocks)
        saved = self.reference
        if year and year != self.reference.year:
            self.reference = date(year, 1, 1)
        for row in rows:
            own = (
                [dl.Found(row.deadline.rstrip(" ."), dl.FIELD, row.line)]
                if row.deadline
                else dl.in_text(row.title, row.line)
            )
            units = [
                DraftUnit(n, "chu_tri", row.line) for c in row.chair for n in du.split_names(c)
            ]
            units += [
                DraftUnit(n, "phoi_hop", row.line) for c in row.partners for n in du.split_names(c)
            ]
            number = ".".join(n for n in (row.group_number, row.number) if n)
            section = f"{code}.{number}" if code and number else code or number
            self._task(
                section, row.group or heading, row.title, row.line, own, inherited, "", units
            )
            self.tasks[-1].from_table = True
        self.reference = saved
        return bool(rows)

    def _code(self, code: str, child: Node) -> str:
        """ "III.1" for section 1 of part III; "II.3.2" keeps the document's own number."""
        if child.kind == "number":
            return f"{self._roman}.{child.marker}" if self._roman else child.marker
        return f"{code}.{child.marker}" if code else child.marker

    def _task(
        self,
        section: str,
        section_title: str,
        title: str,
        line: int,
        own: list[dl.Found],
        inherited: dl.Found | None,
        detail: str,
        units: list[DraftUnit],
    ) -> None:
        found = _resolve(own, inherited)
        if found is None:
            meaning = Deadline(text="thường xuyên", recurrence="continuous")
            self.problems.append(
                at_line(
                    "Nhiệm vụ không ghi thời hạn: tạm coi là “thường xuyên”.", line, section, "info"
                )
            )
        else:
            meaning = dl.interpret(found.text, self.reference)
            if meaning.unparsed:
                why = (
                    " (tính từ một sự kiện, chưa có ngày)"
                    if dl.RELATIVE.fullmatch(found.text)
                    else ""
                )
                self.problems.append(
                    at_line(
                        f"Không đọc được thời hạn “{found.text}”{why}: hãy sửa hoặc nhập ngày.",
                        found.line or line,
                        section,
                        value=found.text,
                    )
                )
        dated = {f.text for f in own if f.strength >= dl.SPECIFIC}
        if len(dated) > 1 and found is not None:
            self.problems.append(
                at_line(
                    f"Nhiệm vụ có nhiều mốc thời gian ({'; '.join(sorted(dated))}): đã lấy "
                    f"“{found.text}”, hãy kiểm tra.",
                    line,
                    section,
                )
            )
        self.tasks.append(
            DraftTask(
                section=section,
                section_title=section_title,
                title=shorten(title),
                deadline_text=found.text if found else meaning.text,
                start=meaning.start,
                due=meaning.due,
                recurrence=meaning.recurrence,
                unparsed=meaning.unparsed,
                deadline_guessed=found is None,
                units=du.merge(units),
                detail=detail if detail != title else "",
                line=line,
            )
        )


def _label(text: str) -> str:
    key = fold(text)
    if key.startswith(("noi dung bien phap", "noi dung thuc hien", "noi dung cong viec")):
        return "content"
    if key.startswith(("co quan chu tri", "don vi chu tri", "co quan thuc hien")):
        return "units"
    if dl.in_field(text):
        return "time"
    return ""


def _labelled_units(node: Node) -> list[DraftUnit]:
    """ "Cơ quan chủ trì, phối hợp" with "a) Cơ quan chủ trì" / "b) Cơ quan phối hợp" points
    listing the units as bullets, or the units right in its own bullets."""
    groups: list[tuple[Node, Role]] = [
        (c, "phoi_hop" if "phoi hop" in fold(c.text)[:20] else "chu_tri") for c in node.children
    ]
    groups = groups or [(node, "chu_tri")]
    units: list[DraftUnit] = []
    for group, role in groups:
        for block in group.blocks:
            names = [n for n in du.split_names(block.text) if du.is_unit_like(n)]
            units += [DraftUnit(n, role, block.line) for n in names]
    return units


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
                problems.append(
                    at_line(
                        f"Đánh số không liên tục ({markers}): mục “{child.marker}” được xếp theo "
                        "vị trí trong văn bản; hãy kiểm tra số mục.",
                        child.line,
                        severity="warning",
                    )
                )
                break
            expected = [*parts[:-1], str(int(parts[-1]) + 1)]
    return sorted(problems, key=lambda p: p.row or 0)


def _attach_unit_lines(node: Node) -> None:
    """A "Chủ trì: ...; Phối hợp: ..." line right after a bullet belongs to that bullet."""
    kept: list[Block] = []
    for block in node.blocks:
        field = dl.split_field(block.text)
        previous = kept[-1] if kept else None
        if (
            block.kind == "para"
            and field
            and field[0] in _CHAIR | _PARTNER
            and previous is not None
            and previous.kind == "bullet"
        ):
            previous.subs.append(block)
        else:
            kept.append(block)
    node.blocks = kept


def shorten(text: str) -> str:
    """A title short enough for a table cell: the first sentence (not a bare list of units
    cut at its ";"), or cut at a word."""
    text = text.strip(" .;")
    if len(text) <= MAX_TITLE:
        return text
    pieces = re.split(r"(?<=[.;])\s", text)
    sentence = pieces.pop(0)
    while pieces and du.subject_of(sentence.rstrip(" .;"))[1] == "":
        sentence += " " + pieces.pop(0)  # "Các sở, ban, ngành; UBND các huyện tiếp tục ..."
    sentence = sentence.rstrip(" .;")
    if len(sentence) <= MAX_TITLE:
        return sentence
    return text[:MAX_TITLE].rsplit(" ", 1)[0] + "…"


def _heading(node: Node) -> str:
    return title_case(node.text.strip(" .:")) if node.text else ""


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
    label = dl.split_field(block.text)
    if label and label[0] in dl.DEADLINE_LABELS and not label[1] and block.subs:
        # "Thời gian thực hiện:" then "+ Đợt 1: từ ... đến ...", "+ Đợt 2: ...": every window
        return [dl.Found("; ".join(sub.text for sub in block.subs), dl.FIELD, block.line)]
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
        return [DraftUnit(name, "chu_tri", line) for name in du.split_names(label)]
    subject, rest = du.subject_of(text)
    if subject and not rest.strip(" .") and len(subject) < 160:  # "3.4. Sở Y tế": its bullets
        return [DraftUnit(name, "chu_tri", line) for name in du.split_names(subject)]
    return du.assignment_in(text, line)


def _units_of_block(block: Block, fields_only: bool = False) -> list[DraftUnit]:
    units: list[DraftUnit] = []
    for piece in (block, *block.subs):
        for clause in re.split(r"[;.]\s+(?=[^\s:;.]{1,30}(?:\s[^\s:;.]{1,30}){0,3}:)", piece.text):
            field = dl.split_field(clause)
            if field and field[0] in _CHAIR | _PARTNER:
                role: Role = "chu_tri" if field[0] in _CHAIR else "phoi_hop"
                units += [
                    DraftUnit(n, role, piece.line)
                    for n in du.split_names(field[1])
                    if du.is_unit_like(n) or n[:1].isupper()
                ]
    if not units and not fields_only:
        units = du.assignment_in(block.text, block.line)
    return units
