"""Xuất báo cáo: the summary tables, the Word draft and the charts, for the sidebar's filters.

UI only: tracker.exports.report.preview gives what the page shows first (the unit table
whole, every table's length), report.first_rows the task table or the first rows of a long
list when its tab is opened (report.with_tasks the task table for the charts' tab),
tracker.exports.* write the files. The full tables are read only when a download button is
clicked (download buttons take a callable): on 1M obligations the detail list
alone is a million rows, which took 8 s and 2.9 GB on every visit when the page gathered
the whole export to preview it. Only the open tab is drawn: the coloured previews and the
charts cost more to draw than the page's queries. A file's "generated at" line is the
moment it was downloaded.
"""

import streamlit as st

from domain.access import Action
from domain.labels import PERCENT_NOTE
from domain.scope import Scope
from tracker.exports import bundle, csvfiles, draft, images, report, workbook
from ui import data, downloads
from ui.format import vn_date
from ui.frame import page_frame
from ui.table import column_config, styled

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PREVIEW_ROWS = 1000
CHARTS = "Biểu đồ"


@st.cache_data(show_spinner=False, max_entries=32)
def preview(db: tuple[str, int], scope: Scope) -> report.Preview:
    """What the page shows for these filters, cached by the scope (keyed by the data
    version, like every cached query; the plans and groups are the sidebar's)."""
    return report.preview(
        data.get_store(),
        scope,
        rows=PREVIEW_ROWS,
        plans=data.plans(),
        groups=data.unit_groups(),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def first_rows(name: str, db: tuple[str, int], scope: Scope):
    """The first rows of one of the export's tables, read when its tab is open (cached like
    :func:`preview`); the task table's from :func:`charted`, so the task tab and the
    charts' tab share one read of it."""
    if name == "by_task":
        return charted(db, scope).by_task.head(PREVIEW_ROWS)
    return report.first_rows(data.get_store(), preview(db, scope), name, PREVIEW_ROWS)


@st.cache_data(show_spinner=False, max_entries=32)
def charted(db: tuple[str, int], scope: Scope) -> report.Preview:
    """:func:`preview` with the task table, for the charts (cached like it)."""
    return report.with_tasks(data.get_store(), preview(db, scope))


filters = page_frame(
    "Xuất báo cáo",
    "Bảng tổng hợp và dự thảo báo cáo kết quả gửi cấp trên, theo bộ lọc ở thanh bên.",
    needs=(Action.BROWSE, Action.EXPORT),
)
cache_key = (data.cache_key(), filters.scope)
export = preview(*cache_key)
if export.by_unit.empty:
    st.info(
        "Chưa có nghĩa vụ nào cho bộ lọc này. Hãy chọn kế hoạch, nhóm đơn vị hoặc tình trạng "
        "khác ở thanh bên, hoặc đăng ký kế hoạch ở trang «Kế hoạch»."
    )
    st.stop()

stem = bundle.file_stem(export)
store = data.get_store()  # the downloads run outside the script run: bind the store now
chosen = filters.scope


def whole() -> report.ExportData:
    """The whole export, read when a download is clicked (stamped with that moment)."""
    return report.collect(store, chosen)


st.markdown(f"**{export.header.title}**")
st.caption(
    f"Số liệu tính đến ngày {vn_date(filters.as_of)}"
    + (f" · {export.header.filters}" if export.header.filters else "")
    + f". {PERCENT_NOTE}"
)
st.info(draft.summary_sentence(export))

cols = st.columns(4)
downloads.button(
    "Bảng tính Excel (.xlsx)",
    lambda: workbook.summary_workbook(whole()),
    file_name=f"{stem}.xlsx",
    mime=XLSX,
    icon=":material/table_view:",
    key="export.xlsx",
    needs=Action.EXPORT,
    container=cols[0],
    help="4 trang: theo đơn vị, theo nhiệm vụ, chi tiết, quá hạn và chưa báo cáo.",
)
downloads.button(
    "Dự thảo báo cáo (.docx)",
    lambda: draft.report_draft(whole()),
    file_name=f"{stem}.docx",
    mime=DOCX,
    icon=":material/description:",
    key="export.docx",
    needs=Action.EXPORT,
    container=cols[1],
    help="Báo cáo kết quả thực hiện kế hoạch, có số liệu và bảng tổng hợp; sửa rồi gửi.",
)
downloads.button(
    "Các bảng CSV (.zip)",
    lambda: csvfiles.csv_zip(whole()),
    file_name=f"{stem}-csv.zip",
    mime="application/zip",
    icon=":material/folder_zip:",
    key="export.csv_zip",
    needs=Action.EXPORT,
    container=cols[2],
    help="Mỗi bảng một tệp CSV (UTF-8 có BOM: mở đúng tiếng Việt trong Excel).",
)
chromium = images.find_chromium()
downloads.button(
    "Gói đầy đủ kèm biểu đồ (.zip)",
    lambda: bundle.bundle(whole(), True, store)[0],
    file_name=f"{stem}.zip",
    mime="application/zip",
    icon=":material/inventory_2:",
    key="export.bundle",
    needs=Action.EXPORT,
    container=cols[3],
    help="Excel, Word, CSV và ảnh PNG các biểu đồ (mất vài giây để vẽ ảnh).",
)
if chromium is None:
    st.warning(
        "Máy chủ chưa cài Chromium nên gói đầy đủ không kèm ảnh biểu đồ. Vẫn tải được ảnh "
        "từng biểu đồ bằng nút máy ảnh 📷 ở góc biểu đồ (tab «Biểu đồ»)."
    )

# Only the open tab is drawn (on_change="rerun"): styling 1,000 rows of a list and building
# the charts took longer than the page's queries, and one tab is seen at a time.
sheets = export.sheet_rows()
choices = {attr: choice for choice, attr in bundle.TABLES.items()}
tabs = st.tabs(
    [name for name, _slug, _attr, _rows in sheets] + [CHARTS],
    key="export.tab",
    on_change="rerun",
)
for tab, (name, slug, attr, rows) in zip(tabs, sheets, strict=False):
    with tab:
        more = f"; xem trước {PREVIEW_ROWS} dòng đầu, tệp xuất có đủ."
        st.caption(f"{rows} dòng" + (more if rows > PREVIEW_ROWS else "."))
        if tab.open:
            frame = first_rows(attr, *cache_key)
            st.dataframe(
                styled(frame, PREVIEW_ROWS, colour_status=True),
                hide_index=True,
                width="stretch",
                column_config=column_config(frame),
            )
        downloads.button(
            f"Tải bảng «{name}» (.csv)",
            lambda attr=attr: csvfiles.table_csv(report.table(store, attr, chosen)),
            needs=Action.EXPORT,
            file_name=f"{stem}-{slug}.csv",
            mime="text/csv",
            key=f"export.csv.{choices[attr]}",
        )
with tabs[-1]:
    st.caption(
        "Tải ảnh PNG từng biểu đồ bằng nút máy ảnh 📷 ở góc trên bên phải biểu đồ; gói đầy "
        "đủ (.zip) có sẵn ảnh các biểu đồ này."
    )
    for name, fig in (images.figures(charted(*cache_key)) if tabs[-1].open else {}).items():
        st.plotly_chart(
            fig,
            width="stretch",
            key=f"export.chart.{name}",
            config=images.png_config(f"{stem}-{name.removesuffix('.png')}"),
        )
