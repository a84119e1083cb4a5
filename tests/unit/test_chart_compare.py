"""The plan-comparison chart: a pure function of the series frame, no Streamlit."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tracker.charts.compare import PLAN_STYLES, rate_lines


def _series() -> pd.DataFrame:
    rows = []
    for plan, province, issued, points in (
        (
            "TUHD-32/2019",
            "Hải Dương",
            date(2019, 5, 31),
            [(date(2019, 5, 31), 130, 0, 0), (date(2019, 7, 26), 197, 52, 39)],
        ),
        (
            "84-KH/BTGTU",
            "Lạng Sơn",
            date(2019, 6, 21),
            [
                (date(2019, 6, 21), 162, 0, 0),
                (date(2019, 6, 28), 162, 19, 19),
                (date(2019, 7, 26), 297, 115, 100),
            ],
        ),
    ):
        for day, total, done, on_time in points:
            rows.append(
                dict(
                    plan=plan,
                    plan_title="",
                    province=province,
                    issued_on=issued,
                    day=day,
                    obligations=total,
                    done=done,
                    done_on_time=on_time,
                    overdue=0,
                    done_pct=round(100 * done / total, 1),
                    done_on_time_pct=round(100 * on_time / total, 1),
                )
            )
    return pd.DataFrame(rows)


def test_each_plan_has_a_line_in_both_panels_in_the_frames_order():
    fig = rate_lines(_series())
    assert [(t.name, t.xaxis) for t in fig.data] == [
        ("TUHD-32/2019 (Hải Dương)", "x"),
        ("TUHD-32/2019 (Hải Dương)", "x2"),
        ("84-KH/BTGTU (Lạng Sơn)", "x"),
        ("84-KH/BTGTU (Lạng Sơn)", "x2"),
    ]
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["% hoàn thành", "% đúng hạn"]
    lang_son_done, lang_son_on_time = fig.data[2], fig.data[3]
    assert list(lang_son_done.y) == [0.0, 11.7, 38.7]
    assert list(lang_son_on_time.y) == [0.0, 11.7, 33.7]


def test_plans_differ_by_colour_dash_and_marker_and_are_named_at_the_line_end():
    fig = rate_lines(_series())
    first, second = fig.data[0], fig.data[2]
    styles = {(t.line.color, t.line.dash, t.marker.symbol) for t in (first, second)}
    assert styles == set(PLAN_STYLES[:2])
    assert list(second.text) == ["", "", "84-KH/BTGTU 38,7%"]
    assert [t.showlegend for t in fig.data] == [True, False, True, False]


def test_hover_says_the_date_the_rate_and_the_counts_in_vietnamese():
    fig = rate_lines(_series())
    assert fig.data[3].hovertext[-1] == (
        "84-KH/BTGTU (Lạng Sơn)<br>Ngày 26/07/2019<br>% đúng hạn: 33,7% (100/297 nghĩa vụ)"
    )
    assert fig.layout.xaxis.tickformat == "%d/%m/%Y"


def test_elapsed_alignment_starts_every_plan_at_day_zero():
    fig = rate_lines(_series(), align="elapsed")
    assert list(fig.data[0].x) == [0, 56]
    assert list(fig.data[2].x) == [0, 7, 35]
    assert fig.layout.xaxis.title.text == "Số ngày kể từ ngày ban hành"


def test_an_empty_series_gives_empty_panels_and_an_unknown_axis_is_refused():
    assert rate_lines(_series().iloc[0:0]).data == ()
    with pytest.raises(ValueError):
        rate_lines(_series(), align="weekly")
