"""Kế hoạch: register plans — create, edit tasks with live checks, import from a plan
document or the register workbook, archive or delete. UI only: the checks and writes are
loaders.plans.* and tracker.usecases.plans."""

import pandas as pd
import streamlit as st

from domain.access import Action
from domain.settings import MAX_UPLOAD_MB
from tracker.usecases import plan_changes, plans, units
from tracker.usecases.plan_drafts import (
    DOCUMENT_SUFFIXES,
    PlanFields,
    Registry,
    fields_from_draft,
    parse_plan_text,
    read_plan_document,
    rows_from_draft,
    unit_key,
)
from ui import aliases as aliases_ui
from ui import data, session
from ui.confirm import flash, two_step
from ui.format import vn_date
from ui.frame import page_frame
from ui.plain import md
from ui.plan_editor import plan_form, show_problems, task_editor

NEW = "— Kế hoạch mới —"

page_frame(
    "Kế hoạch",
    "Đăng ký kế hoạch, nhiệm vụ và đơn vị thực hiện: nhập tay, từ Excel "
    "hoặc từ chính văn bản kế hoạch.",
    show_status=False,
    needs=(Action.BROWSE, Action.PLANS),
)
store = data.get_store()
provinces = units.provinces(store)


def done(message: str, warnings=()) -> None:
    """After a write: forget cached reads and editors' edits, say what happened (and what
    the saved plan was warned about)."""
    data.changed()
    st.session_state["plans.version"] = version() + 1
    flash(message)
    for problem in warnings:
        flash(str(problem), "warning")
    st.rerun()


def version() -> int:
    return st.session_state.get("plans.version", 0)


def save_button(
    fields: PlanFields,
    rows: list[dict],
    registry: Registry,
    key: str,
    problems=(),
    disabled: bool = False,
) -> None:
    """«Lưu kế hoạch»: at once for a new plan number (or rows with errors, which the save
    refuses and explains); over a registered plan only after a confirmation naming what
    changes (tracker.usecases.plan_changes)."""
    has_errors = any(p.is_error for p in problems)
    found = None if has_errors else plan_changes.changes(store, fields, rows, registry)
    if found is None:
        if st.button("Lưu kế hoạch", type="primary", key=key, disabled=disabled):
            save(fields, rows, registry)
        return
    lines = found.lines()
    if two_step(
        key,
        "Lưu kế hoạch",
        (found.code, tuple(lines)),
        f"Kế hoạch {found.code} đã có: lưu sẽ ghi đè. Những gì sẽ thay đổi:",
        lines,
        confirm_label="Xác nhận ghi đè",
        disabled=disabled,
    ):
        save(fields, rows, registry, found.lines() if not found.empty else [])


def save(fields: PlanFields, rows: list[dict], registry: Registry, changed=()) -> None:
    outcome = plans.save_rows(store, session.user(), fields, rows, registry)
    saved = outcome.saved
    if saved:
        st.session_state.pop("doc.draft", None)
        done(
            f"Đã lưu kế hoạch {fields.code}: {saved.tasks} nhiệm vụ, "
            f"{saved.assignments} lượt giao đơn vị." + ("".join(f"\n- {line}" for line in changed))
        )
    st.error("Chưa lưu: hãy sửa các lỗi dưới đây. Không có gì được ghi.")
    show_problems(outcome.errors)


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
        verb = "Bỏ lưu trữ" if archived else "Lưu trữ"
        if two_step(
            "plans.archive",
            verb,
            (chosen, archived),
            f"{verb} kế hoạch {chosen}?",
            [
                "Kế hoạch hiện lại trên các trang theo dõi và trang tải báo cáo."
                if archived
                else "Kế hoạch thôi hiện trên các trang theo dõi và trang tải báo cáo; "
                "số liệu và báo cáo vẫn được giữ, có thể bỏ lưu trữ."
            ],
            confirm_label=f"Xác nhận {verb.lower()}",
            where=left,
        ):
            plans.set_archived(store, session.user(), chosen, not archived)
            done(f"Đã {verb.lower()} kế hoạch {chosen}.")
        removal = plans.deletion(store, chosen)
        if not removal.allowed:
            right.caption(removal.refusal)
        if two_step(
            "plans.delete",
            "Xoá kế hoạch",
            chosen,
            f"Xoá hẳn kế hoạch {chosen}?",
            removal.lines(),
            confirm_label="Xác nhận xoá hẳn",
            disabled=not removal.allowed,
            where=right,
        ):
            outcome = plans.delete_plan(store, session.user(), chosen)
            if not outcome.ok:
                right.error(md(outcome.errors[0].message))
            else:
                done(
                    f"Đã xoá kế hoạch {chosen}: {removal.tasks} nhiệm vụ, việc giao cho "
                    f"{removal.units} đơn vị."
                )

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
    typed = plan_form(fields, key, provinces)
    registry = units.load_registry(store, typed.province)
    st.subheader("Nhiệm vụ")
    current, problems = task_editor(rows, f"{key}.tasks", registry, typed.issued_on)
    show_problems([p for p in problems if p.is_error or p.severity == "warning"][:20])
    save_button(typed, current, registry, f"{key}.save", problems)

