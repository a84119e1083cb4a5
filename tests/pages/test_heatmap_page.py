"""AppTest of the completion heatmap page on the demo database."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from app_pages import open_link, open_page
from streamlit.testing.v1 import AppTest

from store.database import Store

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2019, 7, 26)


@pytest.fixture
def app(demo_db, monkeypatch):
    return open_page(demo_db, monkeypatch, "pages/heatmap.py", first_run=True)


def _traces(at) -> list[dict]:
    """The chart's traces as the browser gets them; numbers come as plotly's typed arrays
    (``{"dtype", "bdata", "shape"}``), decoded here."""
    (chart,) = at.get("plotly_chart")
    traces = json.loads(chart.proto.spec)["data"]
    for trace in traces:
        for name, value in trace.items():
            if isinstance(value, dict) and "bdata" in value:
                shape = [int(n) for n in str(value.get("shape", "-1")).split(",")]
                raw = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
                trace[name] = raw.reshape(shape).tolist()
    return traces


def _heatmap(at) -> dict:
    trace, _targets, _blanks = _traces(at)
    assert trace["type"] == "heatmap"
    return trace


def _hovers(at) -> list[str]:
    """Every cell's hover text: the click targets carry it, the heatmap none."""
    trace, targets, _blanks = _traces(at)
    assert "customdata" not in trace and targets["name"] == "cells"
    return targets["customdata"]


def _units(demo_db, plan: str | None = None, groups: list[str] | None = None) -> int:
    """Units with an obligation under these filters, counted straight from the database
    (the status macro itself, not the page's query)."""
    import duckdb

    with duckdb.connect(str(demo_db)) as con:  # the app holds it open in this process
        return con.execute(
            "SELECT count(DISTINCT unit_id) FROM status_detail($as_of, plan_code := $plan, "
            "group_codes := $groups)",
            {"as_of": AS_OF, "plan": plan, "groups": groups},
        ).fetchone()[0]


def test_the_heatmap_has_one_row_per_unit_of_the_plan_and_one_column_per_task(app, demo_db):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    assert not app.exception
    trace = _heatmap(app)
    assert len(trace["z"]) == _units(demo_db, "84-KH/BTGTU") == 27
    assert {len(row) for row in trace["z"]} == {6}
    assert "kỳ gần nhất đã bắt đầu" in " ".join(c.value for c in app.caption)


def test_a_unit_group_filter_narrows_the_rows(app, demo_db):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    app.sidebar.multiselect(key="groups").set_value(["mttq_doan_the"]).run()
    assert not app.exception
    trace = _heatmap(app)
    assert len(trace["z"]) == _units(demo_db, "84-KH/BTGTU", ["mttq_doan_the"]) == 6


def test_every_plan_pages_forty_units_at_a_time(app, demo_db):
    assert not app.exception
    assert _units(demo_db) == 46
    assert len(_heatmap(app)["z"]) == 40
    pager = app.selectbox(key="heatmap.page")
    assert pager.options == ["Đơn vị 1–40 / 46", "Đơn vị 41–46 / 46"]
    pager.set_value(1).run()
    assert not app.exception
    assert len(_heatmap(app)["z"]) == 6


def test_hover_names_unit_task_due_date_completion_and_report_file(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    hovers = _hovers(app)
    done = [h for h in hovers if "Hoàn thành ngày:" in h]
    assert done and all("Theo báo cáo: " in h and ".xlsx" in h for h in done)
    assert all("Hạn: " in h and "Tình trạng: " in h for h in hovers)


def test_sorting_by_name_reorders_the_rows(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    by_rate = _heatmap(app)["y"]
    app.selectbox(key="heatmap.sort").set_value("name").run()
    assert not app.exception
    by_name = _heatmap(app)["y"]
    assert sorted(by_rate) == sorted(by_name) and by_rate != by_name


def test_an_earlier_period_shows_the_first_half_of_2019(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    latest = _hovers(app)
    app.selectbox(key="heatmap.period").set_value(date(2019, 1, 1)).run()
    assert not app.exception
    earlier = _hovers(app)
    assert any("6 tháng cuối năm 2019" in h for h in latest)
    assert any("6 tháng đầu năm 2019" in h for h in earlier)
    assert not any("6 tháng cuối năm 2019" in h for h in earlier)


def test_the_group_view_shows_unit_groups_by_plan_sections(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    app.radio(key="heatmap.view").set_value("groups").run()
    assert not app.exception
    trace = _heatmap(app)
    assert len(trace["z"]) == 4 and len(trace["z"][0]) == 2
    assert all(t.endswith("%") for row in trace["text"] for t in row if t)


def test_a_status_filter_with_nothing_to_show_says_what_to_do(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    app.sidebar.multiselect(key="statuses").set_value(["due_soon"]).run()
    assert not app.exception
    assert not app.get("plotly_chart")
    assert "bỏ bớt nhóm đơn vị hoặc tình trạng" in app.info[0].value


def test_without_any_report_the_page_points_to_the_upload_page(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    Store(path).close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/heatmap.py").run()
    assert not at.exception
    assert at.info[0].value == ("Chưa có báo cáo nào — tải báo cáo lên ở trang «Tải báo cáo lên».")


def _open_link(db, monkeypatch, link: dict) -> AppTest:
    """A fresh session opening the heatmap at a copied link (its query string `link`)."""
    return open_link(db, monkeypatch, "pages/heatmap.py", link)


def test_view_sort_page_and_cell_go_into_the_url_and_a_copied_link_reopens_them(
    app, demo_db, monkeypatch
):
    app.selectbox(key="heatmap.sort").set_value("name").run()
    app.selectbox(key="heatmap.page").set_value(1).run()
    rows = _heatmap(app)["y"]
    assert (app.query_params["sort"], app.query_params["page"]) == ("name", "2")
    app.query_params["cell"] = "12-4"
    link = {k: app.query_params[k] for k in app.query_params}  # what a copied link holds
    again = _open_link(demo_db, monkeypatch, link)
    assert not again.exception
    assert again.selectbox(key="heatmap.sort").value == "name"
    assert again.selectbox(key="heatmap.page").value == 1
    assert _heatmap(again)["y"] == rows
    assert "Chi tiết ô đã chọn" in [s.value for s in again.subheader]
    again.radio(key="heatmap.view").set_value("groups").run()
    assert again.query_params["view"] == "groups"
    opened = _open_link(demo_db, monkeypatch, {"view": "groups"})
    assert opened.radio(key="heatmap.view").value == "groups"
    # the defaults stay out of the URL; a value the page does not know is ignored
    plain = _open_link(demo_db, monkeypatch, {"sort": "nonsense", "page": "x"})
    assert not plain.exception
    assert plain.selectbox(key="heatmap.sort").value == "rate_asc"
    assert "sort" not in plain.query_params and "view" not in plain.query_params
