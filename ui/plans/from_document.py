"""The «Nhập từ văn bản» tab: a plan document (or pasted text) read into a draft, its
fields, the units it names mapped to the registry (never created behind the user's back)
and its tasks, saved only once the user says the draft was checked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.usecases import plan_drafts, plans, units
from tracker.usecases.units import Registry
from ui import data
from ui.plain import md
from ui.plans.editor import plan_form, task_editor
from ui.plans.saving import save_button
from ui.problems import show_problems

# The mapping table's columns (what the user reads; the one they edit is PICK).
NAME, STATE, MATCHED, PICK, HINTS = (
    "Tên trong văn bản",
    "Trạng thái",
    "Khớp danh mục",
    "Chọn đơn vị tương ứng",
    "Gợi ý",
)


def document_import(provinces: list[str]) -> None:
    """Read a document when asked, then the draft it gave (kept for the session)."""
    st.markdown(
        "Tải lên hoặc dán văn bản kế hoạch. Kết quả là **bản nháp** để kiểm tra và "
        "sửa; chỉ được lưu khi bạn xác nhận."
    )
    _read()
    draft = st.session_state.get("doc.draft")
    if draft is None:
        return
    if not draft.is_plan:
        show_problems(draft.errors)
        return
    _draft(draft, st.session_state.get("doc.n", 0), provinces)


def _read() -> None:
    """The uploader, the paste box and «Đọc văn bản»: a new draft, a new round of keys."""
    upload = st.file_uploader(
        "Văn bản kế hoạch (.docx, .doc, .pdf, ảnh quét .jpg/.png, .txt, .md)",
        type=list(plan_drafts.DOCUMENT_TYPES),
        key="doc.file",
    )
    pasted = st.text_area("…hoặc dán nội dung văn bản", key="doc.text", height=120)
    if not st.button("Đọc văn bản", key="doc.read"):
        return
    if upload is not None:
        bar = st.progress(0.0, text="Đang đọc văn bản…")

        def shown(done: int, total: int) -> None:
            bar.progress(done / total, text=f"Nhận dạng chữ (OCR): trang {done}/{total}")

        st.session_state["doc.draft"] = plan_drafts.read_document(
            upload.getvalue(), upload.name, progress=shown
        )
        bar.empty()
    elif pasted.strip():
        st.session_state["doc.draft"] = plan_drafts.read_pasted(pasted)
    else:
        st.warning("Hãy chọn tệp hoặc dán nội dung.")
    st.session_state.pop("doc.mapping", None)
    st.session_state["doc.n"] = st.session_state.get("doc.n", 0) + 1


def _draft(draft, n: int, provinces: list[str]) -> None:
    """What the reader found, the plan's form, its units, its tasks and the save."""
    show_problems(draft.problems)
    st.subheader("Thông tin kế hoạch")
    _reporting_caption(draft.reporting)
    fields = plan_drafts.draft_fields(data.get_store(), draft, provinces)
    typed = plan_form(fields, f"doc.{n}", provinces)
    registry = units.load_registry(data.get_store(), typed.province)
    st.subheader("Đơn vị nêu trong văn bản")
    _unit_mapping(draft, n, registry)
    st.subheader("Nhiệm vụ (bản nháp)")
    _ocr_warning(draft)
    current, problems = task_editor(
        plan_drafts.draft_rows(draft), f"doc.tasks.{n}", registry, typed.issued_on
    )
    sure = st.checkbox("Tôi đã kiểm tra bản nháp", key=f"doc.confirm.{n}")
    save_button(typed, current, registry, f"doc.save.{n}", problems, disabled=not sure)


def _reporting_caption(reporting) -> None:
    """Where the document asks units to report, to whom and how often."""
    if not reporting.text:
        return
    cycle = plans.CYCLE_LABELS.get(reporting.cycle or "", "")
    st.caption(
        f"Yêu cầu báo cáo (dòng {reporting.line}): {md(reporting.text[:300])}"
        + (f" — gửi về: **{md(reporting.report_to)}**" if reporting.report_to else "")
        + (f"; chu kỳ: **{cycle}**" if cycle else "")
    )


def _unit_mapping(draft, n: int, registry: Registry) -> None:
    """The units the document names, matched or not; a unit picked for an unmatched name is
    remembered for this draft (in `registry`), so the tasks below resolve it."""
    mapping = st.session_state.setdefault("doc.mapping", {})
    matches = [registry.resolve(u.name) for u in draft.units]
    table = pd.DataFrame(
        [
            {
                NAME: m.name,
                STATE: "Khớp danh mục" if m.unit_ids else "MỚI: chưa có trong danh mục",
                MATCHED: "; ".join(registry.names(m.unit_ids)[:3])
                + (f" … ({len(m.unit_ids)} đơn vị)" if len(m.unit_ids) > 3 else ""),
                PICK: mapping.get(m.name, ""),
                HINTS: "; ".join(m.suggestions),
            }
            for m in matches
        ]
    )
    edited = st.data_editor(
        table,
        key=f"doc.units.{n}",
        hide_index=True,
        width="stretch",
        disabled=[NAME, STATE, MATCHED, HINTS],
        column_config={
            PICK: st.column_config.SelectboxColumn(
                options=["", *registry.choices()],
                help="Cho tên chưa khớp: chọn đơn vị hoặc nhóm.",
            )
        },
    )
    for row in edited.to_dict("records"):
        if row[PICK]:
            mapping[row[NAME]] = row[PICK]
            registry.map(row[NAME], row[PICK])
    unknown = [m.name for m in matches if not m.unit_ids and m.name not in mapping]
    if unknown:
        st.warning(
            "Chưa có trong danh mục (không tự tạo): "
            + "; ".join(md(name) for name in unknown)
            + ". Chọn đơn vị tương ứng ở bảng trên, hoặc thêm ở trang «Đơn vị»."
        )


def _ocr_warning(draft) -> None:
    """Tasks read from a scan: to be compared with the paper word by word."""
    from_ocr = [t.section or t.title[:40] for t in draft.tasks if t.ocr]
    if from_ocr:
        st.warning(
            f"{len(from_ocr)} nhiệm vụ đọc bằng nhận dạng chữ từ ảnh quét (mục: "
            + ", ".join(md(part) for part in from_ocr[:15])
            + ("…" if len(from_ocr) > 15 else "")
            + "): hãy đối chiếu từng chữ, ngày và tên đơn vị với bản giấy."
        )
