"""Opening one heatmap cell: from the URL (``cell=UNITID-TASKID``) and from a click."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest
from app_pages import open_page

from domain import labels
from store.database import Store
from tracker.views import obligation

AS_OF = date(2019, 7, 26)


def _twice_reported(db) -> tuple[int, int, str, str, int]:
    """A (unit, task) that two reports of the demo speak of, with its unit's official
    name, its task code and its report-row count, read straight from the tables."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """SELECT rr.unit_id, rr.task_id, any_value(u.name), any_value(t.code), count(*)
               FROM report_row rr JOIN report r USING (report_id)
               JOIN unit u ON u.unit_id = rr.unit_id JOIN task t ON t.task_id = rr.task_id
               WHERE r.reported_on <= $as_of
               GROUP BY rr.unit_id, rr.task_id HAVING count(DISTINCT rr.report_id) > 1
               ORDER BY rr.unit_id, rr.task_id LIMIT 1""",
            {"as_of": AS_OF},
        ).fetchone()


@pytest.fixture
def with_blobs(demo_db, demo_db_template):
    """The demo copy with its original files beside it, as the app keeps them."""
    shutil.copytree(demo_db_template.parent / "blobs", demo_db.parent / "blobs")
    return demo_db


def test_the_cell_view_lists_report_rows_newest_first_with_superseded_marked(demo_db):
    unit, task, name, code, count = _twice_reported(demo_db)
    with Store(demo_db, read_only=True) as store:
        found = obligation.cell(store, AS_OF, unit_id=unit, task_id=task)
    assert found.found and found.task_code == code and found.unit_name.startswith(name)
    assert len(found.rows) == count
    dates = found.rows["reported_on"].tolist()
    assert dates == sorted(dates, reverse=True)
    states = found.rows["report_state"]
    assert states.iloc[0] == "Đang được tính"
    assert states.str.startswith("Đã được thay thế").any()
    assert set(labels.visible(found.rows).columns) <= set(labels.HEADERS)


def test_a_link_that_names_no_obligation_says_so(demo_db):
    with Store(demo_db, read_only=True) as store:
        assert not obligation.cell(store, AS_OF, unit_id=99999, task_id=1).found
    assert obligation.parse_key("12-x") is None and obligation.parse_key("12-4") == (12, 4)
    assert obligation.clicked([{"x": "4", "y": "12"}]) == "12-4"


def test_the_url_opens_the_cell_with_its_unit_task_and_rows(with_blobs, monkeypatch):
    unit, task, name, code, count = _twice_reported(with_blobs)
    at = open_page(
        with_blobs, monkeypatch, "pages/heatmap.py", asof=AS_OF.isoformat(),
        cell=obligation.cell_key(unit, task),
    )  # fmt: skip
    assert not at.exception
    assert "Chi tiết ô đã chọn" in [s.value for s in at.subheader]
    text = " ".join(m.value for m in at.markdown)
    assert name in text and code in text
    rows = next(d.value for d in at.dataframe if "Hiệu lực" in d.value.columns)
    assert len(rows) == count
    assert rows["Hiệu lực"].str.startswith("Đã được thay thế").any()
    downloads = at.get("download_button")
    assert downloads and all(d.proto.label.startswith("Tải tệp gốc") for d in downloads)
    files = set(rows[labels.header("file_name")])
    # the names are escaped for Markdown (ui.plain.md): drawn as typed
    shown = {d.proto.label.removeprefix("Tải tệp gốc: ").replace("\\", "") for d in downloads}
    assert shown == files


def test_closing_the_cell_drops_it_from_the_url(with_blobs, monkeypatch):
    unit, task, *_ = _twice_reported(with_blobs)
    at = open_page(with_blobs, monkeypatch, "pages/heatmap.py", asof=AS_OF.isoformat(),
                   cell=obligation.cell_key(unit, task))  # fmt: skip
    at.button(key="cell.close").click().run()
    assert not at.exception
    assert "cell" not in at.query_params
    assert "Chi tiết ô đã chọn" not in [s.value for s in at.subheader]
