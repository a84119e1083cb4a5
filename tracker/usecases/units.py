"""The unit registry of a province: reading it for the matcher and the units page, and
editing it (the page's table, the register workbook's «Đơn vị» sheet) all-or-nothing.

Problems come back as values, located by row and column id (``name``, ``aliases``,
``group``, ``level``, ``parent``); a sheet import turns the ids into its own letters.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.access import Action, Actor, require
from domain.model import UNIT_LEVELS
from domain.problems import Outcome, Problem, file_problem
from domain.text import clean, fold
from loaders.plans.rows import Registry, split_cell
from loaders.plans.sheet import read_unit_sheet
from loaders.plans.units import RegistryUnit
from store import units as stored
from store.database import Store
from store.plans import provinces, unit_groups
from tracker.usecases.acting import acting

__all__ = [
    "LEVEL_LABELS",
    "UNIT_COLUMNS",
    "Registry",
    "UnitRow",
    "groups",
    "load_registry",
    "provinces",
    "rows_from_editor",
    "save_unit_rows",
    "units_frame",
]

LEVEL_LABELS = {"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "co_so": "Cấp cơ sở"}
UNIT_COLUMNS = ("unit_id", "name", "short_name", "aliases", "group", "level", "parent")


def groups(store: Store) -> dict[str, str]:
    """group_code -> label, in display order."""
    return unit_groups(store)


def load_registry(store: Store, province: str) -> Registry:
    """Every unit of `province` with all its spellings, and the unit groups."""
    units = [
        RegistryUnit(u.unit_id, u.name, tuple(s for s in u.spellings if s != u.name), u.group_code)
        for u in stored.registry(store, province)
    ]
    return Registry(units, groups(store))


def units_frame(store: Store, province: str) -> pd.DataFrame:
    """The registry of `province` as the units page edits it (aliases joined by "; ")."""
    labels = groups(store)
    found = stored.registry(store, province)
    names = {u.unit_id: u.name for u in found}
    return pd.DataFrame(
        [
            {
                "unit_id": u.unit_id,
                "name": u.name,
                "short_name": u.short_name,
                "aliases": "; ".join(s for s in u.spellings if s not in (u.name, u.short_name)),
                "group": labels.get(u.group_code, u.group_code),
                "level": LEVEL_LABELS.get(u.level, u.level),
                "parent": names.get(u.parent_id, "") if u.parent_id is not None else "",
            }
            for u in found
        ],
        columns=list(UNIT_COLUMNS),
    )


@dataclass(frozen=True)
class UnitRow:
    """One unit as edited: `unit_id` None for a new one; group and level by code or label;
    `row` where it came from (1-based, as the table or the sheet shows it)."""

    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    group: str = ""
    level: str = "tinh"
    parent: str = ""
    unit_id: int | None = None
    row: int = 0


def save_unit_rows(
    store: Store,
    actor: Actor,
    province: str,
    rows: list[UnitRow],
    file: str = "",
    delete: tuple[int, ...] = (),
    dry_run: bool = False,
) -> Outcome:
    """Insert, update and delete units of `province` in one transaction, or nothing.

    Refused: a missing name or unknown group/level, two rows with one name, a spelling that
    already names another unit, a parent that is not a unit, deleting a unit in use.
    Forbidden unless `actor` may edit units; a save (not a `dry_run`) is audited with the
    touched units before and after."""
    require(actor, Action.UNITS)
    labels = groups(store)
    by_label = {fold(label): code for code, label in labels.items()} | {
        fold(code): code for code in labels
    }
    levels = {fold(label): code for code, label in LEVEL_LABELS.items()} | {
        fold(code): code for code in UNIT_LEVELS
    }
    existing = {u.name: u.unit_id for u in stored.registry(store, province)}
    problems: list[Problem] = []

    def bad(row: UnitRow, column: str, value: str, message: str) -> None:
        problems.append(Problem(file, None, row.row or None, column, value, message))

    claims: dict[str, list[tuple[UnitRow, str, bool]]] = {}
    for row in rows:
        primary = {fold(row.name), fold(row.short_name)}
        for spelling in _spellings(row):
            claims.setdefault(fold(spelling), []).append((row, spelling, fold(spelling) in primary))
    for claimants in claims.values():
        owners = {clean(r.name) for r, _s, _p in claimants}
        if len(owners) > 1:
            blamed = [c for c in claimants if not c[2]] or claimants
            for row, spelling, _primary in blamed:
                others = "», «".join(sorted(owners - {clean(row.name)}))
                bad(row, "aliases", spelling, f"Tên gọi «{spelling}» đã dùng cho «{others}».")
    names = {clean(r.name) for r in rows} | set(existing)
    for row in rows:
        name = clean(row.name)
        if not name:
            bad(row, "name", "", "Thiếu tên đơn vị.")
            continue
        if fold(row.group) not in by_label:
            bad(
                row,
                "group",
                row.group,
                "Nhóm không có trong danh mục: " + "; ".join(labels.values()) + ".",
            )
        if fold(row.level or "tinh") not in levels:
            bad(row, "level", row.level, "Cấp phải là: " + "; ".join(LEVEL_LABELS.values()) + ".")
        if row.parent and clean(row.parent) not in names:
            bad(row, "parent", row.parent, "Đơn vị cấp trên không có trong danh mục.")
        other_names = {clean(r.name) for r in rows if r is not row}
        for spelling in _spellings(row):
            owner = stored.spelling_owner(
                store, province, spelling, row.unit_id or existing.get(name)
            )
            if owner is not None and owner not in other_names:
                bad(row, "aliases", spelling, f"Tên gọi «{spelling}» đã là của «{owner}».")
    for unit_id in delete:
        assignments, reports = stored.unit_usage(store, unit_id)
        if assignments or reports:
            problems.append(
                file_problem(
                    file,
                    (
                        f"Không xoá được đơn vị #{unit_id}: đang được giao {assignments} nhiệm vụ, "
                        f"có {reports} báo cáo."
                    ),
                )
            )
    if problems or dry_run:
        return Outcome(problems)
    edits = [
        stored.UnitEdit(
            row.unit_id or existing.get(clean(row.name)),
            clean(row.name),
            clean(row.short_name),
            by_label[fold(row.group)],
            levels[fold(row.level or "tinh")],
            tuple(_spellings(row)),
            clean(row.parent),
        )
        for row in rows
    ]
    touched = {e.unit_id for e in edits if e.unit_id is not None} | set(delete)
    with acting(
        store, actor, Action.UNITS, "units", province, before=_records(store, province, touched)
    ) as act:
        ids = stored.save_unit_edits(store, province, edits, delete)
        act.after = _records(store, province, touched | set(ids.values()))
    return Outcome()


def _records(store: Store, province: str, unit_ids: set[int]) -> list[dict]:
    """The units `unit_ids` of `province` as the units page shows them."""
    frame = units_frame(store, province)
    return frame[frame["unit_id"].isin(unit_ids)].to_dict("records")


def _spellings(row: UnitRow) -> list[str]:
    """Every spelling of the row (name, short name, aliases), cleaned, once each."""
    found = [clean(row.name), clean(row.short_name), *map(clean, row.aliases)]
    return [s for i, s in enumerate(found) if s and s not in found[:i]]


def rows_from_editor(records: list[dict]) -> list[UnitRow]:
    """The units page's table (:func:`units_frame`'s columns, as edited) as unit rows:
    blank rows skipped, other spellings split at ";", a row's number as the table shows it."""
    rows = []
    for number, item in enumerate(records, start=1):
        if not any(_cell(item.get(c)) for c in UNIT_COLUMNS if c != "unit_id"):
            continue
        unit_id = _cell(item.get("unit_id"))
        rows.append(
            UnitRow(
                name=_cell(item.get("name")),
                short_name=_cell(item.get("short_name")),
                aliases=tuple(split_cell(_cell(item.get("aliases")))),
                group=_cell(item.get("group")),
                level=_cell(item.get("level")) or "Cấp tỉnh",
                parent=_cell(item.get("parent")),
                unit_id=int(float(unit_id)) if unit_id else None,
                row=number,
            )
        )
    return rows


def _cell(value: object) -> str:
    """An edited cell as text: "" for an empty one (None, NaN, <NA>)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def rows_from_sheet(sheet_units: list[dict]) -> list[UnitRow]:
    """The unit rows a unit sheet (or a plan sheet's «Đơn vị» page) holds, as editor rows."""
    return [
        UnitRow(
            u["name"],
            u["short_name"],
            tuple(split_cell(u["aliases"])),
            u["group"],
            u["level"] or "tinh",
            u["parent"],
            row=u["row"],
        )
        for u in sheet_units
    ]


def import_unit_sheet(
    store: Store, actor: Actor, province: str, data: bytes, filename: str
) -> tuple[int, list[Problem]]:
    """Read a «Đơn vị» workbook and save its units into the province's registry, all or
    nothing. Returns how many rows it held and the problems (located in the sheet's own
    cells); nothing is written when there is any. Forbidden unless `actor` may edit units."""
    require(actor, Action.UNITS)
    sheet = read_unit_sheet(data, filename)
    rows = rows_from_sheet(sheet.units)
    problems = sheet.problems or sheet.unit_cells(
        save_unit_rows(store, actor, province, rows, filename).problems
    )
    return len(rows), problems
