"""AppTest of the deadline timeline page on the demo database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_pages import open_page, sign_in
from streamlit.testing.v1 import AppTest

from domain import status

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(demo_db, monkeypatch):
    return open_page(demo_db, monkeypatch, "pages/timeline.py", first_run=True)


def _spec(at) -> dict:
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def _trace(spec: dict, name: str, xaxis: str = "x") -> dict:
    return next(t for t in spec["data"] if t.get("name") == name and t.get("xaxis") == xaxis)


def test_the_timeline_shows_both_plans_deadlines_and_the_as_of_line(app):
    assert not app.exception
    spec = _spec(app)
    dates = [d for d in _trace(spec, "Thời hạn")["text"] if d]
    assert "11/06/2019" in dates and "30/06/2019" in dates and "31/07/2019" in dates
    (line,) = [s for s in spec["layout"]["shapes"] if s.get("name") == "as_of"]
    assert line["x0"].startswith("2019-07-26")
    assert any(a["text"] == "Tính đến 26/07/2019" for a in spec["layout"]["annotations"])
    ticks = spec["layout"]["yaxis"]["ticktext"]
    assert "<b>TUHD-32/2019 · II.1. Tổ chức học tập, quán triệt Chỉ thị</b>" in ticks
    assert "<b>84-KH/BTGTU · III. Nhiệm vụ, giải pháp thực hiện</b>" in ticks


def test_hover_gives_the_deadline_exactly_as_the_plan_words_it(app):
    hovers = _trace(_spec(app), "Thời hạn")["hovertext"]
    assert any("«hoàn thành trong tháng 7/2019.»" in h for h in hovers)
    assert any("«Hoàn thành trong tháng 6/2019.»" in h for h in hovers)
    assert any("«1/2 ngày, ngày 11/6/2019.»" in h and "Ngày 11/06/2019" in h for h in hovers)
    assert any("«thường xuyên»" in h and "Kỳ báo cáo: 6 tháng cuối năm 2019" in h for h in hovers)
    assert any("«hằng năm»" in h and "Kỳ báo cáo: Năm 2019" in h for h in hovers)


def test_choosing_a_plan_keeps_only_its_tasks(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    assert not app.exception
    ticks = _spec(app)["layout"]["yaxis"]["ticktext"]
    assert ticks[0] == "<b>II. Tổ chức quán triệt</b>"
    assert len(ticks) == 2 + 6  # two section headings, six tasks


def test_choosing_a_task_lists_every_unit_with_its_status(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    chooser = app.selectbox(key="timeline.task")
    assert chooser.value is None
    chooser.set_value("t9|").run()  # NV01, "trước ngày 30/6/2019"
    assert not app.exception
    (table,) = app.dataframe
    units = table.value
    assert len(units) == 27
    counts = units["Tình trạng"].value_counts().to_dict()
    assert counts == {
        status.label("done_on_time"): 15,
        status.label("done_late"): 6,
        status.label("overdue"): 6,
    }
    assert any("trước ngày 30/6/2019" in c.value for c in app.caption)


def test_a_status_filter_counts_only_that_status(app):
    app.sidebar.multiselect(key="statuses").set_value(["overdue"]).run()
    assert not app.exception
    spec = _spec(app)
    drawn = {t["name"] for t in spec["data"] if t["type"] == "bar" and t.get("xaxis") == "x"}
    assert drawn == {status.label("overdue")}


def test_an_empty_filter_says_what_to_do(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    app.sidebar.multiselect(key="statuses").set_value(["due_soon"]).run()
    assert not app.exception
    assert not app.get("plotly_chart")
    assert "bỏ bớt nhóm đơn vị, tình trạng" in app.info[0].value


def test_the_page_opens_on_its_own_and_keeps_filters_to_the_heatmap(demo_db, monkeypatch):
    """A deep link runs the page alone (the pages/ trap); filters still come from the URL
    and survive a switch to the heatmap."""
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    at = sign_in(
        AppTest.from_file(str(ROOT / "pages" / "timeline.py"), default_timeout=60), demo_db
    )
    at.query_params["plan"] = "TUHD-32/2019"
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="plan").value == "TUHD-32/2019"
    at.switch_page("heatmap.py").run()  # relative to the script AppTest started from
    assert not at.exception
    assert at.sidebar.selectbox(key="plan").value == "TUHD-32/2019"
    assert at.get("plotly_chart")


def test_without_reports_the_deadlines_still_show_and_the_page_says_to_upload(demo_db, monkeypatch):
    import duckdb

    with duckdb.connect(str(demo_db)) as con:
        con.execute("UPDATE report SET withdrawn_at = TIMESTAMP '2019-08-01 08:00:00'")
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    at = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), demo_db).run()
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert at.info[0].value.startswith(
        "Chưa có báo cáo nào — tải báo cáo lên ở trang «Tải báo cáo lên»."
    )
    assert "11/06/2019" in _trace(_spec(at), "Thời hạn")["text"]


def test_a_unit_chosen_under_a_bar_opens_its_obligation_and_the_link_keeps_it(app):
    app.sidebar.selectbox(key="plan").set_value("84-KH/BTGTU").run()
    app.selectbox(key="timeline.task").set_value("t9|").run()  # NV01
    (table,) = app.dataframe
    first = table.value["Đơn vị"][0]
    # what a click on the table's first row leaves in the session
    app.session_state["timeline.units.t9|"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    assert not app.exception
    assert "Chi tiết ô đã chọn" in [s.value for s in app.subheader]
    assert any(first in m.value and "NV01" in m.value for m in app.markdown)
    unit_id, task_id = (int(v) for v in app.query_params["cell"].split("-"))
    assert task_id == 9 and unit_id > 0
    rows = next(d.value for d in app.dataframe if "Hiệu lực" in d.value.columns)
    assert len(rows) >= 1
    app.button(key="cell.close").click().run()
    assert "cell" not in app.query_params
    assert "Chi tiết ô đã chọn" not in [s.value for s in app.subheader]


def test_the_timeline_writes_its_shares_with_the_decimal_comma(app):
    assert _spec(app)["layout"]["separators"] == ",."
