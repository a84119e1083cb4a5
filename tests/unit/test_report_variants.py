"""Reports redrawn the ways units fill forms in (tests/report_variants.py): every variant is
read to exactly the clean report's facts, or refused with a located error; never other facts."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import docx
import pytest
from ingest_builders import TITLES, make_store, xlsx
from report_variants import TRANSFORMS, load_demo, run, summary

from loaders.reports.pipeline import prepare
from tracker.usecases.ingest import load_catalog


@pytest.fixture(scope="module")
def demo():
    return load_demo()


def test_at_least_thirty_transformations_of_the_kinds_are_drawn():
    assert len(TRANSFORMS) >= 30


def test_five_hundred_seeded_variants_are_read_right_or_refused_never_other_facts(demo):
    outcomes = run(500, seed=19, demo=demo)
    counts = summary(outcomes)
    print(counts)
    others = [(o.name, o.kinds, o.detail) for o in outcomes if o.verdict == "other"]
    assert counts["variants"] == 500
    assert others == []
    assert counts["same"] >= 400  # most of what people write is read


def test_reports_made_wrong_on_purpose_are_all_refused_at_a_cell(demo):
    wrong = [k for k in TRANSFORMS if k.startswith("wrong_")]
    outcomes = run(60, seed=7, demo=demo, only=wrong, max_kinds=1)
    verdicts = Counter(o.verdict for o in outcomes)
    # a report with no completed row cannot be made wrong by a date: it stays the same
    assert verdicts["other"] == 0 and verdicts["unlocated"] == 0 and verdicts["refused"] >= 50


@pytest.fixture
def catalog(tmp_path):
    with make_store(tmp_path / "t.duckdb") as store:
        yield load_catalog(store, "84-KH/BTGTU")


def _read(catalog, name, data):
    [found] = prepare([(name, data)], catalog, today=date(2026, 12, 7))
    return found


def _word(paragraphs: list[str], cells: list[list[str]], nested: bool = False) -> bytes:
    """A .docx: paragraphs, then a table of `cells` (inside a 1x1 layout table if nested)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    where = document.add_table(rows=1, cols=1).cell(0, 0) if nested else document
    table = where.add_table(rows=len(cells), cols=len(cells[0]))
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_report_is_read_from_its_table_with_title_and_date_around_it(catalog):
    data = _word(
        [
            "SỞ NGOẠI VỤ",
            "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 84-KH/BTGTU",
            "Lạng Sơn, ngày 25 tháng 7 năm 2019",
        ],
        [
            ["Mã nhiệm vụ", "Nội dung nhiệm vụ", "Tình trạng", "Ngày hoàn thành"],
            ["NV01", TITLES["NV01"], "Đã hoàn thành", "25/6/2019"],
            ["NV03", TITLES["NV03"], "Xong ngày 2/7", ""],
        ],
    )
    found = _read(catalog, "snv.docx", data)
    assert found.accepted, [str(p) for p in found.problems]
    assert found.reported_on == date(2019, 7, 25)
    rows = found.rows.to_pylist()
    assert [(r["progress"], r["completed_on"]) for r in rows] == [
        ("done", date(2019, 6, 25)),
        ("done", date(2019, 7, 2)),
    ]
    letterhead = next(p for p in found.warnings if "tiêu đề đầu trang" in p.message)
    assert "Sở Ngoại vụ" in letterhead.message
    sentence = next(p for p in found.warnings if "đọc từ câu" in p.message)
    assert (sentence.sheet, sentence.row, sentence.column) == ("Bảng 1", 3, "C")


def test_an_old_word_file_is_refused_with_how_to_save_it_as_docx(catalog):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "WordDocument".encode("utf-16-le")
    found = _read(catalog, "bc.doc", ole + b"\0" * 512)
    [problem] = found.errors
    assert ".docx" in problem.message and not found.accepted


def test_hidden_rows_of_other_units_are_left_out_and_counted(catalog):
    header = ["STT", "Đơn vị", "Mã nhiệm vụ", "Tình trạng", "Ngày hoàn thành"]
    rows = [
        ["Lạng Sơn, ngày 25 tháng 7 năm 2019"],
        header,
        [1, "Sở Ngoại vụ", "NV01", "HT", "20/6/2019"],
        [2, "Sở Tư pháp", "NV01", "Chưa thực hiện", None],
        [3, "Sở Tư pháp", "NV04", "Chưa thực hiện", None],
    ]

    def hide(book, sheet):
        sheet.row_dimensions[4].hidden = True
        sheet.row_dimensions[5].hidden = True
        sheet.auto_filter.ref = "A2:E5"

    found = _read(catalog, "loc.xlsx", xlsx(rows, extra=hide))
    assert found.accepted, [str(p) for p in found.problems]
    assert found.rows.num_rows == 1
    warning = next(p for p in found.warnings if "bị ẩn" in p.message)
    assert "2 dòng bị ẩn" in warning.message and warning.row == 4


def test_a_done_word_with_a_share_below_all_is_in_progress(catalog):
    header = ["Mã nhiệm vụ", "Tình trạng", "Ngày hoàn thành", "Kết quả"]
    rows = [
        ["Lạng Sơn, ngày 25 tháng 7 năm 2019"],
        ["Đơn vị báo cáo: Sở Ngoại vụ"],
        header,
        ["NV01", "Hoàn thành 50%", None, "Kết quả"],  # and a heading word in the first row
        ["NV03", "Đã triển khai đến 100% chi bộ", "2/7/2019", None],
        ["NV04", "0 %", None, None],
    ]
    found = _read(catalog, "pct.xlsx", xlsx(rows))
    assert found.accepted, [str(p) for p in found.problems]
    got = [(r["row_no"], r["progress"], r["completed_on"]) for r in found.rows.to_pylist()]
    assert got == [
        (4, "in_progress", None),
        (5, "done", date(2019, 7, 2)),
        (6, "not_started", None),
    ]


def test_task_rows_under_a_totals_row_are_an_error_at_the_first_of_them(catalog):
    rows = [
        ["Lạng Sơn, ngày 25 tháng 7 năm 2019"],
        ["Đơn vị báo cáo: Sở Ngoại vụ"],
        ["STT", "Mã nhiệm vụ", "Tình trạng", "Ngày hoàn thành"],
        [1, "NV01", "Đã hoàn thành", "20/6/2019"],
        ["Cộng", None, "1 hoàn thành", None],
        [2, "NV03", "Đang thực hiện", None],
    ]
    found = _read(catalog, "cong.xlsx", xlsx(rows))
    [error] = found.errors
    assert (error.sheet, error.row, error.column, error.value) == ("Báo cáo", 6, "B", "NV03")
    assert "dòng 5" in error.message and not found.accepted


def test_a_word_table_nested_in_a_layout_table_is_read_with_the_title_above(catalog):
    data = _word(
        ["SỞ NGOẠI VỤ", "Lạng Sơn, ngày 25 tháng 7 năm 2019"],
        [
            ["Mã nhiệm vụ", "Nội dung nhiệm vụ", "Tình trạng", "Ngày hoàn thành"],
            ["NV01", TITLES["NV01"], "Đã hoàn thành", "25/6/2019"],
        ],
        nested=True,
    )
    found = _read(catalog, "nested.docx", data)
    assert found.accepted, [str(p) for p in found.problems]
    assert [(r["sheet"], r["row_no"], r["progress"]) for r in found.rows.to_pylist()] == [
        ("Bảng 2", 2, "done")
    ]
