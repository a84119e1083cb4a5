"""The plan register: a plan's fields and task rows for the editor, saving them checked and
whole, archiving and deleting, importing the register workbook, and its template.

Every write is all-or-nothing and answers with a :class:`PlanOutcome` (or an
:class:`~domain.problems.Outcome`): the problems found, located and in Vietnamese,
and what was saved when nothing was an error. Units are matched to ids once, by the rows'
checks; the ids go to the store as they are.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date

import pandas as pd

from domain.access import Action, Actor, require
from domain.errors import NotFound, Rejected
from domain.model import PlanFields
from domain.problems import Outcome, Problem
from domain.text import clean, fold
from loaders.plans.rows import (
    EVERYONE,
    GROUP_PREFIX,
    CheckedRow,
    Locate,
    Registry,
    check_fields,
    check_rows,
    editor_cell,
    spec_from_rows,
)
from loaders.plans.sheet import TASK_SHEET, read_plan_sheet, template_bytes
from loaders.plans.units import RegistryUnit
from store import plans as stored
from store.database import Store
from store.plans import SavedPlan
from tracker.usecases.acting import acting
from tracker.usecases.units import (
    LEVEL_LABELS,
    groups,
    load_registry,
    provinces,
    rows_from_sheet,
    save_unit_rows,
    units_frame,
)

CYCLE_LABELS = {
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "half_yearly": "6 tháng",
    "yearly": "Hằng năm",
}


@dataclass
class PlanOutcome(Outcome):
    """A checked plan save: `saved` is None when any problem is an error (nothing written)."""

    saved: SavedPlan | None = None


def plan_fields(store: Store, code: str) -> PlanFields | None:
    """The plan's own fields as the form shows them; None for an unknown plan."""
    row = stored.plan_header(store, code)
    if row is None:
        return None
    return PlanFields(
        code=row["code"],
        title=row["title"],
        issued_on=_day(row["issued_on"]),
        issuer=row["issuer"],
        province=row["province"],
        directive_code=row["directive_code"] or "",
        directive_date=_day(row["directive_date"]),
        directive_issuer=row["directive_issuer"],
        directive_title=row["directive_title"],
        report_cycle=row["report_cycle"],
        tracked_until=_day(row["tracked_until"]),
        code_note=row["code_note"],
    )


def plan_rows(store: Store, code: str, registry: Registry) -> list[dict]:
    """The plan's tasks as editor rows. A role given to every unit of a group is written
    as the group ("Nhóm: Cơ quan báo chí"), to every unit as "Tất cả đơn vị"."""
    tasks = stored.plan_tasks(store, code)
    assigned = stored.plan_assignments(store, code)
    rows = []
    for task in tasks.itertuples(index=False):
        mine = assigned[assigned["task_code"] == task.code]
        cells = {}
        for role in ("chu_tri", "phoi_hop"):
            ids = set(mine.loc[mine["role"] == role, "unit_id"].astype(int))
            cells[role] = "; ".join(_compress(ids, registry))
        rows.append(
            {
                "code": task.code,
                "section": task.section,
                "section_title": task.section_title,
                "title": task.title,
                "deadline_text": task.deadline_text,
                **cells,
            }
        )
    return rows


def _compress(ids: set[int], registry: Registry) -> list[str]:
    everyone = {u.unit_id for u in registry.units}
    if ids and ids == everyone:
        return [EVERYONE]
    written = []
    for code, label in registry.groups.items():
        members = {u.unit_id for u in registry.units if u.group_code == code}
        if len(members) > 1 and members <= ids:
            written.append(GROUP_PREFIX + label)
            ids = ids - members
    by_id = {u.unit_id: u.name for u in registry.units}
    return written + sorted(by_id[i] for i in ids if i in by_id)


def snapshot(store: Store, code: str) -> dict | None:
    """What the audit trail records of a plan: its fields and its tasks (None if unknown)."""
    fields = plan_fields(store, code)
    if fields is None:
        return None
    tasks = stored.plan_tasks(store, code)[["code", "title", "deadline_text"]]
    return {
        "fields": asdict(fields),
        "tasks": tasks.astype(object).where(tasks.notna(), None).to_dict("records"),
    }


