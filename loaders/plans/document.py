"""A plan document (.txt, .md, .docx) -> a draft of the plan, its tasks and its units.

    draft = read_plan_document(data, "84-KH-BTGTU.docx")
    draft = parse_plan_text(text)

Never raises on bad input: a text that is not a plan, is empty or unreadable comes back as
a draft without tasks and with an error in ``draft.problems``. Everything the parser had
to guess is a located warning. The draft is for a person to review; nothing is saved here.

How the text is read:

- parts "I., II-, III." are classified by their heading: "Mục đích, yêu cầu" is skipped,
  "Tổ chức thực hiện" gives the units and the reporting request, every other part holds
  tasks;
- within a task part, each innermost numbered section (1., 1.1., a)) is one task whose
  bullets are its detail; a part or section whose bullets carry their own deadlines is
  split into one task per bullet; a part without numbered sections but with bullets gives
  one task per bullet;
- a task's deadline is its own "Thời gian:" line, else an inline phrase, else its enclosing
  section's (so tasks under "Một số nhiệm vụ thực hiện thường xuyên" are ongoing), else
  "thường xuyên" with a warning;
- a task that names no unit of its own is carried by every unit named in "Tổ chức thực
  hiện" (plans say "các cấp ủy, tổ chức đảng" for this);
- task tables ("STT | Nội dung | Chủ trì | Phối hợp | Thời gian"), in the body or in a
  "PHỤ LỤC" after the signature, give one task per row (loaders.plans.tables);
- in a .docx, Word's automatic list numbers are rebuilt from its numbering definitions.

The draft's rows go to the editor, the template and the store through
:mod:`loaders.plans.rows`, which checks deadlines and unit names.
"""

from __future__ import annotations

from domain.text import fold
from loaders.plans import deadlines as dl
from loaders.plans import units as du
from loaders.plans.files import SUPPORTED, Progress, document_text
from loaders.plans.header import document_kind, parse_header, reference_date
from loaders.plans.issuing import articles_as_parts, attached_plan, with_decision
from loaders.plans.model import DraftTask, DraftUnit, PlanDraft, Reporting, at_line, with_file
from loaders.plans.tasks import TaskWalker, numbering_problems
from loaders.plans.text import Line, Node, outline, to_lines

_TASK_WORDS = (
    "noi dung",
    "nhiem vu",
    "giai phap",
    "tien do",
    "lo trinh",
    "hoat dong",
    "cong viec",
    "thoi gian",
    "lich trinh",
    "cac buoc",
    "dot ",
    "giai doan",
)
_NOT_TASKS = (
    "khau hieu",
    "chi tieu",
    "kien nghi",
    "de xuat",
    "doi tuong",
    "phuong phap",
    "de cuong",
    "mau so",
    "mau bao cao",
    "bieu mau",
    "giai thich tu ngu",
)
_SKIP = (
    "muc dich",
    "yeu cau",
    "muc tieu",
    "quan diem",
    "can cu",
    "kinh phi",
    "tinh hinh",
    "ket qua dat duoc",
    "danh gia",
    "quyet dinh nay",
)
_UNITS = (
    "to chuc thuc hien",
    "trach nhiem thuc hien",
    "phan cong thuc hien",
    "phan cong nhiem vu",
    "trach nhiem cua cac",
)
_REPORT = ("che do bao cao", "thong tin bao cao", "bao cao ket qua")

__all__ = ["SUPPORTED", "PlanDraft", "parse_plan_text", "read_plan_document"]


def read_plan_document(
    data: bytes, filename: str = "", progress: Progress | None = None
) -> PlanDraft:
    """Read a plan from the bytes of a .txt, .md, .docx, .doc, .pdf, .jpg or .png file;
    `progress(done, total)` is called after each page read by OCR."""
    found = document_text(data, filename, progress)
    if found.problems:
        return PlanDraft(
            problems=with_file(found.problems, filename or "tệp"), source_name=filename
        )
    draft = parse_plan_text(found.text, filename)
    if found.ocr_lines:
        for task in draft.tasks:
            task.ocr = any(a <= task.line <= b for a, b in found.ocr_lines)
        marked = sum(t.ocr for t in draft.tasks)
        draft.problems.append(
            at_line(
                f"{marked} nhiệm vụ đọc từ ảnh quét bằng nhận dạng chữ (OCR): hãy đối chiếu "
                "tên nhiệm vụ, thời hạn và đơn vị với bản giấy.",
                severity="warning",
            )
        )
    return draft


def parse_plan_text(text: str, source_name: str = "") -> PlanDraft:
    """Read a plan from its text (pasted, or decoded by :func:`read_plan_document`)."""
    try:
        draft = _parse(text, source_name)
        draft.problems = with_file(draft.problems, source_name)
        return draft
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the user's work; say so plainly
        return PlanDraft(
            source_name=source_name,
            problems=with_file(
                [
                    at_line(
                        f"Lỗi khi đọc văn bản ({type(exc).__name__}: {exc}). Hãy nhập kế "
                        "hoạch bằng biểu mẫu hoặc báo cho quản trị viên.",
                        severity="error",
                    )
                ],
                source_name,
            ),
        )


