"""Units of one name in two provinces are told apart in every all-plans view, page and file."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd
from app_pages import open_page

from domain.scope import Scope
from tracker.exports import csvfiles, report, workbook
from tracker.views import heatmap, names, tables

AS_OF = date(2019, 7, 26)
SHARED = "Đảng ủy Công an tỉnh"


def _one_name_per_unit(frame: pd.DataFrame, name: str = "unit_name") -> None:
    """Each unit id has one shown name and no two unit ids share one."""
    pairs = frame[["unit_id", name]].drop_duplicates()
    assert not pairs["unit_id"].duplicated().any()
    assert not pairs[name].duplicated().any(), pairs[pairs[name].duplicated(keep=False)]


def test_the_demo_registry_really_holds_one_name_twice(demo_store):
    board = tables.by_unit(demo_store, Scope(AS_OF, "84-KH/BTGTU"))
    other = tables.by_unit(demo_store, Scope(AS_OF, "TUHD-32/2019"))
    assert SHARED in set(board["unit_name"]) and SHARED in set(other["unit_name"])


def test_all_plans_views_write_the_province_beside_a_shared_name(demo_store):
    board = tables.by_unit(demo_store, Scope(AS_OF))
    _one_name_per_unit(board)
    shown = {n for n in board["unit_name"] if n.startswith(SHARED)}
    assert shown == {f"{SHARED} (Lạng Sơn)", f"{SHARED} (Hải Dương)"}
    _one_name_per_unit(tables.reminder_units(demo_store, Scope(AS_OF)))
    _one_name_per_unit(tables.reminders(demo_store, Scope(AS_OF)))
    _one_name_per_unit(tables.detail(demo_store, Scope(AS_OF)))


def test_a_chosen_plan_keeps_official_names(demo_store):
    assert names.suffixes(demo_store, "84-KH/BTGTU") == {}
    board = tables.by_unit(demo_store, Scope(AS_OF, "84-KH/BTGTU"))
    assert not board["unit_name"].str.contains(r"\(", regex=True).any()


def test_a_unique_name_stands_alone_in_all_plans_views(demo_store):
    board = tables.by_unit(demo_store, Scope(AS_OF))
    lone = board[~board["unit_name"].str.endswith(")")]
    assert len(lone) > 30  # only the shared names carry a province


def test_the_heatmap_rows_use_the_same_rule(demo_store):
    grid = heatmap.load_units(demo_store, Scope(AS_OF))
    labels = [label.rsplit(" · ", 1)[0] for label in grid.rows["label"]]
    assert len(labels) == len(set(labels))
    suffixed = names.suffixes(demo_store)
    for key, label in zip(grid.rows["key"], labels, strict=True):
        assert label.endswith(suffixed.get(int(key), "\0")) == (int(key) in suffixed)


def test_the_export_workbook_and_csv_tell_units_apart(demo_store):
    export = report.collect(demo_store, Scope(AS_OF))
    book = openpyxl.load_workbook(io.BytesIO(workbook.summary_workbook(export)))
    sheet = book[book.sheetnames[0]]
    header = [c.value for c in sheet[workbook.HEADER_ROW]]
    column = header.index("Đơn vị")
    shown = [
        row[column]
        for row in sheet.iter_rows(min_row=workbook.HEADER_ROW + 1, values_only=True)
        if row[column] and row[column] != "Tổng cộng"
    ]
    assert len(shown) == len(set(shown)) == len(tables.by_unit(demo_store, Scope(AS_OF)))
    assert f"{SHARED} (Lạng Sơn)" in shown
    assert f"{SHARED} (Hải Dương)" in shown
    files = csvfiles.csv_files(export)
    first = next(iter(files.values())).decode("utf-8-sig")
    read = pd.read_csv(io.StringIO(first), sep=None, engine="python")
    assert read["Đơn vị"].is_unique and f"{SHARED} (Lạng Sơn)" in set(read["Đơn vị"])


def _unit_columns(at) -> list[pd.Series]:
    return [d.value["Đơn vị"] for d in at.dataframe if "Đơn vị" in d.value.columns]


def test_ranking_page_without_a_plan_shows_no_name_twice(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/ranking.py")
    assert not at.exception
    ranking = _unit_columns(at)[0]
    assert len(ranking) == 46 and ranking.is_unique
    assert {f"{SHARED} (Lạng Sơn)", f"{SHARED} (Hải Dương)"} <= set(ranking)


def test_reminder_page_without_a_plan_shows_no_name_twice(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/reminders.py")
    assert not at.exception
    summary = _unit_columns(at)[0]
    assert summary.is_unique
    assert any(n.startswith(SHARED + " (") for n in summary)
    assert not (summary == SHARED).any()
