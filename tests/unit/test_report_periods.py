"""Periods named only by a sheet's name or title, and dates without a year."""

from __future__ import annotations

from datetime import date

import pytest
from actors import STAFF
from ingest_builders import PLAN, long_report, make_store, rows_of, xlsx

from loaders.reports.named_periods import named_period
from tracker.usecases import ingest


@pytest.mark.parametrize(
    ("text", "short", "code"),
    [
        ("Báo cáo quý III/2019", False, "2019-Q3"),
        ("BÁO CÁO KẾT QUẢ 6 THÁNG CUỐI NĂM", False, "2019-H2"),  # the report's year
        ("kết quả 6 tháng đầu năm 2020", False, "2020-H1"),
        ("Tháng 7/2019", False, "2019-07"),
        ("Lạng Sơn, ngày 25 tháng 7 năm 2019", False, None),  # the place-date line
        ("Q3", True, "2019-Q3"),
        ("T7-2019", True, "2019-07"),
        ("Q3", False, None),
        ("Báo cáo", True, None),
        ("Quý IV", True, "2018-Q4"),  # not begun by the report's date: the year before
    ],
)
def test_a_named_period_and_its_year(text, short, code):
    assert named_period(text, date(2019, 9, 20), short=short) == code


def _book(sheets: dict[str, list[list]]) -> bytes:
    def extra(book, first):
        for name, rows in list(sheets.items())[1:]:
            sheet = book.create_sheet(name)
            for row in rows:
                sheet.append(row)

    name, rows = next(iter(sheets.items()))
    return xlsx(rows, title=name, extra=extra)


def test_one_sheet_per_half_year_places_each_sheets_rows_with_a_warning(tmp_path):
    on = "Lạng Sơn, ngày 10 tháng 1 năm 2020"
    h1 = long_report([[1, "NV02", "", "Đang thực hiện", None, "", ""]], on=on)
    h2 = long_report([[1, "NV02", "", "Chưa thực hiện", None, "", ""]], on=on)
    with make_store(tmp_path / "t.duckdb") as store:
        [result] = ingest.ingest_files(
            store, STAFF, PLAN, [("p.xlsx", _book({"6 tháng đầu 2019": h1, "6 tháng cuối": h2}))]
        )
        assert result.accepted, [str(p) for p in result.errors]
        rows = sorted(rows_of(store, result.report_id))
        assert [(r[2], r[3]) for r in rows] == [
            ("2019-H1", "in_progress"),
            ("2019-H2", "not_started"),
        ]
        said = [p for p in result.warnings if "kỳ báo cáo" in p.message.lower()]
        assert {(p.sheet, p.value) for p in said} == {
            ("6 tháng đầu 2019", "6 tháng đầu 2019"),
            ("6 tháng cuối", "6 tháng cuối"),
        }
        assert all("6 tháng" in p.message for p in said)


def test_a_period_named_only_in_the_title_places_recurring_rows(tmp_path):
    rows = long_report([[1, "NV02", "", "Đang thực hiện", None, "", ""],
                        [2, "NV01", "", "Đã hoàn thành", "25/6/2019", "", ""]],
                       on="Lạng Sơn, ngày 5 tháng 1 năm 2020")  # fmt: skip
    rows.insert(1, ["Kết quả 6 tháng cuối năm"])
    rows.insert(1, ["Thực hiện Kế hoạch số 84-KH/BTGTU ngày 21 tháng 6 năm 2019"])  # no period
    with make_store(tmp_path / "t.duckdb") as store:
        [result] = ingest.ingest_files(store, STAFF, PLAN, [("p.xlsx", xlsx(rows))])
        assert result.accepted, [str(p) for p in result.errors]
        assert sorted(r[:3] for r in rows_of(store, result.report_id)) == [
            ("NV01", "Sở Ngoại vụ", ""),
            ("NV02", "Sở Ngoại vụ", "2019-H2"),  # not 2020-H1, the report's own half
        ]
        [said] = [p for p in result.warnings if "tiêu đề" in p.message]
        assert (said.row, said.column) == (3, "A") and "6 tháng cuối năm 2019" in said.message


