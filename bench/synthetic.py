"""The page benchmark's database: two plans of one directive, `units` × `tasks` monthly tasks
× `periods`, with reports so that every status appears as of :data:`AS_OF`, written with
``Writer.insert_arrow`` from numpy arrays in one transaction (1,000,000 obligations in about
6 s). Used by ``bench/pages.py`` and, at a tiny size, by its test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

from domain.model import DirectiveSpec, PlanSpec
from store.database import Store
from store.plans import save_plan
from store.reports import supersede

AS_OF = date(2020, 8, 20)
FIRST_PERIOD = date(2019, 1, 1)
GROUPS = ("so_ban_nganh", "cap_uy", "bao_chi", "mttq_doan_the", "co_quan_dang")


def _month(k: int) -> date:
    return date(FIRST_PERIOD.year + (FIRST_PERIOD.month - 1 + k) // 12, (k % 12) + 1, 1)


def _days(values: np.ndarray) -> pa.Array:
    """Days since the epoch (int) as an Arrow date32 column."""
    return pa.array(values.astype("int32"), pa.int32()).view(pa.date32())


def build(path: str | Path, units: int = 500, tasks: int = 100, periods: int = 20) -> dict:
    """Create the benchmark database at `path` (must not exist); return row counts.

    Two plans (``BENCH-A``, ``BENCH-B``) of directive 32-CT/TW share the tasks half and half;
    every task is monthly and assigned to every unit, so obligations = units × tasks ×
    periods. Task ``t`` is due ``7t mod 30`` days after its month ends, so as of
    :data:`AS_OF` some are overdue, some due soon, some not yet due. Each (plan, unit,
    month) gets one report 10–50 days into the month (dropped when after the as-of date),
    one in ten a later report that supersedes it; 3% of units never report.
    """
    rng = np.random.default_rng(32)
    epoch = date(1970, 1, 1)
    store = Store(path)
    plan_ids = []
    for i, letter in enumerate("AB"):
        saved = save_plan(
            store,
            PlanSpec(
                code=f"BENCH-{letter}/2019",
                title=f"Kế hoạch thử tải {letter}: thực hiện Chỉ thị 32-CT/TW",
                issued_on=date(2019, 1, 1 + 14 * i),
                issuer="Tỉnh ủy",
                province="BENCH",
                tracked_until=_month(periods) if periods else FIRST_PERIOD,
                directive=DirectiveSpec("32-CT/TW", date(2019, 2, 18), "Bộ Chính trị"),
                report_cycle="monthly",
            ),
        )
        plan_ids.append(saved.plan_id)
    unit_ids = np.arange(1, units + 1)
    task_ids = np.arange(1, tasks + 1)
    task_plan = np.array([plan_ids[0] if t <= tasks // 2 else plan_ids[1] for t in task_ids])
    starts = np.array([(_month(k) - epoch).days for k in range(periods)])
    ends = np.array([(_month(k + 1) - epoch).days - 1 for k in range(periods)])
    names = np.array([f"{_month(k):%Y-%m}" for k in range(periods)])

    # obligations: every (task, unit, period)
    t_idx, u_idx, k_idx = (
        a.ravel()
        for a in np.meshgrid(np.arange(tasks), np.arange(units), np.arange(periods), indexing="ij")
    )
    due = ends[k_idx] + (task_ids[t_idx] * 7) % 30
    obligation = pa.table(
        {
            "plan_id": task_plan[t_idx],
            "task_id": task_ids[t_idx],
            "unit_id": unit_ids[u_idx],
            "period": pa.array(names[k_idx]),
            "period_start": _days(starts[k_idx]),
            "due_on": _days(due),
        }
    )

    # reports: one per (plan, unit, month), some superseded later; silent units send none
    r_plan, r_unit, r_k = (
        a.ravel()
        for a in np.meshgrid(np.arange(2), np.arange(units), np.arange(periods), indexing="ij")
    )
    silent = rng.random(units) < 0.03
    on = starts[r_k] + rng.integers(10, 51, r_k.size)
    again = rng.random(r_k.size) < 0.1
    r_plan = np.concatenate([r_plan, r_plan[again]])
    r_unit = np.concatenate([r_unit, r_unit[again]])
    r_k = np.concatenate([r_k, r_k[again]])
    on = np.concatenate([on, on[again] + rng.integers(3, 21, again.sum())])
    second = np.r_[np.zeros(again.size, bool), np.ones(again.sum(), bool)]
    keep = (on <= (AS_OF - epoch).days) & ~silent[r_unit]
    r_plan, r_unit, r_k, on, second = r_plan[keep], r_unit[keep], r_k[keep], on[keep], second[keep]
    on[np.argmax(on)] = (AS_OF - epoch).days  # the newest report is the default as-of date
    report_ids = np.arange(1, on.size + 1)
    report = pa.table(
        {
            "report_id": report_ids,
            "plan_id": np.array(plan_ids)[r_plan],
            "unit_id": unit_ids[r_unit],
            "file_name": pa.array([f"BC_{i}.xlsx" for i in report_ids]),
            "sha256": pa.array([f"{i:064x}" for i in report_ids]),
            "size_bytes": np.zeros(on.size, np.int64),
            "uploaded_at": pa.array(on.astype("int64") * 86_400_000_000, pa.timestamp("us")),
            "reported_on": _days(on),
            "row_count": np.full(on.size, tasks // 2, np.int32),
        }
    )

    # report rows: every task of the report's plan; done 70%, in progress 20%, not started 10%
    half = tasks // 2
    per = np.repeat(np.arange(on.size), half)
    task_of = np.where(r_plan[per] == 0, 0, tasks - half) + np.tile(np.arange(half), on.size)
    roll = rng.random(per.size)
    progress = np.where(second[per] | (roll < 0.7), 0, np.where(roll < 0.9, 1, 2))
    completed = on[per] - rng.integers(0, 11, per.size)
    report_row = pa.table(
        {
            "report_id": report_ids[per],
            "row_no": np.tile(np.arange(8, 8 + half), on.size),
            "task_id": task_ids[task_of],
            "unit_id": unit_ids[r_unit[per]],
            "period": pa.array(names[r_k[per]]),
            "progress": pa.array(np.array(["done", "in_progress", "not_started"])[progress]),
            "completed_on": pa.array(
                completed.astype("int32"), pa.int32(), mask=progress != 0
            ).view(pa.date32()),
        }
    )
    unit = pa.table(
        {
            "unit_id": unit_ids,
            "province": ["BENCH"] * units,
            "name": [f"Đơn vị thử tải {u:03d}" for u in unit_ids],
            "short_name": [f"ĐV{u:03d}" for u in unit_ids],
            "group_code": [GROUPS[u % len(GROUPS)] for u in unit_ids],
        }
    )
    task = pa.table(
        {
            "task_id": task_ids,
            "plan_id": task_plan,
            "code": [f"NV{t:03d}" for t in task_ids],
            "section": [f"II.{1 + t % 5}" for t in task_ids],
            "section_title": [f"Nhóm nhiệm vụ {1 + t % 5}" for t in task_ids],
            "title": [f"Nhiệm vụ thử tải số {t}" for t in task_ids],
            "deadline_text": ["hằng tháng"] * tasks,
            "recurrence": ["monthly"] * tasks,
            "sort_order": task_ids,
        }
    )
    assignment = pa.table(
        {"task_id": np.repeat(task_ids, units), "unit_id": np.tile(unit_ids, tasks)}
    )
    with store.write() as tx:
        for name, table in (
            ("unit", unit),
            ("task", task),
            ("assignment", assignment),
            ("obligation", obligation),
            ("report", report),
            ("report_row", report_row),
        ):
            tx.insert_arrow(name, table)
        supersede(tx, report["report_id"].to_pylist())
    store.after_bulk_load()
    store.close()
    return {
        "obligations": obligation.num_rows,
        "reports": report.num_rows,
        "report_rows": report_row.num_rows,
    }
