"""Người dùng: the quản trị's page for accounts (add, change role and units, reset the
password, disable or enable). UI only: every change is tracker.usecases.accounts, which
checks the role and writes the audit row."""

import pandas as pd
import streamlit as st

from domain.access import ROLE_LABELS, Action, Role
from tracker.usecases import accounts, units
from ui import data, session
from ui.confirm import flash
from ui.frame import plain_frame

plain_frame(
    "Người dùng", "Tài khoản, vai trò và đơn vị của tài khoản đơn vị.", needs=(Action.USERS,)
)
store = data.get_store()
ROLES = list(Role)


def _label(role) -> str:
    return ROLE_LABELS[Role(role)]


SECRETS = ("users.add.password", "users.add.again", "users.edit.password")
"""Password boxes: emptied once saved, so a typed password never stays on the screen."""


def _done(message: str) -> None:
    data.changed()
    for key in SECRETS:
        st.session_state.pop(key, None)
    flash(message)
    st.rerun()


listed = accounts.listed(store)
st.dataframe(
    pd.DataFrame(
        {
            "Tên đăng nhập": listed["login"],
            "Họ tên": listed["display_name"],
            "E-mail": listed["email"].fillna(""),
            "Vai trò": listed["role"].map(_label),
            "Đơn vị": listed["units"],
            "Trạng thái": listed["active"].map({True: "Hoạt động", False: "Đã khoá"}),
            "Tạm khoá đến": listed["locked_until"].map(
                lambda t: "" if pd.isna(t) else t.strftime("%H:%M %d/%m/%Y")
            ),
        }
    ),
    hide_index=True,
    key="users.table",
)


def _unit_picker(key: str) -> tuple[int, ...]:
    """The units a unit account reports for: a province, then its units."""
    provinces = units.provinces(store)
    province = st.selectbox("Tỉnh", provinces, key=f"{key}.province")
    frame = units.units_frame(store, province) if province else pd.DataFrame()
    names = dict(zip(frame.get("unit_id", []), frame.get("name", []), strict=True))
    picked = st.multiselect(
        "Đơn vị (tài khoản đơn vị)", list(names), format_func=names.get, key=f"{key}.units"
    )
    return tuple(int(u) for u in picked)


def _refused(action, said: str = "Đã lưu.") -> None:
    """Run the account change `action`; its refusal shown in place, its success (`said`)
    at the top of the page."""
    try:
        action()
    except accounts.AccountRefused as refused:
        st.error(str(refused))
    else:
        _done(said)


st.subheader("Thêm tài khoản")
with st.container(border=True):
    left, right = st.columns(2)
    login = left.text_input("Tên đăng nhập", key="users.add.login")
    name = right.text_input("Họ tên", key="users.add.name")
    email = left.text_input(
        "E-mail (để đăng nhập qua nhà cung cấp định danh)", key="users.add.email"
    )
    role = right.selectbox("Vai trò", ROLES, format_func=_label, key="users.add.role")
    unit_ids = _unit_picker("users.add") if role is Role.DON_VI else ()
    password = left.text_input("Mật khẩu", type="password", key="users.add.password")
    again = right.text_input("Nhập lại mật khẩu", type="password", key="users.add.again")
    if st.button("Tạo tài khoản", type="primary", key="users.add.save"):
        if password != again:
            st.error("Hai lần nhập mật khẩu không khớp.")
        else:
            _refused(
                lambda: accounts.add_user(
                    store,
                    session.user(),
                    login,
                    role,
                    password or None,
                    unit_ids,
                    email=email or None,
                    display_name=name,
                ),
                f"Đã tạo tài khoản «{login}» ({_label(role)}).",
            )

if not listed.empty:
    st.subheader("Sửa tài khoản")
    with st.container(border=True):
        chosen = st.selectbox("Tài khoản", listed["login"].tolist(), key="users.edit.login")
        row = listed[listed["login"] == chosen].iloc[0]
        current = ROLES.index(Role(row["role"]))
        new_role = st.selectbox(
            "Vai trò mới", ROLES, index=current, format_func=_label, key=f"users.edit.role.{chosen}"
        )
        new_units = _unit_picker(f"users.edit.{chosen}") if new_role is Role.DON_VI else ()
        left, middle, right = st.columns(3)
        if left.button("Đổi vai trò", key="users.edit.save"):
            _refused(
                lambda: accounts.change_role(store, session.user(), chosen, new_role, new_units),
                f"Đã đổi vai trò của «{chosen}» thành {_label(new_role)}.",
            )
        active = bool(row["active"])
        if middle.button(
            "Khoá tài khoản" if active else "Mở lại tài khoản", key="users.edit.active"
        ):
            _refused(
                lambda: accounts.set_active(store, session.user(), chosen, not active),
                f"Đã {'khoá' if active else 'mở lại'} tài khoản «{chosen}».",
            )
        reset = right.text_input("Mật khẩu mới", type="password", key="users.edit.password")
        if right.button("Đặt lại mật khẩu", key="users.edit.reset"):
            _refused(
                lambda: accounts.set_password(store, session.user(), chosen, reset),
                f"Đã đặt lại mật khẩu của «{chosen}».",
            )
