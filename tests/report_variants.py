"""Report variants: the demo's clean reports of both plans, redrawn the ways units fill forms in.

:func:`run` takes every clean demo report, applies a seeded random combination of the
transformations in :data:`TRANSFORMS` (forms drawn with merged headers, numbering rows,
group rows, totals and signatures; statuses as words, marks or sentences; dates as people
type them; hidden rows of other units; letterheads; Word tables ...), writes the file with
real libraries (openpyxl, csv, python-docx), reads it through the loaders and compares
what was read with what the clean report says. Every variant must be either read to exactly
the clean facts, or refused with an error located at a sheet (or table) and row: never read
to other facts.

Some transformations make the report *wrong* on purpose (a completion after the report's
date, a date before the directive, a report dated in the future): those must be refused,
and count as "other facts" when they are read.

``python tests/report_variants.py [N] [SEED]`` prints the counts per transformation.
(No tests here; tests/unit/test_report_variants.py runs it.)
"""

from __future__ import annotations

import csv
import io
import random
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl

from domain.periods import bounds as _bounds
from domain.periods import label as period_label
from loaders.reports.catalog import Catalog
from loaders.reports.pipeline import prepare
from store.database import Store
from tracker.usecases.demo import DemoReport, demo_reports, load_plans
from tracker.usecases.ingest import load_catalog

TODAY = date(2026, 12, 7)
"""The day variants are read on (a fixed day: nothing depends on the clock)."""

COLUMNS = ("stt", "code", "title", "period", "status", "date", "result", "note")
LABELS = {
    "stt": "STT",
    "code": "Mã nhiệm vụ",
    "title": "Nội dung nhiệm vụ",
    "period": "Kỳ báo cáo",
    "status": "Tình trạng",
    "date": "Ngày hoàn thành",
    "result": "Kết quả thực hiện",
    "note": "Ghi chú",
    "unit": "Đơn vị",
}
STATUS_WORD = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
}


@dataclass
class Row:
    cells: dict[str, object]
    kind: str = "data"  # data | group | blank | other (another unit's or an older row)
    hidden: bool = False


@dataclass
class Form:
    """One report drawn as a form, before it is written to a file."""

    report: DemoReport
    province: str
    columns: list[str]
    labels: dict[str, str]
    rows: list[Row]
    above: list[list[object]]
    below: list[list[object]] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)
    """Column -> the merged group heading above it (a two-row header)."""
    numbering: str | None = None  # "(1)" | "1"
    hidden_cols: set[str] = field(default_factory=set)
    offset: int = 0
    fmt: str = "xlsx"  # xlsx | csv | docx
    file_name: str = ""
    sheet: str = "Báo cáo"
    reported_on: date | None = None
    must_refuse: bool = False
    date_cells: str = "date"  # how date cells are written: date | datetime
    sheet_periods: str = ""
    """"name": the one period of the recurring rows is the sheet's name; "split": one
    sheet per period. Either drops the period column, in an .xlsx only (a CSV or Word file
    has no sheet names, so it keeps the column)."""