with tab_doc:
    st.markdown(
        "Tải lên hoặc dán văn bản kế hoạch. Kết quả là **bản nháp** để kiểm tra và "
        "sửa; chỉ được lưu khi bạn xác nhận."
    )
    upload = st.file_uploader(
        "Văn bản kế hoạch (.docx, .doc, .pdf, ảnh quét .jpg/.png, .txt, .md)",
        type=[s.lstrip(".") for s in DOCUMENT_SUFFIXES],
        key="doc.file",
    )
    pasted = st.text_area("…hoặc dán nội dung văn bản", key="doc.text", height=120)
    if st.button("Đọc văn bản", key="doc.read"):
        if upload is not None and upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            st.error(f"Tệp lớn hơn {MAX_UPLOAD_MB} MB.")
        elif upload is not None:
            bar = st.progress(0.0, text="Đang đọc văn bản…")

            def shown(done: int, total: int) -> None:
                bar.progress(done / total, text=f"Nhận dạng chữ (OCR): trang {done}/{total}")

            st.session_state["doc.draft"] = read_plan_document(
                upload.getvalue(), upload.name, progress=shown
            )
            bar.empty()
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
        typed = plan_form(fields, f"doc.{n}", provinces)
        registry = units.load_registry(store, typed.province)
        st.subheader("Đơn vị nêu trong văn bản")
        mapping = st.session_state.setdefault("doc.mapping", {})
        matches = [registry.resolve(u.name) for u in draft.units]
        choices = ["", *registry.choices()]
        unit_table = pd.DataFrame(
            [
                {
                    "Tên trong văn bản": m.name,
                    "Trạng thái": "Khớp danh mục" if m.unit_ids else "MỚI: chưa có trong danh mục",
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
            disabled=["Tên trong văn bản", "Trạng thái", "Khớp danh mục", "Gợi ý"],
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
        from_ocr = [t.section or t.title[:40] for t in draft.tasks if t.ocr]
        if from_ocr:
            st.warning(
                f"{len(from_ocr)} nhiệm vụ đọc bằng nhận dạng chữ từ ảnh quét (mục: "
                + ", ".join(from_ocr[:15])
                + ("…" if len(from_ocr) > 15 else "")
                + "): hãy đối chiếu từng chữ, ngày và tên đơn vị với bản giấy."
            )
        current, problems = task_editor(
            rows_from_draft(draft), f"doc.tasks.{n}", registry, typed.issued_on
        )
        show_problems([p for p in problems if p.is_error or p.severity == "warning"][:20])
        sure = st.checkbox("Tôi đã kiểm tra bản nháp", key=f"doc.confirm.{n}")
        save_button(typed, current, registry, f"doc.save.{n}", problems, disabled=not sure)

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
    confirmed = False
    if upload is not None:
        found = plan_changes.workbook_changes(store, upload.getvalue(), upload.name)
        if found is None:
            confirmed = right.button("Nhập", type="primary", key="sheet.import")
        else:
            confirmed = two_step(
                "sheet.import",
                "Nhập",
                (upload.file_id, found.code, tuple(found.lines())),
                f"{upload.name} ghi kế hoạch {found.code}, đã có: nhập sẽ ghi đè. "
                "Những gì sẽ thay đổi:",
                found.lines(),
                confirm_label="Xác nhận ghi đè",
                where=right,
            )
    if upload is not None and confirmed:
        outcome = plans.import_workbook(store, session.user(), upload.getvalue(), upload.name)
        saved = outcome.saved
        if saved:
            done(
                f"Đã nhập {upload.name}: {saved.tasks} nhiệm vụ, {saved.assignments} "
                "lượt giao đơn vị.",
                outcome.warnings,
            )
        else:
            st.error(
                f"{upload.name}: không nhận tệp. Hãy sửa các lỗi sau rồi tải lại; "
                "không có gì được ghi."
            )
        for p in outcome.problems:
            (st.error if p.is_error else st.warning)(str(p))
