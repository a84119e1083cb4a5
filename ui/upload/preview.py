"""The dropped files: read and checked against the plan (nothing written), summarised
refused first, each opened for its detail, then the valid ones written on one click."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from domain.settings import MAX_UPLOAD_MB
from tracker.usecases import file_results, ingest
from ui import data, session
from ui.confirm import flash, keep_refused
from ui.plain import md
from ui.upload.choosing import Choice
from ui.upload.file_detail import file_detail, unit_of

TYPES = ["xlsx", "xlsm", "xls", "ods", "csv"]
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


def drop_and_preview(choice: Choice) -> None:
    """The uploader; once files are in it, their preview and «Ghi … tệp hợp lệ»."""
    # The uploader's key carries a counter: a new key is a new, empty uploader (Streamlit
    # has no other way to clear one), used by «Bỏ các tệp đã chọn» and after a batch is written.
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
    if not uploaded:
        return
    preparation = _prepared(choice, [(f.name, f.getvalue()) for f in uploaded])
    results = preparation.results()
    counts = file_results.outcome_counts(results)
    st.subheader("Xem trước (chưa ghi gì)")
    st.write(
        f"**{len(results)} tệp**: {counts['accepted']} tệp hợp lệ sẽ được ghi, "
        f"{counts['duplicate']} tệp đã nạp trước đây, {counts['refused']} tệp bị từ chối."
    )
    st.button("Bỏ các tệp đã chọn", key="upload.clear", on_click=_clear_drop)
    order = file_results.review_order(results)
    _summary(results, order)
    shown = _outcome_filter(counts, len(results))
    for i in order:
        result = results[i]
        if shown != ALL_FILES and result.outcome != shown:
            continue
        with st.expander(
            f"{result.file} — {unit_of(result)} — {result.summary}",
            expanded=not result.accepted,
            icon=OUTCOME_ICONS[result.outcome],
        ):
            file_detail(preparation, i, result)
    if counts["accepted"]:
        _confirm(preparation, counts["accepted"])


def _prepared(choice: Choice, files: list[tuple[str, bytes]]) -> ingest.Preparation:
    """The files read and checked, once per set of files and choices (kept in the session:
    a rerun for a click does not read them again)."""
    signature = (
        choice.plan,
        choice.unit,
        choice.reported_on,
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
            data.get_store(),
            choice.plan,
            files,
            choice.unit,
            choice.reported_on,
            on_progress=progress,
        )
        st.session_state["upload.signature"] = signature
        bar.empty()
    return st.session_state["upload.preparation"]


def _clear_drop() -> None:
    st.session_state["upload.drop"] = st.session_state.get("upload.drop", 0) + 1
    for key in ("upload.signature", "upload.preparation"):
        st.session_state.pop(key, None)


def _summary(results: list[file_results.FileResult], order: list[int]) -> None:
    """One line per file, in review order (refused first)."""
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


def _outcome_filter(counts: dict[str, int], total: int) -> str:
    """Which files to open below: it opens on the refused ones when there are any (what
    needs doing), else on all."""
    present = [o for o in file_results.OUTCOMES if counts[o]]
    if st.session_state.get("upload.filter") not in [*present, ALL_FILES]:
        st.session_state["upload.filter"] = "refused" if counts["refused"] else ALL_FILES
    return st.radio(
        "Xem chi tiết",
        [*present, ALL_FILES],
        format_func=lambda o: f"{OUTCOME_LABELS.get(o, o)} ({counts.get(o, total)})",
        horizontal=True,
        key="upload.filter",
    )


def _confirm(preparation: ingest.Preparation, good: int) -> None:
    """«Ghi N tệp hợp lệ»: write them, say what was written and what was refused, clear."""
    if not st.button(
        f"Ghi {good} tệp hợp lệ vào cơ sở dữ liệu", type="primary", key="upload.confirm"
    ):
        return
    written = ingest.commit_prepared(data.get_store(), session.user(), preparation)
    data.changed()
    done = [r for r in written if r.outcome == "accepted"]
    flash(
        f"Đã ghi {len(done)} tệp ({sum(r.rows for r in done)} dòng) vào cơ sở dữ liệu.",
        details=[f"{r.file} ({unit_of(r)}): {r.summary}" for r in done],
    )
    keep_refused([f"{r.file}: {r.summary}" for r in written if r.outcome == "refused"])
    for r, p in zip(written, preparation.files, strict=True):
        if p.accepted and r.outcome == "refused":  # failed while writing
            flash(f"{md(r.file)}: {md(r.errors[-1].message)}", "error")
    _clear_drop()
    st.rerun()
