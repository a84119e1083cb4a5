"""The unit-ranking chart and its ranks: pure functions, no Streamlit."""

from __future__ import annotations

import pandas as pd

from domain import status
from tracker.charts.ranking import RANK, ranked, ranking_bars


def _by_unit() -> pd.DataFrame:
    """The shape of tracker.views.tables.by_unit, already sorted by done_on_time_pct."""
    rows = [
        ("Huyện ủy Văn Lãng", 10, 6, 1, 0.6),
        ("Huyện ủy Tràng Định", 10, 6, 2, 0.6),
        ("Ban Tuyên giáo Tỉnh ủy và một cái tên rất dài cần được rút gọn lại", 8, 2, 0, 0.25),
        ("Báo Lạng Sơn", 5, 0, 0, 0.0),
    ]
    out = []
    for name, total, on_time, late, _ in rows:
        counts = dict.fromkeys(status.CODES, 0)
        counts["done_on_time"] = on_time
        counts["done_late"] = late
        counts["overdue"] = total - on_time - late
        out.append(
            {
                "unit_name": name,
                "group_label": "",
                "total": total,
                **counts,
                "done_pct": round(100 * (on_time + late) / total, 1),
                "done_on_time_pct": round(100 * on_time / total, 1),
            }
        )
    return pd.DataFrame(out)


def test_equal_rates_share_a_rank_and_the_next_rank_skips():
    assert ranked(_by_unit())[RANK].tolist() == [1, 1, 3, 4]
    assert ranked(_by_unit()).columns[0] == RANK


def test_one_segment_per_status_in_vocabulary_order_with_its_colour_and_label():
    fig = ranking_bars(ranked(_by_unit()))
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == [s.label for s in status.STATUSES]
    assert [t.marker.color for t in bars] == [s.colour for s in status.STATUSES]
    assert list(bars[0].x) == [60.0, 60.0, 25.0, 0.0]
    assert fig.layout.barmode == "stack"


def test_bars_keep_the_ranking_order_top_down_with_rank_numbers_in_the_labels():
    fig = ranking_bars(ranked(_by_unit()))
    labels = list(fig.data[0].y)
    assert labels[0] == "1. Huyện ủy Văn Lãng"
    assert labels[1] == "1. Huyện ủy Tràng Định"
    assert labels[2].startswith("3. Ban Tuyên giáo") and labels[2].endswith("…")
    assert list(fig.layout.yaxis.categoryarray) == labels
    assert fig.layout.yaxis.autorange == "reversed"


def test_the_on_time_rate_is_written_beside_each_bar_and_full_names_are_in_the_hover():
    fig = ranking_bars(ranked(_by_unit()))
    text = fig.data[-1]
    assert text.mode == "text"
    assert list(text.text) == ["60,0%", "60,0%", "25,0%", "0,0%"]
    bar = fig.data[0]
    assert bar.hovertext[2].endswith("rút gọn lại")
    assert "%{hovertext}" in bar.hovertemplate and "%{customdata}" in bar.hovertemplate
    assert list(bar.customdata) == [6, 6, 2, 0]  # the first segment: done on time


def test_numbers_in_hover_texts_use_the_vietnamese_decimal_comma():
    fig = ranking_bars(ranked(_by_unit()))
    assert fig.layout.separators == ",."  # plotly renders %{x:.1f} as "54,5"
    assert any("%{x:.1f}%" in (trace.hovertemplate or "") for trace in fig.data)
