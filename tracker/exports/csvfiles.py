"""CSV exports: one table per file, UTF-8 with a byte-order mark, several tables as a .zip.

Why these choices:

- The BOM is what makes a double-clicked CSV show Vietnamese in Excel; without it Excel
  reads the bytes in the machine's ANSI code page and "Sở" turns into "Sá»Ÿ".
- Dates are written ISO (``2019-07-26``): Excel reads that as a date under every regional
  setting, whereas ``05/08/2019`` is 5 August on a Vietnamese machine and 8 May on an
  English (US) one, silently. The .xlsx export carries real dates shown dd/mm/yyyy.
- Percentages are plain numbers 0-100 with a dot (``54.5``), the column says "%".
- Text that could start a formula gets an apostrophe (:func:`tracker.exports.safe.csv_text`).
- Files inside the .zip have ASCII names: old Windows unzip tools mangle UTF-8 names.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

import pandas as pd

from tracker import tables
from tracker.exports.report import ExportData
from tracker.exports.safe import csv_text

BOM = "\ufeff"


def _field(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    return csv_text(str(value))


def table_csv(frame: pd.DataFrame) -> bytes:
    """`frame`'s visible columns as CSV bytes: BOM, comma-separated, CRLF line ends (what
    Excel writes), every field made formula-safe."""
    shown = tables.visible(frame)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(c) for c in shown.columns])
    for row in shown.itertuples(index=False, name=None):
        writer.writerow([_field(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")


def csv_files(data: ExportData) -> dict[str, bytes]:
    """``{file name: bytes}``, one CSV per summary table, numbered in the workbook's order."""
    return {
        f"{n}-{slug}.csv": table_csv(frame)
        for n, (_sheet, slug, frame) in enumerate(data.sheets(), start=1)
    }


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """The files as one .zip (deflated), in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def csv_zip(data: ExportData) -> bytes:
    """The four summary tables as CSV files in one .zip."""
    return zip_bytes(csv_files(data))
