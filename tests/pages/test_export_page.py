"""AppTest of the Xuất báo cáo page: what it offers, and that its figures are the figures of
the other pages and of the exported workbook for the same filters and as-of date."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from app_pages import sign_in
from streamlit.testing.v1 import AppTest

from domain import status
from domain.scope import Scope
from store.database import Store
from tracker.exports import report, workbook

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2019, 7, 26)
COUNTS = ["Tổng số", *(s.label for s in status.STATUSES), "% hoàn thành", "% đúng hạn"]


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    at = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90), demo_db)
    at.run()
    return at.switch_page("pages/export.py").run()


def _open_tab(app, label: str):
    """Select a tab of the page: only the open tab draws its table or charts."""
    app.session_state["export.tab"] = label
    return app.run()


def _workbook_units(db: Path, **filters) -> list[dict]:
    with Store(db) as store:
        export = report.collect(store, Scope(AS_OF, **filters))
    wb = openpyxl.load_workbook(io.BytesIO(workbook.summary_workbook(export)))
    ws = wb["Tổng hợp theo đơn vị"]
    header = [c.value for c in ws[workbook.HEADER_ROW]]
    rows = [r for r in ws.iter_rows(min_row=workbook.HEADER_ROW + 1, values_only=True)]
    numbered = [r for n, r in enumerate(rows, start=1) if r[0] == n]  # not Tổng cộng
    return [dict(zip(header[1:], r[1:], strict=True)) for r in numbered]


def test_the_page_offers_every_export_and_previews_the_four_tables(app):
    assert not app.exception
    labels = [b.label for b in app.download_button]
    assert labels[:4] == [
        "Bảng tính Excel (.xlsx)",
        "Dự thảo báo cáo (.docx)",
        "Các bảng CSV (.zip)",
        "Gói đầy đủ kèm biểu đồ (.zip)",
    ]
    assert sum(label.endswith("(.csv)") for label in labels) == 4
    sheets = [name for _attr, name, _slug in report.SHEETS]
    assert [t.label for t in app.tabs] == [*sheets, "Biểu đồ"]
    assert len(app.dataframe) == 1  # only the open tab draws its table
    shapes = [_open_tab(app, name).dataframe[0].value.shape for name in sheets]
    assert shapes == [(46, 11), (14, 14), (494, 13), (131, 8)]
    assert not app.get("plotly_chart")
    assert "status" not in _open_tab(app, "Chi tiết").dataframe[0].value.columns
    assert [c.value for c in app.caption if c.value.endswith("dòng.")] == [
        "46 dòng.",
        "14 dòng.",
        "494 dòng.",
        "131 dòng.",
    ]


def test_every_chart_keeps_the_camera_button_for_a_png(app):
    charts = _open_tab(app, "Biểu đồ").get("plotly_chart")
    assert len(charts) == 3
    for chart in charts:
        config = json.loads(chart.proto.config)
        assert config["toImageButtonOptions"]["format"] == "png"
        assert config["toImageButtonOptions"]["filename"].startswith("bao-cao-")


def test_the_figures_equal_the_overview_and_the_exported_workbook(app, demo_db):
    sentence = app.info[0].value
    assert "có 494 lượt nhiệm vụ" in sentence
    page = app.dataframe[0].value
    exported = _workbook_units(demo_db)
    assert page["Đơn vị"].tolist() == [r["Đơn vị"] for r in exported]
    for row, out in zip(page.to_dict("records"), exported, strict=True):
        for column in COUNTS[:-2]:
            assert row[column] == out[column]
        assert row["% đúng hạn"] == pytest.approx(100 * out["% đúng hạn"])

    overview = app.switch_page("pages/overview.py").run()
    metrics = {m.label: m.value for m in overview.metric}
    assert metrics["Nghĩa vụ"] == "494"
    assert f"quá hạn {metrics['Quá hạn']} lượt;" in sentence
    assert f"chưa nhận báo cáo {metrics['Chưa báo cáo']} lượt" in sentence
    assert f"({metrics['Hoàn thành đúng hạn']} tổng số)" in sentence


def test_the_ranking_page_shows_the_same_unit_figures(app):
    export_table = app.dataframe[0].value
    ranking = app.switch_page("pages/ranking.py").run()
    if ranking.exception:
        pytest.fail(str(ranking.exception))
    board = ranking.dataframe[0].value
    assert board["Đơn vị"].tolist() == export_table["Đơn vị"].tolist()
    assert board[COUNTS].equals(export_table[COUNTS])


def test_the_sidebar_filters_narrow_the_export(app, demo_db):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    app.sidebar.multiselect(key="groups").set_value(["cap_uy"]).run()
    assert not app.exception
    assert "Kế hoạch số 84-KH/BTGTU" in app.markdown[0].value
    page = app.dataframe[0].value
    exported = _workbook_units(demo_db, plan="84-KH/BTGTU", groups=["cap_uy"])
    assert page["Tổng số"].tolist() == [r["Tổng số"] for r in exported]
    assert set(page["Nhóm đơn vị"]) == {"Huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc"}
    app.sidebar.multiselect(key="statuses").set_value(["overdue"]).run()
    assert not app.exception
    detail = _open_tab(app, "Chi tiết").dataframe[0].value
    assert set(detail["Tình trạng"]) == {"Chưa hoàn thành, quá hạn"}
    assert "Tình trạng: Chưa hoàn thành, quá hạn" in app.caption[1].value


def test_an_empty_selection_says_so(app):
    app.sidebar.date_input(key="as_of").set_value(date(2019, 1, 1)).run()
    app.sidebar.multiselect(key="statuses").set_value(["done_late"]).run()
    assert not app.exception
    assert "Chưa có nghĩa vụ nào" in app.info[0].value
    assert len(app.download_button) == 0


@pytest.mark.parametrize(
    "filters", [{}, {"plan": "84-KH/BTGTU", "statuses": ["overdue", "not_reported", "due_soon"]}]
)
def test_the_preview_is_the_first_rows_of_the_exported_tables(demo_db, filters):
    with Store(demo_db) as store:
        whole = report.collect(store, Scope(AS_OF, **filters))
        shown = report.preview(store, Scope(AS_OF, **filters), rows=50)
        assert shown.rows == tuple(len(frame) for _name, _slug, frame in whole.sheets())
        for attr, _name, _slug in report.SHEETS:
            first = report.first_rows(store, shown, attr, 50)
            pd.testing.assert_frame_equal(first, getattr(whole, attr).head(50))
