"""The completion heatmap: its queries, shaping (tracker.views.heatmap) and chart, no Streamlit."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from domain import status
from domain.scope import Scope
from tracker.charts.heatmap import BANDS, band, status_colourscale, status_heatmap
from tracker.views import heatmap

AS_OF = date(2019, 7, 26)


def _grid(cells: list[tuple[str, str, str]], rows: list[str], cols: list[str]) -> heatmap.Grid:
    return heatmap.Grid(
        rows=pd.DataFrame({"key": rows, "label": [f"Đơn vị {r}" for r in rows]}),
        columns=pd.DataFrame({"key": cols, "label": [f"NV{c}" for c in cols]}),
        cells=pd.DataFrame(
            {
                "row": [r for r, _, _ in cells],
                "col": [c for _, c, _ in cells],
                "status": [s for _, _, s in cells],
                "hover": [f"ô {r}-{c}" for r, c, _ in cells],
                "text": [status.BY_CODE[s].short for _, _, s in cells],
            }
        ),
        unit_count=len(rows),
    )


def _colour_at(value: float, zmax: float) -> str:
    """The colour a stepped scale gives `value` (strictly inside a band)."""
    position = value / zmax
    scale = status_colourscale()
    for (low, colour), (high, _) in zip(scale[::2], scale[1::2], strict=True):
        if low < position < high:
            return colour
    raise AssertionError(position)


def test_every_status_owns_one_flat_band_of_its_own_colour():
    scale = status_colourscale()
    assert len(scale) == 2 * len(status.STATUSES)
    assert scale[0][0] == 0 and scale[-1][0] == 1
    for s in status.STATUSES:
        assert _colour_at(band(s.code), len(BANDS)) == s.colour


def test_z_holds_each_cells_status_band_and_blank_where_no_obligation():
    grid = _grid([("1", "a", "overdue"), ("2", "b", "done_on_time")], ["1", "2"], ["a", "b"])
    trace, targets, blanks = status_heatmap(grid, "Nhiệm vụ", "Đơn vị").data
    z = [list(line) for line in trace.z]
    assert len(z) == 2 and all(len(line) == 2 for line in z)
    assert z[0][0] == band("overdue") and z[1][1] == band("done_on_time")
    assert math.isnan(z[0][1]) and math.isnan(z[1][0])
    assert trace.hoverongaps is False
    assert (trace.zmin, trace.zmax) == (0, len(status.STATUSES))
    # one click target per obligation, where the cell is (a heatmap cannot be selected)
    assert targets.type == "scatter" and targets.marker.opacity == 0
    assert sorted(zip(targets.y, targets.x, strict=True)) == [("1", "a"), ("2", "b")]
    # empty cells get targets too, with no label, so no neighbour's text shows over them
    assert sorted(zip(blanks.y, blanks.x, strict=True)) == [("1", "b"), ("2", "a")]
    assert blanks.hoverinfo == "none"


def test_the_colour_bar_names_every_status_best_at_the_top():
    grid = _grid([("1", "a", "due_soon")], ["1"], ["a"])
    bar = status_heatmap(grid, "x", "y").data[0].colorbar
    assert list(bar.ticktext) == [s.label for s in reversed(status.STATUSES)]
    assert list(bar.tickvals) == [band(s.code) for s in reversed(status.STATUSES)]


def test_rows_keep_their_order_top_down_and_labels_are_tick_text():
    grid = _grid([("9", "a", "overdue"), ("3", "a", "overdue")], ["9", "3"], ["a"])
    fig = status_heatmap(grid, "x", "y")
    assert list(fig.data[0].y) == ["9", "3"]
    assert list(fig.layout.yaxis.range) == [1.5, -0.5]  # top down, exactly the cells
    assert list(fig.layout.yaxis.ticktext) == ["Đơn vị 9", "Đơn vị 3"]
    assert list(fig.layout.xaxis.ticktext) == ["NVa"]


def test_cells_are_written_in_when_few_columns_and_hover_always():
    few = _grid([("1", "a", "overdue")], ["1"], ["a"])
    trace = status_heatmap(few, "x", "y").data[0]
    assert trace.texttemplate == "%{text}" and trace.text[0][0] == "Quá hạn"
    assert trace.customdata is None  # the hover is on the click targets, once
    assert status_heatmap(few, "x", "y").data[1].customdata[0] == "ô 1-a"
    cols = [str(i) for i in range(20)]
    many = _grid([("1", c, "overdue") for c in cols], ["1"], cols)
    assert status_heatmap(many, "x", "y").data[0].texttemplate is None


def _cells(store, **over):
    params = heatmap.unit_params(
        Scope(AS_OF, "84-KH/BTGTU"), period_at=None, sort="rate_asc", page=0
    )
    params.update(over)
    return store.frame("heatmap_cells", **params)


def test_one_cell_per_unit_and_task_with_the_latest_period_started(demo_store):
    result = _cells(demo_store)
    cells = result[result["kind"] == "cell"]
    assert len(cells) == 27 * 6
    assert not cells.duplicated(["unit_id", "task_id"]).any()
    recurring = cells[cells["period"] != ""]
    assert set(recurring["period"]) == {"2019-H2"}
    earlier = _cells(demo_store, period_at=date(2019, 6, 1))
    assert set(earlier.loc[earlier["period"].fillna("") != "", "period"]) == {"2019-H1"}


def test_the_status_filter_applies_after_the_period_is_chosen(demo_store):
    """Filtering on "overdue" as of 26/07 must not bring back first-half periods."""
    cells = _cells(demo_store, statuses=["overdue"])
    cells = cells[cells["kind"] == "cell"]
    assert set(cells["status"]) == {"overdue"}
    assert set(cells["task_code"]) == {"NV01"}


def test_units_are_ranked_and_paged_in_sql(demo_store):
    first = _cells(demo_store, plan=None, limit=40)
    second = _cells(demo_store, plan=None, offset=40, limit=40)
    one, two = (f[f["kind"] == "cell"] for f in (first, second))
    assert set(one["unit_count"]) == set(two["unit_count"]) == {46}
    assert one["unit_id"].nunique() == 40 and two["unit_id"].nunique() == 6
    rates = one.drop_duplicates("unit_id").sort_values("position")["rate"].tolist()
    groups = one.drop_duplicates("unit_id").sort_values("position")["group_label"].tolist()
    assert rates[: groups.count(groups[0])] == sorted(rates[: groups.count(groups[0])])
    # the columns are the same on both pages
    cols = [f.loc[f["kind"] == "column", "task_id"].tolist() for f in (first, second)]
    assert sorted(cols[0]) == sorted(cols[1]) and len(cols[0]) == 14


def test_sorting_by_name_follows_vietnamese_order(demo_store):
    cells = _cells(demo_store, sort="name")
    names = cells[cells["kind"] == "cell"].drop_duplicates("unit_id")["unit"].tolist()
    assert names.index("Đài Phát thanh và Truyền hình tỉnh") > names.index("Báo Lạng Sơn")
    assert names.index("Đài Phát thanh và Truyền hình tỉnh") < names.index("Hội Nông dân tỉnh")


def test_the_unit_grid_labels_rows_with_rate_and_hover_names_the_report(demo_store):
    grid = heatmap.unit_grid(_cells(demo_store), show_plan=False)
    assert len(grid.rows) == 27 and len(grid.columns) == 6 and grid.unit_count == 27
    assert grid.rows["label"].str.match(r".+ · \d+/\d+$").all()  # done cells / cells
    assert grid.columns["label"].str.startswith("NV0").all()
    reported = grid.cells["hover"][grid.cells["hover"].str.contains("Theo báo cáo: ")]
    assert reported.str.contains(r"\.xlsx \(ngày \d\d/\d\d/2019\)").all()
    text = grid.cells.loc[grid.cells["status"] == "done_late", "hover"].iloc[0]
    for part in (
        "Thời hạn theo kế hoạch: «Thực hiện xong trước ngày 30/6/2019.»",
        "Hạn: 30/06/2019",
        "Tình trạng: <b>Hoàn thành quá hạn</b>",
        "Hoàn thành ngày: ",
    ):
        assert part in text


def test_units_with_the_same_short_name_in_two_provinces_stay_apart(demo_store):
    grid = heatmap.unit_grid(_cells(demo_store, plan=None), show_plan=True)
    labels = grid.rows["label"].str.rsplit(" · ", n=1).str[0]
    assert not labels.duplicated().any()
    assert "Đảng ủy Khối các cơ quan tỉnh (Hải Dương)" in set(labels) | set(
        heatmap.unit_grid(_cells(demo_store, plan=None, offset=40), True)
        .rows["label"]
        .str.rsplit(" · ", n=1)
        .str[0]
    )


def test_groups_by_sections_take_the_status_most_obligations_are_in(demo_store):
    long = demo_store.frame(
        "heatmap_groups",
        as_of=AS_OF,
        plan="84-KH/BTGTU",
        groups=None,
        statuses=None,
        period_at=AS_OF,
    )
    grid = heatmap.group_grid(long, "group", show_plan=False)
    assert grid.rows["key"].tolist() == ["so_ban_nganh", "cap_uy", "bao_chi", "mttq_doan_the"]
    assert len(grid.columns) == 2  # II. Tổ chức quán triệt, III. Nhiệm vụ, giải pháp
    assert grid.cells["text"].str.match(r"^\d+%$").all()
    assert grid.cells["status"].isin(status.CODES).all()


def test_a_tie_goes_to_the_worse_status():
    counts = pd.DataFrame({c: [0] for c in status.CODES} | {"done_on_time": [2], "overdue": [2]})
    assert heatmap._plurality(counts).tolist() == ["overdue"]


def test_period_choices_name_the_periods_starting_that_day(demo_store):
    periods = demo_store.frame("heatmap_periods", as_of=AS_OF, plan=None)
    choices = heatmap.period_choices(periods)
    assert list(choices) == [date(2019, 7, 1), date(2019, 1, 1)]
    assert choices[date(2019, 7, 1)] == "6 tháng cuối năm 2019"
    assert set(choices[date(2019, 1, 1)].split(", ")) == {"6 tháng đầu năm 2019", "Năm 2019"}


def test_an_unknown_sort_is_refused():
    with pytest.raises(ValueError, match="unknown sort"):
        heatmap.unit_params(Scope(AS_OF), period_at=None, sort="random", page=0)
