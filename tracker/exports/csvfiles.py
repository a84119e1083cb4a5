"""CSV exports: one table per file, UTF-8 with a byte-order mark, several tables as a .zip.

Why these choices:

- The BOM is what makes a double-clicked CSV show Vietnamese in Excel; without it Excel
  reads the bytes in the machine's ANSI code page and "Sở" turns into "Sá»Ÿ".
- Dates are written ISO (``2019-07-26``): Excel reads that as a date under every regional
  setting, whereas ``05/08/2019`` is 5 August on a Vietnamese machine and 8 May on an
  English (US) one, silently. The .xlsx export carries real dates shown dd/mm/yyyy.
- Percentages are numbers (``54.5`` under the header "% hoàn thành", one decimal, a dot):
  a spreadsheet can sort and sum them, which the text "54,5%" does not allow. Counts stay
  plain integers.
- Text that could start a formula gets an apostrophe (:func:`tracker.exports.safe.csv_text`).
- Files inside the .zip have ASCII names: old Windows unzip tools mangle UTF-8 names.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd

from domain import labels
from tracker.exports.report import ExportData
from tracker.exports.safe import DANGEROUS_START, csv_text

BOM = "\ufeff"


def _column(series: pd.Series, percent: bool = False) -> pd.Series:
    """The column as CSV text, whole-column at a time (a 100k-row table in about a second)."""
    present = series.notna()
    if percent:
        text = series.map(lambda v: f"{float(v):.1f}" if pd.notna(v) else "")
    elif pd.api.types.is_datetime64_any_dtype(series):
        text = series.dt.strftime("%Y-%m-%d")
    elif pd.api.types.is_float_dtype(series):
        text = series.map(lambda v: f"{v:.1f}")
    elif pd.api.types.is_integer_dtype(series) or pd.api.types.is_bool_dtype(series):
        text = series.astype("string")
    else:
        text = series.astype("string")
        text = text.mask(text.str.startswith(DANGEROUS_START).fillna(False), "'" + text)
    return text.where(present, "").astype(object)


def table_csv(frame: pd.DataFrame) -> bytes:
    """`frame`'s visible columns (keyed by column ids) as CSV bytes under their Vietnamese
    headers: BOM, comma-separated, CRLF line ends (what Excel writes), every text field made
    formula-safe."""
    shown = labels.visible(frame)
    out = pd.DataFrame(
        {i: _column(shown[c], c in labels.PERCENTS) for i, c in enumerate(shown.columns)}
    )
    buffer = io.StringIO()
    buffer.write(BOM)
    heads = [csv_text(labels.header(c)) for c in shown.columns]
    csv.writer(buffer, lineterminator="\r\n").writerow(heads)
    out.to_csv(buffer, index=False, header=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8")


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
