"""Kế hoạch: register plans — create, edit tasks with live checks, import from a plan
document or the register workbook, archive or delete. UI only: the checks and writes are
loaders.plans.* and tracker.usecases.plans."""

from datetime import date

import pandas as pd
import streamlit as st

from tracker.domain.problems import labelled
from tracker.domain.settings import MAX_UPLOAD_MB
from tracker.usecases import plans, units
from tracker.usecases.plan_drafts import (
    DOCUMENT_SUFFIXES,
    TASK_COLUMNS,
    TASK_LABELS,
    PlanFields,
    Registry,
    check_rows,
    fields_from_draft,
    parse_plan_text,
    read_plan_document,
    rows_from_draft,
    unit_key,
)
from ui import aliases as aliases_ui
from ui import data, session
from ui.format import DATE_FORMAT, vn_date
from ui.frame import page_frame

NEW = "— Kế hoạch mới —"
CYCLE_CODES = list(plans.CYCLE_LABELS)
RECURRENCE_LABELS = {"continuous": "Thường xuyên", **plans.CYCLE_LABELS}

page_frame(
    "Kế hoạch",
    "Đăng ký kế hoạch, nhiệm vụ và đơn vị thực hiện: nhập tay, từ Excel "
    "hoặc từ chính văn bản kế hoạch.",
    show_status=False,
)
store = data.get_store()
provinces = units.provinces(store)


def plan_form(fields: PlanFields, key: str) -> PlanFields:
    """The plan's own fields; returns what the user typed."""
    left, right = st.columns(2)
    code = left.text_input("Số hiệu", fields.code, key=f"{key}.code", placeholder="84-KH/BTGTU")
    issued = left.date_input(
        "Ngày ban hành", fields.issued_on, key=f"{key}.date", format=DATE_FORMAT
    )
    options = provinces or [fields.province or ""]
    province = left.selectbox(
        "Tỉnh (danh mục đơn vị)",
        options,
        key=f"{key}.province",
        index=options.index(fields.province) if fields.province in options else 0,
    )
    issuer = right.text_input("Cơ quan ban hành", fields.issuer, key=f"{key}.issuer")
    cycle = right.selectbox(
        "Chu kỳ báo cáo nhiệm vụ thường xuyên",
        CYCLE_CODES,
        index=CYCLE_CODES.index(fields.report_cycle) if fields.report_cycle in CYCLE_CODES else 2,
        format_func=plans.CYCLE_LABELS.get,
        key=f"{key}.cycle",
    )
    until = right.date_input(
        "Theo dõi đến ngày",
        fields.tracked_until,
        key=f"{key}.until",
        format=DATE_FORMAT,
        help="Mặc định: hết năm sau năm ban hành.",
    )
    title = st.text_area("Tên kế hoạch", fields.title, key=f"{key}.title", height=68)
    d1, d2, d3 = st.columns([1, 1, 2])
    directive = d1.text_input(
        "Thực hiện văn bản số", fields.directive_code, key=f"{key}.dcode", placeholder="32-CT/TW"
    )
    d_date = d2.date_input(
        "Ngày của văn bản", fields.directive_date, key=f"{key}.ddate", format=DATE_FORMAT
    )
    d_issuer = d3.text_input(
        "Cơ quan ban hành văn bản", fields.directive_issuer, key=f"{key}.dissuer"
    )
    d_title = st.text_input("Trích yếu văn bản", fields.directive_title, key=f"{key}.dtitle")
    return PlanFields(
        code,
        title,
        issued,
        issuer,
        province or "",
        directive,
        d_date,
        d_issuer,
        d_title,
        cycle,
        until,
        fields.code_note,
    )


