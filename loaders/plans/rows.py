"""Task rows as people edit them (the app's table, the template's sheet) <-> plan specs.

One row per task: code, section, section title, title, deadline text, and two unit cells,
"Đơn vị chủ trì" and "Đơn vị phối hợp", each a list separated by ";". A unit is written
with any registered spelling or abbreviation ("Sở TT&TT"), as a group ("Nhóm: Cơ quan
báo chí", or the group's label as the plan writes it: "Các cơ quan báo chí trên địa bàn
tỉnh"), or as "Tất cả đơn vị". A name that matches nothing is a located problem: it is
never created here. The same checks serve the live editor, the spreadsheet import and the
document import, so all three reject the same mistakes with the same words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from domain.deadlines import before_plan, parse_deadline
from domain.model import DirectiveSpec, PlanFields, PlanSpec, TaskSpec
from domain.names import unit_key
from domain.problems import Problem
from loaders.plans.model import PlanDraft
from loaders.plans.units import RegistryUnit, UnitMatch, match_units

EVERYONE = "Tất cả đơn vị"
GROUP_PREFIX = "Nhóm: "

Locate = Callable[[int, str], tuple[int, str]]
"""(0-based row index, column id) -> (row, column) as the user sees them."""


def editor_cell(index: int, column: str) -> tuple[int, str]:
    """An editor table's cell: its 1-based row and the column id (the page shows the
    label, :data:`domain.model.TASK_LABELS`)."""
    return index + 1, column


@dataclass
class Registry:
    """The units a plan may name (one province), its groups, and the user's mappings of
    document names to registry units (folded name -> unit ids)."""

    units: list[RegistryUnit]
    groups: dict[str, str] = field(default_factory=dict)  # group_code -> label
    mapping: dict[str, list[int]] = field(default_factory=dict)

    def names(self, ids: list[int]) -> list[str]:
        by_id = {u.unit_id: u.name for u in self.units}
        return [by_id[i] for i in ids if i in by_id]

    def choices(self) -> list[str]:
        """What a unit cell may hold, for dropdowns: groups, then units by name."""
        return [
            EVERYONE,
            *(GROUP_PREFIX + label for label in self.groups.values()),
            *sorted(u.name for u in self.units),
        ]

    def map(self, written: str, chosen: str) -> None:
        """Read `written` (a name as a document gives it) as what `chosen` (one of
        :meth:`choices`) resolves to, from now on."""
        self.mapping[unit_key(written)] = self.resolve(chosen).unit_ids

    def resolve(self, written: str) -> UnitMatch:
        key = unit_key(written)
        if key in self.mapping:
            return UnitMatch(written, list(self.mapping[key]), "mapped")
        if key == unit_key(EVERYONE):
            return UnitMatch(written, [u.unit_id for u in self.units], "group")
        if written.startswith(GROUP_PREFIX):
            label = written[len(GROUP_PREFIX) :].strip()
            code = next(
                (c for c, lab in self.groups.items() if unit_key(lab) == unit_key(label)), None
            )
            ids = [u.unit_id for u in self.units if code and u.group_code == code]
            return UnitMatch(written, ids, "group" if ids else "none")
        return match_units([written], self.units, self.groups)[0]


def split_cell(value: object) -> list[str]:
    """ "Sở TT&TT; Sở Ngoại vụ" -> two names; newlines separate too."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [part.strip() for part in re.split(r"[;\n]+", str(value)) if part.strip()]


def rows_from_draft(draft: PlanDraft) -> list[dict]:
    """Editor rows for a document draft; unit names stay as the document writes them."""
    rows = []
    for number, task in enumerate(draft.tasks, start=1):
        rows.append(
            {
                "code": f"NV{number:02d}",
                "section": task.section,
                "section_title": task.section_title,
                "title": task.title,
                "deadline_text": task.deadline_text,
                "chu_tri": "; ".join(u.name for u in task.units if u.role == "chu_tri"),
                "phoi_hop": "; ".join(u.name for u in task.units if u.role != "chu_tri"),
            }
        )
    return rows


@dataclass
class CheckedRow:
    """A row with what the checks found: the deadline's reading and the units' ids."""

    row: dict
    start: date | None = None
    due: date | None = None
    recurrence: str | None = None
    unparsed: bool = False
    early: bool = False  # due before the plan's own date
    units: dict[int, str] = field(default_factory=dict)  # unit_id -> role
    unknown: list[str] = field(default_factory=list)


