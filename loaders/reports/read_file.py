"""One uploaded file read, guarded and staged on its own: everything about a file that
does not need the other files of its batch or the database.

This is the work :mod:`loaders.reports.read_pool` hands to its worker processes, so it
imports no DuckDB (a worker stays small) and everything it returns pickles: the staged
sheets as Arrow tables, the problems as values. Matching all files together happens
afterwards, in the calling process (:mod:`loaders.reports.pipeline`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from domain.problems import file_problem
from loaders.reading import legacy
from loaders.reading.guard import MAX_FILE_BYTES
from loaders.reading.sniff import EXTENSIONS, OLE_MAGIC, Kind, sniff
from loaders.reading.word import read_docx
from loaders.reading.workbook import Workbook, read_workbook
from loaders.reports import file_facts
from loaders.reports.catalog import Catalog
from loaders.reports.corrections import apply
from loaders.reports.layout import StagedSheet, head_rows, stage_sheet
from loaders.reports.named_periods import periods_from_names
from loaders.reports.prepared import PreparedFile


@dataclass
class FileWork:
    """A file after its own reading: `staged` is empty when it was refused (the reason is
    in `prepared.problems`) or was already loaded."""

    prepared: PreparedFile
    staged: list[StagedSheet]
    date1904: bool


def read_one(
    prepared: PreparedFile,
    catalog: Catalog,
    unit: str | None,
    reported_on: date | None,
    today: date,
    plan_codes: Sequence[str] = (),
) -> FileWork:
    """Guard, read and stage one file (see :func:`loaders.reports.pipeline.prepare` for
    the arguments); what is wrong with it lands in ``prepared.problems``."""
    name, data = prepared.file, prepared.data
    if len(data) > MAX_FILE_BYTES:
        prepared.problems.append(
            file_problem(
                name,
                f"Tệp lớn quá mức cho phép ({len(data) // (1 << 20)} MB > "
                f"{MAX_FILE_BYTES // (1 << 20)} MB). Hãy chỉ gửi bảng báo cáo.",
            )
        )
        return FileWork(prepared, [], False)
    kind = sniff(data)
    prepared.kind = kind
    book = _read_book(name, data, kind)
    prepared.problems.extend(book.problems)
    if book.problems and any(p.is_error for p in book.problems):
        return FileWork(prepared, [], False)
    if prepared.corrections:
        prepared.corrections, problems = apply(name, book.sheets, prepared.corrections)
        prepared.problems.extend(problems)
    _note_renamed(prepared, kind)
    file_facts.leave_out_hidden(prepared, book)
    heads = {id(sheet): head_rows(sheet) for sheet in book.sheets if sheet.visible and sheet.width}
    if _convert_legacy(prepared, book, heads):
        heads = {}  # the tables were converted: their first rows are read again
    if plan_codes and file_facts.of_another_plan(prepared, book, heads, catalog, plan_codes):
        return FileWork(prepared, [], False)
    form_unit_ids = catalog.unit_ids(unit) if unit else set()
    if unit and len(form_unit_ids) != 1:
        prepared.problems.append(
            file_problem(
                name, f"Đơn vị đã chọn '{unit}' không có (hoặc không rõ) trong danh mục đơn vị."
            )
        )
        return FileWork(prepared, [], False)
    staged: list[StagedSheet] = []
    for sheet in book.sheets:
        if not sheet.visible or sheet.width == 0:
            continue
        found, problems = stage_sheet(name, sheet, catalog, unit, heads.get(id(sheet)))
        if found is not None:
            staged.append(found)
            prepared.problems.extend(problems)
    if not staged:
        prepared.problems.append(
            file_problem(
                name,
                "Không tìm thấy bảng báo cáo trong tệp: cần một dòng tiêu đề có cột nhiệm vụ "
                "(Mã nhiệm vụ / Nội dung nhiệm vụ) và cột Tình trạng hoặc Ngày hoàn thành, hoặc "
                "bảng theo dõi đơn vị x nhiệm vụ. Hãy dùng mẫu báo cáo.",
            )
        )
        return FileWork(prepared, [], False)
    prepared.sheets = [s.sheet for s in staged]
    prepared.unit_columns = {s.sheet: s.letters["unit"] for s in staged if "unit" in s.letters}
    file_facts.check_units_agree(prepared, staged, catalog, unit, form_unit_ids)
    if unit is None:
        file_facts.unit_from_letterhead(prepared, staged, catalog)
        file_facts.unit_from_file_name(prepared, staged, catalog)
    file_facts.date_report(prepared, staged, reported_on, today, catalog.issued_on)
    periods_from_names(prepared, staged)
    return FileWork(prepared, staged, book.date1904)


DOC_MESSAGE = (
    "Tệp là văn bản Word 97-2003 (.doc), chưa đọc được. Hãy mở bằng Word, chọn Lưu thành "
    "(Save As) kiểu 'Tài liệu Word (.docx)' rồi gửi lại tệp .docx."
)


def _read_book(name: str, data: bytes, kind: Kind) -> Workbook:
    """Spreadsheets through the readers; a .docx's tables as sheets; a .doc refused."""
    if kind != "docx":
        return read_workbook(name, data, kind)
    if data.startswith(OLE_MAGIC):
        return Workbook([], [file_problem(name, DOC_MESSAGE)])
    sheets, problems = read_docx(name, data)
    return Workbook(sheets, problems)


def _note_renamed(prepared: PreparedFile, kind: str) -> None:
    suffix = "." + prepared.file.rsplit(".", 1)[-1].lower() if "." in prepared.file else ""
    if kind in EXTENSIONS and suffix and suffix not in EXTENSIONS[kind]:
        prepared.problems.append(
            file_problem(
                prepared.file,
                f"Tên tệp có đuôi {suffix} nhưng nội dung là tệp {kind}; đã đọc "
                "theo nội dung thật.",
                "warning",
            )
        )


def _convert_legacy(
    prepared: PreparedFile,
    book: Workbook,
    heads: dict[int, list[list[str | None]]],
) -> bool:
    """Convert TCVN3/VNI text to Unicode in place; True when it did. `heads` holds the
    :func:`head_rows` of every visible sheet, by id."""
    samples: list[str] = []
    for sheet in book.sheets:
        if sheet.visible and sheet.width:
            for row in heads[id(sheet)]:
                samples.extend(c for c in row if c)
    if not book.legacy_fonts and not legacy.might_be_legacy("\n".join(samples)):
        return False
    encoding = legacy.detect(samples, book.legacy_fonts)
    if encoding is None:
        return False
    for sheet in book.sheets:
        if not sheet.visible or not sheet.width:
            continue
        converted = {
            name: pa.array(
                [
                    legacy.to_unicode(v, encoding) if v else v
                    for v in sheet.table.column(name).to_pylist()
                ],
                pa.string(),
            )
            for name in sheet.table.column_names
        }
        sheet.table = pa.table(converted)
    prepared.problems.append(
        file_problem(
            prepared.file,
            f"Tệp dùng bảng mã cũ {legacy.LABELS[encoding]}; nội dung đã được chuyển "
            "sang Unicode. Hãy kiểm tra lại chữ tiếng Việt trong phần xem trước.",
            "warning",
        )
    )
    return True
