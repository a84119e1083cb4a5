"""So sánh kế hoạch: AppTest of the page on the demo database, and the series it draws
checked point by point against the status engine."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from actors import STAFF
from app_pages import open_link
from streamlit.testing.v1 import AppTest

from domain.model import DirectiveSpec, PlanSpec
from domain.scope import Scope
from store.database import Store
from store.plans import save_plan
from tracker.usecases.ingest import withdraw_report
from tracker.views import compare, summary

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2019, 7, 26)
PLANS = ["TUHD-32/2019", "84-KH/BTGTU"]


def _open(db, monkeypatch, **query) -> AppTest:
    return open_link(db, monkeypatch, "pages/compare.py", query)


def _values(array) -> list:
    """A trace array from the chart's JSON: a list, or plotly's typed array (base64)."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), array["dtype"]).tolist()
    return list(array)


def _traces(at) -> list[dict]:
    data = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    return [{**t, "x": _values(t["x"]), "y": _values(t["y"])} for t in data]


def _agrees_with_status_engine(store, frame) -> None:
    for row in frame.itertuples():
        counts = summary.status_counts(store, Scope(row.day, row.plan))
        k = summary.kpis_from_counts(counts)
        assert (row.obligations, row.done, row.done_on_time, row.overdue) == (
            k.obligations,
            k.done,
            k.done_on_time,
            k.overdue,
        ), (row.plan, row.day)


def test_the_page_compares_the_two_plans_of_chi_thi_32_up_to_the_as_of_date(
    demo_db, demo_db_template, monkeypatch
):
    at = _open(demo_db, monkeypatch)
    assert not at.exception
    assert at.title[0].value == "So sánh kế hoạch"
    assert at.selectbox(key="compare.directive").value == "32-CT/TW"
    table = at.dataframe[0].value
    assert table["Kế hoạch"].tolist() == PLANS  # in issue order: Hải Dương 31/05 first
    with Store(demo_db_template, read_only=True) as store:
        for row in table.itertuples(index=False):
            k = summary.kpis(store, Scope(AS_OF, row[0]))
            assert row[3] == k.obligations
            assert row[5] == round(k.done_pct, 1)
            assert row[7] == round(k.on_time_pct, 1)
    traces = _traces(at)
    assert [t["name"] for t in traces] == [
        "TUHD-32/2019 (Hải Dương)",
        "TUHD-32/2019 (Hải Dương)",
        "84-KH/BTGTU (Lạng Sơn)",
        "84-KH/BTGTU (Lạng Sơn)",
    ]
    assert {t["x"][-1][:10] for t in traces} == {"2019-07-26"}
    assert traces[2]["x"][0][:10] == "2019-06-21"  # a plan's line starts at its own date


def test_every_weekly_point_agrees_with_the_status_engine_even_after_a_withdrawal(demo_store):
    frame = compare.series(demo_store, PLANS, Scope(AS_OF), "week")
    assert len(frame) == 15
    _agrees_with_status_engine(demo_store, frame)
    superseding = demo_store.frame("report_list", plan="84-KH/BTGTU")
    second = superseding[superseding["file_name"].str.contains("_lan2_")]
    for report_id in second["report_id"].head(5):
        assert withdraw_report(demo_store, STAFF, int(report_id))
    _agrees_with_status_engine(demo_store, compare.series(demo_store, PLANS, Scope(AS_OF), "week"))


def test_monthly_points_are_month_ends_from_the_first_plan_to_the_as_of_date(demo_store):
    frame = compare.series(demo_store, PLANS, Scope(AS_OF), "month")
    hai_duong = frame[frame["plan"] == "TUHD-32/2019"]["day"].dt.date.tolist()
    assert hai_duong == [date(2019, 5, 31), date(2019, 6, 30), AS_OF]
    _agrees_with_status_engine(demo_store, frame)
    with pytest.raises(KeyError):
        compare.series(demo_store, PLANS, Scope(AS_OF), "day")


def test_the_step_and_axis_go_into_the_link_and_a_link_reproduces_them(demo_db, monkeypatch):
    at = _open(demo_db, monkeypatch)
    at.radio(key="compare.step").set_value("month").run()
    assert not at.exception
    assert at.query_params["step"] == "month"
    assert at.query_params["directive"] == "32-CT/TW"

    again = _open(demo_db, monkeypatch, step="month", align="elapsed", asof="2019-07-26")
    assert not again.exception
    assert again.radio(key="compare.step").value == "month"
    assert again.radio(key="compare.align").value == "elapsed"
    assert [t["x"][0] for t in _traces(again)] == [0, 0, 0, 0]


def test_a_unit_group_filter_narrows_both_plans(demo_db, demo_db_template, monkeypatch):
    at = _open(demo_db, monkeypatch, groups="cap_uy")
    assert not at.exception
    table = at.dataframe[0].value
    with Store(demo_db_template, read_only=True) as store:
        expected = [summary.kpis(store, Scope(AS_OF, p, ["cap_uy"])).obligations for p in PLANS]
    assert table["Nghĩa vụ"].tolist() == expected
    assert sum(expected) < 494


def test_a_directive_with_one_plan_and_no_obligations_says_what_to_do(demo_db, monkeypatch):
    with Store(demo_db) as store:
        save_plan(
            store,
            PlanSpec(
                code="01-KH/TEST",
                title="Kế hoạch thử",
                issued_on=date(2019, 7, 1),
                issuer="",
                province="Lạng Sơn",
                tracked_until=date(2019, 12, 31),
                directive=DirectiveSpec("05-CT/TW"),
            ),
        )
    at = _open(demo_db, monkeypatch)
    at.selectbox(key="compare.directive").set_value("05-CT/TW").run()
    assert not at.exception
    texts = [i.value for i in at.info]
    assert any("mới có một kế hoạch (01-KH/TEST)" in t for t in texts)
    assert any("Chưa có nghĩa vụ nào" in t for t in texts)
    assert not at.get("plotly_chart")


def test_without_any_plan_linked_to_a_directive_the_page_says_where_to_link_one(
    tmp_path, monkeypatch
):
    db = tmp_path / "empty.duckdb"
    with Store(db) as store:
        save_plan(
            store,
            PlanSpec(
                code="01-KH/X",
                title="Kế hoạch không ghi chỉ thị",
                issued_on=date(2019, 7, 1),
                issuer="",
                province="",
                tracked_until=date(2019, 12, 31),
            ),
        )
    at = _open(db, monkeypatch)
    assert not at.exception
    assert "trang «Kế hoạch»" in at.info[0].value
