"""The audit trail: browsed and filtered by a quản trị only, exported as .xlsx with recorded
text kept inert, and append-only (no named statement can change or remove a row)."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pytest

from domain.access import Action, Actor, Forbidden, Role
from domain.audit import AuditQuery
from store import statements
from store.database import check_append_only, migrations, sql
from tests.app_pages import open_page, page_text
from tests.ingest_builders import make_store
from tracker.exports import workbook
from tracker.exports.audit import audit_workbook
from tracker.usecases import audit_trail, review
from tracker.usecases.acting import acting
from tracker.views import audit

ADMIN = Actor("qt", Role.QUAN_TRI)
STAFF = Actor("cb", Role.CAN_BO)
EVIL = '=HYPERLINK("http://x","bấm")'


@pytest.fixture
def trail_store(tmp_path):
    with make_store(tmp_path / "t.duckdb") as store:
        review.set_required(store, ADMIN, True)
        review.set_required(store, STAFF, False)
        with acting(store, STAFF, Action.PLANS, "plan", EVIL, before={"title": "cũ"}) as act:
            act.after = {"title": "mới"}
        yield store


def test_only_the_administrator_reads_the_trail(trail_store):
    assert len(audit_trail.trail(trail_store, ADMIN)) == 3
    for role in (Role.CAN_BO, Role.LANH_DAO, Role.DON_VI):
        with pytest.raises(Forbidden):
            audit_trail.trail(trail_store, Actor("x", role))
        with pytest.raises(Forbidden):
            audit_trail.choices(trail_store, Actor("x", role))


def test_the_trail_filters_by_who_what_object_and_days(trail_store):
    def keys(query: AuditQuery) -> list[tuple[str, str]]:
        frame = audit_trail.trail(trail_store, ADMIN, query)
        return list(zip(frame["login"], frame["action"], strict=True))

    assert keys(AuditQuery()) == [("cb", "plans"), ("cb", "settings"), ("qt", "settings")]
    assert keys(AuditQuery(logins=("qt",))) == [("qt", "settings")]
    assert keys(AuditQuery(actions=("plans",))) == [("cb", "plans")]
    assert keys(AuditQuery(kinds=("setting",), logins=("cb",))) == [("cb", "settings")]
    assert keys(AuditQuery(key="hyperlink")) == [("cb", "plans")]
    day = audit_trail.trail(trail_store, ADMIN)["happened_at"].min().date()
    last = audit_trail.trail(trail_store, ADMIN)["happened_at"].max().date()
    assert len(keys(AuditQuery(from_day=day, to_day=last))) == 3
    assert keys(AuditQuery(to_day=day - timedelta(days=1))) == []
    assert keys(AuditQuery(from_day=last + timedelta(days=1))) == []
    assert audit_trail.choices(trail_store, ADMIN) == {
        "login": ["cb", "qt"],
        "action": ["plans", "settings"],
        "kind": ["plan", "setting"],
    }


def test_the_trail_shows_roles_origins_and_the_values_before_and_after(trail_store):
    frame = audit.trail(trail_store, ADMIN, AuditQuery(actions=("plans",)))
    [row] = frame.to_dict("records")
    assert row["role_label"] == "Cán bộ" and row["origin_label"] == "Ứng dụng"
    assert row["action_label"] == "Kế hoạch" and row["object_key"] == EVIL
    assert row["before_json"] == "Tên: cũ" and row["after_json"] == "Tên: mới"  # not JSON
    assert row["happened_at"][2] == "/" and row["happened_at"][5] == "/"  # dd/mm/yyyy


def test_the_export_keeps_every_row_and_recorded_text_is_never_a_formula(trail_store):
    query = AuditQuery(logins=("cb",))
    data = audit_workbook(audit.trail(trail_store, ADMIN, query), query)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Nhật ký"]
    assert "Tài khoản: cb" in sheet["A3"].value
    header = [c.value for c in sheet[workbook.HEADER_ROW]]
    assert header[:4] == ["STT", "Lúc", "Tài khoản", "Vai trò"]
    rows = list(sheet.iter_rows(min_row=workbook.HEADER_ROW + 1))
    assert len(rows) == 2
    key = rows[0][header.index("Mã đối tượng")]
    assert key.value == EVIL and key.data_type == "s" and key.quotePrefix


def sql_files() -> list[str]:
    return statements.names("duckdb")


def test_no_named_statement_changes_the_audit_table():
    for name in sql_files():
        sql(name)  # loading refuses a statement that changes an append-only table
    for version, name, text in migrations():
        if version not in (5, 11):  # 005 creates it, 011 adds the hash chain's columns
            check_append_only(name, text)
    touching = [n for n in sql_files() if "audit" in sql(n).lower()]
    assert set(touching) >= {"audit_append", "audit_list"}


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit SET login = 'x'",
        "delete from main.audit where audit_id = 1",
        'TRUNCATE "audit"',
        "DROP TABLE IF EXISTS audit",
        "ALTER TABLE audit DROP COLUMN after_json",
    ],
)
def test_the_store_refuses_a_statement_that_would_change_the_trail(statement):
    with pytest.raises(PermissionError, match="append-only"):
        check_append_only("changes_audit", f"-- a comment\n{statement};")


def test_the_guard_leaves_appends_and_other_tables_alone():
    text = "-- no statement updates or deletes an audit row\nINSERT INTO audit VALUES (1);"
    assert check_append_only("x", text) == text
    assert check_append_only("x", "UPDATE audit_note SET a = 1") == "UPDATE audit_note SET a = 1"


def test_the_page_filters_and_exports_for_the_administrator_only(trail_store, monkeypatch):
    db = trail_store.path
    trail_store.close()
    at = open_page(db, monkeypatch, "pages/audit.py", actor=ADMIN)
    assert not at.exception
    assert len(at.dataframe[0].value) == 3
    at.multiselect(key="audit.actions").set_value(["plans"]).run()
    assert list(at.dataframe[0].value["Thao tác"]) == ["Kế hoạch"]
    assert at.download_button(key="audit.export") is not None
    staff = open_page(db, monkeypatch, "pages/audit.py", actor=STAFF)
    assert "không có quyền" in staff.error[0].value
    assert EVIL not in page_text(staff)


def test_recorded_values_read_as_vietnamese_with_no_json_true_or_none():
    from domain.audit import changes, kind_label, object_label, value_text

    account = {"login": "a", "display_name": "A", "email": None, "role": "can_bo",
               "units": [], "active": True}  # fmt: skip
    text = value_text(account)
    assert text == "Tài khoản: a; Tên hiển thị: A; Vai trò: Cán bộ; Đang hoạt động: Có"
    assert not any(w in text for w in ("true", "None", "{", "can_bo"))
    upload = [{"file": "x.xlsx", "sha256": "ab", "reported_on": "2019-07-28"}]
    assert value_text(upload) == "1 tệp: x.xlsx"
    assert value_text({"reported_on": "2019-07-28"}) == "Ngày báo cáo: 28/07/2019"
    assert changes(False, True) == [("Giá trị", "Không", "Có")]
    assert ("Vai trò", "Cán bộ", "Lãnh đạo") in changes(account, {**account, "role": "lanh_dao"})
    assert kind_label("account") == "Tài khoản" and kind_label("report") == "Báo cáo"
    assert object_label("setting", "review_unit_uploads").startswith("Báo cáo của tài khoản")