def task_editor(
    rows: list[dict], key: str, registry: Registry, reference: date
) -> tuple[list[dict], list]:
    """The task table, edited in place, and the live checks of what it holds."""
    base = pd.DataFrame(
        [{c: str(r.get(c) or "") for c in TASK_COLUMNS} for r in rows],
        columns=list(TASK_COLUMNS),
        dtype=object,
    )
    edited = st.data_editor(
        base,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.TextColumn(TASK_LABELS[c]) for c in TASK_COLUMNS}
        | {"title": st.column_config.TextColumn(TASK_LABELS["title"], width="large")},
    )
    st.caption(
        "Đơn vị: cách nhau bằng “;”. Viết tên, tên viết tắt, “Nhóm: <tên nhóm>” hoặc "
        "“Tất cả đơn vị”."
    )
    current = edited.astype(object).where(edited.notna(), "").to_dict("records")
    checked, problems = check_rows(current, registry, reference or date.today())
    if not checked:
        problems = []
    table = pd.DataFrame(
        [
            {
                "Mã NV": c.row.get("code"),
                "Thời hạn": c.row.get("deadline_text"),
                "Bắt đầu": vn_date(c.start),
                "Hạn": vn_date(c.due),
                "Lặp lại": RECURRENCE_LABELS.get(c.recurrence, ""),
                "Số đơn vị": len(c.units),
                "Kiểm tra": "Không đọc được thời hạn"
                if c.unparsed
                else ("Đơn vị chưa có: " + "; ".join(c.unknown) if c.unknown else "✓"),
            }
            for c in checked
        ]
    )
    if not table.empty:
        st.dataframe(
            table.style.apply(
                lambda r: ["background-color: #fdecea" if r["Kiểm tra"] != "✓" else ""] * len(r),
                axis=1,
            ),
            hide_index=True,
            width="stretch",
            key=f"{key}.checks",
        )
    return current, problems


def show_problems(problems) -> None:
    """Editor problems, located by the table's row and column label."""
    for p in labelled(problems, TASK_LABELS):
        where = p.where()
        text = f"{where}: {p.message}" if where else p.message
        (st.error if p.is_error else st.warning)(text)


def done(message: str) -> None:
    """After a write: forget cached reads and editors' edits, say what happened."""
    data.changed()
    st.session_state["plans.version"] = version() + 1
    st.session_state["plans.flash"] = message
    st.rerun()


def version() -> int:
    return st.session_state.get("plans.version", 0)


def save(fields: PlanFields, rows: list[dict], registry: Registry) -> None:
    outcome = plans.save_rows(store, session.user(), fields, rows, registry)
    saved = outcome.saved
    if saved:
        st.session_state.pop("doc.draft", None)
        done(
            f"Đã lưu kế hoạch {fields.code}: {saved.tasks} nhiệm vụ, "
            f"{saved.assignments} lượt giao đơn vị."
        )
    st.error("Chưa lưu: hãy sửa các lỗi dưới đây. Không có gì được ghi.")
    show_problems(outcome.errors)


if "plans.flash" in st.session_state:
    st.success(st.session_state.pop("plans.flash"))


tab_list, tab_edit, tab_doc, tab_sheet = st.tabs(
    ["Danh sách", "Tạo / sửa kế hoạch", "Nhập từ văn bản", "Nhập từ Excel"]
)

