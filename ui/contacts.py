"""The contact section of «Đơn vị»: each unit's e-mails, head and postal address, edited
in a table or imported from a sheet; and the "đã nhắc 2 lần, lần cuối 05/08/2019" line of a
unit's detail. UI only: checks and writes are tracker.usecases.contacts (role, audit, all or
nothing), reminders read through tracker.usecases.reminders."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.access import Action, allows
from domain.settings import MAX_UPLOAD_MB
from tracker.usecases import contacts, reminders
from ui import data, session
from ui.plain import md
from ui.problems import show_problems

COLUMNS = {"name": "Tên đơn vị", "emails": "E-mail (;)", "head": "Thủ trưởng", "address": "Địa chỉ"}


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def contact_section(province: str) -> None:
    """Draw the contact table of `province`'s units with its save button and the sheet
    import (both only for an actor who may edit units)."""
    store = data.get_store()
    actor = session.user()
    st.subheader("Liên hệ: e-mail, thủ trưởng, địa chỉ")
    st.caption(
        "Dùng để gửi công văn đôn đốc: đơn vị chưa có e-mail được ghi là «cần gửi giấy». "
        "Nhiều địa chỉ cách nhau bằng dấu «;»."
    )
    frame = contacts.contacts_frame(store, province)
    editable = allows(actor, Action.UNITS)
    version = st.session_state.get("contacts.version", 0)
    edited = st.data_editor(
        frame,
        key=f"contacts.editor.{province}.{version}",
        hide_index=True,
        width="stretch",
        disabled=["unit_id", "name"] if editable else True,
        column_config={
            "unit_id": None,
            "name": st.column_config.TextColumn(COLUMNS["name"], width="medium"),
            "emails": st.column_config.TextColumn(COLUMNS["emails"], width="large"),
            "head": st.column_config.TextColumn(COLUMNS["head"]),
            "address": st.column_config.TextColumn(COLUMNS["address"], width="large"),
        },
    )
    if not editable:
        return
    if st.button("Lưu liên hệ", key="contacts.save"):
        old = frame.set_index("unit_id")
        rows = [
            contacts.ContactRow(
                _text(r["name"]),
                _text(r["emails"]),
                _text(r["head"]),
                _text(r["address"]),
                unit_id=int(r["unit_id"]),
                row=number,
            )
            for number, r in enumerate(edited.to_dict("records"), start=1)
            if [_text(r[c]) for c in ("emails", "head", "address")]
            != [_text(old.loc[r["unit_id"], c]) for c in ("emails", "head", "address")]
        ]
        outcome = contacts.save_contacts(store, actor, rows, province)
        if outcome.ok:
            _done(f"Đã lưu liên hệ của {len(rows)} đơn vị.")
        st.error("Chưa lưu: hãy sửa các lỗi dưới đây. Không có gì được ghi.")
        show_problems(outcome.errors, COLUMNS)
    upload = st.file_uploader(
        "Nhập liên hệ từ Excel (cột Tên đơn vị, E-mail, Thủ trưởng, Địa chỉ)",
        type=["xlsx", "xls", "ods", "csv"],
        key="contacts.file",
    )
    if upload is not None and st.button("Nhập liên hệ", key="contacts.import"):
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            st.error(f"Tệp lớn hơn {MAX_UPLOAD_MB} MB.")
            return
        count, problems = contacts.import_contact_sheet(
            store, actor, upload.getvalue(), upload.name, province
        )
        if not problems:
            _done(f"Đã nhập liên hệ của {count} đơn vị.")
        st.error(f"{md(upload.name)}: không nhận tệp; không có gì được ghi.")
        show_problems(problems)


def _done(message: str) -> None:
    data.changed()
    st.session_state["contacts.version"] = st.session_state.get("contacts.version", 0) + 1
    st.session_state["units.flash"] = message
    st.rerun()


def reminded_line(unit_id: int, plan: str | None = None) -> None:
    """ "Đã nhắc 2 lần, lần cuối 05/08/2019" for the unit (of `plan`), or nothing."""
    found = reminders.reminded(data.get_store(), plan, unit_id).get(unit_id)
    if found:
        st.caption("Đôn đốc: " + reminders.reminded_text(*found))
