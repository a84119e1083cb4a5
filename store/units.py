"""The unit registry as the register pages edit it: every unit of a province with all its
spellings, who already owns a spelling, what uses a unit, and one all-or-nothing edit.

(Units given as :class:`~domain.model.UnitSpec`, as the demo and tests make them,
are saved by :func:`store.plans.save_units`.)
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.text import fold
from store.database import Store


@dataclass(frozen=True)
class RegisteredUnit:
    unit_id: int
    name: str
    short_name: str
    group_code: str
    level: str
    parent_id: int | None
    spellings: tuple[str, ...]  # every spelling, the name and short name included


@dataclass(frozen=True)
class UnitEdit:
    """One unit as it is to be saved; `unit_id` None for a new one. `spellings` are all of
    its spellings (name and short name included); `parent` the name of its parent unit."""

    unit_id: int | None
    name: str
    short_name: str
    group_code: str
    level: str
    spellings: tuple[str, ...]
    parent: str = ""


def registry(store: Store, province: str) -> list[RegisteredUnit]:
    """Every unit of `province`, by name."""
    return [
        RegisteredUnit(unit_id, name, short or "", group, level, parent, tuple(spellings))
        for unit_id, name, short, group, level, parent, spellings in store.rows(
            "register_unit_spellings", province=province
        )
    ]


def spelling_owner(store: Store, province: str, spelling: str, unit_id: int | None) -> str | None:
    """The name of another unit of `province` (not `unit_id`) already written `spelling`."""
    found = store.rows(
        "register_unit_spelling_owner",
        province=province,
        key=fold(spelling),
        unit_id=-1 if unit_id is None else unit_id,
    )
    return found[0][1] if found else None


def unit_usage(store: Store, unit_id: int) -> tuple[int, int]:
    """(assignments, reports) that keep a unit from being deleted."""
    assignments, reports = store.rows("register_unit_usage", unit_id=unit_id)[0]
    return assignments, reports


def save_unit_edits(
    store: Store, province: str, edits: list[UnitEdit], delete: tuple[int, ...] = ()
) -> dict[str, int]:
    """Insert or update `edits` and delete the units `delete`, in one transaction; a unit's
    spellings are replaced by the edit's. Returns name -> unit id of the edited units."""
    with store.write() as tx:
        ids: dict[str, int] = {}
        for edit in edits:
            fields = dict(short_name=edit.short_name, group_code=edit.group_code, level=edit.level)
            if edit.unit_id is None:
                unit_id = tx.run("unit_insert", province=province, name=edit.name, **fields)[0][0]
            else:
                unit_id = edit.unit_id
                tx.run(
                    "register_unit_update",
                    unit_id=unit_id,
                    name=edit.name,
                    parent_id=None,
                    **fields,
                )
                tx.run("register_unit_aliases_delete", unit_id=unit_id)
            ids[edit.name] = unit_id
            for spelling in edit.spellings:
                tx.run(
                    "unit_alias_upsert", unit_id=unit_id, alias=spelling, alias_key=fold(spelling)
                )
        known = {u.name: u.unit_id for u in registry(store, province)}  # sees this write
        for edit in edits:
            if edit.parent:
                tx.run(
                    "unit_parent_set",
                    unit_id=ids[edit.name],
                    parent_id=ids.get(edit.parent) or known.get(edit.parent),
                )
        for unit_id in delete:
            tx.run("register_unit_aliases_delete", unit_id=unit_id)
            tx.run("register_unit_delete", unit_id=unit_id)
    return ids
