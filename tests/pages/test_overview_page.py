"""AppTest of the overview page on the demo database."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_pages import sign_in
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    at = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), demo_db)
    return at.run()


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_overview_opens_on_the_last_report_date_with_all_plans(app):
    assert not app.exception
    assert app.sidebar.selectbox(key="plan").value == "Tất cả kế hoạch"
    assert app.sidebar.date_input(key="as_of").value.isoformat() == "2019-07-26"
    assert app.query_params["asof"] == "2019-07-26"
    metrics = _metrics(app)
    assert metrics["Nghĩa vụ"] == "494"
    assert set(metrics) == {
        "Nghĩa vụ",
        "Đã hoàn thành",
        "Hoàn thành đúng hạn",
        "Quá hạn",
        "Chưa báo cáo",
    }
    assert len(app.get("plotly_chart")) == 2


def test_choosing_a_plan_narrows_the_figures_and_the_link(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    assert not app.exception
    assert _metrics(app)["Nghĩa vụ"] == "297"
    assert app.query_params["plan"] == "84-KH/BTGTU"
    app.session_state["overview.tables"] = True  # the tables' expander opened
    app.run()
    tables = [t.value for t in app.dataframe]
    assert tables[0]["Kế hoạch"].tolist() == ["84-KH/BTGTU"]


def test_an_earlier_as_of_date_shows_fewer_completions(app):
    before = _metrics(app)["Đã hoàn thành"]
    from datetime import date

    app.sidebar.date_input(key="as_of").set_value(date(2019, 6, 15)).run()
    assert not app.exception
    assert _metrics(app)["Đã hoàn thành"] != before


def test_a_link_with_filters_reproduces_the_view(demo_db, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    at = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), demo_db)
    at.query_params["plan"] = "TUHD-32/2019"
    at.query_params["asof"] = "2019-07-01"
    at.query_params["groups"] = "cap_uy"
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="plan").value == "TUHD-32/2019"
    assert at.sidebar.date_input(key="as_of").value.isoformat() == "2019-07-01"
    assert at.sidebar.multiselect(key="groups").value == ["cap_uy"]