def save_rows(
    store: Store,
    actor: Actor,
    fields: PlanFields,
    rows: list[dict],
    registry: Registry,
    file: str = "",
    sheet: str | None = None,
    locate: Locate = editor_cell,
) -> PlanOutcome:
    """Check the plan's fields and task rows, then save the whole plan in one transaction.
    Nothing is written when any check fails; warnings (an unread deadline) do not stop it.
    Problems are located as the editor shows the rows unless `locate` says otherwise.
    Forbidden, before any check, unless `actor` may edit plans; the save is audited."""
    require(actor, Action.PLANS)
    checked, problems = check_rows(
        rows,
        registry,
        fields.issued_on or date.today(),
        file,
        sheet,
        locate,
        plan_date=fields.issued_on,
    )
    problems = (
        check_fields(fields, file)
        + problems
        + _reported_tasks_kept(store, fields.code, checked, file, sheet)
    )
    if any(p.is_error for p in problems):
        return PlanOutcome(problems)
    code = fields.code.strip()
    try:
        with acting(store, actor, Action.PLANS, "plan", code, before=snapshot(store, code)) as act:
            saved = stored.save_plan(store, spec_from_rows(fields, checked))
            act.after = snapshot(store, code)
    except Rejected as rejected:
        return PlanOutcome(
            problems + [replace(p, file=file, sheet=sheet) for p in rejected.problems]
        )
    return PlanOutcome(problems, saved)


def _reported_tasks_kept(
    store: Store, code: str, checked: list[CheckedRow], file: str, sheet: str | None
) -> list[Problem]:
    """A task that already has reports may not disappear from its plan."""
    plan_id = stored.plan_id(store, code.strip())
    if plan_id is None:
        return []
    codes = [str(item.row.get("code") or "").strip() for item in checked]
    return [
        Problem(
            file,
            sheet,
            None,
            None,
            code,
            f"Nhiệm vụ {code} đã có báo cáo, không thể xoá khỏi kế hoạch.",
        )
        for code in stored.reported_tasks_missing(store, plan_id, codes)
    ]


def set_archived(store: Store, actor: Actor, code: str, archived: bool = True) -> None:
    """Archive (hide from the dashboards) or restore a plan, audited; NotFound for an
    unknown one, Forbidden unless `actor` may edit plans."""
    require(actor, Action.PLANS)
    header = stored.plan_header(store, code)
    if header is None:
        raise NotFound("plan", code)
    before = bool(header["archived"])
    with acting(store, actor, Action.PLANS, "plan", code, before={"archived": before}) as act:
        act.action = "plan_archive" if archived else "plan_unarchive"
        stored.set_archived(store, code, archived)
        act.after = {"archived": archived}


@dataclass(frozen=True)
class Deletion:
    """What deleting a plan would remove, or why it may not be deleted."""

    code: str
    tasks: int
    units: int
    reports: int

    @property
    def allowed(self) -> bool:
        return self.reports == 0

    @property
    def refusal(self) -> str:
        return f"Kế hoạch {self.code} đã có {self.reports} báo cáo: không xoá được, hãy lưu trữ."

    def lines(self) -> list[str]:
        return [
            f"{self.tasks} nhiệm vụ và việc giao cho {self.units} đơn vị sẽ bị xoá hẳn, "
            "cùng các nghĩa vụ báo cáo của kế hoạch.",
            "Không khôi phục được; muốn chỉ ẩn kế hoạch, hãy lưu trữ.",
        ]


def deletion(store: Store, code: str) -> Deletion:
    """What :func:`delete_plan` would remove from plan `code`."""
    assigned = stored.plan_assignments(store, code)
    return Deletion(
        code,
        len(stored.plan_tasks(store, code)),
        assigned["unit_id"].nunique(),
        stored.report_count(store, code),
    )


