"""Tải báo cáo lên: pick the plan (and unit), download the template, drop report files, see
what would be written with every problem highlighted, confirm, and manage past uploads.
UI only: reading and checking are loaders/, writing is tracker.usecases.ingest."""

import hashlib

import pandas as pd
import streamlit as st

from domain.access import Action, Forbidden
from domain.review import state_label
from domain.settings import MAX_UPLOAD_MB
from tracker.usecases import file_results, ingest, report_corrections, templates
from tracker.views import choices
from ui import aliases as aliases_ui
from ui import data, downloads, session
from ui.confirm import flash, keep_refused, two_step
from ui.format import DATE_FORMAT, vn_date
from ui.frame import page_frame
from ui.plain import md
from ui.problems import show_problems

TYPES = ["xlsx", "xlsm", "xls", "ods", "csv"]
NO_UNIT = "— Theo đơn vị ghi trong tệp —"
ALL_FILES = "all"
OUTCOME_LABELS = {
    "refused": "Bị từ chối",
    "accepted": "Hợp lệ, sẽ ghi",
    "duplicate": "Đã nạp trước đây",
    ALL_FILES: "Tất cả",
}
# Material icons come with Streamlit's own font; an emoji needs one the machine may lack
# (a box on a Linux desktop without an emoji font).
OUTCOME_ICONS = {
    "refused": ":material/block:",
    "accepted": ":material/check_circle:",
    "duplicate": ":material/replay:",
}
DATE_SOURCES = {"file": "ghi trong tệp", "form": "đã chọn", "upload_day": "ngày tải lên"}


def highlight(flagged: set) -> callable:
    """Row style: rows with a warning in yellow."""

    def style(row) -> list[str]:
        mark = (row["Trang"], row["Dòng"]) in flagged
        return ["background-color: #fff8e1" if mark else ""] * len(row)

    return style


def unit_of(result: file_results.FileResult) -> str:
    """The unit a file is from, as the preview names it."""
    if result.unit:
        return result.unit
    return "nhiều đơn vị" if result.accepted else "chưa xác định đơn vị"


def report_label(row) -> str:
    return (
        f"báo cáo #{row.report_id} «{row.file_name}» của {row.unit or 'nhiều đơn vị'} "
        f"(ngày báo cáo {vn_date(row.reported_on)})"
    )


def rows_table(rows: pd.DataFrame, warnings) -> None:
    """The rows a file will write, those with a warning in yellow."""
    flagged = {(p.sheet, p.row) for p in warnings}
    shown = pd.DataFrame(
        {
            "Trang": rows["sheet"],
            "Dòng": rows["row_no"],
            "Nhiệm vụ": rows["task_code"],
            "Đơn vị": rows["unit_name"],
            "Kỳ": rows["period"],
            "Tình trạng": rows["progress"].map(templates.progress_label),
            "Ngày hoàn thành": rows["completed_on"].map(vn_date),
            "Kết quả": rows["result_text"],
        }
    ).fillna("")
    st.dataframe(shown.style.apply(highlight(flagged), axis=1), hide_index=True)


def correction_grid(preparation: ingest.Preparation, index: int) -> None:
    """The cells of a refused file that carry a located error, editable in place (one row
    per cell: narrow enough for a phone); «Kiểm tra lại» reads the file again with them."""
    cells = report_corrections.problem_cells(preparation, index)
    if not cells:
        return
    prepared = preparation.files[index]
    st.markdown("**Sửa ngay tại đây** (tệp gốc giữ nguyên; mỗi ô sửa được ghi lại)")
    frame = pd.DataFrame(
        {
            "Ô": [f"{c['sheet']}!{c['column']}{c['row']}" for c in cells],
            "Sửa thành": [c["value"] for c in cells],
            "Lỗi": [c["message"] for c in cells],
        }
    )
    round_no = st.session_state.get("upload.fix_round", 0)
    edited = st.data_editor(
        frame,
        key=f"upload.fix.{prepared.sha256[:16]}.{round_no}",
        hide_index=True,
        num_rows="fixed",
        disabled=["Ô", "Lỗi"],
        column_config={
            "Ô": st.column_config.TextColumn(width="small"),
            "Sửa thành": st.column_config.TextColumn(width="medium"),
            "Lỗi": st.column_config.TextColumn(width="large"),
        },
    )
    if not st.button("Kiểm tra lại với các ô đã sửa", key=f"upload.recheck.{prepared.sha256[:16]}"):
        return
    fixes = [
        report_corrections.Correction(c["sheet"], c["row"], c["column"], str(value or ""))
        for c, value in zip(cells, edited["Sửa thành"], strict=True)
        if str(value or "") != c["value"]
    ]
    try:
        st.session_state["upload.preparation"] = report_corrections.correct_file(
            store, session.user(), preparation, index, fixes
        )
    except Forbidden:
        flash("Tài khoản này chỉ được sửa báo cáo của đơn vị mình; không sửa gì.", "error")
    st.session_state["upload.fix_round"] = round_no + 1
    st.rerun()


