"""Đôn đốc: AppTest of the reminder list on the demo database."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from app_pages import open_page
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from domain.model import PlanSpec
from store.database import Store
from store.plans import save_plan
from tracker.exports.workbook import reminder_workbook
from tracker.usecases.demo import load_plans
from tracker.views import summary, tables

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2019, 7, 26)


def _open(db, monkeypatch, **query) -> AppTest:
    return open_page(db, monkeypatch, "pages/reminders.py", **query)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_counts_are_the_overdue_and_not_reported_obligations(
    demo_db, demo_db_template, monkeypatch
):
    with Store(demo_db_template, read_only=True) as store:
        k = summary.kpis(store, AS_OF)
    at = _open(demo_db, monkeypatch)
    assert not at.exception
    assert at.title[0].value == "Đôn đốc"
    metrics = _metrics(at)
    assert metrics["Chưa hoàn thành, quá hạn"] == str(k.overdue) == "92"
    assert metrics["Chưa báo cáo"] == str(k.not_reported) == "39"
    per_unit = at.dataframe[0].value
    assert metrics["Đơn vị cần đôn đốc"] == str(len(per_unit))
    assert per_unit["Chưa hoàn thành, quá hạn"].sum() == k.overdue
    overdue = per_unit["Chưa hoàn thành, quá hạn"].tolist()
    assert overdue == sorted(overdue, reverse=True)  # most overdue first


def test_the_list_shows_days_late_and_narrows_to_one_unit(demo_db, monkeypatch):
    at = _open(demo_db, monkeypatch)
    full = at.dataframe[1].value
    assert len(full) == 92 + 39
    late = full[full["Tình trạng"] == "Chưa hoàn thành, quá hạn"]
    assert late["Số ngày quá hạn"].min() >= 1
    assert full.loc[full["Tình trạng"] == "Chưa báo cáo", "Số ngày quá hạn"].isna().all()
    first_unit = at.dataframe[0].value["Đơn vị"].iloc[0]
    box = at.selectbox(key="reminders.unit")
    box.set_value(next(o for o in box.options if o == first_unit))
    at.run()
    assert not at.exception
    one = at.dataframe[1].value
    assert set(one["Đơn vị"]) == {first_unit}
    assert len(one) == at.dataframe[0].value.iloc[0, 2:4].sum()


def test_the_download_is_an_xlsx_of_the_same_rows(demo_db, demo_db_template, monkeypatch):
    at = _open(demo_db, monkeypatch)
    button = at.get("download_button")[0]
    assert button.label == "Tải danh sách đôn đốc (.xlsx)"
    with Store(demo_db_template, read_only=True) as store:
        rows = tables.reminders(store, AS_OF)
    sheet = load_workbook(io.BytesIO(reminder_workbook(rows, AS_OF, None))).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Số ngày quá hạn" in values
    assert len(rows) == len(at.dataframe[1].value)


def test_a_plan_and_group_filter_narrow_the_list(demo_db, demo_db_template, monkeypatch):
    at = _open(demo_db, monkeypatch, plan="84-KH/BTGTU", groups="bao_chi")
    assert not at.exception
    listed = at.dataframe[1].value
    assert set(listed["Kế hoạch"]) == {"84-KH/BTGTU"}
    assert set(listed["Nhóm đơn vị"]) == {"Cơ quan báo chí"}
    with Store(demo_db_template, read_only=True) as store:
        k = summary.kpis(store, AS_OF, "84-KH/BTGTU", ["bao_chi"])
    assert len(listed) == k.overdue + k.not_reported


def test_nothing_to_remind_about_says_so(tmp_path, monkeypatch):
    db = tmp_path / "no-tasks.duckdb"
    with Store(db) as store:
        save_plan(
            store,
            PlanSpec(
                code="01-KH/X",
                title="Kế hoạch chưa có nhiệm vụ",
                issued_on=date(2019, 7, 1),
                issuer="",
                province="",
                tracked_until=date(2019, 12, 31),
            ),
        )
    at = _open(db, monkeypatch, asof="2019-07-26")
    assert not at.exception
    assert "chưa cần đôn đốc" in at.success[0].value


def test_before_any_report_every_obligation_is_listed_and_the_page_says_to_upload(
    tmp_path, monkeypatch
):
    db = tmp_path / "plans-only.duckdb"
    with Store(db) as store:
        load_plans(store)
    at = _open(db, monkeypatch, asof="2019-07-26")
    assert not at.exception
    assert "Chưa có báo cáo nào — tải báo cáo lên ở trang «Tải báo cáo lên»" in at.info[0].value
    assert _metrics(at)["Đơn vị cần đôn đốc"] == "46"
