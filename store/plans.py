"""Plans, tasks, assignments and units: saving a whole plan at once, and reading it back.

A plan is saved whole, in one transaction, from a :class:`~domain.model.PlanSpec`;
its deadlines are parsed here and its obligations derived in SQL before the transaction
ends, so readers never see a plan without its obligations.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from domain.deadlines import parse_deadline
from domain.errors import NotFound, Rejected
from domain.model import PlanSpec, UnitSpec
from domain.problems import Problem
from domain.text import clean, fold
from store.database import Store, Writer


@dataclass(frozen=True)
class SavedPlan:
    plan_id: int
    tasks: int
    assignments: int
    unparsed_deadlines: tuple[str, ...]


def save_units(store: Store, province: str, units: list[UnitSpec]) -> int:
    """Insert or update `units` of `province` with all their spellings; returns how many."""
    with store.write() as tx:
        ids = {}
        for unit in units:
            ids[unit.name] = _upsert_unit(tx, province, unit)
        for unit in units:
            if unit.parent:
                tx.run("unit_parent_set", unit_id=ids[unit.name], parent_id=ids[unit.parent])
    return len(units)


def _upsert_unit(tx: Writer, province: str, unit: UnitSpec) -> int:
    name = clean(unit.name)
    found = tx.run("unit_id_by_name", province=province, name=name)
    fields = dict(short_name=clean(unit.short_name), group_code=unit.group, level=unit.level)
    if found:
        unit_id = found[0][0]
        tx.run("unit_update", unit_id=unit_id, **fields)
    else:
        unit_id = tx.run("unit_insert", province=province, name=name, **fields)[0][0]
    for alias in {name, clean(unit.short_name), *map(clean, unit.aliases)} - {""}:
        tx.run("unit_alias_upsert", unit_id=unit_id, alias=alias, alias_key=fold(alias))
    return unit_id


def find_units(store: Store, province: str, written: str) -> list[int]:
    """Unit ids of `province` whose any spelling matches `written` (0, 1 or several)."""
    return [row[0] for row in store.rows("unit_find", province=province, key=fold(written))]


def save_plan(store: Store, spec: PlanSpec) -> SavedPlan:
    """Create or replace the plan `spec.code` with its tasks and assignments.

    Tasks are matched to existing ones by code, so reports already received stay attached.
    A task's units are its `unit_ids` as given, plus its `units` names looked up in the
    province's registry. Everything is checked before anything is written; raises
    :class:`~domain.errors.Rejected` (nothing written) when a named unit is unknown
    or ambiguous, a task code repeats, or a task that already has reports would disappear.
    """
    problems: list[str] = []
    codes = [t.code for t in spec.tasks]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(f"Mã nhiệm vụ {code} bị trùng.")
    unparsed = []
    with store.write() as tx:
        found = tx.run("plan_id_by_code", code=clean(spec.code))
        plan_id = found[0][0] if found else None
        if plan_id is not None:
            for (code,) in tx.run("tasks_reported_missing", plan_id=plan_id, codes=codes):
                problems.append(f"Nhiệm vụ {code} đã có báo cáo, không thể xoá khỏi kế hoạch.")
        units: list[dict[int, str]] = []
        found_ids: dict[str, list[int]] = {}  # a name is looked up once, not once per task
        for task in spec.tasks:
            ids = dict(task.unit_ids)
            for written, role in task.units.items():
                key = fold(written)
                if key not in found_ids:
                    found_ids[key] = [
                        r[0] for r in tx.run("unit_find", province=spec.province, key=key)
                    ]
                unit_ids = found_ids[key]
                if len(unit_ids) != 1:
                    what = "không có trong danh mục" if not unit_ids else "khớp với nhiều đơn vị"
                    problems.append(f"Nhiệm vụ {task.code}: đơn vị «{written}» {what}.")
                    continue
                ids[unit_ids[0]] = role
            units.append(ids)
        if problems:
            raise Rejected([Problem("", None, None, None, None, m) for m in problems])
        directive_id = None
        if spec.directive:
            directive_id = tx.run(
                "directive_upsert",
                code=clean(spec.directive.code),
                issued_on=spec.directive.issued_on,
                issuer=clean(spec.directive.issuer),
                title=clean(spec.directive.title),
            )[0][0]
        fields = dict(
            code_note=clean(spec.code_note),
            title=clean(spec.title),
            issued_on=spec.issued_on,
            issuer=clean(spec.issuer),
            province=clean(spec.province),
            directive_id=directive_id,
            report_cycle=spec.report_cycle,
            tracked_until=spec.tracked_until,
        )
        if plan_id is not None:
            tx.run("plan_update", plan_id=plan_id, **fields)
        else:
            plan_id = tx.run("plan_insert", code=clean(spec.code), **fields)[0][0]
        tx.run("plan_assignments_delete", plan_id=plan_id)
        tx.run("tasks_delete_missing", plan_id=plan_id, codes=codes)
        assigned: dict[str, list] = {"task_id": [], "unit_id": [], "role": []}
        for order, (task, ids) in enumerate(zip(spec.tasks, units, strict=True), start=1):
            deadline = parse_deadline(task.deadline_text, spec.issued_on)
            if deadline.unparsed:
                unparsed.append(task.code)
            task_id = tx.run(
                "task_upsert",
                plan_id=plan_id,
                code=clean(task.code),
                section=clean(task.section),
                section_title=clean(task.section_title),
                title=clean(task.title),
                deadline_text=clean(task.deadline_text),
                start_on=deadline.start,
                due_on=deadline.due,
                recurrence=deadline.recurrence,
                deadline_unparsed=deadline.unparsed,
                sort_order=order,
            )[0][0]
            for unit_id, role in ids.items():
                assigned["task_id"].append(task_id)
                assigned["unit_id"].append(unit_id)
                assigned["role"].append(role)
        assignments = len(assigned["task_id"])
        if assignments:  # one insert for the plan's assignments, not one per (task, unit)
            tx.insert_arrow(
                "assignment",
                pa.table(
                    {
                        "task_id": pa.array(assigned["task_id"], pa.int32()),
                        "unit_id": pa.array(assigned["unit_id"], pa.int32()),
                        "role": pa.array(assigned["role"], pa.string()),
                    }
                ),
            )
        tx.run("obligations_delete", plan_id=plan_id)
        tx.run("obligations_derive", plan_id=plan_id)
    return SavedPlan(plan_id, len(spec.tasks), assignments, tuple(unparsed))


def plan_id(store: Store, code: str) -> int | None:
    return store.scalar("plan_id_by_code", code=code)


def plan_header(store: Store, code: str) -> dict | None:
    """The plan's own fields and its directive's, for editing; None for an unknown plan."""
    found = store.frame("register_plan_header", plan=code)
    return None if found.empty else found.iloc[0].to_dict()


def provinces(store: Store) -> list[str]:
    """Every province that has units or plans."""
    return [row[0] for row in store.rows("register_provinces")]


def unit_groups(store: Store) -> dict[str, str]:
    """group_code -> label, in display order."""
    return dict(store.rows("unit_groups"))


def reported_tasks_missing(store: Store, plan_id: int, codes: list[str]) -> list[str]:
    """Codes of the plan's tasks that have reports and are not among `codes`."""
    return [row[0] for row in store.rows("tasks_reported_missing", plan_id=plan_id, codes=codes)]


