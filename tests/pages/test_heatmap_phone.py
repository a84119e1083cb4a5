"""The heatmap on a phone: pages of a few units and a few tasks, each cell still a target."""

from __future__ import annotations

import json

from app_pages import open_link, open_page
from test_heatmap_page import _traces

from tracker.views import heatmap
from ui import viewport


def _phone(demo_db, monkeypatch, **query):
    at = open_page(demo_db, monkeypatch, "pages/heatmap.py", **query)
    at.session_state[viewport.STATE] = True  # what the browser of a narrow window answers
    return at.run()


def _trace(at, kind: str) -> dict:
    """The heatmap (`kind` ``heatmap``) or its click targets (``cells``), on either form (a
    phone's legend entries sit between them)."""
    (found,) = [t for t in _traces(at) if kind in (t["type"], t.get("name"))]
    return found


def _heatmap(at) -> dict:
    return _trace(at, "heatmap")


def _columns(at) -> list[str]:
    return _heatmap(at)["x"]


def test_a_phone_pages_units_and_tasks_and_sends_a_fraction_of_the_desktop_chart(
    demo_db, monkeypatch
):
    desk = open_page(demo_db, monkeypatch, "pages/heatmap.py", sort="name")
    at = _phone(demo_db, monkeypatch, sort="name")
    assert not at.exception
    every_task = _columns(desk)
    assert len(every_task) > heatmap.TASKS_PER_PHONE_PAGE  # the demo's two plans
    assert len(_heatmap(at)["z"]) == heatmap.UNITS_PER_PHONE_PAGE
    assert _columns(at) == every_task[: heatmap.TASKS_PER_PHONE_PAGE]
    (phone_spec,), (desk_spec,) = at.get("plotly_chart"), desk.get("plotly_chart")
    assert len(phone_spec.proto.spec) * 5 < len(desk_spec.proto.spec)

    # every task is reached through the task pager, each once, in the desktop's order
    pager = at.selectbox(key="heatmap.task_page")
    n = len(every_task)
    assert pager.options[0] == f"Nhiệm vụ 1–{heatmap.TASKS_PER_PHONE_PAGE} / {n}"
    seen = []
    for p in range(len(pager.options)):
        at.selectbox(key="heatmap.task_page").set_value(p).run()
        assert not at.exception
        seen += _columns(at)
    assert seen == every_task

    # the unit pager counts pages of the phone's size
    units = at.selectbox(key="heatmap.page")
    assert units.options[0].startswith(f"Đơn vị 1–{heatmap.UNITS_PER_PHONE_PAGE} / ")


def test_a_phone_cell_carries_the_same_hover_as_on_the_desktop(demo_db, monkeypatch):
    desk = open_page(demo_db, monkeypatch, "pages/heatmap.py", sort="name")
    at = _phone(demo_db, monkeypatch, sort="name")
    wide, narrow = _trace(desk, "cells"), _trace(at, "cells")
    on_desk = {(x, y): h for x, y, h in zip(wide["x"], wide["y"], wide["customdata"], strict=True)}
    assert narrow["customdata"]
    for x, y, hover in zip(narrow["x"], narrow["y"], narrow["customdata"], strict=True):
        assert on_desk[(x, y)] == hover  # a tap's target: the task and unit keys


def test_a_filter_leaving_fewer_tasks_brings_the_task_pager_back_in_range(demo_db, monkeypatch):
    at = _phone(demo_db, monkeypatch, sort="name")
    last = len(at.selectbox(key="heatmap.task_page").options) - 1
    at.selectbox(key="heatmap.task_page").set_value(last).run()
    at.query_params["plan"] = "84-KH/BTGTU"
    at.switch_page("pages/heatmap.py").run()
    assert not at.exception
    trace = _heatmap(at)
    assert trace["x"] and len(trace["x"]) <= heatmap.TASKS_PER_PHONE_PAGE
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["showlegend"] is True


def test_the_page_in_the_url_counts_desktop_pages_on_a_phone_too(demo_db, monkeypatch):
    """A link shared from a phone opens on a desktop at the units the phone showed."""
    at = _phone(demo_db, monkeypatch, sort="name")
    per_desk = heatmap.UNITS_PER_PAGE // heatmap.UNITS_PER_PHONE_PAGE
    at.selectbox(key="heatmap.page").set_value(per_desk).run()  # units 41-50
    assert not at.exception
    assert at.query_params["page"] == "2"
    phone_rows = _heatmap(at)["y"]
    desk = open_link(demo_db, monkeypatch, "pages/heatmap.py", {"sort": "name", "page": "2"})
    assert set(phone_rows) <= set(_heatmap(desk)["y"])
