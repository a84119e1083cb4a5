"""Hostile and broken files are refused quickly, with a clear Vietnamese message, in bounded
memory, and nothing of them is written. Built from code (one committed fixture: an
encrypted workbook, which needs a crypto library to make)."""

from __future__ import annotations

import io
import resource
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwt
from actors import STAFF
from ingest_builders import PLAN, count, good_rows, long_report, make_store, xlsx

from loaders.reading.guard import MAX_FILE_BYTES
from tracker.usecases.ingest import ingest_files

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


@pytest.fixture
def store(tmp_path):
    with make_store(tmp_path / "t.duckdb") as s:
        yield s


def refused(store, name: str, data: bytes, *words: str, seconds: float = 20.0):
    """Ingest one file; it must be refused with a message holding `words`, and without
    chewing through it: the bound is generous (a loaded 2-core CI machine), yet well under
    the 36–94 s a reader takes to parse the zip bomb (NOTES.md); speed lives in bench/."""
    start = time.monotonic()
    [result] = ingest_files(store, STAFF, PLAN, [(name, data)])
    assert time.monotonic() - start < seconds
    assert not result.accepted
    assert count(store, "report") == 0 and count(store, "report_row") == 0
    text = " ".join(p.message for p in result.errors)
    for word in words:
        assert word in text, text
    return result


def rezip(data: bytes, change) -> bytes:
    """Rewrite a workbook's zip, passing each member through `change(name, bytes)`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    return out.getvalue()


def test_not_a_workbook_is_refused(store):
    refused(store, "anh.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "định dạng")


def test_an_empty_file_is_refused(store):
    refused(store, "rong.xlsx", b"", "rỗng")


def test_a_truncated_workbook_is_refused(store):
    data = xlsx(long_report(good_rows()))
    refused(store, "cut.xlsx", data[: len(data) // 2], "hỏng")


def test_an_encrypted_workbook_is_refused(store):
    refused(store, "mat_khau.xlsx", (DATA / "encrypted.xlsx").read_bytes(), "mật khẩu")


def test_an_html_page_named_xls_is_refused(store):
    page = "<html><body><table><tr><td>Nhiệm vụ</td></tr></table></body></html>"
    refused(store, "xuat.xls", page.encode(), "HTML")


def test_an_xls_renamed_xlsx_is_read_for_what_it_is(store):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Báo cáo")
    for r, row in enumerate(long_report(good_rows())):
        for c, value in enumerate(row):
            if value is not None and not hasattr(value, "year"):
                sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    [result] = ingest_files(store, STAFF, PLAN, [("doi_ten.xlsx", out.getvalue())])
    assert result.accepted
    assert any("nội dung là tệp xls" in p.message for p in result.warnings)


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>',
        b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_entity_bombs_and_external_entities_are_refused_before_parsing(store, doctype):
    def poison(name, body):
        if name == "xl/worksheets/sheet1.xml":
            return doctype + body
        return body

    result = refused(store, "xxe.xlsx", rezip(xlsx(long_report(good_rows())), poison), "DOCTYPE")
    assert "root:" not in str(result.problems)


def _bomb(declared_lie: bool) -> bytes:
    """A sheet inflating to ~300 MB of one repeated row (about 300 KB compressed)."""
    head = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>'
    )
    row = b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    body = head + row * (300_000_000 // len(row)) + b"</sheetData></worksheet>"
    base = xlsx([["a"]])

    def swap(name, data):
        return body if name == "xl/worksheets/sheet1.xml" else data

    data = rezip(base, swap)
    if declared_lie:  # make the headers claim the sheet is small
        info = next(
            i
            for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
            if i.filename == "xl/worksheets/sheet1.xml"
        )
        real = info.file_size.to_bytes(4, "little")
        data = data.replace(real, (1000).to_bytes(4, "little"))
    return data


@pytest.mark.parametrize("lie", [False, True])
def test_zip_bombs_are_refused_in_bounded_time_and_memory(store, lie):
    data = _bomb(lie)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = refused(store, "bom.xlsx", data)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200
    text = " ".join(p.message for p in result.errors)
    assert "bom nén" in text or "hỏng" in text


def test_a_sheet_with_a_far_away_cell_is_refused_without_allocating_it(store):
    data = xlsx(long_report(good_rows()), extra=lambda b, s: s.cell(1048576, 16384, "z"))
    refused(store, "xa.xlsx", data, "kích thước bất thường")


def test_an_xls_with_a_far_away_cell_is_refused_by_the_capped_reader(store):
    book = xlwt.Workbook()
    sheet = book.add_sheet("S")
    sheet.write(0, 0, "Nhiệm vụ")
    sheet.write(65535, 255, "z")
    out = io.BytesIO()
    book.save(out)
    refused(store, "xa.xls", out.getvalue(), "bất thường", seconds=30)


def test_error_cells_are_located_and_refused(store):
    def errors(book, sheet):
        sheet["E6"] = "#N/A"
        sheet["E6"].data_type = "e"
        sheet["D7"] = "#REF!"
        sheet["D7"].data_type = "e"

    result = refused(store, "loi.xlsx", xlsx(long_report(good_rows()), extra=errors), "#N/A")
    located = {(p.row, p.column, p.value) for p in result.errors if p.value}
    assert {(6, "E", "#N/A"), (7, "D", "#REF!")} <= located


def test_formula_cells_read_their_cached_value_and_one_without_is_reported(store):
    def formulas(book, sheet):
        sheet["E6"] = "=DATE(2019,6,25)"

    result = refused(store, "ct.xlsx", xlsx(long_report(good_rows()), extra=formulas), "công thức")
    assert any(p.row == 6 and p.column == "E" for p in result.errors)

    def cached(name, body):  # what Excel writes: the formula and its cached value
        return body.replace(
            b"<f>DATE(2019,6,25)</f><v></v>", b"<f>DATE(2019,6,25)</f><v>43641</v>"
        ).replace(b"<f>DATE(2019,6,25)</f><v />", b"<f>DATE(2019,6,25)</f><v>43641</v>")

    data = rezip(xlsx(long_report(good_rows()), extra=formulas), cached)
    [result] = ingest_files(store, STAFF, PLAN, [("ct2.xlsx", data)])
    assert result.accepted, [str(p) for p in result.problems]


def test_a_file_over_the_size_limit_is_refused(store):
    refused(store, "to.csv", b"a" * (MAX_FILE_BYTES + 1), "lớn quá")


def test_nothing_outside_the_data_folder_is_written_whatever_the_file_name(store, tmp_path):
    [result] = ingest_files(
        store, STAFF, PLAN, [("../../etc/x.xlsx", xlsx(long_report(good_rows())))]
    )
    assert result.accepted
    blobs = list((tmp_path / "blobs").iterdir())
    assert [b.name for b in blobs] == [result.sha256]
    assert not (tmp_path.parent.parent / "etc" / "x.xlsx").exists()


def test_a_hostile_file_in_a_batch_does_not_stop_the_good_ones(store):
    good = xlsx(long_report(good_rows()))
    results = ingest_files(
        store, STAFF, PLAN, [("bom.xlsx", _bomb(False)), ("tot.xlsx", good), ("rong.xlsx", b"")]
    )
    assert [r.accepted for r in results] == [False, True, False]
    assert count(store, "report") == 1


def test_openpyxl_itself_refuses_entities_here(store):
    # The template writer and tests use openpyxl: defusedxml must be active for it.
    assert openpyxl.xml.DEFUSEDXML
