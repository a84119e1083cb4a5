"""The app as each role sees it (AppTest on the demo database): the sign-in page while
nobody is signed in, the menu and the pages each role may open, the refusal on the others,
the lockout after five failed sign-ins through the form, sign-out, and the users page."""

from __future__ import annotations

import pytest
from app_pages import open_page

from domain.access import Role
from store import audit, settings
from store.database import Store
from tracker.usecases.demo import DEMO_PASSWORD
from ui.menu import MENU

REFUSED = ("không có quyền", "Tài khoản đơn vị chỉ xem", "Trang này dành cho tài khoản đơn vị")
LEADER_PAGES = {
    "pages/overview.py",
    "pages/timeline.py",
    "pages/heatmap.py",
    "pages/ranking.py",
    "pages/reminders.py",
    "pages/compare.py",
    "pages/export.py",
}
STAFF_PAGES = LEADER_PAGES | {
    "pages/upload.py",
    "pages/review.py",
    "pages/plans.py",
    "pages/units.py",
}
ALLOWED = {
    Role.LANH_DAO: LEADER_PAGES,
    Role.CAN_BO: STAFF_PAGES,
    Role.QUAN_TRI: STAFF_PAGES | {"pages/users.py", "pages/audit.py", "pages/backup.py"},
    Role.DON_VI: {"pages/unit_report.py"},
}
TITLES = {path: title for entries in MENU.values() for path, title, _icon in entries}


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def _refused(at) -> bool:
    shown = [e.value for e in at.error] + [w.value for w in at.warning]
    shown += [i.value for i in at.info]
    return any(text in message for message in shown for text in REFUSED)


def _menu(at) -> set[str]:
    """The page links the sidebar offers."""
    return {link.proto.label for link in at.sidebar.get("page_link")}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_page_as_each_role(role, demo_db, monkeypatch):
    allowed = ALLOWED[role]
    for path in TITLES:
        at = open_page(demo_db, monkeypatch, path, role=role)
        assert not at.exception, (path, at.exception)
        assert _refused(at) == (path not in allowed), (role, path, _errors(at))
        assert _menu(at) == {TITLES[p] for p in allowed}
        if path not in allowed:  # the page stopped at its title: no table, chart or upload
            assert not at.dataframe and not at.get("plotly_chart")
            assert not at.get("file_uploader") and not at.get("download_button")
    home = open_page(demo_db, monkeypatch, role=role)
    assert not home.exception and not _refused(home)  # the first page is one it may open


