"""Xuất báo cáo: the summary tables, the Word draft and the charts, for the sidebar's filters.

UI only: tracker.exports.report.collect gathers the tables (tracker.tables, the functions
the ranking and reminder pages call too), tracker.exports.* write the files. Files are built
when a button is clicked (download buttons take a callable), so browsing the page costs only
the tables, and the "generated at" line of a file is the moment it was downloaded.
"""

from dataclasses import replace
from datetime import datetime

import streamlit as st

from tracker import status, tables
from tracker.config import database_path
from tracker.exports import bundle, csvfiles, draft, images, report, workbook
from ui import data
from ui.format import DATE_FORMAT, vn_date
from ui.frame import page_frame

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PREVIEW_ROWS = 1000
COLUMNS = {
    **{c: st.column_config.NumberColumn(c, format="%.1f%%") for c in tables.PERCENT_COLUMNS},
    **{c: st.column_config.DateColumn(c, format=DATE_FORMAT) for c in tables.DATE_COLUMNS},
}
LABEL_STYLE = {
    s.label: f"background-color: {s.colour}; color: #{workbook.ink(s.colour)}"
    for s in status.STATUSES
}


@st.cache_data(show_spinner=False, max_entries=32)
def collect(db: str, as_of, plan, groups, statuses) -> report.ExportData:
    """The export's tables for these filters, cached by plain values (cleared after a write
    by ui.data.changed, like every cached query)."""
    return report.collect(
        data.get_store(),
        as_of,
        plan,
        list(groups) if groups else None,
        list(statuses) if statuses else None,
    )


def fresh(export: report.ExportData) -> report.ExportData:
    """`export` stamped with the time of the download, not the time it was cached."""
    now = datetime.now().replace(microsecond=0)
    return replace(export, header=replace(export.header, generated_at=now))


def styled(frame):
    """The visible columns, the status label cells in the app's colours (first rows only:
    the export holds every row)."""
    shown = tables.visible(frame).head(PREVIEW_ROWS)
    if "Tình trạng" not in shown.columns:
        return shown
    return shown.style.map(lambda v: LABEL_STYLE.get(v, ""), subset=["Tình trạng"])


filters = page_frame(
    "Xuất báo cáo",
    "Bảng tổng hợp và dự thảo báo cáo kết quả gửi cấp trên, theo bộ lọc ở thanh bên.",
)
export = collect(
    str(database_path()),
    filters.as_of,
    filters.plan,
    tuple(filters.groups or ()),
    tuple(filters.statuses or ()),
)
if export.by_unit.empty:
    st.info(
        "Chưa có nghĩa vụ nào cho bộ lọc này. Hãy chọn kế hoạch, nhóm đơn vị hoặc tình trạng "
        "khác ở thanh bên, hoặc đăng ký kế hoạch ở trang «Kế hoạch»."
    )
    st.stop()

stem = bundle.file_stem(export)
st.markdown(f"**{export.header.title}**")
st.caption(
    f"Số liệu tính đến ngày {vn_date(filters.as_of)}"
    + (f" · {export.header.filters}" if export.header.filters else "")
)
st.info(draft.summary_sentence(export))

cols = st.columns(4)
cols[0].download_button(
    "Bảng tính Excel (.xlsx)",
    data=lambda: workbook.summary_workbook(fresh(export)),
    file_name=f"{stem}.xlsx",
    mime=XLSX,
    icon="📗",
    key="export.xlsx",
    on_click="ignore",
    help="4 trang: theo đơn vị, theo nhiệm vụ, chi tiết, quá hạn và chưa báo cáo.",
)
cols[1].download_button(
    "Dự thảo báo cáo (.docx)",
    data=lambda: draft.report_draft(fresh(export)),
    file_name=f"{stem}.docx",
    mime=DOCX,
    icon="📝",
    key="export.docx",
    on_click="ignore",
    help="Báo cáo kết quả thực hiện kế hoạch, có số liệu và bảng tổng hợp; sửa rồi gửi.",
)
cols[2].download_button(
    "Các bảng CSV (.zip)",
    data=lambda: csvfiles.csv_zip(export),
    file_name=f"{stem}-csv.zip",
    mime="application/zip",
    icon="🗂️",
    key="export.csv_zip",
    on_click="ignore",
    help="Mỗi bảng một tệp CSV (UTF-8 có BOM: mở đúng tiếng Việt trong Excel).",
)
chromium = images.find_chromium()
cols[3].download_button(
    "Gói đầy đủ kèm biểu đồ (.zip)",
    data=lambda: bundle.bundle(fresh(export), True, data.get_store())[0],
    file_name=f"{stem}.zip",
    mime="application/zip",
    icon="📦",
    key="export.bundle",
    on_click="ignore",
    help="Excel, Word, CSV và ảnh PNG các biểu đồ (mất vài giây để vẽ ảnh).",
)
if chromium is None:
    st.warning(
        "Máy chủ chưa cài Chromium nên gói đầy đủ không kèm ảnh biểu đồ. Vẫn tải được ảnh "
        "từng biểu đồ bằng nút máy ảnh 📷 ở góc biểu đồ (tab «Biểu đồ»)."
    )

tabs = st.tabs([name for name, _slug, _frame in export.sheets()] + ["Biểu đồ"])
for tab, (name, slug, frame), choice in zip(tabs, export.sheets(), bundle.TABLES, strict=False):
    with tab:
        st.caption(
            f"{len(frame)} dòng"
            + (
                f"; xem trước {PREVIEW_ROWS} dòng đầu, tệp xuất có đủ."
                if len(frame) > PREVIEW_ROWS
                else "."
            )
        )
        st.dataframe(styled(frame), hide_index=True, width="stretch", column_config=COLUMNS)
        st.download_button(
            f"Tải bảng «{name}» (.csv)",
            data=lambda frame=frame: csvfiles.table_csv(frame),
            file_name=f"{stem}-{slug}.csv",
            mime="text/csv",
            key=f"export.csv.{choice}",
            on_click="ignore",
        )
with tabs[-1]:
    st.caption(
        "Tải ảnh PNG từng biểu đồ bằng nút máy ảnh 📷 ở góc trên bên phải biểu đồ; gói đầy "
        "đủ (.zip) có sẵn ảnh các biểu đồ này."
    )
    for name, fig in images.figures(export).items():
        st.plotly_chart(
            fig,
            width="stretch",
            key=f"export.chart.{name}",
            config=images.png_config(f"{stem}-{name.removesuffix('.png')}"),
        )