def corrections_caption(prepared) -> None:
    """The cells a file is read with instead of its own, under its rows."""
    if prepared.corrections:
        st.caption(
            "Ô đã sửa tại đây: "
            + "; ".join(
                f"{c.sheet}!{c.column}{c.row}: «{c.before or ''}» → «{c.after}»"
                for c in prepared.corrections
            )
        )


filters = page_frame(
    "Tải báo cáo lên",
    "Nạp báo cáo của các đơn vị (Excel, ODS, CSV): kiểm tra từng ô, xem trước, rồi mới ghi.",
    show_status=False,
    needs=(Action.BROWSE, Action.UPLOAD),
)
store = data.get_store()
plans = data.plans()
codes = [c for c, archived in zip(plans["code"], plans["archived"], strict=True) if not archived]
if not codes:
    st.info("Chưa có kế hoạch nào. Hãy đăng ký kế hoạch ở trang «Kế hoạch».")
    st.stop()

left, middle, right = st.columns([2, 2, 1])
# The box follows the sidebar's plan; with every plan in the sidebar nothing is preselected
# (a preselected first plan is how reports landed in the other province's plan).
if filters.plan in codes and st.session_state.get("upload.sidebar") != filters.plan:
    st.session_state["upload.plan"] = filters.plan
st.session_state["upload.sidebar"] = filters.plan
plan = left.selectbox(
    "Kế hoạch",
    codes,
    key="upload.plan",
    index=None,
    placeholder="Chọn kế hoạch mà các tệp báo cáo thực hiện",
)
if plan is None:
    st.info(
        "Chọn kế hoạch trước khi tải tệp lên. Tệp ghi số hiệu một kế hoạch khác sẽ bị từ "
        "chối, kèm tên kế hoạch của nó."
    )
    st.stop()
province = plans.set_index("code").loc[plan, "province"]
unit_rows = data.call(choices.units, province=province)
units = dict(sorted(zip(unit_rows["name"], unit_rows["unit_id"].astype(int), strict=True)))
unit = middle.selectbox("Đơn vị báo cáo (khi tệp không ghi)", [NO_UNIT, *units], key="upload.unit")
reported_on = right.date_input(
    "Ngày báo cáo (thay ngày ghi trong tệp)", value=None, format=DATE_FORMAT, key="upload.date"
)
chosen_unit = None if unit == NO_UNIT else unit

with st.expander("Mẫu báo cáo và cách ghi tình trạng"):
    downloads.button(
        "Tải mẫu báo cáo (.xlsx)"
        + (f" cho {chosen_unit}, điền sẵn báo cáo gần nhất" if chosen_unit else " chung"),
        # A callable: the workbook is built only when clicked (all units × tasks can be
        # hundreds of thousands of rows on a large plan).
        lambda: templates.report_template(
            store, plan, units.get(chosen_unit) if chosen_unit else None
        ),
        file_name=templates.template_file_name(plan, chosen_unit),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="upload.template",
        needs=Action.UPLOAD,
    )
    st.dataframe(
        pd.DataFrame(templates.status_words(), columns=["Cách ghi", "Được hiểu là", "So khớp"]),
        hide_index=True,
    )

