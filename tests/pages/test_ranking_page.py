"""Xếp hạng đơn vị: AppTest of the ranking and the unit detail on the demo database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from app_pages import open_page
from streamlit.testing.v1 import AppTest

from domain import status
from domain.scope import Scope
from store.database import Store
from tracker.usecases.demo import load_plans
from tracker.views import tables

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2019, 7, 26)


def _open(db, monkeypatch, **query) -> AppTest:
    return open_page(db, monkeypatch, "pages/ranking.py", **query)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _units(template) -> tuple:
    """The expected ranking, and the units without reports, read from the untouched demo
    file (the app holds its own copy open)."""
    with Store(template, read_only=True) as store:
        board = tables.by_unit(store, Scope(AS_OF))
        silent = [
            name
            for uid, name in zip(board["unit_id"], board["unit_name"], strict=True)
            if tables.unit_reports(store, int(uid), AS_OF).empty
        ]
    return board, silent


def test_units_are_ranked_by_on_time_rate_in_the_chart_and_the_table(
    demo_db, demo_db_template, monkeypatch
):
    at = _open(demo_db, monkeypatch)
    assert not at.exception
    assert at.title[0].value == "Xếp hạng đơn vị"
    table = at.dataframe[0].value
    expected, _ = _units(demo_db_template)
    assert len(table) == len(expected) == 46
    assert table["Đơn vị"].tolist() == expected["unit_name"].tolist()
    rates = table["% đúng hạn"].tolist()
    assert rates == sorted(rates, reverse=True)
    assert table["Hạng"].iloc[0] == 1 and table["Hạng"].is_monotonic_increasing
    assert "unit_id" not in table.columns
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == [s.label for s in status.STATUSES]
    assert bars[0]["y"][0] == f"1. {table['Đơn vị'].iloc[0]}"
    assert at.radio(key="ranking.shown").value == "top"  # 46 units: the top 20 drawn
    assert len(bars[0]["y"]) == 20


def test_a_link_with_a_unit_opens_its_obligations_and_reports(
    demo_db, demo_db_template, monkeypatch
):
    board, _ = _units(demo_db_template)
    row = board[board["unit_name"] == "Huyện ủy Văn Lãng"].iloc[0]
    at = _open(demo_db, monkeypatch, unit="Huyện ủy Văn Lãng")
    assert not at.exception
    assert at.selectbox(key="ranking.unit").value == row["unit_id"]
    metrics = _metrics(at)
    assert metrics["Nghĩa vụ"] == str(row["total"])
    assert metrics["% đúng hạn"] == f"{row['done_on_time_pct']:.1f}%".replace(".", ",")
    detail, reports = at.dataframe[1].value, at.dataframe[2].value
    assert len(detail) == row["total"]
    assert "Đơn vị" not in detail.columns
    on_time = (detail["Tình trạng"] == status.label("done_on_time")).sum()
    assert on_time == row["done_on_time"]
    assert len(reports) >= 1
    assert all("Văn_Lãng" in name for name in reports["Tệp báo cáo"])
    assert at.query_params["unit"] == "Huyện ủy Văn Lãng"


def test_choosing_a_unit_puts_it_in_the_link(demo_db, demo_db_template, monkeypatch):
    board, _ = _units(demo_db_template)
    at = _open(demo_db, monkeypatch)
    assert "unit" not in at.query_params
    last = board.iloc[-1]
    at.selectbox(key="ranking.unit").set_value(last["unit_id"]).run()
    assert not at.exception
    assert at.query_params["unit"] == last["unit_name"]
    assert _metrics(at)["Hạng"].endswith("/46")


def test_a_unit_that_never_reported_shows_no_reports_and_says_what_to_do(
    demo_db, demo_db_template, monkeypatch
):
    _, silent = _units(demo_db_template)
    assert silent, "the demo has units that never report"
    at = _open(demo_db, monkeypatch, unit=silent[0])
    assert not at.exception
    assert any("Chưa nhận báo cáo nào" in i.value for i in at.info)


def test_an_unknown_unit_in_the_link_is_named_in_a_warning(demo_db, monkeypatch):
    at = _open(demo_db, monkeypatch, unit="Sở Không Tồn Tại")
    assert not at.exception
    assert "Sở Không Tồn Tại" in at.warning[0].value
    assert at.selectbox(key="ranking.unit").value is None
    assert "unit" not in at.query_params


def test_a_unit_group_filter_ranks_only_that_group(demo_db, monkeypatch):
    at = _open(demo_db, monkeypatch, groups="bao_chi")
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["Nhóm đơn vị"]) == {"Cơ quan báo chí"}
    assert not at.get("radio")  # a short ranking is drawn whole


def test_before_any_report_the_page_says_to_upload_reports(tmp_path, monkeypatch):
    db = tmp_path / "plans-only.duckdb"
    with Store(db) as store:
        load_plans(store)
    at = _open(db, monkeypatch, asof="2019-07-26")
    assert not at.exception
    assert "Chưa có báo cáo nào — tải báo cáo lên ở trang «Tải báo cáo lên»" in at.info[0].value
    assert set(at.dataframe[0].value["% đúng hạn"]) == {0.0}
