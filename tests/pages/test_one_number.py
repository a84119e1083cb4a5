"""One number, one meaning: a label gives the same figure on every page and export.

The issue's case: Sở Ngoại vụ showed 17% on the heatmap, 36,4% on the ranking and 45,5% in
the export, three measures under look-alike labels. Now «% hoàn thành» and «% đúng hạn»
(over every obligation begun by the date, :data:`domain.labels.PERCENT_NOTE`) are
the same for one unit in the ranking's table, the workbook, the CSV and the Word draft, for
the same filters; the heatmap writes a count of its row's cells ("5/6") instead of a third
percentage, and opens on the period where what is overdue at the date shows.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import docx
import openpyxl
import pytest
from app_pages import open_page

from domain import status
from domain.scope import Scope
from domain.text import vn_percent
from tracker.exports import csvfiles, draft, report, workbook
from tracker.views import heatmap, summary, tables

AS_OF = date(2019, 7, 26)
PLAN = "84-KH/BTGTU"


def _workbook_rows(export) -> dict[str, dict]:
    wb = openpyxl.load_workbook(io.BytesIO(workbook.summary_workbook(export)))
    ws = wb["Tổng hợp theo đơn vị"]
    header = [c.value for c in ws[workbook.HEADER_ROW]]
    rows = {}
    for n, row in enumerate(ws.iter_rows(min_row=workbook.HEADER_ROW + 1, values_only=True), 1):
        if row[0] != n:
            break
        record = dict(zip(header, row, strict=True))
        rows[record["Đơn vị"]] = record
    return rows


def _csv_rows(export) -> dict[str, dict]:
    text = csvfiles.table_csv(export.by_unit).decode("utf-8-sig")
    return {r["Đơn vị"]: r for r in csv.DictReader(io.StringIO(text))}


def _draft_rows(export) -> dict[str, list[str]]:
    document = docx.Document(io.BytesIO(draft.report_draft(export)))
    found = {}
    for table in document.tables:
        head = [c.text for c in table.rows[0].cells]
        if "Đơn vị" not in head:
            continue
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            found[cells[head.index("Đơn vị")]] = dict(zip(head, cells, strict=True))
    return found


@pytest.mark.parametrize("groups", [None, ["so_ban_nganh"]])
def test_the_unit_percentages_agree_on_the_ranking_workbook_csv_and_draft(demo_store, groups):
    ranking = tables.by_unit(demo_store, Scope(AS_OF, PLAN, groups))
    assert len(ranking) >= 3 and "Sở Ngoại vụ" in set(ranking["unit_name"])
    export = report.collect(demo_store, Scope(AS_OF, PLAN, groups))
    sheet, text, word = _workbook_rows(export), _csv_rows(export), _draft_rows(export)
    for unit in ranking.itertuples(index=False):
        for column, label in (("done_pct", "% hoàn thành"), ("done_on_time_pct", "% đúng hạn")):
            figure = getattr(unit, column)
            assert sheet[unit.unit_name][label] == pytest.approx(figure / 100), unit.unit_name
            assert float(text[unit.unit_name][label]) == figure
            assert word[unit.unit_name][label] == vn_percent(figure)


def test_the_heatmap_counts_cells_and_opens_where_the_overdue_are(demo_store):
    opened = heatmap.overdue_period(demo_store, Scope(AS_OF, PLAN))
    assert opened == date(2019, 1, 1)  # 6 tháng đầu năm 2019: ended 30/06, before 26/07
    kpis = summary.kpis(demo_store, Scope(AS_OF, PLAN))
    red, page = 0, 0
    while True:
        grid = heatmap.load_units(demo_store, Scope(AS_OF, PLAN), period_at=opened, page=page)
        red += int((grid.cells["status"] == "overdue").sum())
        for key, label in zip(grid.rows["key"], grid.rows["label"], strict=True):
            row = grid.cells[grid.cells["row"] == key]
            done = int(row["status"].map(lambda c: status.BY_CODE[c].done).sum())
            assert label.endswith(f" · {done}/{len(row)}")  # a count, not a percentage
        page += 1
        if page >= heatmap.page_count(grid.unit_count):
            break
    # one period of each recurring task: all of them begun before the plan's second half
    assert red == kpis.overdue


def test_the_heatmap_page_opens_on_the_ended_period(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/heatmap.py", plan=PLAN, asof=AS_OF.isoformat())
    assert not at.exception
    assert at.selectbox(key="heatmap.period").value == date(2019, 1, 1)
    captions = " ".join(c.value for c in at.caption)
    assert "số ô của hàng đã hoàn thành" in captions