def clean_form(report: DemoReport, province: str) -> Form:
    """The report as the demo writes it: letterhead, place-date line, title, unit line."""
    on = report.reported_on
    rows = [
        Row(
            {
                "stt": n,
                "code": r.task_code,
                "title": r.task,
                "period": period_label(r.period),
                "status": STATUS_WORD[r.progress],
                "date": r.completed_on,
                "result": r.result_text,
                "note": r.note,
                "_progress": r.progress,
                "_done": r.completed_on,
                "_period": r.period,
            }
        )
        for n, r in enumerate(report.rows, start=1)
    ]
    above = [
        [report.unit.upper(), None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        [None, None, None, None, f"{province}, ngày {on.day} tháng {on.month} năm {on.year}"],
        [f"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {report.plan}"],
        [f"Đơn vị báo cáo: {report.unit}"],
        [],
    ]
    return Form(
        report,
        province,
        list(COLUMNS),
        dict(LABELS),
        rows,
        above,
        file_name=report.file_name,
        reported_on=on,
    )


def period_bounds(code: str) -> tuple[date, date]:
    found = _bounds(code)
    assert found
    return found


# -- transformations ------------------------------------------------------------------------
# Each takes (form, rng) and changes the form; the stage orders them (columns before rows
# before cells before the file's format).

Transform = Callable[[Form, random.Random], None]
TRANSFORMS: dict[str, tuple[int, Transform]] = {}


def transform(name: str, stage: int) -> Callable[[Transform], Transform]:
    def register(fn: Transform) -> Transform:
        TRANSFORMS[name] = (stage, fn)
        return fn

    return register


def _data(form: Form) -> list[Row]:
    return [r for r in form.rows if r.kind == "data"]


@transform("more_title_rows", 1)
def _more_title_rows(form: Form, rng: random.Random) -> None:
    extra = [["TỈNH ỦY " + form.province.upper()], ["*"], ["Số: 12-BC/BTG"], []]
    form.above[0:0] = extra[: rng.randint(1, 4)]


@transform("header_synonyms", 1)
def _header_synonyms(form: Form, rng: random.Random) -> None:
    choices = {
        "title": ("Nội dung công việc", "Tên nhiệm vụ", "Nhiệm vụ được giao"),
        "status": ("Tiến độ", "Tiến độ thực hiện", "Trạng thái"),
        "date": ("Thời gian hoàn thành", "Ngày HT", "Thời điểm hoàn thành"),
        "code": ("Mã NV", "Mã số"),
        "stt": ("TT", "Số TT"),
    }
    for key, names in choices.items():
        form.labels[key] = rng.choice(names)


@transform("header_case_nfd", 1)
def _header_case(form: Form, rng: random.Random) -> None:
    for key in form.labels:
        text = form.labels[key].upper() if rng.random() < 0.5 else form.labels[key]
        form.labels[key] = unicodedata.normalize("NFD", text)


@transform("columns_shuffled", 1)
def _shuffle(form: Form, rng: random.Random) -> None:
    rest = form.columns[1:]
    rng.shuffle(rest)
    form.columns[1:] = rest


@transform("table_offset", 1)
def _offset(form: Form, rng: random.Random) -> None:
    form.offset = rng.randint(1, 2)


@transform("no_unit_line", 1)
def _no_unit_line(form: Form, rng: random.Random) -> None:
    """Only the letterhead (top left) names the unit."""
    form.above = [r for r in form.above if not (r and str(r[0] or "").startswith("Đơn vị báo cáo"))]


@transform("unit_abbreviated", 1)
def _unit_abbreviated(form: Form, rng: random.Random) -> None:
    short = form.report.unit_short
    spelled = rng.choice(
        [
            short,
            short.replace("HU ", "H.U "),
            short.replace("HU ", "HU. "),
            short.replace(" ", "  "),
        ]
    )
    for row in form.above:
        if row and str(row[0] or "").startswith("Đơn vị báo cáo"):
            row[0] = f"Đơn vị báo cáo: {spelled}"


@transform("report_date_line", 1)
def _report_date_line(form: Form, rng: random.Random) -> None:
    on = form.reported_on
    assert on
    text = rng.choice(
        [
            f"Ngày báo cáo: {on:%d/%m/%Y}",
            f"{form.province}, ngày {on:%d} tháng {on:%m} năm {on.year}",
            f"{form.province}, ngày {on.day}/{on.month}/{on.year}",
        ]
    )
    for at, row in enumerate(form.above):
        if len(row) > 4 and isinstance(row[4], str) and "ngày" in row[4]:
            form.above[at] = [None, None, None, None, text]


@transform("period_in_title", 1)
def _period_in_title(form: Form, rng: random.Random) -> None:
    """The period column is dropped; the title names the one period of the recurring rows."""
    found = {r.period for r in form.report.rows if r.period}
    if len(found) != 1 or "period" not in form.columns:
        return
    form.columns.remove("period")
    form.above[2] = [f"BÁO CÁO KẾT QUẢ {period_label(found.pop()).upper()}"]
    form.above.insert(3, [f"Thực hiện Kế hoạch số {form.report.plan}"])


def _period_name(code: str, on: date | None, rng: random.Random, short: bool) -> str:
    """How people name a period ("Quý III", "Q3", "6 tháng cuối năm", "T7"), without its
    year when the report's date tells it (the latest such period begun by then)."""
    year, part = code[:4], code[5:]
    begun = on is not None and str(on.year) == year and period_bounds(code)[0] <= on
    if part.startswith("Q"):
        name = f"Q{part[1]}" if short else "Quý " + ("I", "II", "III", "IV")[int(part[1]) - 1]
    elif part.startswith("H"):
        name = "6 tháng " + ("đầu" if part == "H1" else "cuối") + ("" if short else " năm")
    else:
        name = f"T{int(part)}" if short else f"Tháng {int(part)}"
    if begun and rng.random() < 0.5:
        return name
    return f"{name} {year}" if part.startswith("H") else f"{name}/{year}"


@transform("plan_cited_with_date", 1)
def _plan_cited(form: Form, rng: random.Random) -> None:
    """A line above the date line cites the plan with its own date: not the report's."""
    on = form.reported_on
    assert on
    cited = on - timedelta(days=rng.randint(30, 400))
    form.above.insert(
        1,
        [
            f"Thực hiện Kế hoạch số {form.report.plan} ngày {cited.day} tháng {cited.month} "
            f"năm {cited.year} của Ban Thường vụ"
        ],
    )


@transform("period_in_title_no_year", 1)
def _period_in_title_no_year(form: Form, rng: random.Random) -> None:
    """The title names the period as people write it ("kết quả 6 tháng cuối năm")."""
    found = {r.period for r in form.report.rows if r.period}
    if len(found) != 1 or "period" not in form.columns or len(found.pop()) == 4:
        return
    code = next(r.period for r in form.report.rows if r.period)
    form.columns.remove("period")
    name = _period_name(code, form.reported_on, rng, short=False)
    form.above[2] = [rng.choice(["Báo cáo kết quả ", "KẾT QUẢ THỰC HIỆN "]) + name]


@transform("period_in_sheet_name", 1)
def _period_in_sheet_name(form: Form, rng: random.Random) -> None:
    """The sheet is named for the one period of the recurring rows ("Quý III", "Q3")."""
    found = {r.period for r in form.report.rows if r.period}
    if len(found) != 1 or "period" not in form.columns or len(next(iter(found))) == 4:
        return
    form.sheet = _period_name(found.pop(), form.reported_on, rng, short=rng.random() < 0.5)
    form.sheet = form.sheet.replace("/", "-")  # a sheet name cannot hold "/"
    form.sheet_periods = "name"


@transform("sheet_per_period", 1)
def _sheet_per_period(form: Form, rng: random.Random) -> None:
    """One sheet per period (the one-off rows on the first)."""
    found = {r.period for r in form.report.rows if r.period}
    if not found or "period" not in form.columns or any(len(p) == 4 for p in found):
        return
    form.sheet_periods = "split"


@transform("status_marks", 2)
def _status_marks(form: Form, rng: random.Random) -> None:
    """One column per status, a mark under the one that holds."""
    if "status" not in form.columns:
        return
    at = form.columns.index("status")
    keys = ["m_done", "m_in_progress", "m_not_started"]
    form.columns[at : at + 1] = keys
    mark = rng.choice(["x", "X", "✓", "1"])
    form.labels.update(
        {
            "m_done": "Đã hoàn thành",
            "m_in_progress": "Đang thực hiện",
            "m_not_started": "Chưa thực hiện",
        }
    )
    form.groups.update({k: "Tình trạng" for k in keys})
    for row in _data(form):
        row.cells["m_" + str(row.cells["_progress"])] = mark


@transform("no_status_column", 2)
def _no_status_column(form: Form, rng: random.Random) -> None:
    """The status told in the result text: "Ngày 2/8/2019 đã tổ chức ..."."""
    if "status" not in form.columns:
        return
    form.columns.remove("status")
    if "date" in form.columns:
        form.columns.remove("date")
    for row in _data(form):
        done = row.cells["_done"]
        if row.cells["_progress"] == "done" and isinstance(done, date):
            row.cells["result"] = f"Ngày {done.day}/{done.month}/{done.year} đã tổ chức thực hiện."
        elif row.cells["_progress"] == "in_progress":
            row.cells["result"] = "Đang triển khai theo kế hoạch."
        else:
            row.cells["result"] = "Chưa triển khai."


@transform("two_row_header", 3)
def _two_row_header(form: Form, rng: random.Random) -> None:
    for key in ("status", "date"):
        if key in form.columns:
            form.groups.setdefault(key, "Kết quả thực hiện")
    if "result" in form.columns and "status" in form.columns:
        form.labels["result"] = "Kết quả cụ thể"


@transform("numbering_row", 3)
def _numbering_row(form: Form, rng: random.Random) -> None:
    form.numbering = rng.choice(["(1)", "1"])


@transform("group_rows", 4)
def _group_rows(form: Form, rng: random.Random) -> None:
    text = rng.choice(["A. CẤP TỈNH", "I.", "II. NHIỆM VỤ THƯỜNG XUYÊN", "B"])
    at = rng.randint(0, len(form.rows))
    form.rows.insert(at, Row({"stt": text.split(" ")[0], "title": text}, "group"))


@transform("blank_rows", 4)
def _blank_rows(form: Form, rng: random.Random) -> None:
    form.rows.insert(rng.randint(1, len(form.rows)), Row({}, "blank"))


@transform("totals_row", 4)
def _totals(form: Form, rng: random.Random) -> None:
    done = sum(1 for r in _data(form) if r.cells["_progress"] == "done")
    word = rng.choice(["Cộng", "Tổng số", "Tổng cộng"])
    form.rows.append(
        Row(
            {"stt": word, "title": f"{len(_data(form))} nhiệm vụ", "result": f"{done} hoàn thành"},
            "total",
        )
    )


@transform("signature_block", 4)
def _signature(form: Form, rng: random.Random) -> None:
    on = form.reported_on
    assert on
    form.below += [
        [],
        [None, None, None, None, f"{form.province}, ngày {on.day} tháng {on.month} năm {on.year}"],
        ["NGƯỜI LẬP BIỂU", None, None, None, "TRƯỞNG BAN"],
        ["(Ký, ghi rõ họ tên)", None, None, None, "(Ký tên, đóng dấu)"],
        [],
        ["Nguyễn Văn An", None, None, None, "Hoàng Thị Bình"],
    ]


@transform("notes_below", 4)
def _notes_below(form: Form, rng: random.Random) -> None:
    form.below += [
        ["Ghi chú: số liệu tính đến ngày báo cáo."],
        ["Nơi nhận: - Ban Tuyên giáo; - Lưu VP."],
    ]


@transform("hidden_older_rows", 4)
def _hidden_older(form: Form, rng: random.Random) -> None:
    """Last report's rows kept under a filter, hidden: other statuses, other dates."""
    for row in list(_data(form))[: rng.randint(1, 3)]:
        old = dict(row.cells)
        old["status"] = "Chưa thực hiện" if old["_progress"] == "done" else "Đã hoàn thành"
        old["date"] = None if old["_progress"] == "done" else date(2019, 6, 1)
        form.rows.insert(rng.randint(0, len(form.rows)), Row(old, "other", hidden=True))


@transform("hidden_column", 4)
def _hidden_column(form: Form, rng: random.Random) -> None:
    """A hidden column of last quarter's statuses, right after the status."""
    at = form.columns.index("status") + 1 if "status" in form.columns else len(form.columns)
    form.columns.insert(at, "old_status")
    form.labels["old_status"] = "Tình trạng kỳ trước"
    form.hidden_cols.add("old_status")
    for row in _data(form):
        row.cells["old_status"] = "Chưa thực hiện"


@transform("status_synonyms", 5)
def _status_synonyms(form: Form, rng: random.Random) -> None:
    words = {
        "done": ("HT", "Xong", "Đã xong", "Hoàn thành", "hoàn thành", "ĐÃ HOÀN THÀNH"),
        "in_progress": ("Đang triển khai", "Đang làm", "đang thực hiện"),
        "not_started": ("Chưa triển khai", "Chưa"),
    }
    for row in _data(form):
        if "status" in row.cells and (row.cells.get("date") or row.cells["_progress"] != "done"):
            row.cells["status"] = rng.choice(words[str(row.cells["_progress"])])


@transform("status_sentence_date", 5)
def _status_sentence_date(form: Form, rng: random.Random) -> None:
    """ "Xong ngày 3/8": the date in the status sentence, the date column left empty."""
    if "status" not in form.columns:
        return
    for row in _data(form):
        done = row.cells["_done"]
        if row.cells["_progress"] == "done" and isinstance(done, date):
            row.cells["status"] = rng.choice(
                [
                    f"Đã hoàn thành ngày {done.day}/{done.month}/{done.year}",
                    f"Xong ngày {done.day}/{done.month}",
                    f"Hoàn thành ngày {done:%d/%m/%Y}",
                ]
            )
            row.cells["date"] = None


@transform("status_sentences", 5)
def _status_sentences(form: Form, rng: random.Random) -> None:
    if "status" not in form.columns:
        return
    for row in _data(form):
        progress = row.cells["_progress"]
        if progress == "done" and row.cells.get("date") is None:
            continue  # the sentence would lose the date the row still tells
        if progress == "done":
            row.cells["status"] = rng.choice(
                ["Đã triển khai đến 100% chi bộ", "Đã hoàn thành 100%", "Đã tổ chức xong"]
            )
        elif progress == "in_progress":
            row.cells["status"] = rng.choice(
                ["Đang làm, dự kiến tháng 9", "Đang thực hiện (đạt 60%)"]
            )
        else:
            row.cells["status"] = "Chưa triển khai"


@transform("header_words_in_cells", 5)
def _header_words_in_cells(form: Form, rng: random.Random) -> None:
    """A row's result or note cell reads like a column heading ("Kết quả", "Ghi chú"): the
    first row under a one-row header is still data, not the header's second row."""
    for row in _data(form)[: rng.randint(1, 3)]:
        row.cells["result"] = rng.choice(["Kết quả", "Kết quả thực hiện", "Kết quả."])
        if rng.random() < 0.5:
            row.cells["note"] = "Ghi chú"


@transform("status_percent", 5)
def _status_percent(form: Form, rng: random.Random) -> None:
    """The status as a share done: "100%", "50 %", "0%", "Hoàn thành 60%" (in progress)."""
    if "status" not in form.columns:
        return
    for row in _data(form):
        share = {"done": 100, "not_started": 0}.get(str(row.cells["_progress"]))
        if share is None:
            share = rng.choice([10, 50, 60, 95])
            row.cells["status"] = rng.choice([f"{share}%", f"{share} %", f"Hoàn thành {share}%"])
        else:
            row.cells["status"] = rng.choice([f"{share}%", f"{share} %"])


@transform("ongoing_in_date", 5)
def _ongoing(form: Form, rng: random.Random) -> None:
    """ "Thường xuyên" in the date column of rows still going on."""
    for row in _data(form):
        if row.cells["_progress"] == "in_progress" and row.cells.get("date") is None:
            row.cells["date"] = rng.choice(["Thường xuyên", "Liên tục", "thường xuyên"])


def _date_texts(
    form: Form, render: Callable[[date, random.Random], object], rng: random.Random
) -> None:
    for row in _data(form):
        value = row.cells.get("date")
        if isinstance(value, date) and not isinstance(value, datetime):
            row.cells["date"] = render(value, rng)


@transform("date_text_dmy", 5)
def _dates_dmy(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: r.choice([f"{d.day}/{d.month}/{d.year}", f"{d:%d/%m/%Y}"]), rng)


@transform("date_dash_dot", 5)
def _dates_dash(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: r.choice([f"{d:%d-%m-%Y}", f"{d.day}.{d.month}.{d.year}"]), rng)


@transform("date_words_apostrophe", 5)
def _dates_words(form: Form, rng: random.Random) -> None:
    """ "ngày 05 tháng 8 năm 2019", "'20/06/2019" (an apostrophe kept), "-" when none."""
    _date_texts(
        form,
        lambda d, r: r.choice([f"ngày {d:%d} tháng {d.month} năm {d.year}", f"'{d:%d/%m/%Y}"]),
        rng,
    )
    for row in _data(form):
        if row.cells.get("date") is None and row.cells["_progress"] != "done":
            row.cells["date"] = rng.choice(["-", "—"])


@transform("date_iso_text", 5)
def _dates_iso(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: d.isoformat(), rng)


@transform("date_serial_text", 5)
def _dates_serial(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: str((d - date(1899, 12, 30)).days), rng)


@transform("date_no_year", 5)
def _dates_no_year(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: f"{d.day}/{d.month}", rng)


@transform("date_with_time", 5)
def _dates_time(form: Form, rng: random.Random) -> None:
    _date_texts(
        form,
        lambda d, r: r.choice(
            [
                f"14h30 ngày {d.day}/{d.month}/{d.year}",
                f"chiều {d.day}/{d.month}/{d.year}",
                f"{d:%d/%m/%Y} 08:00",
            ]
        ),
        rng,
    )


@transform("date_time_cell", 5)
def _dates_time_cell(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: datetime(d.year, d.month, d.day, 14, 30), rng)


@transform("date_range", 5)
def _dates_range(form: Form, rng: random.Random) -> None:
    _date_texts(
        form,
        lambda d, r: (
            f"từ {(d - timedelta(days=5)).day}/{(d - timedelta(days=5)).month} đến "
            f"{d.day}/{d.month}/{d.year}"
        ),
        rng,
    )


@transform("nfd_everywhere", 6)
def _nfd(form: Form, rng: random.Random) -> None:
    for row in form.rows:
        for key, value in row.cells.items():
            if isinstance(value, str) and not key.startswith("_"):
                row.cells[key] = unicodedata.normalize("NFD", value)


@transform("notes_sheet_first", 6)
def _notes_sheet(form: Form, rng: random.Random) -> None:
    if not form.sheet_periods:  # a sheet named for its period keeps that name
        form.sheet = rng.choice(["Báo cáo", "BC quý", "Sheet1"])


@transform("csv_file", 7)
def _csv(form: Form, rng: random.Random) -> None:
    if not form.hidden_cols and not any(r.hidden for r in form.rows):
        form.fmt = "csv"


@transform("docx_file", 7)
def _docx(form: Form, rng: random.Random) -> None:
    if not form.hidden_cols and not any(r.hidden for r in form.rows):
        form.fmt = "docx"


# -- wrong on purpose: these must be refused -------------------------------------------------


@transform("wrong_completion_after_report", 8)
def _after_report(form: Form, rng: random.Random) -> None:
    done = [r for r in _data(form) if r.cells["_progress"] == "done" and "date" in form.columns]
    if not done or "status" not in form.columns:
        return
    row = rng.choice(done)
    assert form.reported_on
    row.cells["date"] = form.reported_on + timedelta(days=rng.randint(3, 40))
    row.cells["status"] = "Đã hoàn thành"
    form.must_refuse = True


@transform("wrong_before_directive", 8)
def _before_directive(form: Form, rng: random.Random) -> None:
    done = [r for r in _data(form) if r.cells["_progress"] == "done" and "date" in form.columns]
    if not done or "status" not in form.columns:
        return
    row = rng.choice(done)
    row.cells["date"] = date(2017, rng.randint(1, 12), 15)
    row.cells["status"] = "Đã hoàn thành"
    form.must_refuse = True


@transform("wrong_report_in_future", 8)
def _future_report(form: Form, rng: random.Random) -> None:
    future = TODAY + timedelta(days=rng.randint(30, 900))
    for at, row in enumerate(form.above):
        if len(row) > 4 and isinstance(row[4], str) and "ngày" in row[4].lower():
            form.above[at] = [
                None,
                None,
                None,
                None,
                f"{form.province}, ngày {future.day} tháng {future.month} năm {future.year}",
            ]
            form.must_refuse = True
            return


# -- writing ---------------------------------------------------------------------------------


def _grid(
    form: Form,
) -> tuple[list[list[object]], list[tuple[int, int, int, int]], set[int], set[int]]:
    """All rows of the sheet, merges (0-based, inclusive), hidden rows and columns."""
    width = form.offset + len(form.columns)
    pad = [None] * form.offset
    grid: list[list[object]] = [list(r) for r in form.above]
    merges: list[tuple[int, int, int, int]] = []
    hidden_rows: set[int] = set()
    top = len(grid)
    if form.groups:
        first = [None] * width
        second = [None] * width
        for i, key in enumerate(form.columns):
            col = form.offset + i
            group = form.groups.get(key)
            if group is None:
                first[col] = form.labels[key]
                merges.append((top, col, top + 1, col))
            else:
                second[col] = form.labels[key]
                if i == 0 or form.groups.get(form.columns[i - 1]) != group:
                    first[col] = group
                    end = i
                    while (
                        end + 1 < len(form.columns)
                        and form.groups.get(form.columns[end + 1]) == group
                    ):
                        end += 1
                    if end > i:
                        merges.append((top, col, top, form.offset + end))
        grid += [first, second]
    else:
        grid.append(pad + [form.labels[k] for k in form.columns])
    if form.numbering:
        grid.append(
            pad + [form.numbering.replace("1", str(i + 1)) for i in range(len(form.columns))]
        )
    for row in form.rows:
        if row.kind == "group":
            cells = pad + [None] * len(form.columns)
            cells[form.offset] = row.cells.get("title")
        else:
            cells = pad + [row.cells.get(k) for k in form.columns]
        if row.hidden:
            hidden_rows.add(len(grid))
        grid.append(cells)
    grid += [list(r) for r in form.below]
    hidden_cols = {
        form.offset + form.columns.index(k) for k in form.hidden_cols if k in form.columns
    }
    # A line above the table in a hidden column would be hidden from the person too: it
    # sits in the next shown column, as one sees it (the place-date line, say).
    for row in grid[:top]:
        for c in sorted(hidden_cols, reverse=True):
            if c < len(row) and row[c] is not None:
                to = next(i for i in range(c + 1, c + 2 + len(hidden_cols)) if i not in hidden_cols)
                row.extend([None] * (to + 1 - len(row)))
                row[to], row[c] = row[c], None
    return grid, merges, hidden_rows, hidden_cols


def write(form: Form) -> tuple[str, bytes]:
    grid, merges, hidden_rows, hidden_cols = _grid(form)
    stem = form.file_name.rsplit(".", 1)[0]
    if form.fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        for row in grid:
            writer.writerow(["" if v is None else _text(v) for v in row])
        return stem + ".csv", out.getvalue().encode("utf-8-sig")
    if form.fmt == "docx":
        return stem + ".docx", _docx_bytes(form, grid, merges)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sub in _sheets(form):
        _write_sheet(book, sub, *_grid(sub))
    out = io.BytesIO()
    book.save(out)
    return stem + ".xlsx", out.getvalue()


def _sheets(form: Form) -> list[Form]:
    """The sheets an .xlsx holds: the form, or one per period (without the period column)."""
    if not form.sheet_periods:
        return [form]
    columns = [c for c in form.columns if c != "period"]
    if form.sheet_periods == "name":
        return [replace(form, columns=columns)]
    by_period: dict[str, list[Row]] = defaultdict(list)
    for row in form.rows:
        period = str(row.cells.get("_period", "")) if row.kind == "data" else ""
        by_period[period].append(row)
    named = sorted(p for p in by_period if p)
    first = by_period.pop("", [])
    return [
        replace(
            form,
            columns=columns,
            rows=(first if i == 0 else []) + by_period[code],
            sheet=_period_name(
                code, form.reported_on, random.Random(code), short=i % 2 == 1
            ).replace("/", "-"),
        )
        for i, code in enumerate(named)
    ]


def _write_sheet(book, form: Form, grid, merges, hidden_rows, hidden_cols) -> None:
    sheet = book.create_sheet(form.sheet)
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(r, c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
    for r1, c1, r2, c2 in merges:
        sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    for r in hidden_rows:
        sheet.row_dimensions[r + 1].hidden = True
    for c in hidden_cols:
        sheet.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].hidden = True
    if form.sheet != "Báo cáo" or hidden_rows:
        last = openpyxl.utils.get_column_letter(max(len(r) for r in grid) or 1)
        sheet.auto_filter.ref = f"A{len(form.above) + 1}:{last}{len(grid)}"


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _docx_bytes(
    form: Form, grid: list[list[object]], merges: list[tuple[int, int, int, int]]
) -> bytes:
    import docx

    document = docx.Document()
    top = len(form.above)
    for row in form.above:
        text = "    ".join(_text(v) for v in row if v is not None)
        document.add_paragraph(text)
    body = [r for r in grid[top : len(grid) - len(form.below)]]
    width = max(len(r) for r in body)
    table = document.add_table(rows=len(body), cols=width)
    table.style = "Table Grid"
    # a row's cells once per row: table.cell(r, c) walks the whole table each time
    for row, cells in zip(body, table.rows, strict=True):
        drawn = cells.cells
        for c, value in enumerate(row):
            if value is not None:
                drawn[c].text = _text(value)
    for r1, c1, r2, c2 in merges:
        if (r1, c1) != (r2, c2):
            table.cell(r1 - top, c1).merge(table.cell(r2 - top, c2))
    for row in form.below:
        text = "    ".join(_text(v) for v in row if v is not None)
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- reading and judging --------------------------------------------------------------------


@dataclass
class Demo:
    reports: list[DemoReport]
    catalogs: dict[str, Catalog]
    provinces: dict[str, str]


def load_demo(folder: Path | None = None) -> Demo:
    """The demo's plans in a throw-away DuckDB file, their catalogs and clean reports."""
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(folder or tmp) / "variants.duckdb") as store:
            load_plans(store)
            reports = demo_reports(store)
            plans = sorted({r.plan for r in reports})
            catalogs = {p: load_catalog(store, p) for p in plans}
            provinces = {row.code: row.province for row in store.frame("plans_list").itertuples()}
    return Demo(reports, {k: v for k, v in catalogs.items() if v}, provinces)


