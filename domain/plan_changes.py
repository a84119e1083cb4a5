"""What saving a plan over the stored one would change: tasks and units added, changed,
removed, and the plan's own fields, in Vietnamese lines a confirmation can list.

A unit counts as *changed* when it stays in the plan but its tasks or roles differ; a task
as changed when its title, section, deadline or units differ. Units are compared by id, so
a renamed spelling in a document is no change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from domain.model import ROLES


@dataclass(frozen=True)
class TaskState:
    """One task as stored or as about to be saved; `units` maps unit id to role."""

    code: str
    title: str
    deadline_text: str = ""
    section: str = ""
    units: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanChanges:
    code: str
    fields: list[str] = field(default_factory=list)
    tasks_added: list[str] = field(default_factory=list)
    tasks_changed: list[str] = field(default_factory=list)
    tasks_removed: list[str] = field(default_factory=list)
    units_added: list[str] = field(default_factory=list)
    units_changed: list[str] = field(default_factory=list)
    units_removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.fields,
                self.tasks_added,
                self.tasks_changed,
                self.tasks_removed,
                self.units_added,
                self.units_changed,
                self.units_removed,
            )
        )

    def lines(self) -> list[str]:
        """One line per kind of change that happens; a single line when nothing changes."""
        parts = [
            ("Thông tin kế hoạch thay đổi", self.fields),
            ("Nhiệm vụ thêm mới", self.tasks_added),
            ("Nhiệm vụ thay đổi", self.tasks_changed),
            ("Nhiệm vụ bị xoá", self.tasks_removed),
            ("Đơn vị thêm vào kế hoạch", self.units_added),
            ("Đơn vị đổi nhiệm vụ hoặc vai trò", self.units_changed),
            ("Đơn vị không còn trong kế hoạch", self.units_removed),
        ]
        found = [f"{label} ({len(items)}): {'; '.join(items)}" for label, items in parts if items]
        return found or ["Không có thay đổi nào so với kế hoạch đã lưu."]


def _task_label(task: TaskState) -> str:
    return f"{task.code} — {task.title[:60]}" if task.title else task.code


def _task_change(old: TaskState, new: TaskState, names: Mapping[int, str]) -> str | None:
    what = []
    if old.title != new.title:
        what.append("tên")
    if old.section != new.section:
        what.append(f"mục «{old.section}» → «{new.section}»")
    if old.deadline_text != new.deadline_text:
        what.append(f"thời hạn «{old.deadline_text}» → «{new.deadline_text}»")
    if dict(old.units) != dict(new.units):
        added = [names.get(u, f"#{u}") for u in new.units if u not in old.units]
        gone = [names.get(u, f"#{u}") for u in old.units if u not in new.units]
        roles = [
            f"{names.get(u, f'#{u}')} thành {ROLES.get(r, r).lower()}"
            for u, r in new.units.items()
            if u in old.units and old.units[u] != r
        ]
        for label, items in (("thêm", added), ("bỏ", gone), ("đổi vai trò", roles)):
            if items:
                what.append(f"{label} {', '.join(sorted(items))}")
    return f"{new.code} ({'; '.join(what)})" if what else None


def _assignments(tasks: Sequence[TaskState]) -> dict[int, set[tuple[str, str]]]:
    by_unit: dict[int, set[tuple[str, str]]] = {}
    for task in tasks:
        for unit, role in task.units.items():
            by_unit.setdefault(unit, set()).add((task.code, role))
    return by_unit


def compare(
    code: str,
    old: Sequence[TaskState],
    new: Sequence[TaskState],
    names: Mapping[int, str],
    fields: Sequence[str] = (),
) -> PlanChanges:
    """The changes from the stored tasks `old` to `new`; `names` names unit ids, `fields`
    are the labels of the plan's own fields that differ."""
    before = {t.code: t for t in old}
    after = {t.code: t for t in new}
    changed = [
        line
        for c, task in after.items()
        if c in before and (line := _task_change(before[c], task, names)) is not None
    ]
    was, now = _assignments(old), _assignments(new)

    def named(ids) -> list[str]:
        return sorted(names.get(u, f"#{u}") for u in ids)

    return PlanChanges(
        code,
        list(fields),
        [_task_label(t) for c, t in after.items() if c not in before],
        changed,
        [_task_label(t) for c, t in before.items() if c not in after],
        named(u for u in now if u not in was),
        named(u for u in now if u in was and now[u] != was[u]),
        named(u for u in was if u not in now),
    )
