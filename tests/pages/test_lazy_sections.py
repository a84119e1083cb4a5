"""What is not on screen is not built: a closed expander's table is neither computed nor
sent; opening it (a rerun) draws it."""

from __future__ import annotations

import pytest
from app_pages import open_page


@pytest.mark.parametrize(
    ("page", "key", "label", "tables"),
    [
        ("pages/compare.py", "compare.points", "Số liệu theo từng mốc", 1),
        ("pages/heatmap.py", "heatmap.tasks", "Các nhiệm vụ trong bảng", 1),
        ("pages/overview.py", "overview.tables", "Bảng số liệu", 2),
    ],
)
def test_a_closed_expanders_table_is_drawn_only_once_opened(
    demo_db, monkeypatch, page, key, label, tables
):
    at = open_page(demo_db, monkeypatch, page)
    assert not at.exception
    [expander] = [e for e in at.expander if e.label == label]
    assert len(expander.get("dataframe")) == 0
    closed = len(at.dataframe)
    at.session_state[key] = True  # what a click on the expander's header sends
    at.run()
    assert not at.exception
    [expander] = [e for e in at.expander if e.label == label]
    assert len(expander.get("dataframe")) == tables
    assert len(at.dataframe) == closed + tables