def report_count(store: Store, code: str) -> int:
    return store.scalar("register_plan_reports", plan=code) or 0


def set_archived(store: Store, code: str, archived: bool = True) -> None:
    """Hide a plan from the dashboards' plan choice, or show it again."""
    if plan_id(store, code) is None:
        raise NotFound("plan", code)
    with store.write() as tx:
        tx.run("register_plan_archive", plan=code, archived=archived)


def delete_plan(store: Store, code: str) -> None:
    """Delete a plan with its tasks, assignments and obligations (its reports, if any, would
    break: the caller checks :func:`report_count` first)."""
    found = plan_id(store, code)
    if found is None:
        raise NotFound("plan", code)
    with store.write() as tx:
        for name in (
            "register_plan_delete_obligations",
            "register_plan_delete_assignments",
            "register_plan_delete_tasks",
            "register_plan_delete",
        ):
            tx.run(name, plan_id=found)


def list_plans(store: Store) -> pd.DataFrame:
    """Every plan with its directive and task count, oldest first."""
    return store.frame("plans_list")


def plan_tasks(store: Store, plan_code: str) -> pd.DataFrame:
    """The plan's tasks in its order, with their parsed deadlines."""
    return store.frame("plan_tasks", plan=plan_code)


def plan_assignments(store: Store, plan_code: str) -> pd.DataFrame:
    """Which unit has which role on which task of the plan."""
    return store.frame("plan_assignments", plan=plan_code)


def list_units(store: Store, province: str | None = None) -> pd.DataFrame:
    """The units of `province` (every province with None), by group then name."""
    return store.frame("units_list", province=province)