with tab_list:
    listed = data.plans()
    if listed.empty:
        st.info("Chưa có kế hoạch nào.")
    else:
        shown = listed.assign(
            issued_on=[vn_date(d) for d in listed["issued_on"]],
            archived=["Lưu trữ" if a else "" for a in listed["archived"]],
        )[["code", "title", "issued_on", "issuer", "directive", "tasks", "archived"]]
        st.dataframe(
            shown.rename(
                columns={
                    "code": "Số hiệu",
                    "title": "Tên kế hoạch",
                    "issued_on": "Ngày",
                    "issuer": "Cơ quan ban hành",
                    "directive": "Thực hiện",
                    "tasks": "Số nhiệm vụ",
                    "archived": "Trạng thái",
                }
            ),
            hide_index=True,
            width="stretch",
            key="plans.list",
        )
        chosen = st.selectbox("Kế hoạch", listed["code"].tolist(), key="plans.manage")
        archived = bool(listed.loc[listed["code"] == chosen, "archived"].item())
        aliases_ui.remembered_names(plan_code=chosen, kind="task")
        left, right = st.columns(2)
        if left.button("Bỏ lưu trữ" if archived else "Lưu trữ", key="plans.archive"):
            plans.set_archived(store, session.user(), chosen, not archived)
            done(f"Đã {'bỏ lưu trữ' if archived else 'lưu trữ'} {chosen}.")
        sure = right.checkbox(f"Tôi muốn xoá hẳn {chosen}", key="plans.sure")
        if right.button("Xoá kế hoạch", disabled=not sure, key="plans.delete"):
            outcome = plans.delete_plan(store, session.user(), chosen)
            if not outcome.ok:
                right.error(outcome.errors[0].message)
            else:
                done(f"Đã xoá {chosen}.")

with tab_edit:
    codes = data.plans()["code"].tolist()
    code = st.selectbox("Kế hoạch", [NEW, *codes], key="edit.plan")
    if code == NEW:
        fields = PlanFields("", "", None, "", provinces[0] if provinces else "")
        rows = []
    else:
        fields = plans.plan_fields(store, code)
        rows = plans.plan_rows(store, code, units.load_registry(store, fields.province))
    key = f"edit.{code}.{version()}"
    typed = plan_form(fields, key)
    registry = units.load_registry(store, typed.province)
    st.subheader("Nhiệm vụ")
    current, problems = task_editor(rows, f"{key}.tasks", registry, typed.issued_on)
    show_problems([p for p in problems if p.is_error or p.severity == "warning"][:20])
    if st.button("Lưu kế hoạch", type="primary", key=f"{key}.save"):
        save(typed, current, registry)

