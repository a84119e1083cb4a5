"""The demo: the two seed plans, their units, and generated unit reports.

Reports are generated deterministically (same seed, same files) so that, as of the last
report date (26/07/2019), every status appears: quán triệt done on time or late or still
open past 30/6, the Hải Dương grassroots task due within the week, recurring tasks of the
second half of 2019 in progress or not yet reported, and a few units that never report.
The generated reports are real .xlsx files written the way units fill them in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from tracker import seed_data
from tracker.store.database import Store
from tracker.store.plans import save_plan, save_units

SEED = 32
FIRST_REPORTS = (date(2019, 6, 24), date(2019, 7, 10))
SECOND_REPORTS = (date(2019, 7, 15), date(2019, 7, 26))
LAST_REPORT = SECOND_REPORTS[1]

PROGRESS_WORDS = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
}
RESULTS = (
    "Đã tổ chức hội nghị quán triệt cho cán bộ chủ chốt, {n} lượt người tham dự.",
    "Đăng tải {n} tin, bài trên trang thông tin điện tử và mạng xã hội.",
    "Ban hành kế hoạch triển khai; tổ chức {n} buổi sinh hoạt chuyên đề.",
    "Phối hợp cung cấp {n} tài liệu tuyên truyền cho cơ sở.",
    "Cử {n} cán bộ tham gia lớp tập huấn nghiệp vụ.",
)


@dataclass(frozen=True)
class DemoRow:
    task_code: str
    section: str
    task: str
    period: str
    progress: str
    completed_on: date | None
    result_text: str
    note: str


@dataclass(frozen=True)
class DemoReport:
    plan: str
    unit: str
    unit_short: str
    reported_on: date
    file_name: str
    rows: tuple[DemoRow, ...]


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def generate_reports(obligations: pd.DataFrame, seed: int = SEED) -> list[DemoReport]:
    """Reports for every (plan, unit) of `obligations` (the ``demo_obligations`` query)."""
    obligations = obligations.copy()
    for column in ("plan_date", "period_start", "due_on"):
        obligations[column] = [v.date() if not pd.isna(v) else None for v in obligations[column]]
    reports = []
    for (plan, unit), group in obligations.groupby(["plan", "unit"], sort=True):
        rng = random.Random(f"{seed}:{plan}:{unit}")
        if rng.random() < 0.1:
            continue  # a unit that never reports: overdue and not-reported cells
        dates = [_between(rng, *FIRST_REPORTS)]
        if rng.random() < 0.65:
            dates.append(_between(rng, *SECOND_REPORTS))
        fates = {key: _fate(rng, row) for key, row in _keyed(group)}
        short = group["unit_short"].iloc[0]
        for number, on in enumerate(dates, start=1):
            rows = []
            for key, row in _keyed(group):
                started = row.period == "" or row.period_start <= on
                if not started:
                    continue
                rows.append(_row(rng, row, fates[key], on, number))
            safe = short.replace("&", "").replace(" ", "_")
            file_name = f"BC_CT32_{safe}_lan{number}_{on:%d%m%Y}.xlsx"
            reports.append(DemoReport(plan, unit, short, on, file_name, tuple(rows)))
    last = max(reports, key=lambda r: (r.reported_on, r.file_name))
    if last.reported_on != LAST_REPORT:
        reports[reports.index(last)] = DemoReport(
            last.plan, last.unit, last.unit_short, LAST_REPORT, last.file_name, last.rows
        )
    return reports


def _keyed(group: pd.DataFrame):
    for row in group.itertuples(index=False):
        yield (row.task_code, row.period), row


def _fate(rng: random.Random, row) -> tuple[str, date | None]:
    """How this obligation goes: completed on a date (on time or late), or left open."""
    roll = rng.random()
    due = row.due_on
    start = row.period_start or row.plan_date
    if due is None:
        return ("open", None)
    if roll < 0.6:
        window = max((due - start).days, 0)
        return ("done", start + timedelta(days=rng.randint(max(window - 12, 0), window)))
    if roll < 0.78:
        return ("done", due + timedelta(days=rng.randint(1, 20)))
    if roll < 0.9:
        return ("open", None)
    return ("stalled", None)


def _row(rng: random.Random, row, fate: tuple[str, date | None], on: date, number: int):
    kind, completed = fate
    if kind == "done" and completed <= on:
        progress, result = "done", rng.choice(RESULTS).format(n=rng.randint(3, 240))
    elif kind == "stalled" and number == 1:
        progress, result, completed = "not_started", "", None
    else:
        progress, completed = "in_progress", None
        result = "Đang triển khai theo kế hoạch."
    note = "Đề nghị gia hạn đến cuối tháng." if progress != "done" and rng.random() < 0.1 else ""
    return DemoRow(
        row.task_code,
        row.section,
        row.task,
        row.period,
        progress,
        completed if progress == "done" else None,
        result,
        note,
    )


def load_plans(store: Store) -> None:
    """Register the units and plans of every bundled demo file."""
    for path in seed_data.demo_files():
        province, units, plan = seed_data.load(path)
        save_units(store, province, units)
        save_plan(store, plan)


def demo_reports(store: Store) -> list[DemoReport]:
    return generate_reports(store.frame("demo_obligations"))


def write_reports_directly(store: Store, reports: list[DemoReport]) -> None:
    """Stand-in for ingestion: write generated reports straight into the store."""
    import hashlib

    with store.write() as tx:
        for report in reports:
            digest = hashlib.sha256(repr(report).encode()).hexdigest()
            report_id = tx.run(
                "demo_report_insert",
                file_name=report.file_name,
                sha256=digest,
                size_bytes=0,
                reported_on=report.reported_on,
                row_count=len(report.rows),
                unit=report.unit,
                plan=report.plan,
            )[0][0]
            tx.run_many(
                "demo_row_insert",
                [
                    dict(
                        report_id=report_id,
                        row_no=i,
                        task_code=r.task_code,
                        period=r.period,
                        progress=r.progress,
                        completed_on=r.completed_on,
                        result_text=r.result_text,
                        note=r.note,
                        raw_status=PROGRESS_WORDS[r.progress],
                    )
                    for i, r in enumerate(report.rows, start=8)
                ],
            )


def build_demo(db_path: str | Path) -> Store:
    """Create the demo database at `db_path` (which must not exist yet) and return it open."""
    store = Store(db_path)
    load_plans(store)
    write_reports_directly(store, demo_reports(store))
    return store
