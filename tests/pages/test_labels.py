"""One home per rule: column ids and their headers, percentages, text colour on a fill."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa
import pytest
from app_pages import open_page

from domain import labels, status
from domain.scope import Scope
from domain.text import vn_percent
from tracker.charts.ranking import ranked
from tracker.exports import workbook
from tracker.views import compare, heatmap, summary, tables, timeline
from ui.table import STATUS_STYLES

AS_OF = date(2019, 7, 26)
PLAN = "84-KH/BTGTU"


def _view_frames(store) -> dict[str, pd.DataFrame]:
    """Every frame a view hands to a page or an export, for the demo on 26/07/2019."""
    board = tables.by_unit(store, Scope(AS_OF))
    found = summary.overview(store, Scope(AS_OF))
    series = compare.series(store, ["TUHD-32/2019", PLAN], Scope(AS_OF))
    rows = timeline.load(store, Scope(AS_OF, PLAN))
    first = rows.iloc[0]
    return {
        "by_unit": board,
        "ranked": ranked(board),
        "by_task": tables.by_task(store, Scope(AS_OF)),
        "detail": tables.detail(store, Scope(AS_OF), limit=50),
        "reminders": tables.reminders(store, Scope(AS_OF), limit=50),
        "reminder_units": tables.reminder_units(store, Scope(AS_OF)),
        "unit_reports": tables.unit_reports(store, int(board["unit_id"].iloc[0]), AS_OF),
        "by_plan": found.by_plan,
        "by_group": found.by_group,
        "latest": compare.latest(series),
        "points": compare.points(series),
        "task_units": timeline.task_units(
            store, Scope(AS_OF, PLAN), task_id=int(first.task_id), period=first.period
        ),
        "heatmap_tasks": heatmap.load_units(store, Scope(AS_OF, PLAN)).tasks,
    }


def test_the_label_table_names_every_column_a_view_returns(demo_store):
    for name, frame in _view_frames(demo_store).items():
        assert len(frame), name
        shown = labels.visible(frame).columns
        missing = [c for c in shown if c not in labels.HEADERS]
        assert missing == [], name
        assert all(c == c.lower() and c.isascii() for c in frame.columns), name
        headed = labels.labelled(frame)
        assert list(headed.columns) == [labels.header(c) for c in shown]


def test_headers_are_unique_so_a_labelled_frame_never_has_two_columns_of_one_name():
    headers = list(labels.HEADERS.values())
    assert len(headers) == len(set(headers))
    assert [labels.header(code) for code in status.CODES] == [s.label for s in status.STATUSES]


def test_an_unnamed_column_is_a_programmer_error():
    with pytest.raises(KeyError):
        labels.header("Đơn vị")


@pytest.mark.parametrize(
    ("value", "text"),
    [(26.4, "26,4%"), (0.0, "0,0%"), (100.0, "100,0%"), (64.25, "64,2%"), (7.0, "7,0%")],
)
def test_percentages_read_with_the_vietnamese_decimal_comma(value, text):
    assert vn_percent(value) == text


def test_the_one_percentage_is_over_all_obligations_with_one_decimal():
    assert status.share(14_068, 21_914) == 64.2
    assert status.share(1, 3) == 33.3
    assert status.share(0, 0) == 0.0
    parts = pd.Series(range(0, 41))
    wholes = pd.Series([40] * 20 + [7] * 21)
    parts = parts.where(parts <= wholes, wholes)
    by_series = status.share(parts, wholes).tolist()
    by_number = [status.share(int(p), int(w)) for p, w in zip(parts, wholes, strict=True)]
    assert by_series == by_number
    assert status.share(pd.Series([3]), pd.Series([0])).tolist() == [0.0]


def test_tables_overview_and_comparison_compute_percentages_the_same_way(demo_store):
    board = tables.by_unit(demo_store, Scope(AS_OF, PLAN))
    k = summary.kpis(demo_store, Scope(AS_OF, PLAN))
    series = compare.series(demo_store, [PLAN], Scope(AS_OF))
    last = series.sort_values("day").iloc[-1]
    assert last["done_on_time_pct"] == k.on_time_pct
    assert last["done_pct"] == k.done_pct
    plan_row = summary.overview(demo_store, Scope(AS_OF, PLAN)).by_plan.iloc[0]
    assert plan_row["done_on_time_pct"] == k.on_time_pct
    expected = status.share(board["done_on_time"], board["total"])
    assert board["done_on_time_pct"].tolist() == expected.tolist()


def _display_values(element) -> pd.DataFrame:
    """The texts a styled st.dataframe shows (what the browser draws for styled cells)."""
    raw = element.proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(raw).read_all().to_pandas()


def test_the_compare_page_shows_percentages_with_a_decimal_comma(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/compare.py", asof=AS_OF.isoformat())
    assert not at.exception
    table = at.dataframe[0]
    shown = _display_values(table)
    numbers = table.value["% đúng hạn"].tolist()
    assert shown["% đúng hạn"].tolist() == [vn_percent(v) for v in numbers]
    assert all("," in text and "." not in text for text in shown["% hoàn thành"])


def test_black_or_white_text_whichever_contrasts_more():
    assert status.ink("#ffffff") == status.BLACK
    assert status.ink("#000000") == status.WHITE
    assert status.contrast("#000000", "#ffffff") == pytest.approx(21)
    for s in status.STATUSES:
        ink = status.ink(s.colour)
        other = status.WHITE if ink == status.BLACK else status.BLACK
        assert status.contrast(s.colour, ink) >= status.contrast(s.colour, other)
    assert status.ink(status.colour("overdue")) == status.WHITE  # on the red
    assert status.ink(status.colour("done_late")) == status.BLACK  # on the light green


def test_pages_and_the_workbook_colour_status_text_alike():
    for s in status.STATUSES:
        ink = status.ink(s.colour)
        assert f"color: {ink}" in STATUS_STYLES[s.label]
        assert workbook.STATUS_FONTS[s.code].color.rgb == "00" + ink.lstrip("#")