def _parse(text: str, source_name: str) -> PlanDraft:
    draft = PlanDraft(source_name=source_name)
    lines = to_lines(text or "")
    if not lines:
        draft.problems.append(at_line("Văn bản trống: không có nội dung để đọc.", severity="error"))
        return draft
    is_plan, other = document_kind(lines)
    decision: list[Line] = []
    attached = attached_plan(lines)
    if attached:  # a decision (Quyết định/Nghị quyết) that issues the plan attached to it
        decision, lines, is_plan = lines[:attached], lines[attached:], True
    elif not is_plan and (articles := articles_as_parts(lines)):
        decision, lines, is_plan = articles, articles, True  # the decision is the plan
    if not is_plan:
        what = f" Văn bản này giống {other}." if other else ""
        draft.problems.append(
            at_line(
                "Văn bản này không phải là một kế hoạch: không thấy tiêu đề “KẾ HOẠCH” hay số "
                f"hiệu kế hoạch (ví dụ 84-KH/BTGTU).{what} Hãy chọn đúng tệp kế hoạch.",
                severity="error",
            )
        )
        return draft

    root = outline(lines)
    first = root.children[0].line if root.children else lines[-1].no + 1
    head = [line for line in lines if line.no < first]
    preamble = " ".join(b.text for b in root.blocks)
    body_text = "\n".join(line.text for line in lines)
    draft.plan, problems = parse_header(head, preamble, body_text)
    if decision:
        problems = with_decision(draft.plan, decision, problems)
    draft.problems += problems
    reference = reference_date(draft.plan, body_text)

    task_parts, unit_parts, report_parts = _classify(root)
    for part in unit_parts:
        draft.units += _units_of(part)
    draft.units = [
        u for u in du.merge(draft.units) if du.unit_key(u.name) != du.unit_key(draft.plan.issuer)
    ]
    draft.reporting = _reporting(unit_parts + report_parts, reference)

    walker = TaskWalker(reference)
    for part in task_parts:
        walker.walk(part)
    for part in unit_parts:
        for item in _dated_unit_items(part):
            walker.walk_item(part, item)
    if not walker.tasks:  # the plan is written as duties per unit ("II. Phân công nhiệm vụ")
        for part in unit_parts:
            if not fold(part.text).startswith(_UNITS[0]):
                walker.walk(part)
    draft.tasks = _prefer_tables(walker.tasks, draft.problems)
    draft.problems += walker.problems
    draft.problems += numbering_problems(root)
    _assign(draft)

    if not task_parts or not draft.tasks:
        draft.problems.append(
            at_line(
                "Không tìm thấy nhiệm vụ nào: kế hoạch cần các mục đánh số (I, II, 1., 1.1.) "
                "hoặc gạch đầu dòng nêu nhiệm vụ.",
                severity="error",
            )
        )
    if not unit_parts:
        draft.problems.append(
            at_line(
                "Không thấy mục “Tổ chức thực hiện”: hãy chọn đơn vị thực hiện cho từng nhiệm vụ."
            )
        )
    return draft


def _classify(root: Node) -> tuple[list[Node], list[Node], list[Node]]:
    """Parts by meaning: a heading that names tasks (nội dung, nhiệm vụ, giải pháp, tiến độ,
    lộ trình ...) holds tasks whatever else it says; "Tổ chức thực hiện" gives units;
    purpose, requirements, targets, slogans, funding and report outlines hold none."""
    tasks, units, reports = [], [], []
    parts = root.children if root.children else [root]
    for part in parts:
        key = fold(part.text)
        if part.kind == "appendix":
            key = fold(" ".join([part.text, *(b.text for b in part.blocks[:3])]))
            if not any(word in key for word in _NOT_TASKS):
                tasks.append(part)
            continue
        names_tasks = any(word in f"{key} " for word in _TASK_WORDS)
        if any(key.startswith(word) for word in _SKIP) and not names_tasks:
            continue
        if names_tasks and not key.startswith(_UNITS):
            tasks.append(part)
        elif any(word in key for word in _UNITS):
            units.append(part)
        elif any(key.startswith(word) for word in _REPORT):
            reports.append(part)
        elif not any(word in key for word in _NOT_TASKS):
            tasks.append(part)
    return tasks, units, reports


