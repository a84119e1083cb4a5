"""Transformations of a report's layout (stages 1-4): title rows, headers, columns, the
letterhead, periods in titles and sheet names, status marks, multi-row headers, group rows,
footers and hidden rows. Each registers itself in :data:`report_forms.TRANSFORMS`."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

from report_forms import Form, Row, _data, _period_name, transform

from domain.periods import label as period_label


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
