"""Charts in their phone form (compact): short tick labels, the full text in hover, the
legend below the plot area; the toggle kept in the URL; one print style on every page."""

from __future__ import annotations

import html
import json
from datetime import date

import pytest
from app_pages import open_page

from domain import status
from domain.scope import Scope
from tracker.charts.breakdown import status_bars
from tracker.charts.heatmap import COMPACT_LABEL, status_heatmap
from tracker.charts.timeline import deadline_timeline
from tracker.views import heatmap, summary, tables, timeline

AS_OF = date(2019, 7, 26)


@pytest.fixture(scope="module")
def views(demo_db_template):
    from store.database import Store

    with Store(demo_db_template, read_only=True) as store:
        rows = timeline.load(store, Scope(AS_OF))
        yield {
            "rows": timeline.page(rows, 0),
            "grid": heatmap.load_units(store, Scope(AS_OF)),
            "by_unit": tables.by_unit(store, Scope(AS_OF)),
            "by_plan": summary.overview(store, Scope(AS_OF)).by_plan,
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


def _plain(label: str) -> str:
    return " ".join(label.replace("<b>", "").replace("</b>", "").split("<br>"))


def test_the_compact_timeline_wraps_whole_task_titles_and_rows_are_finger_sized(views):
    shown = views["rows"]
    lines = timeline.lines(shown, True)
    narrow = deadline_timeline(shown, lines, AS_OF, compact=True)
    ticks = narrow.layout.yaxis.ticktext
    titles = {" ".join(str(t).split()) for t in shown["task"]}
    tasks = [t for k, t in zip(lines.keys, ticks, strict=True) if k in lines.tasks]
    for tick in tasks:
        _code, _, title = html.unescape(_plain(tick)).partition(" · ")
        assert title in titles  # whole, never cut
        assert all(len(line) <= 18 or " " not in line for line in tick.split("<br>"))
    assert not any("…" in t for t in ticks)
    assert narrow.layout.height / len(lines.keys) >= 44


def test_the_as_of_label_sits_on_top_of_the_plot_area(views):
    shown = views["rows"]
    fig = deadline_timeline(shown, timeline.lines(shown, True), AS_OF)
    (label,) = [a for a in fig.layout.annotations if a.text.startswith("Tính đến")]
    assert label.y == 1 and label.yanchor == "bottom" and label.yref == "y domain"


def test_compact_unit_bars_wrap_whole_names(views):
    board = views["by_unit"]
    fig = status_bars(board, "unit_name", compact=True)
    shown = [html.unescape(_plain(y)) for y in fig.data[0].y]
    assert shown == [" ".join(n.split()) for n in board["unit_name"]]
    assert all(
        len(line) <= 16 or " " not in line for y in fig.data[0].y for line in y.split("<br>")
    )


def test_the_compact_heatmap_wraps_row_names_and_has_a_legend_not_a_colour_bar(views):
    grid = views["grid"]
    wide = status_heatmap(grid, "x", "y")
    narrow = status_heatmap(grid, "x", "y", compact=True)
    for tick, label in zip(narrow.layout.yaxis.ticktext, grid.rows["label"], strict=True):
        name = label.rpartition(" · ")[0]
        assert html.unescape(_plain(tick)).startswith(" ".join(name.split()))
        assert all(len(line) <= COMPACT_LABEL or " " not in line for line in tick.split("<br>"))
    assert narrow.data[0].showscale is False and wide.data[0].showscale is not False
    legend = [t.name for t in narrow.data if t.showlegend]
    assert len(legend) == len(status.STATUSES)
    assert narrow.layout.legend.orientation == "h" and narrow.layout.legend.y < 0


def test_a_compact_link_no_longer_forces_the_phone_form(demo_db, monkeypatch):
    """The phone form follows the window (ui.viewport), never the address: an old link's
    ``compact=1`` is dropped and the desktop chart drawn."""
    at = open_page(demo_db, monkeypatch, "pages/heatmap.py", asof=AS_OF.isoformat(), compact="1")
    assert not at.exception
    (chart,) = at.get("plotly_chart")
    trace = json.loads(chart.proto.spec)["data"][0]
    assert trace.get("showscale") is not False
    assert "compact" not in at.query_params


def test_every_page_carries_the_print_style_once(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/ranking.py")
    styles = [h for h in at.get("html") if "@page" in h.proto.body]
    assert len(styles) == 1
    body = styles[0].proto.body
    assert "A4 landscape" in body and "stSidebar" in body and "overflow: visible" in body
