"""Read the bundled plan files in ``data/demo/*.json`` into specs.

Each file holds one province's unit registry and one plan, transcribed from the real
documents in ``shared/seeds``. Two shorthands keep the files readable: a unit key
``@GROUP`` stands for every unit of that group (``@cap_uy_huyen`` for the district-level
ones only), and ``assign_everyone_except`` gives every task, as ``phoi_hop`` unless listed
under the task's ``chu_tri``, to every unit except those named — how a plan reads that
assigns its tasks to "các cấp ủy, tổ chức đảng".
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from domain.model import DirectiveSpec, PlanSpec, TaskSpec, UnitSpec

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.json"))


def load(path: Path) -> tuple[str, list[UnitSpec], PlanSpec]:
    """``(province, units, plan)`` from one bundled file."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    province = raw["province"]
    units = [
        UnitSpec(
            name=u["name"],
            short_name=u["short_name"],
            group=u["group"],
            level=u.get("level", "tinh"),
            aliases=tuple(u.get("aliases", ())),
        )
        for u in raw["units"]
    ]
    return province, units, _plan(raw["plan"], province, units)


def _plan(raw: dict, province: str, units: list[UnitSpec]) -> PlanSpec:
    directive = raw.get("directive")
    everyone_but = raw.get("assign_everyone_except")
    tasks = []
    for t in raw["tasks"]:
        if everyone_but is not None:
            lead = set(t.get("chu_tri", ()))
            assigned = {
                u.name: "chu_tri" if u.name in lead else "phoi_hop"
                for u in units
                if u.name not in everyone_but
            }
        else:
            assigned = _expand(t["units"], units)
        tasks.append(
            TaskSpec(
                code=t["code"],
                section=t["section"],
                title=t["title"],
                deadline_text=t["deadline_text"],
                section_title=t.get("section_title", ""),
                units=assigned,
            )
        )
    return PlanSpec(
        code=raw["code"],
        title=raw["title"],
        issued_on=date.fromisoformat(raw["issued_on"]),
        issuer=raw["issuer"],
        province=province,
        tracked_until=date.fromisoformat(raw["tracked_until"]),
        directive=DirectiveSpec(
            code=directive["code"],
            issued_on=date.fromisoformat(directive["issued_on"]),
            issuer=directive["issuer"],
            title=directive["title"],
        )
        if directive
        else None,
        report_cycle=raw.get("report_cycle", "half_yearly"),
        code_note=raw.get("code_note", ""),
        tasks=tuple(tasks),
    )


def _expand(written: dict[str, str], units: list[UnitSpec]) -> dict[str, str]:
    assigned: dict[str, str] = {}
    for key, role in written.items():
        if key == "@cap_uy_huyen":
            members = [u.name for u in units if u.group == "cap_uy" and u.level == "huyen"]
        elif key.startswith("@"):
            members = [u.name for u in units if u.group == key[1:]]
        else:
            members = [key]
        for name in members:
            assigned.setdefault(name, role)
    return assigned
