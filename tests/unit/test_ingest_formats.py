"""Every accepted shape of report, built with real libraries and ingested into a real
DuckDB file: the rows written say which unit, task, period, progress and date were read."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date

import openpyxl
import pandas as pd
import pytest
import xlwt
from actors import STAFF
from ingest_builders import (
    HEADER,
    PLAN,
    TITLES,
    good_rows,
    long_report,
    make_store,
    rows_of,
    xlsx,
)

from loaders.reading import legacy
from tracker.usecases.ingest import ingest_files


@pytest.fixture
def store(tmp_path):
    with make_store(tmp_path / "t.duckdb") as s:
        yield s


def ingest_one(store, name, data, **kw):
    [result] = ingest_files(store, STAFF, PLAN, [(name, data)], **kw)
    return result


EXPECTED = [
    ("NV01", "Sở Ngoại vụ", "", "done", pd.Timestamp(2019, 6, 25)),
    ("NV02", "Sở Ngoại vụ", "2019-H2", "in_progress", pd.NaT),
    ("NV03", "Sở Ngoại vụ", "", "not_started", pd.NaT),
]


def assert_expected(store, result, expected=EXPECTED):
    assert result.accepted, [str(p) for p in result.problems]
    got = rows_of(store, result.report_id)
    assert [r[:4] for r in got] == [e[:4] for e in expected]
    assert [pd.isna(r[4]) or r[4] for r in got] == [pd.isna(e[4]) or e[4] for e in expected]


def test_a_long_report_with_a_title_block_loads_and_takes_unit_and_date_from_it(store):
    result = ingest_one(store, "snv.xlsx", xlsx(long_report(good_rows())))
    assert_expected(store, result)
    assert result.unit == "Sở Ngoại vụ"
    assert result.reported_on == date(2019, 7, 25)
    assert result.problems == []


def test_headers_in_any_case_spacing_unicode_form_and_synonyms_are_recognised(store):
    header = [
        unicodedata.normalize("NFD", h)
        for h in [
            "stt",
            "MÃ  NV",
            "Nội dung công việc",
            "TIẾN ĐỘ",
            "Thời gian hoàn thành (dd/mm/yyyy)",
            "Kết quả",
            "Ghi\u00a0chú",
        ]
    ]
    rows = [["Dòng tiêu đề thêm"]] * 12 + long_report(good_rows(), header=header)
    assert_expected(store, ingest_one(store, "synonyms.xlsx", xlsx(rows)))


def test_a_two_row_header_made_of_merged_cells_is_read(store):
    def merge(book, sheet):
        sheet.merge_cells("D5:E5")
        for col in "ABCF":
            sheet.merge_cells(f"{col}5:{col}6")

    rows = [
        ["BÁO CÁO"],
        ["Đơn vị báo cáo: Sở Ngoại vụ"],
        ["ngày 25 tháng 7 năm 2019"],
        [],
        ["STT", "Nội dung nhiệm vụ", None, "Kết quả thực hiện", None, "Ghi chú"],
        [None, None, None, "Tình trạng", "Ngày hoàn thành", None],
    ]
    rows[4][2] = None
    body = [
        [1, TITLES["NV01"], None, "HT", "25/6/2019", ""],
        [2, TITLES["NV02"], None, "Đang triển khai", None, ""],
        [3, TITLES["NV03"], None, "Chưa triển khai", None, ""],
    ]
    result = ingest_one(store, "merged.xlsx", xlsx(rows + body, extra=merge))
    assert_expected(store, result)


def test_hidden_sheets_are_skipped_and_the_report_sheet_is_found_among_several(store):
    def more(book, sheet):
        notes = book.create_sheet("Ghi chú", 0)
        notes["A1"] = "Trang này không phải báo cáo"
        hidden = book.create_sheet("Cũ")
        for row in long_report([[1, "NV04", TITLES["NV04"], "HT", "1/7/2019", "", ""]]):
            hidden.append(row)
        hidden.sheet_state = "hidden"

    result = ingest_one(store, "many.xlsx", xlsx(long_report(good_rows()), extra=more))
    assert_expected(store, result)


def test_a_consolidated_sheet_with_a_merged_unit_column_loads_many_units(store):
    header = ["STT", "Đơn vị thực hiện", "Mã nhiệm vụ", "Tình trạng", "Ngày hoàn thành"]

    def merge(book, sheet):
        sheet.merge_cells("B4:B5")

    rows = [
        ["TỔNG HỢP"],
        ["ngày 26/7/2019"],
        header,
        [1, "Sở NgV", "NV01", "Xong", "20/06/2019"],
        [2, None, "NV03", "x", "2019-07-01"],
        [3, "SỞ  TT&TT", "NV01", "Hoàn thành", "21-06-2019"],
        [4, "HU Bắc Sơn", "NV01", "Đang thực hiện", None],
    ]
    result = ingest_one(store, "tong_hop.xlsx", xlsx(rows, extra=merge))
    assert result.accepted, [str(p) for p in result.problems]
    assert result.unit is None  # many units
    got = {(t, u, p) for t, u, _, p, _ in rows_of(store, result.report_id)}
    assert got == {
        ("NV01", "Sở Ngoại vụ", "done"),
        ("NV03", "Sở Ngoại vụ", "done"),
        ("NV01", "Sở Thông tin và Truyền thông", "done"),
        ("NV01", "Huyện ủy Bắc Sơn", "in_progress"),
    }


def test_a_matrix_sheet_of_units_by_tasks_loads_dates_words_and_marks(store):
    rows = [
        ["BẢNG THEO DÕI"],
        ["Đơn vị", "NV01", "NV03", "III.3"],
        ["Sở Ngoại vụ", "25/6/2019", "x", None],
        ["Sở TT&TT", "Đang thực hiện", None, "Chưa thực hiện"],
    ]
    result = ingest_one(store, "matrix.xlsx", xlsx(rows), reported_on=date(2019, 7, 26))
    assert result.accepted, [str(p) for p in result.problems]
    got = sorted(
        (t, u, p, None if pd.isna(d) else d.date())
        for t, u, _, p, d in rows_of(store, result.report_id)
    )
    assert got == [
        ("NV01", "Sở Ngoại vụ", "done", date(2019, 6, 25)),
        ("NV01", "Sở Thông tin và Truyền thông", "in_progress", None),
        ("NV03", "Sở Ngoại vụ", "done", None),
        ("NV04", "Sở Thông tin và Truyền thông", "not_started", None),
    ]


def test_an_old_xls_file_loads(store):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Báo cáo")
    style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate(long_report(good_rows())):
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet.write(r, c, value, style)
            elif value is not None:
                sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    assert_expected(store, ingest_one(store, "cu.xls", out.getvalue()))


def test_an_ods_file_loads(store, tmp_path):
    frame = pd.DataFrame(long_report(good_rows()))
    path = tmp_path / "bao_cao.ods"
    frame.to_excel(path, engine="odf", header=False, index=False)
    assert_expected(store, ingest_one(store, "bao_cao.ods", path.read_bytes()))


@pytest.mark.parametrize("delimiter,bom", [(";", True), (",", False), (",", True)])
def test_csv_with_or_without_bom_comma_or_semicolon_and_quoted_fields(store, delimiter, bom):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    for row in long_report(
        [
            [
                1,
                "NV01",
                TITLES["NV01"],
                "Hoàn thành",
                "25/06/2019",
                "Đã tổ chức; 120 người, 3 buổi",
                "",
            ],
            [2, "NV02", TITLES["NV02"], "Đang thực hiện", "", "", ""],
            [3, "NV03", TITLES["NV03"], "Chưa", "", "", ""],
        ]
    ):
        writer.writerow(row)
    data = ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")
    result = ingest_one(store, "bao_cao.csv", data)
    assert_expected(store, result)


@pytest.mark.parametrize(
    "cell,expected",
    [
        (date(2019, 6, 25), date(2019, 6, 25)),
        (43641, date(2019, 6, 25)),
        ("43641", date(2019, 6, 25)),
        ("25/6/2019", date(2019, 6, 25)),
        ("25-06-2019", date(2019, 6, 25)),
        ("25.06.2019", date(2019, 6, 25)),
        ("25/6", date(2019, 6, 25)),
        ("ngày 25/06/2019", date(2019, 6, 25)),
    ],
)
def test_completion_dates_in_every_form_units_write(store, cell, expected):
    rows = long_report([[1, "NV01", TITLES["NV01"], "HT", cell, "", ""]])
    result = ingest_one(store, "d.xlsx", xlsx(rows))
    assert result.accepted, [str(p) for p in result.problems]
    assert rows_of(store, result.report_id)[0][4].date() == expected


def test_the_1904_date_system_reads_real_dates_and_serials(store):
    def epoch(book, sheet):
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904

    rows = long_report(
        [
            [1, "NV01", TITLES["NV01"], "HT", date(2019, 6, 25), "", ""],
            [2, "NV03", TITLES["NV03"], "HT", 42179, "", ""],
        ]
    )
    result = ingest_one(store, "mac.xlsx", xlsx(rows, extra=epoch))
    assert result.accepted, [str(p) for p in result.problems]
    days = [r[4].date() for r in rows_of(store, result.report_id)]
    assert days == [date(2019, 6, 25), date(2019, 6, 25)]


@pytest.mark.parametrize(
    "word,progress",
    [
        ("Hoàn thành", "done"),
        ("Đã hoàn thành", "done"),
        ("HT", "done"),
        ("Xong", "done"),
        ("x", "done"),
        ("X", "done"),
        ("Đang thực hiện", "in_progress"),
        ("đang  triển khai", "in_progress"),
        ("Chưa thực hiện", "not_started"),
        ("Chưa có kinh phí", "not_started"),
        ("Đã tổ chức hội nghị", "done"),
    ],
)
def test_status_words_as_people_write_them(store, word, progress):
    result = ingest_one(store, "s.xlsx", xlsx(long_report([[1, "NV01", "", word, None, "", ""]])))
    assert result.accepted, [str(p) for p in result.problems]
    assert rows_of(store, result.report_id)[0][3] == progress


def test_tasks_match_by_code_section_or_title_whatever_the_form(store):
    body = [
        [1, "nv 1", "", "HT", None, "", ""],
        ["III.1", "", "", "HT", None, "", ""],
        [3, "", "công tác  PHỐI HỢP", "HT", None, "", ""],
        [4, "", "Công tác nghiên cứu, tham mưu và dự báo", "HT", None, "", ""],
    ]
    result = ingest_one(store, "m.xlsx", xlsx(long_report(body)))
    assert result.accepted, [str(p) for p in result.problems]
    assert [r[0] for r in rows_of(store, result.report_id)] == ["NV01", "NV02", "NV03", "NV04"]
    fuzzy = [p for p in result.warnings if "được hiểu là NV04 —" in p.message]
    assert len(fuzzy) == 1 and fuzzy[0].row == 9 and fuzzy[0].column == "C"


def test_the_unit_comes_from_the_form_when_the_file_names_none(store):
    rows = long_report(good_rows(), unit=None)
    assert not ingest_one(store, "a.xlsx", xlsx(rows)).accepted
    result = ingest_one(store, "a.xlsx", xlsx(rows), unit="SNV")
    assert_expected(store, result)


def test_a_unit_line_written_as_unit_colon_name_is_read(store):
    rows = long_report(good_rows(), unit=None)
    rows.insert(1, ["Đơn vị:", None, "Sở NgV"])
    assert_expected(store, ingest_one(store, "a.xlsx", xlsx(rows)))


def test_the_report_date_falls_back_to_the_form_then_today(store):
    rows = long_report(good_rows(), on=None)
    result = ingest_one(store, "a.xlsx", xlsx(rows), reported_on=date(2019, 7, 20))
    assert result.reported_on == date(2019, 7, 20)
    other = long_report(good_rows()[:1], on=None)
    assert ingest_one(store, "b.xlsx", xlsx(other)).reported_on == date.today()


def test_a_recurring_task_goes_to_the_period_of_its_column_or_of_its_date(store):
    header = HEADER[:3] + ["Kỳ báo cáo"] + HEADER[3:]
    body = [
        [1, "NV02", "", "6 tháng đầu năm 2019", "HT", "20/6/2019", "", ""],
        [2, "NV02", "", "", "HT", "2/1/2020", "", ""],
        [3, "NV02", "", "2020-H2", "Đang thực hiện", None, "", ""],
    ]
    # dated after the last completion: a completion after the report's date is refused
    on = "Lạng Sơn, ngày 10 tháng 1 năm 2020"
    result = ingest_one(store, "p.xlsx", xlsx(long_report(body, on=on, header=header)))
    assert result.accepted, [str(p) for p in result.problems]
    assert [r[2] for r in rows_of(store, result.report_id)] == ["2019-H1", "2020-H1", "2020-H2"]


def test_text_is_stored_as_nfc_with_odd_spaces_folded(store):
    body = [
        [
            1,
            "NV01",
            "",
            "HT",
            None,
            unicodedata.normalize("NFD", "Đã  tổ\u00a0chức\u200b hội nghị "),
            "",
        ]
    ]
    result = ingest_one(store, "t.xlsx", xlsx(long_report(body)))
    frame = store.frame("report_rows", report_id=result.report_id)
    assert frame["result_text"][0] == "Đã tổ chức hội nghị"


@pytest.mark.parametrize(
    "encode,font", [(legacy.from_unicode_tcvn3, ".VnTime"), (legacy.from_unicode_vni, "VNI-Times")]
)
def test_legacy_tcvn3_and_vni_text_is_converted_with_a_warning(store, encode, font):
    def fonts(book, sheet):
        for row in sheet.iter_rows():
            for cell in row:
                cell.font = openpyxl.styles.Font(name=font)

    rows = [
        [encode(v) if isinstance(v, str) else v for v in row] for row in long_report(good_rows())
    ]
    result = ingest_one(store, "cu.xlsx", xlsx(rows, extra=fonts))
    assert_expected(store, result)
    assert any("bảng mã cũ" in p.message for p in result.warnings)
    frame = store.frame("report_rows", report_id=result.report_id)
    assert "Đăng 12 tin bài" in set(frame["result_text"])


def test_a_task_the_unit_is_not_assigned_is_kept_with_a_warning(store):
    rows = long_report([[1, "NV03", "", "HT", "1/7/2019", "", ""]], unit="Sở Tư pháp")
    result = ingest_one(store, "tp.xlsx", xlsx(rows))
    assert result.accepted
    [warning] = result.warnings
    assert "không được giao" in warning.message and warning.row == 6


def test_a_numbering_row_under_the_header_is_skipped(store):
    rows = long_report(good_rows())
    rows.insert(5, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    assert_expected(store, ingest_one(store, "n.xlsx", xlsx(rows)))


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: each letter with its other marks
    composed (ă â ê ô ơ ư đ), then its tone mark as a combining character."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for ch in text:
        marks = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in tones))
        out += (base + "".join(m for m in marks if m in tones)).encode("cp1258")
    return out


def test_a_csv_in_windows_1258_is_read_as_vietnamese_with_a_warning(store):
    text = "\n".join(
        ";".join("" if v is None else str(v) for v in row) for row in long_report(good_rows())
    )
    result = ingest_one(store, "bc_1258.csv", _cp1258(text))
    assert_expected(store, result)
    assert any("Windows-1258" in p.message for p in result.warnings)