@pytest.mark.parametrize(
    ("title", "on", "written", "read"),
    [
        (None, "ngày 15 tháng 3 năm 2021", "2/3", date(2021, 3, 2)),  # not the plan's 2019
        (None, "ngày 5 tháng 1 năm 2020", "20/12", date(2019, 12, 20)),  # else after the report
        ("Báo cáo 6 tháng cuối năm 2019", "ngày 5 tháng 1 năm 2020", "chiều 2/8", date(2019, 8, 2)),
        (
            "Báo cáo 6 tháng cuối năm 2019",
            "ngày 20 tháng 12 năm 2019",
            "Xong ngày 2/8",
            date(2019, 8, 2),
        ),
    ],
)
def test_a_date_without_a_year_takes_the_year_of_the_reports_period(
    tmp_path, title, on, written, read
):
    status, day = ("Đã hoàn thành", written) if not written.startswith("Xong") else (written, None)
    task = "NV02" if title else "NV01"  # NV02 recurs (2019-H1 to 2020-H2); NV01 once
    rows = long_report([[1, task, "", status, day, "", ""]], on=f"Lạng Sơn, {on}")
    if title:
        rows.insert(1, [title])
    with make_store(tmp_path / "t.duckdb") as store:
        [result] = ingest.ingest_files(store, STAFF, PLAN, [("p.xlsx", xlsx(rows))])
        assert result.accepted, [str(p) for p in result.errors]
        [(_, _, _, progress, completed)] = rows_of(store, result.report_id)
        assert (progress, str(completed)[:10]) == ("done", read.isoformat())


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("Thực hiện Kế hoạch số 84-KH/BTGTU ngày 21 tháng 6 năm 2019", date(2019, 7, 25)),
        ("Căn cứ Chỉ thị số 32-CT/TW ngày 10/1/2019", date(2019, 7, 25)),
        ("Báo cáo số 12-BC/HU ngày 24 tháng 7 năm 2019", date(2019, 7, 24)),  # its own
    ],
)
def test_a_document_cited_with_its_date_does_not_date_the_report(tmp_path, line, read):
    rows = long_report([[1, "NV01", "", "Đang thực hiện", None, "", ""]], on=None)
    rows[1:1] = [[line], ["Lạng Sơn, ngày 25 tháng 7 năm 2019"]]
    with make_store(tmp_path / "t.duckdb") as store:
        [result] = ingest.ingest_files(store, STAFF, PLAN, [("p.xlsx", xlsx(rows))])
        assert result.accepted and result.reported_on == read


def test_a_word_reports_title_paragraph_names_the_period(tmp_path):
    import io

    import docx

    document = docx.Document()
    for line in (
        "SỞ NGOẠI VỤ",
        "BÁO CÁO KẾT QUẢ 6 THÁNG CUỐI NĂM",
        "Lạng Sơn, ngày 5 tháng 1 năm 2020",
    ):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for r, cells in enumerate(
        [["Mã nhiệm vụ", "Tình trạng", "Kết quả"], ["NV02", "Đang thực hiện", ""]]
    ):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    with make_store(tmp_path / "t.duckdb") as store:
        [result] = ingest.ingest_files(store, STAFF, PLAN, [("bc.docx", out.getvalue())])
        assert result.accepted, [str(p) for p in result.errors]
        assert [r[2] for r in rows_of(store, result.report_id)] == ["2019-H2"]
        [said] = [p for p in result.warnings if "kỳ 6 tháng cuối năm 2019" in p.message]
        # a paragraph has no cell: the warning names the table, and the line itself
        assert (said.sheet, said.row, said.value) == (
            "Bảng 1",
            None,
            "BÁO CÁO KẾT QUẢ 6 THÁNG CUỐI NĂM",
        )