with tab_doc:
    st.markdown(
        "Tải lên hoặc dán văn bản kế hoạch. Kết quả là **bản nháp** để kiểm tra và "
        "sửa; chỉ được lưu khi bạn xác nhận."
    )
    upload = st.file_uploader(
        "Văn bản kế hoạch (.txt, .md, .docx)",
        type=[s.lstrip(".") for s in DOCUMENT_SUFFIXES],
        key="doc.file",
    )
    pasted = st.text_area("…hoặc dán nội dung văn bản", key="doc.text", height=120)
    if st.button("Đọc văn bản", key="doc.read"):
        if upload is not None and upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            st.error(f"Tệp lớn hơn {MAX_UPLOAD_MB} MB.")
        elif upload is not None:
            st.session_state["doc.draft"] = read_plan_document(upload.getvalue(), upload.name)
        elif pasted.strip():
            st.session_state["doc.draft"] = parse_plan_text(pasted, "văn bản dán")
        else:
            st.warning("Hãy chọn tệp hoặc dán nội dung.")
        st.session_state.pop("doc.mapping", None)
        st.session_state["doc.n"] = st.session_state.get("doc.n", 0) + 1
    n = st.session_state.get("doc.n", 0)
    draft = st.session_state.get("doc.draft")
    if draft is not None and not draft.is_plan:
        for p in draft.errors:
            st.error(str(p))
    elif draft is not None:
        for p in draft.problems:
            (
                st.error
                if p.severity == "error"
                else st.warning
                if p.severity == "warning"
                else st.info
            )(str(p))
        province = plans.guess_province(store, draft.plan.place, [u.name for u in draft.units]) or (
            provinces[0] if provinces else ""
        )
        fields = fields_from_draft(draft, province)
        st.subheader("Thông tin kế hoạch")
        if draft.reporting.text:
            cycle = plans.CYCLE_LABELS.get(draft.reporting.cycle or "", "")
            st.caption(
                f"Yêu cầu báo cáo (dòng {draft.reporting.line}): "
                f"{draft.reporting.text[:300]}"
                + (
                    f" — gửi về: **{draft.reporting.report_to}**"
                    if draft.reporting.report_to
                    else ""
                )
                + (f"; chu kỳ: **{cycle}**" if cycle else "")
            )
        typed = plan_form(fields, f"doc.{n}")
        registry = units.load_registry(store, typed.province)
        st.subheader("Đơn vị nêu trong văn bản")
        mapping = st.session_state.setdefault("doc.mapping", {})
        matches = [registry.resolve(u.name) for u in draft.units]
        choices = ["", *registry.choices()]
        unit_table = pd.DataFrame(
            [
                {
                    "Tên trong văn bản": m.name,
                    "Khớp danh mục": "; ".join(registry.names(m.unit_ids)[:3])
                    + (f" … ({len(m.unit_ids)} đơn vị)" if len(m.unit_ids) > 3 else ""),
                    "Chọn đơn vị tương ứng": mapping.get(m.name, ""),
                    "Gợi ý": "; ".join(m.suggestions),
                }
                for m in matches
            ]
        )
        edited_units = st.data_editor(
            unit_table,
            key=f"doc.units.{n}",
            hide_index=True,
            width="stretch",
            disabled=["Tên trong văn bản", "Khớp danh mục", "Gợi ý"],
            column_config={
                "Chọn đơn vị tương ứng": st.column_config.SelectboxColumn(
                    options=choices, help="Cho tên chưa khớp: chọn đơn vị hoặc nhóm."
                )
            },
        )
        for row in edited_units.to_dict("records"):
            pick = row["Chọn đơn vị tương ứng"]
            if pick:
                mapping[row["Tên trong văn bản"]] = pick
                registry.mapping[unit_key(row["Tên trong văn bản"])] = registry.resolve(
                    pick
                ).unit_ids
        unknown = [m.name for m in matches if not m.unit_ids and m.name not in mapping]
        if unknown:
            st.warning(
                "Chưa có trong danh mục (không tự tạo): "
                + "; ".join(unknown)
                + ". Chọn đơn vị tương ứng ở bảng trên, hoặc thêm ở trang «Đơn vị»."
            )
        st.subheader("Nhiệm vụ (bản nháp)")
        current, problems = task_editor(
            rows_from_draft(draft), f"doc.tasks.{n}", registry, typed.issued_on
        )
        sure = st.checkbox("Tôi đã kiểm tra bản nháp", key=f"doc.confirm.{n}")
        if st.button("Lưu kế hoạch", type="primary", disabled=not sure, key=f"doc.save.{n}"):
            save(typed, current, registry)

with tab_sheet:
    codes = data.plans()["code"].tolist()
    left, right = st.columns(2)
    source = left.selectbox("Mẫu điền sẵn", ["Mẫu trống", *codes], key="sheet.source")
    province = left.selectbox("Tỉnh", provinces or [""], key="sheet.province")
    if source != "Mẫu trống":
        province = plans.plan_fields(store, source).province
    left.download_button(
        "Tải mẫu Excel",
        plans.template_for(store, province, None if source == "Mẫu trống" else source),
        file_name="mau_dang_ky_ke_hoach.xlsx",
        key="sheet.download",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    upload = right.file_uploader("Tệp đăng ký đã điền (.xlsx)", type=["xlsx"], key="sheet.file")
    if upload is not None and right.button("Nhập", type="primary", key="sheet.import"):
        outcome = plans.import_workbook(store, session.user(), upload.getvalue(), upload.name)
        saved = outcome.saved
        if saved:
            done(
                f"Đã nhập {upload.name}: {saved.tasks} nhiệm vụ, {saved.assignments} "
                "lượt giao đơn vị."
            )
        else:
            st.error(
                f"{upload.name}: không nhận tệp. Hãy sửa các lỗi sau rồi tải lại; "
                "không có gì được ghi."
            )
        for p in outcome.problems:
            (st.error if p.is_error else st.warning)(str(p))
