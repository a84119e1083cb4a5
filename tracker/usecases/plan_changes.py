"""What a save would do to a plan already registered under the same number, for the
confirmation the plan page asks before overwriting (rules in domain.plan_changes).

Each function answers None when no plan has that number (nothing is overwritten), else the
changes; the rows are checked exactly as the save will check them, so the units compared are
the ids the save will write.
"""

from __future__ import annotations

from datetime import date

from domain.model import PlanFields
from domain.plan_changes import PlanChanges, TaskState, compare
from loaders.plans.rows import Registry, check_rows
from loaders.plans.sheet import read_plan_sheet
from store import plans as stored
from store.database import Store
from tracker.usecases.plans import plan_fields, planned_registry
from tracker.usecases.units import rows_from_sheet

FIELD_LABELS = {
    "title": "tên kế hoạch",
    "issued_on": "ngày ban hành",
    "issuer": "cơ quan ban hành",
    "province": "tỉnh",
    "directive_code": "văn bản thực hiện",
    "report_cycle": "chu kỳ báo cáo",
    "tracked_until": "theo dõi đến ngày",
}


def _stored_tasks(store: Store, code: str) -> list[TaskState]:
    tasks = stored.plan_tasks(store, code)
    assigned = stored.plan_assignments(store, code)
    return [
        TaskState(
            t.code,
            t.title,
            t.deadline_text or "",
            t.section or "",
            {
                int(a.unit_id): a.role
                for a in assigned[assigned["task_code"] == t.code].itertuples(index=False)
            },
        )
        for t in tasks.itertuples(index=False)
    ]


def changes(
    store: Store, fields: PlanFields, rows: list[dict], registry: Registry
) -> PlanChanges | None:
    """What saving `fields` and task `rows` would change in the stored plan of that code."""
    code = fields.code.strip()
    old = plan_fields(store, code) if code else None
    if old is None:
        return None
    checked, _ = check_rows(rows, registry, fields.issued_on or date.today())
    new = [
        TaskState(
            str(c.row.get("code") or "").strip(),
            str(c.row.get("title") or "").strip(),
            str(c.row.get("deadline_text") or "").strip(),
            str(c.row.get("section") or "").strip(),
            dict(c.units),
        )
        for c in checked
    ]
    differ = [
        label
        for name, label in FIELD_LABELS.items()
        if (getattr(old, name) or "") != (getattr(fields, name) or "")
    ]
    names = {u.unit_id: u.name for u in registry.units}
    return compare(code, _stored_tasks(store, code), new, names, differ)


def workbook_changes(store: Store, data: bytes, filename: str) -> PlanChanges | None:
    """What importing a filled register workbook would change in the plan it names."""
    sheet = read_plan_sheet(data, filename)
    fields = sheet.fields
    if fields is None or not fields.province or plan_fields(store, fields.code.strip()) is None:
        return None
    registry = planned_registry(store, fields.province, rows_from_sheet(sheet.units))
    return changes(store, fields, sheet.rows, registry)