def delete_plan(store: Store, actor: Actor, code: str) -> Outcome:
    """Delete a plan without reports with its tasks, assignments and obligations; a plan
    that has reports is refused (archive it instead). NotFound for an unknown plan,
    Forbidden unless `actor` may edit plans; the deletion is audited with what it held."""
    require(actor, Action.PLANS)
    found = deletion(store, code)
    if not found.allowed:
        return Outcome([Problem("", None, None, None, code, found.refusal)])
    with acting(store, actor, Action.PLANS, "plan", code, before=snapshot(store, code)) as act:
        act.action = "plan_delete"
        stored.delete_plan(store, code)
    return Outcome()


def guess_province(store: Store, place: str, names: list[str]) -> str | None:
    """The province a document belongs to: its place if that is a province we know, else
    the one whose registry matches most of the unit names (None on a tie or no match)."""
    known = provinces(store)
    if place and fold(place) in {fold(p) for p in known}:
        return next(p for p in known if fold(p) == fold(place))
    scores = []
    for province in known:
        registry = load_registry(store, province)
        scores.append((sum(bool(registry.resolve(n).unit_ids) for n in names), province))
    scores.sort(reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return scores[0][1]


def planned_registry(store: Store, province: str, units: list) -> Registry:
    """The province's registry plus a workbook's new units (negative ids, not yet saved)."""
    registry = load_registry(store, province)
    known = {u.name for u in registry.units}
    by_label = {fold(label): code for code, label in registry.groups.items()}
    return Registry(
        registry.units
        + [
            RegistryUnit(
                -number,
                clean(u.name),
                (clean(u.short_name), *u.aliases),
                by_label.get(fold(u.group), u.group),
            )
            for number, u in enumerate(units, start=1)
            if clean(u.name) not in known
        ],
        registry.groups,
    )


def import_workbook(store: Store, actor: Actor, data: bytes, filename: str) -> PlanOutcome:
    """Import a filled plan register template: its new units and its plan, or nothing.

    Everything is checked before anything is written (units against the registry, tasks
    against the registry plus the workbook's new units, tasks with reports that would
    vanish); then the units and the plan are saved in one transaction. Problems point at
    the workbook's own cells. Forbidden unless `actor` may edit plans (and units, when the
    workbook brings new ones); each saved part leaves its audit row."""
    require(actor, Action.PLANS)
    sheet = read_plan_sheet(data, filename)
    problems = list(sheet.problems)
    if sheet.fields is None:
        return PlanOutcome(problems)
    fields = sheet.fields
    if not fields.province:
        return PlanOutcome(problems + check_fields(fields, filename))
    units = rows_from_sheet(sheet.units)
    problems += sheet.unit_cells(
        save_unit_rows(store, actor, fields.province, units, filename, dry_run=True).problems
    )
    planned = planned_registry(store, fields.province, units)
    checked, found = check_rows(
        sheet.rows,
        planned,
        fields.issued_on or date.today(),
        filename,
        TASK_SHEET,
        sheet.task_cell,
        plan_date=fields.issued_on,
    )
    problems += (
        check_fields(fields, filename)
        + found
        + _reported_tasks_kept(store, fields.code, checked, filename, TASK_SHEET)
    )
    if any(p.is_error for p in problems):
        return PlanOutcome(problems)
    outcome = PlanOutcome()
    try:
        with store.write():  # units and plan in one transaction: both or neither
            if units:
                problems += sheet.unit_cells(
                    save_unit_rows(store, actor, fields.province, units, filename).problems
                )
            outcome = save_rows(
                store,
                actor,
                fields,
                sheet.rows,
                load_registry(store, fields.province),
                filename,
                TASK_SHEET,
                sheet.task_cell,
            )
            if outcome.saved is None:
                raise Rejected(outcome.problems)
    except Rejected:
        pass
    return PlanOutcome(problems + [p for p in outcome.problems if p not in problems], outcome.saved)


def template_for(store: Store, province: str, code: str | None = None) -> bytes:
    """The register template, pre-filled with plan `code` (or empty) and the registry."""
    registry = load_registry(store, province)
    fields = plan_fields(store, code) if code else PlanFields("", "", None, "", province)
    rows = plan_rows(store, code, registry) if code else []
    units = units_frame(store, province).to_dict("records")
    return template_bytes(
        list(groups(store).values()), list(LEVEL_LABELS.values()), fields, rows, units
    )


def _day(value) -> date | None:
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value
