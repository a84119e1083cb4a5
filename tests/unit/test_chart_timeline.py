"""The deadline timeline: shaping (tracker.views.timeline) and the chart, without Streamlit."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from domain import status
from domain.scope import Scope
from tracker.charts.timeline import deadline_timeline
from tracker.views import timeline

AS_OF = date(2019, 7, 26)


def _long(*tasks: dict) -> pd.DataFrame:
    """Rows shaped like ``timeline_tasks.sql``: one per (task, period, status)."""
    rows = []
    for n, task in enumerate(tasks, start=1):
        for code, count in task["counts"].items():
            rows.append(
                {
                    "plan": task.get("plan", "84-KH/BTGTU"),
                    "plan_id": 1,
                    "plan_date": pd.Timestamp("2019-06-21"),
                    "section": task.get("section", "II"),
                    "section_title": task.get("section_title", "II. Tổ chức quán triệt"),
                    "task_id": task.get("task_id", n),
                    "task_code": task.get("code", f"NV{n:02d}"),
                    "task": task.get("title", f"Nhiệm vụ {n}"),
                    "deadline_text": task["deadline"],
                    "recurrence": task.get("recurrence"),
                    "task_order": task.get("order", n),
                    "period": task.get("period", ""),
                    "start_on": pd.Timestamp(task["start"]),
                    "start_inferred": task.get("inferred", False),
                    "due_on": pd.Timestamp(task["due"]) if task["due"] else pd.NaT,
                    "status": code,
                    "obligations": count,
                    "reported": count if code != "not_reported" else 0,
                }
            )
    return pd.DataFrame(rows)


def _chart(long: pd.DataFrame, show_plan: bool = False):
    rows = timeline.periods(long)
    return rows, deadline_timeline(rows, timeline.lines(rows, show_plan), AS_OF)


def _traces(fig, name: str, xaxis: str = "x"):
    return [t for t in fig.data if t.name == name and t.xaxis == xaxis]


MONTH_7 = dict(
    deadline="hoàn thành trong tháng 7/2019",
    start="2019-07-01",
    due="2019-07-31",
    counts={"done_on_time": 3, "overdue": 1},
)


def test_a_window_is_split_into_segments_as_long_as_each_status_share():
    _, fig = _chart(_long(MONTH_7))
    on_time = _traces(fig, status.label("done_on_time"))[0]
    overdue = _traces(fig, status.label("overdue"))[0]
    assert on_time.marker.color == status.colour("done_on_time")
    assert overdue.marker.color == status.colour("overdue")
    window_ms = (pd.Timestamp("2019-07-31") - pd.Timestamp("2019-07-01")).total_seconds() * 1000
    assert on_time.x[0] == pytest.approx(0.75 * window_ms, abs=1)
    assert overdue.x[0] == pytest.approx(0.25 * window_ms, abs=1)
    assert pd.Timestamp(on_time.base[0]) == pd.Timestamp("2019-07-01")
    # the overdue segment starts where the done one ends: one bar, two colours
    end_of_first = pd.Timestamp(on_time.base[0]) + pd.Timedelta(milliseconds=on_time.x[0])
    assert abs(pd.Timestamp(overdue.base[0]) - end_of_first) < pd.Timedelta(seconds=1)


def test_a_single_day_task_is_a_diamond_with_its_date_and_no_bar():
    day = dict(
        deadline="1/2 ngày, ngày 11/6/2019.",
        start="2019-06-11",
        due="2019-06-11",
        counts={"done_on_time": 5, "overdue": 7},
    )
    rows, fig = _chart(_long(day))
    assert rows["single_day"].tolist() == [True]
    assert not [t for t in fig.data if t.type == "bar" and t.xaxis == "x"]
    (deadline,) = _traces(fig, "Thời hạn")
    assert list(deadline.text) == ["11/06/2019"]
    assert deadline.marker.symbol == "diamond"
    # its colours are in the share panel beside the time axis
    assert _traces(fig, status.label("overdue"), "x2")[0].x[0] == pytest.approx(100 * 7 / 12)


def test_a_limit_without_start_is_drawn_paler_from_the_plan_date():
    limit = dict(
        deadline="Thực hiện xong trước ngày 30/6/2019.",
        start="2019-06-21",
        inferred=True,
        due="2019-06-30",
        counts={"done_on_time": 15, "done_late": 6, "overdue": 6},
    )
    rows, fig = _chart(_long(limit))
    assert not rows["single_day"].iloc[0]
    bar = _traces(fig, status.label("done_on_time"))[0]
    assert pd.Timestamp(bar.base[0]) == pd.Timestamp("2019-06-21")
    assert list(bar.marker.opacity) == [0.5]
    hover = _traces(fig, "Thời hạn")[0].hovertext[0]
    assert "Từ 21/06/2019 (ngày ban hành kế hoạch) đến 30/06/2019" in hover
    assert list(_traces(fig, "Thời hạn")[0].text) == ["30/06/2019"]


def test_the_as_of_date_is_a_labelled_vertical_line():
    _, fig = _chart(_long(MONTH_7))
    (line,) = [s for s in fig.layout.shapes if s.name == "as_of"]
    assert pd.Timestamp(line.x0) == pd.Timestamp(AS_OF) == pd.Timestamp(line.x1)
    assert (line.yref, line.y0, line.y1) == ("y domain", 0, 1)
    assert any(a.text == "Tính đến 26/07/2019" for a in fig.layout.annotations)


def test_a_recurring_task_has_one_bar_per_period_on_one_row():
    h1 = dict(
        deadline="thường xuyên",
        recurrence="continuous",
        period="2019-H1",
        start="2019-01-01",
        due="2019-06-30",
        counts={"done_on_time": 2},
        task_id=7,
    )
    h2 = {**h1, "period": "2019-H2", "start": "2019-07-01", "due": "2019-12-31"}
    h2["counts"] = {"in_progress": 2}
    rows, fig = _chart(_long(h1, h2))
    assert rows["period_label"].tolist() == ["6 tháng đầu năm 2019", "6 tháng cuối năm 2019"]
    bars = [t for t in fig.data if t.type == "bar" and t.xaxis == "x"]
    assert {y for t in bars for y in t.y} == {"t7"}
    assert sorted(p for t in bars for p in (c[1] for c in t.customdata)) == ["2019-H1", "2019-H2"]
    # recurring due dates get a diamond but no date text (a monthly task would crowd it)
    assert list(_traces(fig, "Thời hạn")[0].text) == ["", ""]


def test_hover_quotes_the_deadline_as_the_plan_words_it_with_every_count():
    rows, fig = _chart(_long(MONTH_7))
    text = _traces(fig, "Thời hạn")[0].hovertext[0]
    assert "«hoàn thành trong tháng 7/2019»" in text
    assert "Từ 01/07/2019 đến 31/07/2019" in text
    assert f"{status.label('done_on_time')}: 3" in text
    assert f"{status.label('overdue')}: 1" in text
    assert status.label("in_progress") not in text  # zero counts are left out
    segment = _traces(fig, status.label("overdue"))[0].hovertext[0]
    assert "«hoàn thành trong tháng 7/2019»" in segment and "1 / 4 nghĩa vụ" in segment


def test_tasks_sit_under_bold_section_headings_in_plan_order():
    first = {**MONTH_7, "section_title": "II. Tổ chức quán triệt", "order": 1}
    second = {**MONTH_7, "section_title": "III. Nhiệm vụ, giải pháp", "order": 2}
    third = {**MONTH_7, "section_title": "III. Nhiệm vụ, giải pháp", "order": 3}
    rows, fig = _chart(_long(first, second, third))
    lines = timeline.lines(rows, show_plan=False)
    assert lines.keys == [
        "s:84-KH/BTGTU:II. Tổ chức quán triệt",
        "t1",
        "s:84-KH/BTGTU:III. Nhiệm vụ, giải pháp",
        "t2",
        "t3",
    ]
    assert lines.labels[0] == "<b>II. Tổ chức quán triệt</b>"
    assert list(fig.layout.yaxis.categoryarray) == lines.keys
    assert list(fig.layout.yaxis.ticktext) == lines.labels
    assert fig.layout.yaxis.autorange == "reversed"
    # with every plan shown, a heading names its plan
    assert timeline.lines(rows, show_plan=True).labels[0].startswith("<b>84-KH/BTGTU · ")


def test_share_bars_fill_100_percent_and_the_legend_names_every_status():
    _, fig = _chart(_long(MONTH_7))
    shares = [t for t in fig.data if t.type == "bar" and t.xaxis == "x2"]
    assert [t.name for t in shares] == [s.label for s in status.STATUSES]
    assert sum(t.x[0] for t in shares) == pytest.approx(100)
    assert all(t.showlegend is not False for t in shares)
    assert all(t.showlegend is False for t in fig.data if t.type == "bar" and t.xaxis == "x")


def test_a_click_on_a_bar_or_its_share_chooses_the_task_and_period():
    choices = ["t7|2019-H1", "t7|2019-H2", "t9|"]
    assert timeline.clicked([{"customdata": ["t7", "2019-H1", "…"]}], choices) == "t7|2019-H1"
    assert timeline.clicked([{"customdata": ["t9", "", "…"]}], choices) == "t9|"
    # the share bar has no period: the task's latest one
    assert timeline.clicked([{"customdata": ["t7", "", 3]}], choices) == "t7|2019-H2"
    assert timeline.clicked([{"x": 1}], choices) is None
    assert timeline.clicked([], choices) is None


def test_the_chooser_names_each_task_and_period_and_opens_its_row():
    h1 = dict(
        deadline="thường xuyên", period="2019-H1", start="2019-01-01", due="2019-06-30",
        counts={"done_on_time": 2}, task_id=7, code="NV07", title="Tuyên truyền",
    )  # fmt: skip
    h2 = {**h1, "period": "2019-H2", "start": "2019-07-01", "due": "2019-12-31"}
    once = {**MONTH_7, "task_id": 9, "code": "NV09", "title": "Hội nghị", "order": 2}
    rows = timeline.periods(_long(h1, h2, once))
    assert timeline.choices(rows) == {
        "t7|2019-H1": "NV07 · Tuyên truyền — kỳ 6 tháng đầu năm 2019",
        "t7|2019-H2": "NV07 · Tuyên truyền — kỳ 6 tháng cuối năm 2019",
        "t9|": "NV09 · Hội nghị",
    }
    row = timeline.chosen_row(rows, "t7|2019-H2")
    assert (row.task_id, row.period, row.done_on_time) == (7, "2019-H2", 2)
    assert timeline.chosen_row(rows, "t9|").task_code == "NV09"
    with pytest.raises(KeyError):
        timeline.chosen_row(rows, "t8|")


def test_paging_keeps_every_period_of_a_task_together():
    tasks = [
        {**MONTH_7, "task_id": i, "period": p, "order": i}
        for i in range(1, 6)
        for p in ("2019-07", "2019-08")
    ]
    rows = timeline.periods(_long(*tasks))
    assert timeline.page_count(5, size=2) == 3
    assert timeline.page(rows, 1, size=2)["task_id"].tolist() == [3, 3, 4, 4]
    assert timeline.page(rows, 9, size=2)["task_id"].tolist() == [5, 5]  # clamped


def test_a_task_without_a_due_date_is_listed_apart_not_drawn():
    unknown = {**MONTH_7, "deadline": "khi có chỉ đạo", "due": None, "start": "2019-06-21"}
    rows, fig = _chart(_long(MONTH_7, {**unknown, "task_id": 2}))
    assert timeline.undated(rows)["task_code"].tolist() == ["NV02"]
    assert "t2" not in [y for t in fig.data if t.type == "bar" and t.xaxis == "x" for y in t.y]


def test_the_seed_plans_deadlines_read_correctly(demo_store):
    rows = timeline.load(demo_store, Scope(AS_OF))
    by = {(r.plan, r.task_code, r.period): r for r in rows.itertuples()}
    conference = by[("TUHD-32/2019", "NV01", "")]
    assert conference.single_day and conference.due_on == pd.Timestamp("2019-06-11")
    june = by[("TUHD-32/2019", "NV02", "")]
    assert (june.start_on, june.due_on) == (pd.Timestamp("2019-06-01"), pd.Timestamp("2019-06-30"))
    july = by[("TUHD-32/2019", "NV03", "")]
    assert (july.start_on, july.due_on) == (pd.Timestamp("2019-07-01"), pd.Timestamp("2019-07-31"))
    limit = by[("84-KH/BTGTU", "NV01", "")]
    assert limit.start_inferred and limit.start_on == pd.Timestamp("2019-06-21")
    assert limit.due_on == pd.Timestamp("2019-06-30")
    assert by[("84-KH/BTGTU", "NV02", "2019-H2")].period_label == "6 tháng cuối năm 2019"
    assert by[("TUHD-32/2019", "NV08", "2019")].period_label == "Năm 2019"
    fig = deadline_timeline(rows, timeline.lines(rows, True), AS_OF)
    texts = [t for t in _traces(fig, "Thời hạn")[0].text if t]
    assert sorted(set(texts)) == ["11/06/2019", "30/06/2019", "31/07/2019"]
