"""The demo: the two seed plans, their units, and generated unit reports.

Reports are generated deterministically (same seed, same files) so that, as of the last
report date (26/07/2019), every status appears: quán triệt done on time or late or still
open past 30/6, the Hải Dương grassroots task due within the week, recurring tasks of the
second half of 2019 in progress or not yet reported, and a few units that never report.
The generated reports are real .xlsx files written the way units fill them in.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from domain.access import Actor, Role
from store.database import Store
from store.plans import save_plan, save_units
from tracker.usecases import seed_data

SEED = 32
DEMO_BUILDER = Actor("demo", Role.QUAN_TRI, origin="cli")  # who loads the demo's reports
DEMO_PASSWORD = "demo-2019"  # shown on the sign-in page, which lists these only for the demo
DEMO_UNIT = ("Sở Ngoại vụ", "Lạng Sơn")  # the unit the demo's unit account reports for
DEMO_ACCOUNTS = (
    ("demo.lanhdao", Role.LANH_DAO, "Lãnh đạo Ban (thử)"),
    ("demo.canbo", Role.CAN_BO, "Cán bộ theo dõi (thử)"),
    ("demo.donvi", Role.DON_VI, "Sở Ngoại vụ (thử)"),
    ("demo.quantri", Role.QUAN_TRI, "Quản trị hệ thống (thử)"),
)
FIRST_REPORTS = (date(2019, 6, 24), date(2019, 7, 10))
SECOND_REPORTS = (date(2019, 7, 15), date(2019, 7, 26))
LAST_REPORT = SECOND_REPORTS[1]

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
    if kind == "done" and completed is not None and completed <= on:
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


STATUS_SPELLINGS = {
    "done": ("Đã hoàn thành", "Hoàn thành", "HT", "Xong"),
    "in_progress": ("Đang thực hiện", "Đang triển khai"),
    "not_started": ("Chưa thực hiện", "Chưa triển khai"),
}


def report_workbook(report: DemoReport, province: str) -> bytes:
    """The report as a unit would send it: a title block, then one row per task.

    Status words vary the way people write them, and one completion date in five is typed
    as text, so the demo goes through the same matching as real uploads.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rng = random.Random(report.file_name)
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    on = report.reported_on
    sheet["A1"] = report.unit.upper()
    sheet["E1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    sheet["E2"] = f"{province}, ngày {on.day} tháng {on.month} năm {on.year}"
    sheet["A3"] = f"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {report.plan}"
    sheet["A4"] = f"Đơn vị báo cáo: {report.unit}"
    header = (
        "STT",
        "Mã nhiệm vụ",
        "Nội dung nhiệm vụ",
        "Kỳ báo cáo",
        "Tình trạng",
        "Ngày hoàn thành",
        "Kết quả thực hiện",
        "Ghi chú",
    )
    sheet.append([])
    sheet.append(header)
    for cell in sheet[6]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for number, row in enumerate(report.rows, start=1):
        done = row.completed_on
        written_date = done.strftime("%d/%m/%Y") if done and rng.random() < 0.2 else done
        sheet.append(
            [
                number,
                row.task_code,
                row.task,
                _period_label(row.period),
                rng.choice(STATUS_SPELLINGS[row.progress]),
                written_date,
                row.result_text,
                row.note,
            ]
        )
        if isinstance(written_date, date):
            sheet.cell(sheet.max_row, 6).number_format = "DD/MM/YYYY"
    for column, width in zip("ABCDEFGH", (5, 10, 48, 22, 16, 14, 48, 24), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _period_label(code: str) -> str:
    from domain.periods import label

    return label(code)


def build_demo(db_path: str | Path, reports_dir: Path | None = None) -> Store:
    """Create the demo database at `db_path` and return it open.

    The generated reports are written as .xlsx (kept in `reports_dir` when given, so they
    can be uploaded by hand too) and loaded through the same ingestion path as uploads.
    Raises RuntimeError if any generated report is refused: the demo must load clean.
    """
    from tracker.usecases.ingest import ingest_files

    store = Store(db_path)
    load_plans(store)
    provinces = {row.code: row.province for row in store.frame("plans_list").itertuples()}
    by_plan: dict[str, list[tuple[str, bytes]]] = {}
    for report in demo_reports(store):
        data = report_workbook(report, provinces[report.plan])
        by_plan.setdefault(report.plan, []).append((report.file_name, data))
        if reports_dir is not None:
            reports_dir.mkdir(parents=True, exist_ok=True)
            (reports_dir / report.file_name).write_bytes(data)
    for plan, files in sorted(by_plan.items()):
        results = ingest_files(store, DEMO_BUILDER, plan, files)
        refused = [r for r in results if not r.accepted]
        if refused:
            first = refused[0]
            raise RuntimeError(f"demo report refused: {first.file}: {first.errors}")
    add_demo_accounts(store)
    return store


def add_demo_accounts(store: Store) -> None:
    """One account per role (the unit account bound to :data:`DEMO_UNIT`), all with
    :data:`DEMO_PASSWORD`, and the mark that lets the sign-in page list them."""
    from store.aliases import units_named
    from store.settings import mark_demo
    from tracker.usecases.accounts import add_user

    [(unit_id, _name, _province)] = units_named(store, DEMO_UNIT[0], DEMO_UNIT[1])
    for login, role, name in DEMO_ACCOUNTS:
        units = (int(unit_id),) if role is Role.DON_VI else ()
        add_user(store, DEMO_BUILDER, login, role, DEMO_PASSWORD, units, display_name=name)
    mark_demo(store)