Fact = tuple[str, str, str, str, date | None]


def truth(report: DemoReport) -> tuple[date, frozenset[Fact]]:
    return report.reported_on, frozenset(
        (r.task_code, report.unit, r.period, r.progress, r.completed_on) for r in report.rows
    )


def facts(prepared, catalog: Catalog) -> tuple[date | None, frozenset[Fact]]:
    codes, names = catalog.task_codes(), catalog.unit_names()
    rows = prepared.rows.to_pylist() if prepared.rows is not None else []
    return prepared.reported_on, frozenset(
        (codes[r["task_id"]], names[r["unit_id"]], r["period"], r["progress"], r["completed_on"])
        for r in rows
    )


def located(problem) -> bool:
    return bool(problem.sheet) and problem.row is not None


@dataclass
class Outcome:
    name: str
    kinds: tuple[str, ...]
    verdict: str  # same | refused | unlocated | other
    detail: str = ""


def variant(report: DemoReport, province: str, rng: random.Random, kinds: list[str]) -> Form:
    form = clean_form(report, province)
    for name in sorted(kinds, key=lambda k: (TRANSFORMS[k][0], k)):
        TRANSFORMS[name][1](form, rng)
    return form


def judge(form: Form, prepared, catalog: Catalog) -> tuple[str, str]:
    expected = truth(form.report)
    if prepared.accepted:
        got = facts(prepared, catalog)
        if got == expected and not form.must_refuse:
            return "same", ""
        missing = sorted(expected[1] - got[1], key=str)[:2]
        extra = sorted(got[1] - expected[1], key=str)[:2]
        return "other", f"date {got[0]} vs {expected[0]}; missing {missing}; extra {extra}"
    errors = prepared.errors
    if any(located(p) for p in errors):
        return "refused", str(errors[0])[:160]
    return "unlocated", str(errors[0])[:160] if errors else "no error"