def _prefer_tables(tasks: list[DraftTask], problems: list) -> list[DraftTask]:
    """When an appendix table lists the tasks one per row, prose items without a time of
    their own restate them (or are targets): they are left out, and the draft says so."""
    rows = [t for t in tasks if t.from_table]
    if len(rows) < 5 or not any(t.section.startswith("PL") for t in rows):
        return tasks
    titles = [fold(t.title)[:80] for t in rows]
    kept = [
        t
        for t in tasks
        if t.from_table or not (t.deadline_guessed or _restated(fold(t.title)[:80], titles))
    ]
    dropped = len(tasks) - len(kept)
    if dropped:
        problems.append(
            at_line(
                f"{dropped} mục trong phần lời không ghi thời hạn riêng hoặc nhắc lại một dòng "
                "của bảng, và Phụ lục đã liệt kê nhiệm vụ theo bảng: chỉ lấy nhiệm vụ của "
                "bảng. Thêm lại nếu cần.",
                severity="info",
            )
        )
    return kept


def _restated(title: str, table_titles: list[str]) -> bool:
    from rapidfuzz import fuzz, process

    best = process.extractOne(title, table_titles, scorer=fuzz.token_set_ratio)
    return best is not None and best[1] >= 90


def _dated_unit_items(part: Node) -> list[Node]:
    """Items of "Tổ chức thực hiện" that carry work and a time of their own ("3. Sở Y tế:
    chủ trì ..., hoàn thành trước ngày 30/6/2026"): they are that unit's tasks."""
    found = []
    for child in part.children:
        texts = [child.text, *(b.text for b in child.blocks)]
        texts = [t for t in texts if not du.report_target(t)]  # a reporting duty is no task
        phrases = dl.in_text(" ".join(texts), child.line)
        fields = [b for b in child.blocks if dl.in_field(b.text)]
        if fields or any(p.strength >= dl.SPECIFIC for p in phrases):
            if du.subject_of(child.text)[0] or _unit_heading(child.text):
                found.append(child)
    return found


def _unit_heading(text: str) -> bool:
    label = text.partition(":")[0]
    return len(label) < 120 and du.is_unit_like(label)


def _units_of(part: Node) -> list[DraftUnit]:
    """Units named by the part's numbered items ("1. Sở Nội vụ"); an item that only groups
    numbered items ("1. Đối với Ủy ban nhân dân các cấp" / "1.1. Ủy ban nhân dân Thành phố")
    gives theirs."""
    units: list[DraftUnit] = []
    items = [(c.text, c.line) for c in _unit_items(part)]
    if not items:
        items = [(b.text, b.line) for b in part.blocks if b.kind == "bullet"]
    for text, line in items:
        units += du.roles_in_item(text, line)
    return units


def _unit_items(part: Node) -> list[Node]:
    items: list[Node] = []
    for child in part.children:
        numbered = [c for c in child.children if c.kind == "number"]
        items += _unit_items(child) if numbered else [child]
    return items


def _reporting(parts: list[Node], reference) -> Reporting:
    """The last sentence that asks for reports to be sent somewhere."""
    candidates: list[tuple[str, int]] = []
    for part in parts:
        stack = [part]
        while stack:
            node = stack.pop(0)
            candidates.append((node.text, node.line))
            for block in node.blocks:
                candidates.append((block.text, block.line))
                candidates += [(sub.text, sub.line) for sub in block.subs]
            stack += node.children
    found = Reporting()
    for text, line in candidates:
        target = du.report_target(text)
        if target:
            found = Reporting(text=text, report_to=target, line=line)
    if found.text:
        phrases = dl.in_text(found.text, found.line)
        specific = [p for p in phrases if p.strength == dl.SPECIFIC]
        if specific:
            found.deadline_text = specific[0].text
        recurring = [p for p in phrases if p.strength >= dl.RECURRING]
        if recurring:
            meaning = dl.interpret(recurring[0].text, reference)
            found.cycle = meaning.recurrence
    return found


def _assign(draft: PlanDraft) -> None:
    """Give each task without units of its own every unit of "Tổ chức thực hiện"."""
    everyone = [DraftUnit(u.name, u.role, u.line) for u in draft.units]
    given = 0
    known = {du.unit_key(u.name) for u in draft.units}
    for task in draft.tasks:
        if task.units:
            for unit in task.units:
                if du.unit_key(unit.name) not in known:
                    known.add(du.unit_key(unit.name))
                    draft.units.append(DraftUnit(unit.name, None, unit.line))
        else:
            task.units = [DraftUnit(u.name, u.role, u.line) for u in everyone]
            given += 1
    if given and everyone:
        draft.problems.append(
            at_line(
                f"{given} nhiệm vụ không ghi đơn vị riêng: đã giao cho cả {len(everyone)} đơn vị "
                "nêu trong mục “Tổ chức thực hiện”. Hãy bỏ bớt nếu không đúng.",
                severity="info",
            )
        )
    elif given:
        draft.problems.append(
            at_line(f"{given} nhiệm vụ chưa có đơn vị thực hiện.", severity="warning")
        )


def summary(draft: PlanDraft) -> dict[str, int]:
    """Counts shown above a draft: tasks, units, deadlines to check, problems."""
    return {
        "tasks": len(draft.tasks),
        "units": len(draft.units),
        "unparsed": sum(1 for t in draft.tasks if t.unparsed),
        "problems": len(draft.problems),
    }
