"""Remembered names: staff confirm what a report's text means ("Tổ chức quán triệt" is NV01
of 84-KH/BTGTU; "UB MTTQ tỉnh" is Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh), and every later
file is matched with it (:func:`tracker.usecases.ingest.load_catalog` adds them).

A name that already designates *another* task or unit exactly is refused: remembering it
would make that name ambiguous. Who and when are recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.access import Action, Actor, require
from domain.errors import TrackerError
from domain.text import clean, fold
from loaders.reports.catalog import Catalog, code_key
from loaders.reports.task_match import closest_tasks, task_label
from store import aliases as stored
from store.database import Store
from tracker.usecases.acting import acting
from tracker.usecases.ingest import load_catalog

__all__ = [
    "AliasRefused",
    "Remembered",
    "forget",
    "listed",
    "remember_task",
    "remember_unit",
    "task_choices",
    "unit_choices",
]


class AliasRefused(TrackerError, ValueError):
    """Why a name cannot be remembered (the message is Vietnamese, for the user)."""


@dataclass(frozen=True)
class Remembered:
    alias_id: int | None  # None: it was remembered already
    alias: str
    target: str  # "NV01 — Tổ chức quán triệt ..." or the unit's name


def _catalog(store: Store, plan_code: str) -> Catalog:
    catalog = load_catalog(store, plan_code)
    if catalog is None:
        raise AliasRefused(f"Không có kế hoạch {plan_code}.")
    return catalog


def remember_task(store: Store, actor: Actor, plan_code: str, task: str, alias: str) -> Remembered:
    """Remember `alias` as a name of the task whose code is `task` in plan `plan_code`, for
    `actor` (Forbidden unless the role may; audited)."""
    require(actor, Action.ALIASES)
    catalog = _catalog(store, plan_code)
    alias = clean(alias)
    found = catalog._task_index.get(("code", code_key(task)), set())
    if len(found) != 1:
        raise AliasRefused(f"Kế hoạch {plan_code} không có nhiệm vụ mã {task}.")
    task_id = next(iter(found))
    if not fold(alias):
        raise AliasRefused("Tên gọi trống.")
    already = catalog.task_ids(alias)
    if already and already != {task_id}:
        other = ", ".join(task_label(catalog.task(i)) for i in sorted(already))
        raise AliasRefused(f"«{alias}» đã chỉ nhiệm vụ khác ({other}); không ghi nhớ.")
    alias_id = _add(store, actor, "task", task_id, alias, plan_code)
    return Remembered(alias_id, alias, task_label(catalog.task(task_id)))


class _Known(Exception):
    """The name was remembered already: roll back the (empty) audited write."""


def _add(
    store: Store, actor: Actor, kind: stored.Kind, target_id: int, alias: str, where: str | None
) -> int | None:
    """Store the name with its audit row; nothing is audited when it was known already."""
    try:
        with acting(store, actor, Action.ALIASES, "alias") as act:
            alias_id = stored.add_alias(store, kind, target_id, alias, actor.login)
            if alias_id is None:
                raise _Known
            act.key = alias_id
            act.after = {"kind": kind, "target_id": target_id, "alias": alias, "plan": where}
    except _Known:
        return None
    return alias_id


def remember_unit(
    store: Store, actor: Actor, unit: str, alias: str, *, plan_code: str | None = None
) -> Remembered:
    """Remember `alias` as a name of the unit named `unit` (any of its spellings; in the
    province of `plan_code` when given), for `actor` (Forbidden unless the role may;
    audited)."""
    require(actor, Action.ALIASES)
    alias = clean(alias)
    province = _catalog(store, plan_code).province if plan_code else None
    found = stored.units_named(store, unit, province)
    if len(found) != 1:
        where = f" của tỉnh {province}" if province else ""
        what = "không rõ (nhiều đơn vị cùng tên)" if found else "không có"
        raise AliasRefused(f"Đơn vị «{unit}»{where} {what} trong danh mục.")
    unit_id, name, unit_province = found[0]
    if not fold(alias):
        raise AliasRefused("Tên gọi trống.")
    others = [n for uid, n, _ in stored.units_named(store, alias, unit_province) if uid != unit_id]
    if others:
        raise AliasRefused(
            f"«{alias}» đã là tên của đơn vị khác ({', '.join(others)}); không ghi nhớ."
        )
    return Remembered(_add(store, actor, "unit", unit_id, alias, plan_code), alias, name)


def listed(
    store: Store,
    *,
    plan_code: str | None = None,
    province: str | None = None,
    kind: stored.Kind | None = None,
) -> pd.DataFrame:
    """Remembered names (see :func:`store.aliases.list_aliases`)."""
    return stored.list_aliases(store, kind, plan_code, province)


def forget(store: Store, actor: Actor, alias_id: int) -> bool:
    """Forget one remembered name for `actor` (Forbidden unless the role may; audited with
    what it was); False, writing nothing, when there was none."""
    require(actor, Action.ALIASES)
    found = stored.list_aliases(store)
    found = found[found["alias_id"] == alias_id]
    if found.empty:
        return False
    row = found.iloc[0][["kind", "alias", "target", "plan_code", "province"]]
    before = row.astype(object).where(row.notna(), None).to_dict()
    with acting(store, actor, Action.ALIASES, "alias", alias_id, before=before) as act:
        act.action = "alias_forget"
        stored.remove_alias(store, alias_id)
    return True


def task_choices(catalog: Catalog, text: str, limit: int = 3) -> list[tuple[str, str]]:
    """(code, label) of the tasks closest to `text`, for a person to choose among."""
    tasks = [catalog.task(i) for i in closest_tasks(text, catalog, limit)]
    return [(task.code, task_label(task)) for task in tasks if task is not None]


def unit_choices(catalog: Catalog, text: str, limit: int = 3) -> list[str]:
    """Names of the units closest to `text`, for a person to choose among."""
    names = [catalog.unit_name(i) for i in catalog.closest_units(text, limit)]
    return [name for name in names if name]
