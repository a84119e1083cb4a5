"""Plain records that describe plans and units as people write them (before storage).

A :class:`PlanSpec` is what the demo data, the plan-register import and the document import
all produce; :func:`store.plans.save_plan` turns one into rows in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

UNIT_LEVELS = ("tinh", "huyen", "co_so")
ROLES = {"chu_tri": "Chủ trì", "phoi_hop": "Phối hợp"}

TASK_COLUMNS = ("code", "section", "section_title", "title", "deadline_text", "chu_tri", "phoi_hop")
"""A task row as people edit it (the plan page's table, the register template's sheet): the
two unit cells are lists separated by ";" (loaders.plans.rows reads them)."""
TASK_LABELS = {
    "code": "Mã NV",
    "section": "Mục",
    "section_title": "Tên mục",
    "title": "Nhiệm vụ",
    "deadline_text": "Thời hạn",
    "chu_tri": "Đơn vị chủ trì",
    "phoi_hop": "Đơn vị phối hợp",
}


@dataclass(frozen=True)
class UnitSpec:
    """A unit as the registry knows it: official name, short name, aliases, group."""

    name: str
    short_name: str
    group: str
    level: str = "tinh"
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True)
class DirectiveSpec:
    code: str
    issued_on: date | None = None
    issuer: str = ""
    title: str = ""


@dataclass(frozen=True)
class TaskSpec:
    """One task; `units` maps a unit's name (any registered spelling) to its role,
    `unit_ids` a unit already matched (by the register's checks) to its role."""

    code: str
    section: str
    title: str
    deadline_text: str
    section_title: str = ""
    units: dict[str, str] = field(default_factory=dict)
    unit_ids: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanSpec:
    code: str
    title: str
    issued_on: date
    issuer: str
    province: str
    tracked_until: date
    directive: DirectiveSpec | None = None
    report_cycle: str = "half_yearly"
    code_note: str = ""
    tasks: tuple[TaskSpec, ...] = ()


@dataclass
class PlanFields:
    """The plan's own fields as the form or the register template's first sheet gives them
    (unchecked: loaders.plans.rows.check_fields says what is missing)."""

    code: str
    title: str
    issued_on: date | None
    issuer: str
    province: str
    directive_code: str = ""
    directive_date: date | None = None
    directive_issuer: str = ""
    directive_title: str = ""
    report_cycle: str = "half_yearly"
    tracked_until: date | None = None
    code_note: str = ""
