"""AppTest of the «Kế hoạch» page on a copy of the demo database."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from app_pages import sign_in
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tracker.store.database import Store
from tracker.usecases import plans as plan_register
from tracker.usecases import units as unit_register

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "plans.py")
HAI_DUONG = ROOT / "data" / "samples" / "ke-hoach-ban-thuong-vu-tinh-uy-hai-duong.md"


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    return sign_in(AppTest.from_file(PAGE, default_timeout=30), demo_db).run()


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


def _edit(at: AppTest, key: str, edited=None, added=None) -> AppTest:
    at.session_state[key] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": [],
    }
    return at.run()


def test_the_page_lists_the_registered_plans(app):
    assert not app.exception
    assert [t.label for t in app.tabs] == [
        "Danh sách",
        "Tạo / sửa kế hoạch",
        "Nhập từ văn bản",
        "Nhập từ Excel",
    ]
    listed = app.dataframe[0].value
    assert set(listed["Số hiệu"]) == {"84-KH/BTGTU", "TUHD-32/2019"}
    assert app.download_button(key="sheet.download")


def test_editing_a_plan_checks_deadlines_and_units_as_you_type(app):
    app.selectbox(key="edit.plan").set_value("84-KH/BTGTU").run()
    key = "edit.84-KH/BTGTU.0.tasks"
    checks = app.dataframe[2].value
    assert checks["Hạn"].tolist()[0] == "30/06/2019"
    assert checks["Lặp lại"].tolist()[1] == "Thường xuyên"
    _edit(
        app,
        key,
        edited={0: {"deadline_text": "trước ngày 31/02/2019"}, 1: {"chu_tri": "Sở Du lịch vũ trụ"}},
    )
    assert not app.exception
    checks = app.dataframe[2].value
    assert checks["Kiểm tra"].tolist()[:2] == [
        "Không đọc được thời hạn",
        "Đơn vị chưa có: Sở Du lịch vũ trụ",
    ]
    assert any("Không đọc được thời hạn" in w for w in _texts(app.warning))
    assert any(
        "Sở Du lịch vũ trụ" in e and "không có trong danh mục" in e for e in _texts(app.error)
    )
    app.button(key="edit.84-KH/BTGTU.0.save").click().run()
    assert any("Không có gì được ghi" in e for e in _texts(app.error))


def test_a_corrected_plan_is_saved(app, demo_db):
    app.selectbox(key="edit.plan").set_value("84-KH/BTGTU").run()
    _edit(app, "edit.84-KH/BTGTU.0.tasks", edited={0: {"deadline_text": "trước ngày 15/7/2019"}})
    app.button(key="edit.84-KH/BTGTU.0.save").click().run()
    assert not app.exception
    assert any("Đã lưu kế hoạch 84-KH/BTGTU" in s for s in _texts(app.success))
    with Store(demo_db) as store:
        tasks = store.frame("plan_tasks", plan="84-KH/BTGTU")
    assert tasks["due_on"].dt.date.tolist()[0] == date(2019, 7, 15)


def test_a_pasted_plan_document_becomes_a_draft_saved_only_after_confirmation(app, demo_db):
    app.text_area(key="doc.text").input(HAI_DUONG.read_text(encoding="utf-8"))
    app.button(key="doc.read").click().run()
    assert not app.exception
    warnings = " ".join(_texts(app.warning))
    assert "không ghi số hiệu" in warnings
    assert "Các ban cán sự đảng, đảng đoàn" in warnings  # listed, not created
    assert app.selectbox(key="doc.1.province").value == "Hải Dương"
    assert app.button(key="doc.save.1").disabled
    app.text_input(key="doc.1.code").input("TUHD-32b/2019")
    app.date_input(key="doc.1.date").set_value(date(2019, 5, 31))
    _edit(
        app,
        "doc.units.1",
        edited={0: {"Chọn đơn vị tương ứng": "Ban Cán sự đảng Ủy ban nhân dân tỉnh"}},
    )
    assert not any("Chưa có trong danh mục" in w for w in _texts(app.warning))
    app.checkbox(key="doc.confirm.1").check().run()
    app.button(key="doc.save.1").click().run()
    assert not app.exception
    assert any("Đã lưu kế hoạch TUHD-32b/2019" in s for s in _texts(app.success))
    with Store(demo_db) as store:
        tasks = store.frame("plan_tasks", plan="TUHD-32b/2019")
        units = unit_register.units_frame(store, "Hải Dương")
    assert len(tasks) == 8 and tasks["recurrence"].tolist()[-1] == "yearly"
    assert len(units) == 19  # nothing was added to the registry behind the user's back


def test_a_document_that_is_not_a_plan_gets_a_clear_message(app):
    report = ROOT / "tests" / "data" / "plans" / "report_not_a_plan.txt"
    app.text_area(key="doc.text").input(report.read_text(encoding="utf-8"))
    app.button(key="doc.read").click().run()
    assert any("không phải là một kế hoạch" in e for e in _texts(app.error))


def test_the_excel_template_round_trips_through_the_upload(app, demo_db):
    app.selectbox(key="sheet.source").set_value("TUHD-32/2019").run()
    data = app.download_button(key="sheet.download").proto.url  # served by the media store
    assert data
    with Store(demo_db) as store:
        template = plan_register.template_for(store, "Hải Dương", "TUHD-32/2019")
    book = load_workbook(io.BytesIO(template))
    book["Kế hoạch"]["B1"] = "TUHD-33/2019"
    book["Nhiệm vụ"]["E2"] = "trước ngày 20/6/2019"
    out = io.BytesIO()
    book.save(out)
    app.file_uploader(key="sheet.file").set_value(
        [("kh.xlsx", out.getvalue(), "application/octet-stream")]
    ).run()
    app.button(key="sheet.import").click().run()
    assert not app.exception
    assert any("Đã nhập kh.xlsx" in s for s in _texts(app.success))
    with Store(demo_db) as store:
        tasks = store.frame("plan_tasks", plan="TUHD-33/2019")
    assert tasks["due_on"].dt.date.tolist()[0] == date(2019, 6, 20)


def test_archiving_hides_nothing_but_marks_the_plan_and_delete_is_refused(app):
    app.selectbox(key="plans.manage").set_value("84-KH/BTGTU").run()
    app.button(key="plans.archive").click().run()
    assert any("Đã lưu trữ 84-KH/BTGTU" in s for s in _texts(app.success))
    listed = app.dataframe[0].value
    assert listed.loc[listed["Số hiệu"] == "84-KH/BTGTU", "Trạng thái"].item() == "Lưu trữ"
    app.checkbox(key="plans.sure").check().run()
    app.button(key="plans.delete").click().run()
    assert any("không xoá được" in e for e in _texts(app.error))