def test_writing_widgets_are_not_offered_to_a_leader(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/overview.py", role=Role.LANH_DAO)
    assert not {"Tải báo cáo lên", "Kế hoạch", "Đơn vị", "Người dùng"} & _menu(at)
    assert at.sidebar.button(key="frame.sign_out")  # and the way out


def test_nobody_signed_in_sees_only_the_sign_in_page_with_the_demo_accounts(demo_db, monkeypatch):
    for path in (None, "pages/heatmap.py", "pages/users.py"):
        at = open_page(demo_db, monkeypatch, path, role=None)
        assert not at.exception
        assert [s.value for s in at.subheader][:1] == ["Đăng nhập"]
        assert not _menu(at) and not at.get("plotly_chart")
        demo = [b.label for b in at.button if b.key and b.key.startswith("sign_in.demo.")]
        assert demo == ["Lãnh đạo", "Cán bộ", "Đơn vị", "Quản trị"]


def test_a_database_that_is_not_the_demo_lists_no_accounts(demo_db, monkeypatch):
    with Store(demo_db) as store:
        with store.write() as tx:
            tx.run("setting_put", name=settings.DEMO, value=0)
    at = open_page(demo_db, monkeypatch, role=None)
    assert [s.value for s in at.subheader][:1] == ["Đăng nhập"]
    assert not [b for b in at.button if b.key and b.key.startswith("sign_in.demo.")]


def test_the_demo_database_with_a_real_account_offers_no_demo_accounts(demo_db, monkeypatch):
    from actors import ADMIN

    from tracker.usecases.accounts import add_user

    at = open_page(demo_db, monkeypatch, role=None)
    assert [b for b in at.button if b.key and b.key.startswith("sign_in.demo.")]
    with Store(demo_db) as store:  # while the sign-in page is open (its answer cached)
        add_user(store, ADMIN, "chi.lan", Role.CAN_BO, "mat-khau-chi-lan")
    at.run()
    assert [s.value for s in at.subheader][:1] == ["Đăng nhập"]
    assert not [b for b in at.button if b.key and b.key.startswith("sign_in.demo.")]


def _sign_in(at, login: str, password: str):
    at.text_input(key="sign_in.login").set_value(login)
    at.text_input(key="sign_in.password").set_value(password)
    return at.button(key="FormSubmitter:sign_in.form-Đăng nhập").click().run()


def test_the_form_signs_in_and_out(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, role=None)
    at = _sign_in(at, "demo.canbo", DEMO_PASSWORD)
    assert not at.exception and not _errors(at)
    assert "Tải báo cáo lên" in _menu(at) and "Người dùng" not in _menu(at)
    assert DEMO_PASSWORD not in repr(at.session_state)  # only the actor is kept
    at.sidebar.button(key="frame.sign_out").click().run()
    assert [s.value for s in at.subheader][:1] == ["Đăng nhập"]
    with Store(demo_db) as store:
        frame = audit.trail(store, logins=["demo.canbo"]).sort_values("audit_id")
        actions = list(frame["action"])
    assert actions == ["sign_in", "sign_out"]


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, role=None)
    for n in range(4):
        at = _sign_in(at, "demo.canbo", f"sai-{n}")
        assert _errors(at) == ["Sai tên đăng nhập hoặc mật khẩu."]
    at = _sign_in(at, "demo.canbo", "sai-5")
    assert "tạm khoá" in _errors(at)[0]
    at = _sign_in(at, "demo.canbo", DEMO_PASSWORD)
    assert "tạm khoá" in _errors(at)[0] and not _menu(at)
    demo = at.button(key="sign_in.demo.demo.canbo").click().run()  # the demo button too
    assert "tạm khoá" in _errors(demo)[0]


def test_the_users_page_adds_an_account_for_the_admin(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/users.py", role=Role.QUAN_TRI)
    at.text_input(key="users.add.login").set_value("chi.lan")
    at.selectbox(key="users.add.role").set_value(Role.CAN_BO)
    at.text_input(key="users.add.password").set_value("mat-khau-chi-lan")
    at.text_input(key="users.add.again").set_value("mat-khau-chi-lan")
    at = at.button(key="users.add.save").click().run()
    assert not at.exception and not _errors(at)
    table = next(d.value for d in at.dataframe if "Tên đăng nhập" in d.value)
    assert "chi.lan" in set(table["Tên đăng nhập"])
    with Store(demo_db) as store:
        newest = audit.trail(store, limit=1)
        [last] = list(
            newest[["login", "role", "origin", "action", "object_key"]].itertuples(
                index=False, name=None
            )
        )
    assert last == ("demo.quantri", "quan_tri", "app", "user_add", "chi.lan")


def test_the_account_is_checked_once_a_run_and_a_disabled_one_is_out_at_the_next(
    demo_db, monkeypatch
):
    from actors import ADMIN

    from tracker.usecases import accounts

    at = open_page(demo_db, monkeypatch, role=Role.LANH_DAO)
    assert not at.exception and not _refused(at)
    asked: list[str] = []
    rows = Store.rows

    def counted(self, query, /, **params):
        asked.append(query)
        return rows(self, query, **params)

    monkeypatch.setattr(Store, "rows", counted)
    at.run()  # the entry script and the page's frame both ask who is signed in
    assert asked.count("account_find") == 1
    with Store(demo_db) as store:
        accounts.set_active(store, ADMIN, "demo.lanhdao", False)
    at.run()
    assert not at.exception
    assert [s.value for s in at.subheader][:1] == ["Đăng nhập"]
