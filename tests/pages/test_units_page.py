"""AppTest of the «Đơn vị» page (the unit registry) on a copy of the demo database."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from app_pages import problems_shown, sign_in
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from store.database import Store
from tracker.usecases import units as unit_register

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "units.py")


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    at = sign_in(AppTest.from_file(PAGE, default_timeout=30), demo_db).run()
    at.selectbox(key="units.province").set_value("Lạng Sơn").run()
    return at


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


def _edit(at: AppTest, edited=None, added=None, deleted=None) -> AppTest:
    key = at.data_editor[0].key
    at.session_state[key] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    at.run()
    return at.button(key="units.save").click().run()


def _names(demo_db) -> list[str]:
    with Store(demo_db) as store:
        return unit_register.units_frame(store, "Lạng Sơn")["name"].tolist()


def test_the_registry_of_the_chosen_province_is_shown(app):
    assert not app.exception
    assert app.metric[0].value == "28"
    table = app.data_editor[0].value
    row = table[table["name"] == "Sở Văn hóa, Thể thao và Du lịch"].iloc[0]
    assert row["short_name"] == "Sở VHTT&DL"
    assert "Sở VH-TT&DL" in row["aliases"]
    assert row["group"] == "Sở, ban, ngành" and row["level"] == "Cấp tỉnh"


def test_a_unit_is_added_with_its_spellings(app, demo_db):
    _edit(
        app,
        added=[
            {
                "name": "Bảo tàng tỉnh Lạng Sơn",
                "short_name": "Bảo tàng tỉnh",
                "aliases": "BT tỉnh; Bảo tàng LS",
                "group": "Sở, ban, ngành",
                "level": "Cấp tỉnh",
            }
        ],
    )
    assert not app.exception
    assert any("Đã lưu danh mục" in s for s in _texts(app.success))
    assert app.metric[0].value == "29"
    with Store(demo_db) as store:
        assert unit_register.load_registry(store, "Lạng Sơn").resolve("bảo tàng ls").unit_ids


def test_a_spelling_that_already_names_another_unit_is_refused_in_place(app, demo_db):
    table = app.data_editor[0].value
    index = int(table.index[table["name"] == "Báo Lạng Sơn"][0])
    _edit(app, edited={index: {"aliases": "Sở TT&TT"}})
    assert any("Không có gì được ghi" in e for e in _texts(app.error))
    [refused] = problems_shown(app)
    assert refused.startswith(f"Lỗi |  | {index + 1} | Tên gọi khác (;) | Sở TT&TT | ")
    assert "Sở Thông tin và Truyền thông" in refused


def test_a_unit_in_use_cannot_be_deleted(app, demo_db):
    table = app.data_editor[0].value
    index = int(table.index[table["name"] == "Sở Ngoại vụ"][0])
    _edit(app, deleted=[index])
    assert any("đang được giao" in p for p in problems_shown(app))
    assert "Sở Ngoại vụ" in _names(demo_db)


def test_units_import_from_a_workbook_all_or_nothing(app, demo_db):
    def workbook(rows):
        book = Workbook()
        sheet = book.active
        sheet.title = "Đơn vị"
        sheet.append(["DANH MỤC ĐƠN VỊ"])
        sheet.append(["Tên đơn vị", "Tên viết tắt", "Tên gọi khác", "Nhóm", "Cấp"])
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    bad = workbook(
        [
            ["Bảo tàng tỉnh", "", "", "Sở, ban, ngành", "Cấp tỉnh"],
            ["Nhà văn hóa", "", "", "Nhóm không có", "Cấp tỉnh"],
        ]
    )
    app.file_uploader(key="units.file").set_value([("dv.xlsx", bad, "application/x")]).run()
    app.button(key="units.import").click().run()
    assert any("dv.xlsx: không nhận tệp" in e for e in _texts(app.error))
    assert any(p.startswith("Lỗi | Đơn vị | 4 | D | Nhóm không có | ") for p in problems_shown(app))
    assert "Bảo tàng tỉnh" not in _names(demo_db)
    good = workbook([["Bảo tàng tỉnh", "", "", "Sở, ban, ngành", "Cấp tỉnh"]])
    app.file_uploader(key="units.file").set_value([("dv.xlsx", good, "application/x")]).run()
    app.button(key="units.import").click().run()
    assert any("Đã nhập 1 đơn vị" in s for s in _texts(app.success))
    assert "Bảo tàng tỉnh" in _names(demo_db)


def test_the_page_opens_on_the_province_of_the_plan_in_the_sidebar(demo_db, monkeypatch):
    from app_pages import open_page

    at = open_page(demo_db, monkeypatch, "pages/units.py", plan="TUHD-32/2019")
    assert not at.exception and at.selectbox(key="units.province").value == "Hải Dương"
    at = open_page(demo_db, monkeypatch, "pages/units.py")  # every plan: the newest plan's
    assert not at.exception and at.selectbox(key="units.province").value == "Lạng Sơn"