def run(
    count: int = 500,
    seed: int = 19,
    demo: Demo | None = None,
    only: list[str] | None = None,
    max_kinds: int = 4,
) -> list[Outcome]:
    """`count` variants (seeded), each of 1..max_kinds random transformations."""
    demo = demo or load_demo()
    rng = random.Random(seed)
    names = only or sorted(TRANSFORMS)
    forms: dict[str, list[tuple[Form, tuple[str, ...]]]] = defaultdict(list)
    for n in range(count):
        report = demo.reports[n % len(demo.reports)]
        kinds = rng.sample(names, rng.randint(1, min(max_kinds, len(names))))
        form = variant(report, demo.provinces[report.plan], random.Random(rng.random()), kinds)
        form.file_name = f"v{n:04d}_{form.file_name}"
        forms[report.plan].append((form, tuple(sorted(kinds))))
    outcomes = []
    for plan, group in forms.items():
        files = [write(f) for f, _ in group]
        prepared = prepare(files, demo.catalogs[plan], today=TODAY)
        seen: dict[str, tuple[str, str]] = {}
        for (form, kinds), (name, _), done in zip(group, files, prepared, strict=True):
            if done.duplicate_of is not None:  # the same bytes as an earlier variant
                verdict, detail = seen[done.sha256]
            else:
                verdict, detail = judge(form, done, demo.catalogs[plan])
                seen[done.sha256] = (verdict, detail)
            outcomes.append(Outcome(name, kinds, verdict, detail))
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, int]:
    counted = Counter(o.verdict for o in outcomes)
    return {
        "variants": len(outcomes),
        **{k: counted.get(k, 0) for k in ("same", "refused", "unlocated", "other")},
    }


