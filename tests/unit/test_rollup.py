"""A published roll-up reproduced: Báo cáo 1270/BC-TCTTTg (2017) counted 21,914 tasks =
14,068 done on time + 1,983 done late + 5,640 open and in time + 223 overdue."""

from __future__ import annotations

from datetime import date, datetime

import pyarrow as pa

from domain.model import PlanSpec, UnitSpec
from domain.scope import Scope
from store.plans import save_plan, save_units
from store.reports import supersede
from tracker.views import summary

AS_OF = date(2017, 12, 31)
# (how many, due, progress reported, completed on)
SHAPE = [
    (14_068, date(2017, 12, 1), "done", date(2017, 11, 20)),
    (1_983, date(2017, 11, 1), "done", date(2017, 11, 15)),
    (3_000, date(2018, 3, 31), "in_progress", None),
    (2_640, date(2018, 6, 30), None, None),
    (223, date(2017, 12, 15), "in_progress", None),
]


def _build(store) -> None:
    save_units(store, "VN", [UnitSpec("Bộ A", "BA", "so_ban_nganh")])
    save_plan(
        store,
        PlanSpec(
            code="1270",
            title="Nhiệm vụ Chính phủ giao",
            province="VN",
            issued_on=date(2017, 1, 1),
            issuer="",
            tracked_until=AS_OF,
        ),
    )
    plan_id = store.scalar("plan_id_by_code", code="1270")
    unit_id = store.rows("unit_find", province="VN", key="ba")[0][0]
    tasks, rows = [], []
    task_id = 1000
    for count, due, progress, completed in SHAPE:
        for _ in range(count):
            task_id += 1
            tasks.append(
                dict(
                    task_id=task_id,
                    plan_id=plan_id,
                    code=f"T{task_id}",
                    title=f"Nhiệm vụ {task_id}",
                    due_on=due,
                )
            )
            if progress:
                rows.append(
                    dict(
                        report_id=1,
                        row_no=task_id,
                        task_id=task_id,
                        unit_id=unit_id,
                        progress=progress,
                        completed_on=completed,
                    )
                )
    with store.write() as tx:
        tx.insert_arrow("task", pa.Table.from_pylist(tasks))
        tx.insert_arrow(
            "assignment",
            pa.Table.from_pylist([dict(task_id=t["task_id"], unit_id=unit_id) for t in tasks]),
        )
        tx.insert_arrow(
            "report",
            pa.Table.from_pylist(
                [
                    dict(
                        report_id=1,
                        plan_id=plan_id,
                        unit_id=unit_id,
                        file_name="tonghop.xlsx",
                        sha256="0" * 64,
                        size_bytes=1,
                        uploaded_at=datetime(2017, 12, 31),
                        reported_on=AS_OF,
                    )
                ]
            ),
        )
        tx.insert_arrow("report_row", pa.Table.from_pylist(rows))
        supersede(tx, [1])
        tx.run("obligations_derive", plan_id=plan_id)


def test_the_1270_report_figures_come_out_of_the_status_engine(store):
    _build(store)
    counts = summary.status_counts(store, Scope(AS_OF, "1270"))
    k = summary.kpis_from_counts(counts)
    assert k.obligations == 21_914
    assert counts["done_on_time"] == 14_068
    assert counts["done_late"] == 1_983
    assert counts["overdue"] == 223
    open_in_time = sum(counts.get(c, 0) for c in ("in_progress", "due_soon", "not_reported"))
    assert open_in_time == 5_640
    assert round(k.on_time_pct, 1) == 64.2
    assert round(k.done_pct, 1) == round(100 * 16_051 / 21_914, 1)


def test_the_breakdown_table_adds_up_to_the_same_figures(store):
    _build(store)
    table = summary.overview(store, Scope(AS_OF, "1270")).by_plan
    row = table.iloc[0]
    assert row["total"] == 21_914
    assert row["done_on_time"] == 14_068
    assert row["done_on_time_pct"] == 64.2
