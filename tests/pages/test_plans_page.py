"""AppTest of the «Kế hoạch» page on a copy of the demo database."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from actors import STAFF
from app_pages import problems_shown, sign_in
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from store.database import Store
from tracker.usecases import plans as plan_register
from tracker.usecases import units as unit_register

ROOT = Path(__file__).resolve().parents[2]
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


def _drop_register(
    app: AppTest, db, code: str | None = None, deadline: str = "trước ngày 20/6/2019"
) -> None:
    """Drop TUHD-32/2019's filled register workbook with its first deadline changed (and
    its number, when `code` is given) into the Excel import."""
    with Store(db) as store:
        template = plan_register.template_for(store, "Hải Dương", "TUHD-32/2019")
    book = load_workbook(io.BytesIO(template))
    if code:
        book["Kế hoạch"]["B1"] = code
    book["Nhiệm vụ"]["E2"] = deadline
    out = io.BytesIO()
    book.save(out)
    app.file_uploader(key="sheet.file").set_value(
        [("kh.xlsx", out.getvalue(), "application/octet-stream")]
    ).run()


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
    shown = problems_shown(app)
    assert any(p.startswith("Cảnh báo |  | 1 | Thời hạn | ") for p in shown)
    assert any(
        p.startswith("Lỗi |  | 2 | Đơn vị chủ trì | Sở Du lịch vũ trụ | ")
        and "không có trong danh mục" in p
        for p in shown
    )
    app.button(key="edit.84-KH/BTGTU.0.save").click().run()
    assert any("Không có gì được ghi" in e for e in _texts(app.error))


def test_a_corrected_plan_is_saved(app, demo_db):
    app.selectbox(key="edit.plan").set_value("84-KH/BTGTU").run()
    _edit(app, "edit.84-KH/BTGTU.0.tasks", edited={0: {"deadline_text": "trước ngày 15/7/2019"}})
    app.button(key="edit.84-KH/BTGTU.0.save").click().run()
    assert not app.exception
    # a registered plan is overwritten only after a confirmation naming what changes
    [question] = [w for w in _texts(app.warning) if "ghi đè" in w]
    assert "84-KH/BTGTU" in question
    [listed] = [m for m in _texts(app.markdown) if "Nhiệm vụ thay đổi (1)" in m]
    assert "NV01" in listed and "«trước ngày 15/7/2019»" in listed
    with Store(demo_db) as store:
        tasks = store.frame("plan_tasks", plan="84-KH/BTGTU")
    assert tasks["due_on"].dt.date.tolist()[0] == date(2019, 6, 30)  # not yet
    app.button(key="edit.84-KH/BTGTU.0.save.yes").click().run()
    assert not app.exception
    [saved] = [s.replace("\\", "") for s in _texts(app.success) if "Đã lưu kế hoạch" in s]
    assert "Đã lưu kế hoạch 84-KH/BTGTU" in saved
    assert "Nhiệm vụ thay đổi (1): NV01" in saved
    with Store(demo_db) as store:
        tasks = store.frame("plan_tasks", plan="84-KH/BTGTU")
    assert tasks["due_on"].dt.date.tolist()[0] == date(2019, 7, 15)


def test_reimporting_a_registered_plan_names_what_it_overwrites_and_waits(app, demo_db):
    _drop_register(app, demo_db)
    app.button(key="sheet.import").click().run()
    assert not app.exception
    assert not any("Đã nhập" in s for s in _texts(app.success))
    assert any("kh.xlsx ghi kế hoạch TUHD-32/2019, đã có" in w for w in _texts(app.warning))
    assert any("Nhiệm vụ thay đổi (1)" in m for m in _texts(app.markdown))
    app.button(key="sheet.import.no").click().run()
    with Store(demo_db) as store:
        before = store.frame("plan_tasks", plan="TUHD-32/2019")["deadline_text"].tolist()[0]
    assert before != "trước ngày 20/6/2019"
    app.button(key="sheet.import").click().run()
    app.button(key="sheet.import.yes").click().run()
    assert any("Đã nhập kh.xlsx" in s for s in _texts(app.success))
    with Store(demo_db) as store:
        after = store.frame("plan_tasks", plan="TUHD-32/2019")["deadline_text"].tolist()[0]
    assert after == "trước ngày 20/6/2019"


def test_a_pasted_plan_document_becomes_a_draft_saved_only_after_confirmation(app, demo_db):
    app.text_area(key="doc.text").input(HAI_DUONG.read_text(encoding="utf-8"))
    app.button(key="doc.read").click().run()
    assert not app.exception
    assert any("không ghi số hiệu" in p for p in problems_shown(app))
    warnings = " ".join(_texts(app.warning))
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
    assert any(
        p.startswith("Lỗi | ") and "không phải là một kế hoạch" in p for p in problems_shown(app)
    )


def test_the_excel_template_round_trips_through_the_upload(app, demo_db):
    app.selectbox(key="sheet.source").set_value("TUHD-32/2019").run()
    data = app.download_button(key="sheet.download").proto.url  # served by the media store
    assert data
    _drop_register(app, demo_db, "TUHD-33/2019")
    app.button(key="sheet.import").click().run()
    assert not app.exception
    assert any("Đã nhập kh.xlsx" in s for s in _texts(app.success))
    with Store(demo_db) as store:
        tasks = store.frame("plan_tasks", plan="TUHD-33/2019")
    assert tasks["due_on"].dt.date.tolist()[0] == date(2019, 6, 20)


def test_archiving_asks_first_then_marks_the_plan_and_delete_is_refused(app):
    app.selectbox(key="plans.manage").set_value("84-KH/BTGTU").run()
    app.button(key="plans.archive").click().run()
    assert any("Lưu trữ kế hoạch 84-KH/BTGTU?" in w for w in _texts(app.warning))
    listed = app.dataframe[0].value
    assert listed.loc[listed["Số hiệu"] == "84-KH/BTGTU", "Trạng thái"].item() == ""
    app.button(key="plans.archive.yes").click().run()
    assert any("Đã lưu trữ kế hoạch 84-KH/BTGTU" in s for s in _texts(app.success))
    listed = app.dataframe[0].value
    assert listed.loc[listed["Số hiệu"] == "84-KH/BTGTU", "Trạng thái"].item() == "Lưu trữ"
    # a plan with reports cannot be deleted: the button says why and does nothing
    assert app.button(key="plans.delete").disabled
    assert any("không xoá được" in c for c in _texts(app.caption))


def test_deleting_a_plan_names_what_goes_and_acts_only_on_confirmation(demo_db, monkeypatch):
    with Store(demo_db) as store:  # a copy of TUHD-32/2019 under a new number, no reports
        fields = plan_register.plan_fields(store, "TUHD-32/2019")
        registry = unit_register.load_registry(store, fields.province)
        rows = plan_register.plan_rows(store, "TUHD-32/2019", registry)
        copy = replace(fields, code="TUHD-32b/2019")
        assert plan_register.save_rows(store, STAFF, copy, rows, registry).saved
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    app = sign_in(AppTest.from_file(PAGE, default_timeout=30), demo_db).run()
    app.selectbox(key="plans.manage").set_value("TUHD-32b/2019").run()
    assert not app.button(key="plans.delete").disabled
    app.button(key="plans.delete").click().run()
    assert any("Xoá hẳn kế hoạch TUHD-32b/2019?" in w for w in _texts(app.warning))
    assert any("8 nhiệm vụ" in m and "sẽ bị xoá hẳn" in m for m in _texts(app.markdown))
    app.button(key="plans.delete.yes").click().run()
    assert not app.exception
    said = _texts(app.success)
    assert any(s.startswith("Đã xoá kế hoạch TUHD-32b/2019: 8 nhiệm vụ") for s in said)
    with Store(demo_db) as store:
        assert plan_register.plan_fields(store, "TUHD-32b/2019") is None


def test_a_deadline_before_the_plans_date_is_warned_about_as_you_type(app):
    app.selectbox(key="edit.plan").set_value("84-KH/BTGTU").run()
    _edit(app, "edit.84-KH/BTGTU.0.tasks", edited={0: {"deadline_text": "trước ngày 30/6/2018"}})
    assert not app.exception
    checks = app.dataframe[2].value
    assert checks["Kiểm tra"].tolist()[0] == "Thời hạn trước ngày ban hành kế hoạch"
    [warned] = [p for p in problems_shown(app) if "trước ngày ban hành" in p]
    assert warned.startswith("Cảnh báo |  | 1 | Thời hạn | trước ngày 30/6/2018 | ")
    assert "30/06/2018" in warned and "21/06/2019" in warned


def test_a_register_workbook_with_a_deadline_before_the_plan_is_imported_with_a_warning(
    app, demo_db
):
    _drop_register(app, demo_db, "TUHD-34/2019", "trước ngày 20/6/2018")
    app.button(key="sheet.import").click().run()
    assert any("Đã nhập kh.xlsx" in s for s in _texts(app.success))
    [warned] = [p for p in problems_shown(app) if "trước ngày ban hành" in p]
    assert warned.startswith("Cảnh báo | Nhiệm vụ | 2 | E | trước ngày 20/6/2018 | ")


def test_an_uploaded_word_plan_fills_the_form_and_lists_its_new_units(app):
    from plan_writers import prose_docx

    app.file_uploader(key="doc.file").set_value(
        [("kh.docx", prose_docx(), "application/octet-stream")]
    ).run()
    app.button(key="doc.read").click().run()
    assert not app.exception
    assert app.text_input(key="doc.1.code").value == "21/KH-MTTQ-BTT"
    assert app.date_input(key="doc.1.date").value == date(2025, 11, 3)
    warnings = " ".join(_texts(app.warning))
    assert "Phó Chủ tịch Thường trực" in warnings  # an office-holder, new: listed, not created
