"""The contact section of «Đơn vị» (AppTest): a sheet uploaded there is refused with its
cells named, or taken and shown in the contact table."""

from __future__ import annotations

from app_pages import open_page, problems_shown
from ingest_builders import contact_sheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_contact_sheet_is_refused_with_its_cells_or_taken_and_shown(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/units.py")
    at.selectbox(key="units.province").set_value("Lạng Sơn").run()
    bad = contact_sheet([["Sở Ngoại vụ", "a@snv", "", ""]])
    at.get("file_uploader")[1].upload("lienhe.xlsx", bad, XLSX).run()
    at.button(key="contacts.import").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert "lienhe.xlsx: không nhận tệp; không có gì được ghi." in errors
    assert any(p.startswith("Lỗi | Liên hệ | 4 | C | a@snv | ") for p in problems_shown(at))
    good = contact_sheet([["Sở NgV", "a@snv.vn; b@snv.vn", "Giám đốc Nguyễn Văn A", ""]])
    at.get("file_uploader")[1].upload("lienhe.xlsx", good, XLSX).run()
    at.button(key="contacts.import").click().run()
    assert not at.exception
    assert at.success[0].value == "Đã nhập liên hệ của 1 đơn vị."
    table = next(d for d in at.dataframe if d.key and d.key.startswith("contacts.editor")).value
    row = table[table["name"] == "Sở Ngoại vụ"].iloc[0]
    assert (row["emails"], row["head"]) == ("a@snv.vn; b@snv.vn", "Giám đốc Nguyễn Văn A")
