"""Remembered names on the pages: a list with a remove button (Đơn vị, Kế hoạch), and on the
upload preview a choice among the closest tasks or units for a name the file wrote
otherwise. Each page calls one function in one line; the work is in
:mod:`tracker.usecases.aliases`."""

from __future__ import annotations

import streamlit as st

from domain.labels import labelled
from tracker.usecases import aliases
from ui import data, session

LIST_COLUMNS = ("alias_id", "alias", "target", "target_name", "added_by", "added_at")
"""The columns of the list, by id (:data:`domain.labels.HEADERS` heads them)."""


def remembered_names(
    *,
    plan_code: str | None = None,
    province: str | None = None,
    kind: aliases.stored.Kind | None = None,
) -> None:
    """The names remembered for the plan's tasks or the province's units, each removable."""
    store = data.get_store()
    frame = aliases.listed(store, plan_code=plan_code, province=province, kind=kind)
    with st.expander(f"Tên gọi đã ghi nhớ ({len(frame)})", expanded=False):
        if frame.empty:
            st.caption(
                "Chưa có. Tên gọi được ghi nhớ khi xác nhận ở trang Tải báo cáo lên, "
                "hoặc bằng lệnh `python -m tracker alias add`."
            )
            return
        shown = frame[list(LIST_COLUMNS)]
        st.dataframe(
            labelled(shown.assign(added_at=shown["added_at"].dt.strftime("%d/%m/%Y %H:%M"))),
            hide_index=True,
            key=f"aliases.list.{plan_code}.{province}.{kind}",
        )
        pick = st.selectbox(
            "Bỏ tên gọi",
            frame["alias_id"].tolist(),
            format_func=lambda i: f"#{i} «{_alias(frame, i)}»",
            key=f"aliases.pick.{plan_code}.{province}.{kind}",
        )
        if st.button("Bỏ", key=f"aliases.remove.{plan_code}.{province}.{kind}"):
            aliases.forget(store, session.user(), int(pick))
            data.changed()
            st.rerun()


def _alias(frame, alias_id) -> str:
    return frame.loc[frame["alias_id"] == alias_id, "alias"].iloc[0]


def _kind(message: str) -> str | None:
    if "danh mục" in message or "nhiều đơn vị" in message:
        return "unit"
    if "nhiệm vụ" in message or " — " in message:
        return "task"
    return None


def offer_choices(catalog, result) -> None:
    """For each name of the file that matched no task or unit, or only approximately: the
    closest candidates, and a button that remembers the choice (applies to later files)."""
    seen: set[tuple[str, str]] = set()
    for problem in result.problems:
        kind = _kind(problem.message)
        value = problem.value
        if not value or kind is None or (kind, value) in seen:
            continue
        seen.add((kind, value))
        if kind == "task":
            options: dict[str, str] = dict(aliases.task_choices(catalog, value))
        else:
            options = {n: n for n in aliases.unit_choices(catalog, value)}
        if not options:
            continue
        key = f"aliases.offer.{result.file}.{kind}.{value}"
        left, right = st.columns([3, 1])
        codes: list[str] = list(options)
        choice = left.selectbox(f"«{value}» là", codes, key=key, format_func=_labeller(options))
        if choice is not None and right.button("Ghi nhớ", key=key + ".save"):
            try:
                if kind == "task":
                    done = aliases.remember_task(
                        data.get_store(), session.user(), catalog.plan_code, choice, value
                    )
                else:
                    done = aliases.remember_unit(
                        data.get_store(), session.user(), choice, value, plan_code=catalog.plan_code
                    )
            except aliases.AliasRefused as refused:
                right.error(str(refused))
            else:
                st.session_state.pop("upload.signature", None)  # prepare the files again
                data.changed()
                st.success(f"Đã ghi nhớ «{done.alias}» → {done.target}.")
                st.rerun()


def _labeller(options: dict[str, str]):
    """A select box's format_func that shows each code's label."""
    return lambda code: str(options.get(code, code))