def check_rows(
    rows: list[dict],
    registry: Registry,
    reference: date,
    file: str = "",
    sheet: str | None = None,
    locate: Locate = editor_cell,
    unparsed_is_error: bool = False,
    plan_date: date | None = None,
) -> tuple[list[CheckedRow], list[Problem]]:
    """Read every row's deadline and units. Problems are located by `locate` from the row's
    index and the column id: by default as the editor shows them; a sheet passes its own
    (:meth:`loaders.plans.sheet.SheetImport.task_cell`). With `plan_date` (the plan's
    date of issue), a deadline before it is warned about."""
    checked: list[CheckedRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}

    def problem(index: int, column: str, value: object, message: str, severity="error"):
        row, where = locate(index, column)
        problems.append(
            Problem(
                file, sheet, row, where, None if value is None else str(value), message, severity
            )
        )

    for index, row in enumerate(rows):
        code = str(row.get("code") or "").strip()
        title = str(row.get("title") or "").strip()
        if not code and not title:
            continue
        item = CheckedRow(row)
        if not code:
            problem(index, "code", None, "Thiếu mã nhiệm vụ (ví dụ NV01).")
        elif code.upper() in seen:
            problem(
                index,
                "code",
                code,
                f"Mã nhiệm vụ {code} trùng với dòng {locate(seen[code.upper()], 'code')[0]}.",
            )
        seen.setdefault(code.upper(), index)
        if not title:
            problem(index, "title", None, "Thiếu nội dung nhiệm vụ.")
        text = str(row.get("deadline_text") or "").strip()
        if not text:
            problem(
                index,
                "deadline_text",
                None,
                "Thiếu thời hạn (ví dụ “trước ngày 30/6/2019”, “Quý III/2020”, “thường xuyên”).",
            )
            item.unparsed = True
        else:
            meaning = parse_deadline(text, reference)
            item.start, item.due = meaning.start, meaning.due
            item.recurrence, item.unparsed = meaning.recurrence, meaning.unparsed
            early = before_plan(meaning, plan_date)
            if early:
                item.early = True
                problem(index, "deadline_text", text, early, "warning")
            if meaning.unparsed:
                problem(
                    index,
                    "deadline_text",
                    text,
                    "Không đọc được thời hạn này: hãy viết "
                    "ngày (30/6/2019), tháng, quý, năm hoặc “thường xuyên”.",
                    "error" if unparsed_is_error else "warning",
                )
        for column, role in (("phoi_hop", "phoi_hop"), ("chu_tri", "chu_tri")):
            for written in split_cell(row.get(column)):
                found = registry.resolve(written)
                if not found.unit_ids:
                    item.unknown.append(written)
                    hint = (
                        f" Gần giống: {', '.join(found.suggestions)}." if found.suggestions else ""
                    )
                    problem(
                        index,
                        column,
                        written,
                        f"Đơn vị «{written}» không có trong danh "
                        f"mục: hãy thêm vào trang Đơn vị hoặc chọn đơn vị tương ứng.{hint}",
                    )
                for unit_id in found.unit_ids:
                    item.units[unit_id] = role  # chủ trì, written last, wins
        if not item.units and not item.unknown:
            problem(index, "chu_tri", None, "Nhiệm vụ chưa có đơn vị thực hiện.")
        checked.append(item)
    if not checked:
        problems.append(Problem(file, sheet, None, None, None, "Chưa có nhiệm vụ nào."))
    return checked, problems


def check_fields(fields: PlanFields, file: str = "", sheet: str = "Kế hoạch") -> list[Problem]:
    problems = []
    needed = (
        ("code", "Số hiệu kế hoạch"),
        ("title", "Tên kế hoạch"),
        ("issued_on", "Ngày ban hành"),
        ("province", "Tỉnh"),
    )
    for attr, label in needed:
        if not getattr(fields, attr):
            problems.append(Problem(file, sheet, None, None, None, f"Thiếu «{label}»."))
    return problems


def spec_from_rows(fields: PlanFields, checked: list[CheckedRow]) -> PlanSpec:
    """The spec :func:`store.plans.save_plan` takes, its units the ids the checks
    matched; call only without errors."""
    issued = fields.issued_on or date.today()
    tasks = []
    for item in checked:
        row = item.row
        tasks.append(
            TaskSpec(
                code=str(row.get("code") or "").strip(),
                section=str(row.get("section") or "").strip(),
                title=str(row.get("title") or "").strip(),
                deadline_text=str(row.get("deadline_text") or "").strip(),
                section_title=str(row.get("section_title") or "").strip(),
                unit_ids=dict(item.units),
            )
        )
    directive = None
    if fields.directive_code:
        directive = DirectiveSpec(
            fields.directive_code,
            fields.directive_date,
            fields.directive_issuer,
            fields.directive_title,
        )
    return PlanSpec(
        code=fields.code.strip(),
        title=fields.title.strip(),
        issued_on=issued,
        issuer=fields.issuer.strip(),
        province=fields.province,
        tracked_until=fields.tracked_until or date(issued.year + 1, 12, 31),
        directive=directive,
        report_cycle=fields.report_cycle or "half_yearly",
        code_note=fields.code_note,
        tasks=tuple(tasks),
    )


def fields_from_draft(draft: PlanDraft, province: str) -> PlanFields:
    header = draft.plan
    return PlanFields(
        code=header.code,
        title=header.title,
        issued_on=header.issued_on,
        issuer=header.issuer,
        province=province,
        directive_code=header.directive.code,
        directive_date=header.directive.issued_on,
        directive_issuer=header.directive.issuer,
        directive_title=header.directive.title,
        report_cycle=draft.reporting.cycle
        if draft.reporting.cycle not in (None, "continuous")
        else "half_yearly",
    )
