"""CSV exports, read back with the csv module and utf-8-sig as Excel would decode them."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest

from domain import status
from domain.labels import labelled
from domain.scope import Scope
from tracker.exports import csvfiles, report
from tracker.views import tables

AS_OF = date(2019, 7, 26)
PLAN = "84-KH/BTGTU"


@pytest.fixture
def export(demo_store):
    return report.collect(demo_store, Scope(AS_OF, PLAN))


def _read(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_table_csv_starts_with_the_byte_order_mark(export, tmp_path):
    path = tmp_path / "don-vi.csv"
    path.write_bytes(csvfiles.table_csv(export.by_unit))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\xef\xbb\xbf") == 1
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("Đơn vị,Nhóm đơn vị,Tổng số")
    assert b"\r\n" in raw


def test_unit_figures_in_the_csv_equal_the_page_table(export, demo_store, tmp_path):
    path = tmp_path / "don-vi.csv"
    path.write_bytes(csvfiles.table_csv(export.by_unit))
    rows = _read(path)
    page = labelled(tables.by_unit(demo_store, Scope(AS_OF, PLAN)))
    assert list(rows[0]) == list(page.columns)
    assert [r["Đơn vị"] for r in rows] == page["Đơn vị"].tolist()
    for row, expected in zip(rows, page.to_dict("records"), strict=True):
        assert int(row["Tổng số"]) == expected["Tổng số"]
        for s in status.STATUSES:
            assert int(row[s.label]) == expected[s.label]
        # numbers a spreadsheet can sort and sum, not the text "26,4%"
        assert float(row["% đúng hạn"]) == expected["% đúng hạn"]
        assert float(row["% hoàn thành"]) == expected["% hoàn thành"]


def test_dates_are_iso_so_no_regional_setting_swaps_day_and_month(export, tmp_path):
    path = tmp_path / "chi-tiet.csv"
    path.write_bytes(csvfiles.table_csv(export.detail))
    rows = _read(path)
    assert len(rows) == len(export.detail) == 297
    assert rows[0]["Hạn"] == "2019-06-30"
    assert all(
        r["Ngày hoàn thành"] == "" for r in rows if r["Tình trạng"] == status.label("not_reported")
    )
    assert "status" not in rows[0] and "unit_id" not in rows[0]


def test_several_tables_come_as_a_zip_of_csv_files_each_with_a_bom(export, tmp_path):
    path = tmp_path / "csv.zip"
    path.write_bytes(csvfiles.csv_zip(export))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names == [
            "1-tong-hop-theo-don-vi.csv",
            "2-tong-hop-theo-nhiem-vu.csv",
            "3-chi-tiet.csv",
            "4-qua-han-va-chua-bao-cao.csv",
        ]
        for name, (_sheet, _slug, frame) in zip(names, export.sheets(), strict=True):
            raw = archive.read(name)
            assert raw.startswith(b"\xef\xbb\xbf")
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert len(rows) == 1 + len(frame)