# The uploader's key carries a counter: a new key is a new, empty uploader (Streamlit has
# no other way to clear one), used by «Bỏ các tệp đã chọn» and after a batch is written.
drop = st.session_state.setdefault("upload.drop", 0)
uploaded = st.file_uploader(
    "Chọn hoặc kéo thả một hay nhiều tệp báo cáo",
    type=TYPES,
    accept_multiple_files=True,
    max_upload_size=MAX_UPLOAD_MB,
    key=f"upload.files.{drop}",
    help=f"Tệp .xlsx, .xlsm, .xls, .ods hoặc .csv, tối đa {MAX_UPLOAD_MB} MB mỗi tệp. "
    "(Nút «Upload» và dòng «per file» là chữ có sẵn của Streamlit, không đổi được.)",
)


def clear_drop() -> None:
    st.session_state["upload.drop"] = st.session_state.get("upload.drop", 0) + 1
    for key in ("upload.signature", "upload.preparation"):
        st.session_state.pop(key, None)


if uploaded:
    files = [(f.name, f.getvalue()) for f in uploaded]
    signature = (
        plan,
        chosen_unit,
        reported_on,
        tuple((n, hashlib.sha256(b).hexdigest()) for n, b in files),
    )
    if st.session_state.get("upload.signature") != signature:
        bar = st.progress(0.0, text="Đang đọc tệp…")

        def progress(done: int, total: int, name: str) -> None:
            bar.progress(
                done / max(total, 1),
                text=f"Đang đọc {name} ({done + 1}/{total})"
                if name
                else "Đang đối chiếu với kế hoạch…",
            )

        st.session_state["upload.preparation"] = ingest.prepare_files(
            store, plan, files, chosen_unit, reported_on, on_progress=progress
        )
        st.session_state["upload.signature"] = signature
        bar.empty()
    preparation = st.session_state["upload.preparation"]
    results = preparation.results()
    counts = file_results.outcome_counts(results)
    st.subheader("Xem trước (chưa ghi gì)")
    st.write(
        f"**{len(results)} tệp**: {counts['accepted']} tệp hợp lệ sẽ được ghi, "
        f"{counts['duplicate']} tệp đã nạp trước đây, {counts['refused']} tệp bị từ chối."
    )
    st.button("Bỏ các tệp đã chọn", key="upload.clear", on_click=clear_drop)
    order = file_results.review_order(results)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Tệp": results[i].file,
                    "Đơn vị": unit_of(results[i]),
                    "Kết quả": OUTCOME_LABELS[results[i].outcome],
                    "Số dòng": results[i].rows,
                    "Lỗi": len(results[i].errors),
                    "Cảnh báo": len(results[i].warnings),
                }
                for i in order
            ]
        ),
        hide_index=True,
        key="upload.summary",
    )
    present = [o for o in file_results.OUTCOMES if counts[o]]
    # Opens on the refused files when there are any (what needs doing), else on all.
    if st.session_state.get("upload.filter") not in [*present, ALL_FILES]:
        st.session_state["upload.filter"] = "refused" if counts["refused"] else ALL_FILES
    shown_outcome = st.radio(
        "Xem chi tiết",
        [*present, ALL_FILES],
        format_func=lambda o: f"{OUTCOME_LABELS.get(o, o)} ({counts.get(o, len(results))})",
        horizontal=True,
        key="upload.filter",
    )
    for i in order:
        result, prepared = results[i], preparation.files[i]
        if shown_outcome != ALL_FILES and result.outcome != shown_outcome:
            continue
        with st.expander(
            f"{result.file} — {unit_of(result)} — {result.summary}",
            expanded=not result.accepted,
            icon=OUTCOME_ICONS[result.outcome],
        ):
            if result.problems:
                show_problems(result.problems)
                aliases_ui.offer_choices(preparation.catalog, result)
            if not result.accepted:
                correction_grid(preparation, i)
            if prepared.rows is not None and not result.duplicate:
                source = DATE_SOURCES[prepared.reported_on_source]
                st.caption(f"Ngày báo cáo {vn_date(result.reported_on)} ({source}).")
                rows_table(prepared.rows.to_pandas(), result.warnings)
                corrections_caption(prepared)
    good = counts["accepted"]
    if good and st.button(
        f"Ghi {good} tệp hợp lệ vào cơ sở dữ liệu", type="primary", key="upload.confirm"
    ):
        written = ingest.commit_prepared(store, session.user(), preparation)
        data.changed()
        done = [r for r in written if r.outcome == "accepted"]
        rows = sum(r.rows for r in done)
        flash(
            f"Đã ghi {len(done)} tệp ({rows} dòng) vào cơ sở dữ liệu.",
            details=[f"{r.file} ({unit_of(r)}): {r.summary}" for r in done],
        )
        keep_refused([f"{r.file}: {r.summary}" for r in written if r.outcome == "refused"])
        for r, p in zip(written, preparation.files, strict=True):
            if p.accepted and r.outcome == "refused":  # failed while writing
                flash(f"{md(r.file)}: {md(r.errors[-1].message)}", "error")
        clear_drop()
        st.rerun()

