"""Charts in their phone form (compact): short tick labels, the full text in hover, the
legend below the plot area; the toggle kept in the URL; one print style on every page."""

from __future__ import annotations

import json
from datetime import date

import pytest
from app_pages import open_page

from tracker.charts.breakdown import status_bars
from tracker.charts.heatmap import COMPACT_LABEL, status_heatmap
from tracker.charts.timeline import deadline_timeline
from tracker.views import heatmap, summary, tables, timeline

AS_OF = date(2019, 7, 26)


@pytest.fixture(scope="module")
def views(demo_db_template):
    from store.database import Store

    with Store(demo_db_template, read_only=True) as store:
        rows = timeline.load(store, AS_OF)
        yield {
            "rows": timeline.page(rows, 0),
            "grid": heatmap.load_units(store, AS_OF),
            "by_unit": tables.by_unit(store, AS_OF),
            "by_plan": summary.overview(store, AS_OF).by_plan,
        }


@pytest.mark.parametrize("compact", [False, True])
def test_bar_legends_sit_below_the_plot_area(views, compact):
    shown = views["rows"]
    figures = [
        deadline_timeline(shown, timeline.lines(shown, True), AS_OF, compact=compact),
        status_bars(views["by_plan"], "plan", compact=compact),
        status_bars(views["by_unit"], "unit_name", compact=compact),
    ]
    for fig in figures:
        assert fig.layout.legend.orientation == "h"
        assert fig.layout.legend.y < 0 and fig.layout.legend.yanchor == "top"


def test_the_compact_timeline_labels_tasks_by_code(views):
    shown = views["rows"]
    lines = timeline.lines(shown, True)
    wide = deadline_timeline(shown, lines, AS_OF).layout.yaxis.ticktext
    narrow = deadline_timeline(shown, lines, AS_OF, compact=True).layout.yaxis.ticktext
    codes = set(shown["task_code"])
    tasks = [t for k, t in zip(lines.keys, narrow, strict=True) if k in lines.tasks]
    assert tasks and set(tasks) <= codes
    assert max(map(len, narrow)) < max(map(len, wide))
    assert all(len(t.replace("<b>", "").replace("</b>", "")) <= 16 for t in narrow)


def test_the_as_of_label_sits_on_top_of_the_plot_area(views):
    shown = views["rows"]
    fig = deadline_timeline(shown, timeline.lines(shown, True), AS_OF)
    (label,) = [a for a in fig.layout.annotations if a.text.startswith("Tính đến")]
    assert label.y == 1 and label.yanchor == "bottom" and label.yref == "y domain"


def test_compact_unit_bars_keep_full_names_in_hover(views):
    board = views["by_unit"]
    fig = status_bars(board, "unit_name", compact=True)
    longest = max(board["unit_name"], key=len)
    assert max(len(y) for y in fig.data[0].y) < len(longest)
    assert longest in list(fig.data[0].hovertext)


def test_the_compact_heatmap_cuts_row_names_and_puts_the_colour_bar_below(views):
    grid = views["grid"]
    wide = status_heatmap(grid, "x", "y")
    narrow = status_heatmap(grid, "x", "y", compact=True)
    names = [t.rpartition(" · ")[0] for t in narrow.layout.yaxis.ticktext]
    assert all(len(n) <= COMPACT_LABEL for n in names)
    assert max(map(len, narrow.layout.yaxis.ticktext)) < max(map(len, wide.layout.yaxis.ticktext))
    bar = narrow.data[0].colorbar
    assert bar.orientation == "h" and bar.y < 0
    assert wide.data[0].colorbar.orientation != "h"


def test_the_toggle_is_kept_in_the_url_and_reaches_the_charts(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/heatmap.py", asof=AS_OF.isoformat(), compact="1")
    assert not at.exception
    assert at.toggle(key="compact").value is True
    (chart,) = at.get("plotly_chart")
    trace, _targets, _blanks = json.loads(chart.proto.spec)["data"]
    assert trace["colorbar"]["orientation"] == "h"
    at.toggle(key="compact").set_value(False).run()
    assert "compact" not in at.query_params


def test_every_page_carries_the_print_style_once(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/ranking.py")
    styles = [h for h in at.get("html") if "@page" in h.proto.body]
    assert len(styles) == 1
    body = styles[0].proto.body
    assert "A4 landscape" in body and "stSidebar" in body and "overflow: visible" in body
