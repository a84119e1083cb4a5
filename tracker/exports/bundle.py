"""One export, any format: by the output's suffix (.xlsx, .csv, .docx, .zip) or as the whole
bundle. The command line and the export page both come through here, so a file made from
the page and one made with ``python -m tracker export`` hold the same things."""

from __future__ import annotations

import re
from pathlib import Path

from store.database import Store
from tracker.exports import csvfiles, draft, images, workbook
from tracker.exports.report import ExportData

SUFFIXES = (".xlsx", ".csv", ".docx", ".zip")
TABLES = {  # --table choice -> ExportData attribute
    "don-vi": "by_unit",
    "nhiem-vu": "by_task",
    "chi-tiet": "detail",
    "qua-han": "reminders",
}


def file_stem(data: ExportData) -> str:
    """``bao-cao-84-KH-BTGTU-2019-07-26``: ASCII, no slash, safe as a file name anywhere."""
    plan = re.sub(r"[^A-Za-z0-9]+", "-", data.header.scope.plan or "tat-ca-ke-hoach").strip("-")
    return f"bao-cao-{plan}-{data.header.scope.as_of.isoformat()}"


def bundle(
    data: ExportData, charts: bool = True, store: Store | None = None
) -> tuple[bytes, images.Rendered]:
    """A .zip with the workbook, the Word draft, one CSV per table and, when Chromium can
    render them, the chart PNGs under ``bieu-do/`` (with a `store`, the timeline and heatmap
    too). Without images the zip holds ``bieu-do/KHONG-CO-ANH.txt`` saying why."""
    stem = file_stem(data)
    files = {
        f"{stem}.xlsx": workbook.summary_workbook(data),
        f"{stem}.docx": draft.report_draft(data),
    }
    files.update({f"csv/{name}": content for name, content in csvfiles.csv_files(data).items()})
    rendered = images.Rendered(problem="Không kèm ảnh biểu đồ (đã chọn bỏ qua).")
    if charts:
        rendered = images.render_pngs(images.figures(data, store))
    for name, png in rendered.pngs.items():
        files[f"bieu-do/{name}"] = png
    if rendered.problem:
        files["bieu-do/KHONG-CO-ANH.txt"] = (rendered.problem + "\r\n").encode("utf-8")
    return csvfiles.zip_bytes(files), rendered


def render(
    data: ExportData,
    suffix: str,
    table: str = "don-vi",
    charts: bool = True,
    store: Store | None = None,
) -> tuple[bytes, str]:
    """The bytes of the export in format `suffix` and a note for the user ("" or why the
    charts are missing). `table` picks the table of a .csv. Raises ValueError for another
    suffix or table."""
    suffix = suffix.lower()
    if suffix == ".xlsx":
        return workbook.summary_workbook(data), ""
    if suffix == ".docx":
        return draft.report_draft(data), ""
    if suffix == ".csv":
        if table not in TABLES:
            raise ValueError(f"bảng không có: {table} (chọn {', '.join(TABLES)})")
        return csvfiles.table_csv(getattr(data, TABLES[table])), ""
    if suffix == ".zip":
        content, rendered = bundle(data, charts, store)
        return content, rendered.problem
    raise ValueError(
        f"định dạng không hỗ trợ: {suffix or '(không có đuôi)'} (dùng {', '.join(SUFFIXES)})"
    )


def write(
    data: ExportData,
    path: str | Path,
    table: str = "don-vi",
    charts: bool = True,
    store: Store | None = None,
) -> str:
    """Write the export to `path` (format from its suffix); returns the note of
    :func:`render`. The file appears whole or not at all (written beside, then renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    content, note = render(data, path.suffix, table, charts, store)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(content)
    partial.replace(path)
    return note
