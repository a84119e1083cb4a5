"""The charts are built unchecked (tracker.charts.figure): each passes plotly's full check
unchanged, and carries the numbers of the view frame it was drawn from."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from domain import status
from domain.scope import Scope
from store.database import Store
from tracker.charts.breakdown import status_bars
from tracker.charts.compare import rate_lines
from tracker.charts.figure import figure
from tracker.charts.heatmap import band, status_heatmap
from tracker.charts.timeline import deadline_timeline
from tracker.views import compare, heatmap, summary, timeline

AS_OF = date(2019, 7, 26)


@pytest.fixture(scope="module")
def views(demo_db_template):
    """Every chart's input on the demo data, all plans."""
    with Store(demo_db_template, read_only=True) as store:
        scope = Scope(AS_OF)
        rows = timeline.page(timeline.load(store, scope), 0)
        plans = store.frame("plans_list")["code"].tolist()
        yield {
            "rows": rows,
            "lines": timeline.lines(rows, show_plan=True),
            "units": heatmap.load_units(store, scope),
            "phone": heatmap.load_units(store, scope, phone=True, task_page=1),
            "groups": heatmap.load_groups(store, scope),
            "by_plan": summary.overview(store, scope).by_plan,
            "series": compare.series(store, plans=plans, scope=scope, step="week"),
        }


def _figures(v) -> dict[str, go.Figure]:
    found = {"compare": rate_lines(v["series"], "calendar")}
    for compact in (False, True):
        found |= {
            f"timeline {compact}": deadline_timeline(v["rows"], v["lines"], AS_OF, compact),
            f"units {compact}": status_heatmap(v["units"], "x", "y", compact=compact),
            f"groups {compact}": status_heatmap(v["groups"], "x", "y", compact=compact),
            f"bars {compact}": status_bars(v["by_plan"], "plan", compact=compact),
        }
    found["phone page"] = status_heatmap(v["phone"], "x", "y", compact=True)
    return found


def _plain(value):
    """JSON as the browser gets it, without what a checked Figure leaves out (None, {})."""
    if isinstance(value, dict):
        value = {k: _plain(v) for k, v in value.items()}
        return {k: v for k, v in value.items() if v is not None and v != {}}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def test_every_unchecked_figure_passes_plotlys_check_unchanged(views):
    for name, fig in _figures(views).items():
        checked = go.Figure(fig.to_plotly_json())  # raises on any property plotly refuses
        sent = _plain(json.loads(pio.to_json(fig, validate=False)))
        assert sent == _plain(json.loads(pio.to_json(checked, validate=False))), name


def test_every_figure_hands_over_what_plotlys_own_to_dict_gives(views):
    for name, fig in _figures(views).items():
        plotlys = pio.to_json(go.Figure.to_dict(fig), validate=False)
        handed = fig.to_dict()
        assert pio.to_json(handed, validate=False) == plotlys, name
        handed["layout"]["height"] = -1  # the dict is the caller's: the figure stays
        handed["data"][0].clear()
        assert pio.to_json(fig.to_dict(), validate=False) == plotlys, name


def test_a_figure_takes_its_arrays_uncopied_and_writes_the_same_json_as_plotly():
    hover = np.array(["<b>Đơn vị</b> a", "b"], dtype=object)
    size = np.array([9, 13])
    trace = dict(type="scatter", x=np.array(["1", "2"]), customdata=hover,
                 marker=dict(color="#263238", size=size), name="cells")  # fmt: skip
    layout = dict(height=300)
    fig = figure([trace], layout)
    assert fig.data[0].customdata is hover and fig.data[0].marker.size is size
    copied = go.Figure(data=[trace], layout=layout, _validate=False)  # plotly's own way
    assert pio.to_json(fig, validate=False) == pio.to_json(copied, validate=False)


def test_a_changed_layout_is_handed_over_changed(views):
    fig = _figures(views)["bars False"]
    fig.update_layout(title=dict(text="Tiêu đề"), height=777)
    assert fig.to_dict()["layout"]["title"] == {"text": "Tiêu đề"}
    assert fig.to_dict()["layout"] == go.Figure.to_dict(fig)["layout"]
    assert fig.to_dict()["layout"]["height"] == 777


def test_the_heatmap_colours_and_hovers_every_cell_of_the_grid_and_no_other(views):
    for grid in (views["units"], views["phone"]):
        fig = status_heatmap(grid, "x", "y")
        cells, targets = fig.data[0], next(t for t in fig.data if t.name == "cells")
        rows, cols = list(cells.y), list(cells.x)
        assert rows == grid.rows["key"].tolist() and cols == grid.columns["key"].tolist()
        z = np.asarray(cells.z, dtype=float)
        for r, c, code in zip(
            grid.cells["row"], grid.cells["col"], grid.cells["status"], strict=True
        ):
            assert z[rows.index(r), cols.index(c)] == band(code)
        assert np.isnan(z).sum() == z.size - len(grid.cells)
        assert list(targets.customdata) == grid.cells["hover"].tolist()
        assert list(zip(targets.x, targets.y, strict=True)) == list(
            zip(grid.cells["col"], grid.cells["row"], strict=True)
        )


def test_the_timeline_segments_and_share_bars_carry_the_frames_counts(views):
    rows, lines = views["rows"], views["lines"]
    fig = deadline_timeline(rows, lines, AS_OF)
    windows = rows[rows["due_on"].notna() & ~rows["single_day"]]
    for s in status.STATUSES:
        segments = [t for t in fig.data if t.name == s.label and t.xaxis == "x"]
        drawn = {
            (k, p): tip
            for t in segments
            for (k, p), tip in zip(t.customdata, t.hovertext, strict=True)
        }
        having = windows[windows[s.code] > 0]
        assert set(drawn) == {
            (timeline.task_key(t), p) for t, p in zip(having.task_id, having.period, strict=True)
        }
        for r in having.itertuples():
            tip = drawn[(timeline.task_key(r.task_id), r.period)]
            assert tip.endswith(f"{s.label}: {getattr(r, s.code)} / {r.total} nghĩa vụ")
        (share,) = [t for t in fig.data if t.name == s.label and t.xaxis == "x2"]
        per_task = rows.groupby("task_id")[[s.code, "total"]].sum()
        expected = {
            timeline.task_key(t): 100 * n / max(total, 1) for t, (n, total) in per_task.iterrows()
        }
        assert dict(zip(share.y, share.x, strict=True)) == pytest.approx(expected)
        assert [int(c[2]) for c in share.customdata] == [
            int(per_task.loc[lines.tasks[k], s.code]) for k in share.y
        ]


def test_the_status_bars_carry_the_tables_counts_and_shares(views):
    table = views["by_plan"]
    fig = status_bars(table, "plan")
    for s, trace in zip(status.STATUSES, fig.data, strict=True):
        assert trace.name == s.label
        assert list(trace.customdata) == table[s.code].tolist()
        shares = 100 * table[s.code] / table["total"].where(table["total"] > 0, 1)
        assert list(trace.x) == pytest.approx(shares.tolist())
