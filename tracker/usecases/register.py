"""The plan register's reads and writes beyond tracker.store.plans: the unit registry as
the matcher needs it, plan rows for the editor, archive/delete, and unit editing.

Every write is all-or-nothing: rows are checked first, and the write runs in one
transaction; a list of problems (Vietnamese, located) comes back instead of an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from loaders.plans.rows import (
    EVERYONE,
    GROUP_PREFIX,
    PlanFields,
    Registry,
    check_fields,
    check_rows,
    spec_from_rows,
    split_cell,
)
from loaders.plans.sheet import read_plan_sheet, template_bytes
from loaders.plans.units import RegistryUnit
from tracker.domain.model import UNIT_LEVELS
from tracker.domain.problems import Problem
from tracker.domain.text import clean, fold
from tracker.store.database import Store
from tracker.store.plans import PlanRejected, SavedPlan, save_plan

LEVEL_LABELS = {"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "co_so": "Cấp cơ sở"}
CYCLE_LABELS = {"monthly": "Hằng tháng", "quarterly": "Hằng quý",
                "half_yearly": "6 tháng", "yearly": "Hằng năm"}


def provinces(store: Store) -> list[str]:
    return [row[0] for row in store.rows("register_provinces")]


def groups(store: Store) -> dict[str, str]:
    """group_code -> label, in display order."""
    return dict(store.rows("unit_groups"))


def load_registry(store: Store, province: str) -> Registry:
    """Every unit of `province` with all its spellings, and the unit groups."""
    units = [
        RegistryUnit(unit_id, name, tuple(s for s in spellings if s != name), group)
        for unit_id, name, _short, group, _level, _parent, spellings in store.rows(
            "register_unit_spellings", province=province)
    ]
    return Registry(units, groups(store))


# -- plans --------------------------------------------------------------------------------


def plan_fields(store: Store, code: str) -> PlanFields | None:
    found = store.frame("register_plan_header", plan=code)
    if found.empty:
        return None
    row = found.iloc[0]
    return PlanFields(
        code=row["code"], title=row["title"], issued_on=_day(row["issued_on"]),
        issuer=row["issuer"], province=row["province"],
        directive_code=row["directive_code"] or "", directive_date=_day(row["directive_date"]),
        directive_issuer=row["directive_issuer"], directive_title=row["directive_title"],
        report_cycle=row["report_cycle"], tracked_until=_day(row["tracked_until"]),
        code_note=row["code_note"],
    )


def plan_rows(store: Store, code: str, registry: Registry) -> list[dict]:
    """The plan's tasks as editor rows. A role given to every unit of a group is written
    as the group ("Nhóm: Cơ quan báo chí"), to every unit as "Tất cả đơn vị"."""
    tasks = store.frame("plan_tasks", plan=code)
    assigned = store.frame("plan_assignments", plan=code)
    rows = []
    for task in tasks.itertuples(index=False):
        mine = assigned[assigned["task_code"] == task.code]
        cells = {}
        for role in ("chu_tri", "phoi_hop"):
            ids = set(mine.loc[mine["role"] == role, "unit_id"].astype(int))
            cells[role] = "; ".join(_compress(ids, registry))
        rows.append({
            "code": task.code, "section": task.section, "section_title": task.section_title,
            "title": task.title, "deadline_text": task.deadline_text, **cells,
        })
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


def save_rows(
    store: Store, fields: PlanFields, rows: list[dict], registry: Registry, file: str = "",
    first_row: int = 1,
) -> tuple[SavedPlan | None, list[Problem]]:
    """Check the plan's fields and task rows, then save the whole plan in one transaction.
    Nothing is written when any check fails; warnings (an unread deadline) do not stop it."""
    checked, problems = check_rows(rows, registry, fields.issued_on or date.today(), file,
                                   first_row)
    problems = check_fields(fields, file) + problems
    if any(p.is_error for p in problems):
        return None, problems
    try:
        saved = save_plan(store, spec_from_rows(fields, checked, registry))
    except PlanRejected as rejected:
        return None, problems + [Problem(file, None, None, None, None, message)
                                 for message in rejected.problems]
    return saved, problems


def set_archived(store: Store, code: str, archived: bool = True) -> None:
    with store.write() as tx:
        tx.run("register_plan_archive", plan=code, archived=archived)


def delete_plan(store: Store, code: str) -> list[str]:
    """Delete a plan without reports with its tasks, assignments and obligations; a plan
    that has reports is refused (archive it instead). Returns the reasons, [] when done."""
    reports = store.scalar("register_plan_reports", plan=code) or 0
    if reports:
        return [f"Kế hoạch {code} đã có {reports} báo cáo: không xoá được, hãy lưu trữ."]
    plan_id = store.scalar("plan_id_by_code", code=code)
    if plan_id is None:
        return [f"Không có kế hoạch {code}."]
    with store.write() as tx:
        for name in ("register_plan_delete_obligations", "register_plan_delete_assignments",
                     "register_plan_delete_tasks", "register_plan_delete"):
            tx.run(name, plan_id=plan_id)
    return []


# -- units --------------------------------------------------------------------------------

UNIT_COLUMNS = ("unit_id", "name", "short_name", "aliases", "group", "level", "parent")


def units_frame(store: Store, province: str) -> pd.DataFrame:
    """The registry of `province` as the units page edits it (aliases joined by "; ")."""
    labels = groups(store)
    rows = store.rows("register_unit_spellings", province=province)
    names = {r[0]: r[1] for r in rows}
    return pd.DataFrame(
        [
            {
                "unit_id": unit_id, "name": name, "short_name": short,
                "aliases": "; ".join(s for s in spellings if s not in (name, short)),
                "group": labels.get(group, group), "level": LEVEL_LABELS.get(level, level),
                "parent": names.get(parent, ""),
            }
            for unit_id, name, short, group, level, parent, spellings in rows
        ],
        columns=list(UNIT_COLUMNS),
    )


@dataclass(frozen=True)
class UnitRow:
    """One unit as edited: `unit_id` None for a new one; group and level by code or label."""

    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    group: str = ""
    level: str = "tinh"
    parent: str = ""
    unit_id: int | None = None
    row: int = 0  # where it came from, for messages


def save_unit_rows(store: Store, province: str, rows: list[UnitRow], file: str = "",
                   sheet: str = "Đơn vị", delete: tuple[int, ...] = (),
                   dry_run: bool = False) -> list[Problem]:
    """Insert, update and delete units of `province` in one transaction, or nothing.

    Refused: a missing name or unknown group/level, two rows with one name, a spelling that
    already names another unit, a parent that is not a unit, deleting a unit in use."""
    labels = groups(store)
    by_label = {fold(label): code for code, label in labels.items()} | {
        fold(code): code for code in labels}
    levels = {fold(label): code for code, label in LEVEL_LABELS.items()} | {
        fold(code): code for code in UNIT_LEVELS}
    existing = {r[1]: r[0] for r in store.rows("register_unit_spellings", province=province)}
    problems: list[Problem] = []

    def bad(row: UnitRow, column: str, value: str, message: str) -> None:
        problems.append(Problem(file, sheet, row.row or None, column, value, message))

    claims: dict[str, list[tuple[UnitRow, str, bool]]] = {}
    for row in rows:
        primary = {fold(row.name), fold(row.short_name)}
        for spelling in {clean(row.name), clean(row.short_name), *map(clean, row.aliases)}:
            if spelling:
                claims.setdefault(fold(spelling), []).append(
                    (row, spelling, fold(spelling) in primary))
    for claimants in claims.values():
        owners = {clean(r.name) for r, _s, _p in claimants}
        if len(owners) > 1:
            blamed = [c for c in claimants if not c[2]] or claimants
            for row, spelling, _primary in blamed:
                others = "», «".join(sorted(owners - {clean(row.name)}))
                bad(row, "C", spelling, f"Tên gọi «{spelling}» đã dùng cho «{others}».")
    names = {clean(r.name) for r in rows} | set(existing)
    for row in rows:
        name = clean(row.name)
        if not name:
            bad(row, "A", "", "Thiếu tên đơn vị.")
            continue
        if fold(row.group) not in by_label:
            bad(row, "D", row.group, "Nhóm không có trong danh mục: "
                + "; ".join(labels.values()) + ".")
        if fold(row.level or "tinh") not in levels:
            bad(row, "E", row.level, "Cấp phải là: " + "; ".join(LEVEL_LABELS.values()) + ".")
        if row.parent and clean(row.parent) not in names:
            bad(row, "F", row.parent, "Đơn vị cấp trên không có trong danh mục.")
        for spelling in {name, clean(row.short_name), *map(clean, row.aliases)} - {""}:
            key = fold(spelling)
            owner = store.rows("register_unit_spelling_owner", province=province, key=key,
                               unit_id=row.unit_id or existing.get(name, -1))
            if owner and owner[0][1] not in {clean(r.name) for r in rows if r is not row}:
                bad(row, "C", spelling, f"Tên gọi «{spelling}» đã là của «{owner[0][1]}».")
    for unit_id in delete:
        assignments, reports = store.rows("register_unit_usage", unit_id=unit_id)[0]
        if assignments or reports:
            problems.append(Problem(file, sheet, None, None, None, (
                f"Không xoá được đơn vị #{unit_id}: đang được giao {assignments} nhiệm vụ, "
                f"có {reports} báo cáo.")))
    if problems or dry_run:
        return problems
    with store.write() as tx:
        ids: dict[str, int] = {}
        for row in rows:
            name = clean(row.name)
            fields = dict(short_name=clean(row.short_name), group_code=by_label[fold(row.group)],
                          level=levels[fold(row.level or "tinh")])
            found_id = row.unit_id or existing.get(name)
            if found_id is None:
                unit_id = int(tx.run("unit_insert", province=province, name=name,
                                     **fields)[0][0])
            else:
                unit_id = found_id
                tx.run("register_unit_update", unit_id=unit_id, name=name, parent_id=None,
                       **fields)
                tx.run("register_unit_aliases_delete", unit_id=unit_id)
            ids[name] = unit_id
            for spelling in {name, clean(row.short_name), *map(clean, row.aliases)} - {""}:
                tx.run("unit_alias_upsert", unit_id=unit_id, alias=spelling,
                       alias_key=fold(spelling))
        for row in rows:
            if row.parent:
                parent = ids.get(clean(row.parent)) or existing.get(clean(row.parent))
                tx.run("unit_parent_set", unit_id=ids[clean(row.name)], parent_id=parent)
        for unit_id in delete:
            tx.run("register_unit_aliases_delete", unit_id=unit_id)
            tx.run("register_unit_delete", unit_id=unit_id)
    return []


def _day(value) -> date | None:
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


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


def import_workbook(store: Store, data: bytes, filename: str) -> tuple[SavedPlan | None,
                                                                      list[Problem]]:
    """Import a filled plan register template: its new units and its plan, or nothing.

    Everything is checked before anything is written (units against the registry, tasks
    against the registry plus the workbook's new units, tasks with reports that would
    vanish); then the units and the plan are saved in one transaction."""
    sheet = read_plan_sheet(data, filename)
    problems = list(sheet.problems)
    if sheet.fields is None:
        return None, problems
    fields = sheet.fields
    if not fields.province:
        return None, problems + check_fields(fields, filename)
    units = [UnitRow(u["name"], u["short_name"], tuple(split_cell(u["aliases"])), u["group"],
                     u["level"] or "tinh", u["parent"], row=u["row"]) for u in sheet.units]
    problems += save_unit_rows(store, fields.province, units, filename, dry_run=True)
    registry = load_registry(store, fields.province)
    known = {u.name for u in registry.units}
    by_label = {fold(label): code for code, label in registry.groups.items()}
    planned = Registry(registry.units + [
        RegistryUnit(-number, clean(u.name), (clean(u.short_name), *u.aliases),
                     by_label.get(fold(u.group), u.group))
        for number, u in enumerate(units, start=1) if clean(u.name) not in known
    ], registry.groups)
    checked, found = check_rows(sheet.rows, planned, fields.issued_on or date.today(),
                                filename, sheet.first_row)
    problems += check_fields(fields, filename) + found
    plan_id = store.scalar("plan_id_by_code", code=fields.code)
    if plan_id is not None:
        codes = [str(item.row.get("code") or "").strip() for item in checked]
        for (code,) in store.rows("tasks_reported_missing", plan_id=plan_id, codes=codes):
            problems.append(Problem(filename, "Nhiệm vụ", None, None, code, (
                f"Nhiệm vụ {code} đã có báo cáo, không thể xoá khỏi kế hoạch.")))
    if any(p.is_error for p in problems):
        return None, problems
    saved_problems: list[Problem] = []
    try:
        with store.write():  # units and plan in one transaction: both or neither
            if units:
                problems += save_unit_rows(store, fields.province, units, filename)
            saved, saved_problems = save_rows(store, fields, sheet.rows,
                                     load_registry(store, fields.province), filename,
                                     sheet.first_row)
            if saved is None:
                raise _Rejected
    except _Rejected:
        saved = None
    return saved, problems + [p for p in saved_problems if p not in problems]


class _Rejected(Exception):
    """Raised inside the import's transaction to roll it back."""


def template_for(store: Store, province: str, code: str | None = None) -> bytes:
    """The register template, pre-filled with plan `code` (or empty) and the registry."""
    registry = load_registry(store, province)
    fields = plan_fields(store, code) if code else PlanFields("", "", None, "", province)
    rows = plan_rows(store, code, registry) if code else []
    units = units_frame(store, province).to_dict("records")
    return template_bytes(list(groups(store).values()), list(LEVEL_LABELS.values()),
                          fields, rows, units)