def per_kind(outcomes: list[Outcome]) -> dict[str, Counter]:
    table: dict[str, Counter] = defaultdict(Counter)
    for o in outcomes:
        for k in o.kinds:
            table[k][o.verdict] += 1
    return table


def single_kinds(demo: Demo | None = None, per: int = 12, seed: int = 19) -> dict[str, Counter]:
    """Each transformation alone, on `per` reports: what it does by itself."""
    demo = demo or load_demo()
    table: dict[str, Counter] = {}
    for name in sorted(TRANSFORMS):
        outcomes = run(per, seed, demo, only=[name], max_kinds=1)
        table[name] = Counter(o.verdict for o in outcomes)
    return table


if __name__ == "__main__":
    import time

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 19
    demo = load_demo()
    print(f"{len(TRANSFORMS)} transformations, {len(demo.reports)} clean reports")
    print("each transformation alone (same / refused / unlocated / other):")
    for name, c in single_kinds(demo).items():
        print(f"  {name:32s} {c['same']:3d} {c['refused']:3d} {c['unlocated']:3d} {c['other']:3d}")
    start = time.perf_counter()
    outcomes = run(count, seed, demo)
    took = time.perf_counter() - start
    print(f"combined: {summary(outcomes)} in {took:.1f} s")
    for o in [o for o in outcomes if o.verdict == "other"][:12]:
        print("  OTHER", o.name, o.kinds, o.detail)
