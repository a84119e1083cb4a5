"""Units' contacts: set on the command line and listed as JSON, imported from a sheet all or
nothing with located problems, refused for a leader, audited; on both backends."""

from __future__ import annotations

import io
import json

import pytest
from actors import LEADER, STAFF
from ingest_builders import contact_sheet
from openpyxl import Workbook

from domain.access import Forbidden
from store import audit
from store.database import Store
from tracker.cli.main import main
from tracker.usecases import contacts

pytestmark = pytest.mark.parametrize("backend", ["duckdb", "postgresql"], indirect=True)


def test_unit_set_changes_what_is_given_and_unit_list_shows_it(demo_db, capsys, backend):
    db = ["--db", str(demo_db)]
    assert (
        main(
            [
                "unit",
                "set",
                "Sở NgV",
                "--email",
                "a@snv.vn",
                "--email",
                "B@snv.vn",
                "--head",
                "Giám đốc Nguyễn Văn A",
                *db,
            ]
        )
        == 0
    )
    assert main(["unit", "set", "Sở Ngoại vụ", "--address", "Số 2 Hùng Vương, Lạng Sơn", *db]) == 0
    capsys.readouterr()
    assert main(["unit", "list", "--province", "Lạng Sơn", "--json", *db]) == 0
    listed = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["Sở Ngoại vụ"] == {
        "unit_id": listed["Sở Ngoại vụ"]["unit_id"],
        "name": "Sở Ngoại vụ",
        "emails": ["a@snv.vn", "b@snv.vn"],
        "head": "Giám đốc Nguyễn Văn A",
        "address": "Số 2 Hùng Vương, Lạng Sơn",
    }
    assert listed["Báo Lạng Sơn"]["emails"] == []
    assert main(["unit", "set", "Sở Không Có", "--email", "x@y.vn", *db]) == 1
    assert main(["unit", "set", "Sở Ngoại vụ", "--email", "khong-phai-email", *db]) == 1
    err = capsys.readouterr().err
    assert (
        "Không có đơn vị «Sở Không Có»" in err
        and "«khong-phai-email» không phải địa chỉ e-mail" in err
    )
    with Store(demo_db) as store:
        rows = audit.trail(store, kinds=["unit_contact"])
    assert len(rows) == 2  # one per saved change, none for the refused ones
    assert "b@snv.vn" in rows["after_json"].iloc[0]


def test_a_sheet_is_taken_whole_or_refused_with_its_cells_named(demo_store, backend):
    good = contact_sheet(
        [
            ["Sở Ngoại vụ", "a@snv.vn; b@snv.vn", "Giám đốc Nguyễn Văn A", "Số 2 Hùng Vương"],
            ["Báo Lạng Sơn", "toasoan@baolangson.vn", "Tổng biên tập", ""],
        ]
    )
    bad = contact_sheet(
        [
            ["Sở Ngoại vụ", "a@snv.vn", "", ""],
            ["Sở Không Có", "x@y.vn", "", ""],
            ["Báo Lạng Sơn", "toasoan@@baolangson", "", ""],
        ]
    )
    count, problems = contacts.import_contact_sheet(
        demo_store, STAFF, bad, "lienhe.xlsx", "Lạng Sơn"
    )
    assert count == 3
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("Liên hệ", 5, "B"),
        ("Liên hệ", 6, "C"),
    ]
    assert str(problems[0]).startswith("lienhe.xlsx: trang 'Liên hệ', ô B5 [Sở Không Có]")
    assert all(not c.emails for c in contacts.unit_contacts(demo_store, "Lạng Sơn"))  # nothing
    count, problems = contacts.import_contact_sheet(
        demo_store, STAFF, good, "lienhe.xlsx", "Lạng Sơn"
    )
    assert (count, problems) == (2, [])
    found = {c.name: c for c in contacts.unit_contacts(demo_store, "Lạng Sơn")}
    assert found["Sở Ngoại vụ"].emails == ("a@snv.vn", "b@snv.vn")
    assert found["Báo Lạng Sơn"].head == "Tổng biên tập"
    with pytest.raises(Forbidden):
        contacts.import_contact_sheet(demo_store, LEADER, good, "lienhe.xlsx", "Lạng Sơn")
    with pytest.raises(Forbidden):
        contacts.set_contact(demo_store, LEADER, "Sở Ngoại vụ", emails=["x@y.vn"])


def test_a_sheet_without_an_email_column_says_so(demo_store, backend):
    book = Workbook()
    book.active.append(["Tên đơn vị", "Ghi chú"])
    book.active.append(["Sở Ngoại vụ", "x"])
    out = io.BytesIO()
    book.save(out)
    count, problems = contacts.import_contact_sheet(demo_store, STAFF, out.getvalue(), "x.xlsx")
    assert count == 0 and "không có cột «E-mail»" in problems[0].message