st.subheader("Các lần tải lên")
history = ingest.list_reports(store, plan)
if history.empty:
    st.caption("Chưa có báo cáo nào của kế hoạch này.")
else:
    st.dataframe(
        pd.DataFrame(
            {
                "Mã": history["report_id"],
                "Tệp": history["file_name"],
                "Đơn vị": history["unit"].fillna("nhiều đơn vị"),  # never "None"
                "Người tải": history["uploaded_by"].fillna(""),
                "Lúc": history["uploaded_at"].dt.strftime("%d/%m/%Y %H:%M"),
                "Ngày báo cáo": history["reported_on"].map(vn_date),
                "Số dòng": history["row_count"],
                "Mã băm": history["sha256"].str[:12],
                "Duyệt": history["review_state"].map(state_label),
                "Đã rút": history["withdrawn_at"].map(
                    lambda t: "" if pd.isna(t) else t.strftime("%d/%m/%Y %H:%M")
                ),
            }
        ),
        hide_index=True,
    )
    fixed = report_corrections.corrections_of_plan(store, plan)
    if not fixed.empty:
        st.caption("Ô đã sửa khi tải lên (tệp gốc giữ nguyên)")
        st.dataframe(
            pd.DataFrame(
                {
                    "Mã": fixed["report_id"],
                    "Tệp": fixed["file_name"],
                    "Ô": fixed["sheet"] + "!" + fixed["col"] + fixed["row_no"].astype(str),
                    "Trong tệp": fixed["before_value"].fillna(""),
                    "Sửa thành": fixed["after_value"],
                    "Người sửa": fixed["corrected_by"],
                }
            ),
            hide_index=True,
            key="upload.corrections",
        )
    active = history[history["withdrawn_at"].isna()]
    if not active.empty:
        by_id = {int(r.report_id): r for r in active.itertuples()}
        pick = st.selectbox(
            "Rút một lần tải lên (không xoá, chỉ thôi tính)",
            list(by_id),
            format_func=lambda rid: report_label(by_id[rid]),
            index=None,
            placeholder="Chọn lần tải lên cần rút",
            key="upload.withdraw_pick",
        )
        picked = by_id.get(pick)
        if two_step(
            "upload.withdraw",
            "Rút báo cáo",
            pick,
            f"Rút {report_label(picked)}?" if picked else "",
            [
                f"{picked.row_count} dòng của báo cáo sẽ thôi được tính vào tiến độ.",
                "Tệp gốc và lịch sử tải lên vẫn được giữ.",
            ]
            if picked
            else [],
            confirm_label="Xác nhận rút báo cáo",
            disabled=picked is None,
        ):
            if ingest.withdraw_report(store, session.user(), pick):
                flash(f"Đã rút {report_label(picked)}: {picked.row_count} dòng thôi được tính.")
            else:
                flash(f"{report_label(picked)} đã được rút trước đó; không thay đổi gì.", "info")
            data.changed()
            st.rerun()
