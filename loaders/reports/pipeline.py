"""A batch of uploaded files -> validated report rows and located problems, per file.

Each file goes through the guards and readers on its own (one bad file never stops the
others); the staged rows of all files are then typed and matched together in one DuckDB
pass (:mod:`loaders.reports.normalize`), in chunks that bound memory. Nothing here writes: the
store writes accepted files afterwards (:mod:`tracker.usecases.ingest`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from domain.problems import Problem, file_problem
from loaders.reading import legacy
from loaders.reading.guard import MAX_FILE_BYTES
from loaders.reading.sniff import EXTENSIONS, OLE_MAGIC, Kind, sniff
from loaders.reading.word import read_docx
from loaders.reading.workbook import Workbook, read_workbook
from loaders.reports import file_facts
from loaders.reports.catalog import Catalog
from loaders.reports.corrections import Correction, apply
from loaders.reports.file_facts import letter
from loaders.reports.layout import StagedSheet, head_rows, stage_sheet
from loaders.reports.named_periods import periods_from_names
from loaders.reports.normalize import FileInput, SheetRef, resolve
from loaders.reports.prepared import PreparedFile

READ_THREADS = min(2, os.cpu_count() or 1)
"""Files read at once (the Rust reader and zlib run outside the GIL)."""
CHUNK_ROWS = 250_000
"""Staged rows matched in one DuckDB pass; bigger batches are split."""

Progress = Callable[[int, int, str], None]


@dataclass
class _Work:
    prepared: PreparedFile
    staged: list[StagedSheet]
    date1904: bool


def prepare(
    files: Sequence[tuple[str, bytes]],
    catalog: Catalog,
    unit: str | None = None,
    reported_on: date | None = None,
    *,
    today: date | None = None,
    known: dict[str, tuple[int, int | None]] | None = None,
    on_progress: Progress | None = None,
    plan_codes: Sequence[str] = (),
    corrections: dict[int, list[Correction]] | None = None,
) -> list[PreparedFile]:
    """Validate `files` against `catalog`.

    `unit` is the unit chosen at upload (used when a file names none); `reported_on` the
    date chosen at upload (used when the title block has none; else `today`). `known` maps
    the sha256 of files already loaded for this plan to their report id: those are not
    read again and come back as duplicates. `plan_codes` are every registered plan's code:
    a file that writes another plan's code and not this one's is refused, naming its plan.
    `corrections` maps a file's position to the cells corrected in the preview
    (:mod:`loaders.reports.corrections`): they are read in place of the file's cells.
    """
    corrections = corrections or {}
    today = today or date.today()
    known = dict(known or {})
    works: list[_Work | None] = [None] * len(files)
    todo: list[tuple[int, PreparedFile]] = []
    for index, (name, data) in enumerate(files):
        digest = hashlib.sha256(data).hexdigest()
        prepared = PreparedFile(name, data, digest, len(data), "")
        prepared.corrections = list(corrections.get(index, ()))
        if digest in known and not prepared.corrections:
            prepared.duplicate_of, unit_id = known[digest]
            prepared.unit_ids = [unit_id] if unit_id is not None else []
            works[index] = _Work(prepared, [], False)
            continue
        known[digest] = (-1, None)  # the same bytes twice in one batch: the second is a dup
        todo.append((index, prepared))
    # The readers (fastexcel, zlib) release the GIL: files are read on a few threads.
    # Progress is reported from this thread only (UIs cannot be touched from others).
    total, done = len(files), len(files) - len(todo)
    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        futures = {
            pool.submit(_read_one, prepared, catalog, unit, reported_on, today, plan_codes): index
            for index, prepared in todo
        }
        for future in as_completed(futures):
            work = future.result()
            works[futures[future]] = work
            if on_progress:
                on_progress(done, total, work.prepared.file)
            done += 1
    if on_progress:
        on_progress(total, total, "")
    ready = [w for w in works if w is not None]
    _match_all([w for w in ready if w.staged], catalog)
    return [w.prepared for w in ready]


def _read_one(
    prepared: PreparedFile,
    catalog: Catalog,
    unit: str | None,
    reported_on: date | None,
    today: date,
    plan_codes: Sequence[str] = (),
) -> _Work:
    name, data = prepared.file, prepared.data
    if len(data) > MAX_FILE_BYTES:
        prepared.problems.append(
            file_problem(
                name,
                f"Tệp lớn quá mức cho phép ({len(data) // (1 << 20)} MB > "
                f"{MAX_FILE_BYTES // (1 << 20)} MB). Hãy chỉ gửi bảng báo cáo.",
            )
        )
        return _Work(prepared, [], False)
    kind = sniff(data)
    prepared.kind = kind
    book = _read_book(name, data, kind)
    prepared.problems.extend(book.problems)
    if book.problems and any(p.is_error for p in book.problems):
        return _Work(prepared, [], False)
    if prepared.corrections:
        prepared.corrections, problems = apply(name, book.sheets, prepared.corrections)
        prepared.problems.extend(problems)
    _note_renamed(prepared, kind)
    file_facts.leave_out_hidden(prepared, book)
    heads = {id(sheet): head_rows(sheet) for sheet in book.sheets if sheet.visible and sheet.width}
    if _convert_legacy(prepared, book, heads):
        heads = {}  # the tables were converted: their first rows are read again
    if plan_codes and file_facts.of_another_plan(prepared, book, heads, catalog, plan_codes):
        return _Work(prepared, [], False)
    form_unit_ids = catalog.unit_ids(unit) if unit else set()
    if unit and len(form_unit_ids) != 1:
        prepared.problems.append(
            file_problem(
                name, f"Đơn vị đã chọn '{unit}' không có (hoặc không rõ) trong danh mục đơn vị."
            )
        )
        return _Work(prepared, [], False)
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
        return _Work(prepared, [], False)
    prepared.sheets = [s.sheet for s in staged]
    prepared.unit_columns = {s.sheet: s.letters["unit"] for s in staged if "unit" in s.letters}
    file_facts.check_units_agree(prepared, staged, catalog, unit, form_unit_ids)
    if unit is None:
        file_facts.unit_from_letterhead(prepared, staged, catalog)
        file_facts.unit_from_file_name(prepared, staged, catalog)
    file_facts.date_report(prepared, staged, reported_on, today, catalog.issued_on)
    periods_from_names(prepared, staged)
    return _Work(prepared, staged, book.date1904)


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


def _match_all(works: list[_Work], catalog: Catalog) -> None:
    """Resolve staged rows of all files, in chunks of about CHUNK_ROWS rows."""
    chunk: list[_Work] = []
    rows = 0
    for work in works:
        size = sum(s.table.num_rows for s in work.staged)
        if chunk and rows + size > CHUNK_ROWS:
            _match_chunk(chunk, catalog)
            chunk, rows = [], 0
        chunk.append(work)
        rows += size
    if chunk:
        _match_chunk(chunk, catalog)


def _match_chunk(works: list[_Work], catalog: Catalog) -> None:
    tables: list[pa.Table] = []
    refs: list[SheetRef | None] = []
    inputs: list[FileInput] = []
    sheet_names: list[str] = []
    bounds: list[tuple[int, int]] = []  # each file's rows: [start, end) in the chunk
    offset = 0
    for file_no, work in enumerate(works):
        # every staged file was dated by file_facts.date_report (the upload day at the latest)
        inputs.append(FileInput(file_no, work.prepared.reported_on or date.today(), work.date1904))
        start = offset
        for sheet in work.staged:
            n = sheet.table.num_rows
            sheet_no = len(refs)
            sheet_names.append(sheet.sheet)
            unit_at = None
            if sheet.title.unit_at:
                r, c = sheet.title.unit_at
                unit_at = (r + 1, letter(sheet, c))
            refs.append(
                SheetRef(
                    file_no,
                    work.prepared.file,
                    sheet.sheet,
                    sheet.kind,
                    sheet.letters,
                    sheet.unit_source,
                    unit_at,
                    sheet.period_hint,
                )
            )
            if n:
                tables.append(
                    sheet.table.append_column(
                        "file_no", pa.array(np.full(n, file_no, np.int32))
                    ).append_column("sheet_no", pa.array(np.full(n, sheet_no, np.int32)))
                )
                offset += n
        bounds.append((start, offset))
    if not tables:
        for work in works:
            _finish(work, None, [], [])
        return
    staged = pa.concat_tables(tables).combine_chunks()
    staged = staged.append_column("rid", pa.array(np.arange(staged.num_rows, dtype=np.int64)))
    resolved, problems = resolve(staged, refs, inputs, catalog)
    rows = _report_rows(resolved, sheet_names, catalog)
    # Rows that report nothing are dropped once for the chunk, not once per file.
    keep = pc.fill_null(pc.invert(rows["skip"]), False)
    kept = rows.filter(keep).drop_columns(["skip"])
    before = np.concatenate(([0], np.cumsum(keep.to_numpy(zero_copy_only=False))))
    unit_ids = kept["unit_id"].to_pylist()
    for file_no, work in enumerate(works):
        start, stop = (int(before[i]) for i in bounds[file_no])
        _finish(
            work, kept.slice(start, stop - start), unit_ids[start:stop], problems.get(file_no, [])
        )


def _report_rows(resolved: pa.Table, sheet_names: list[str], catalog: Catalog) -> pa.Table:
    """report_row columns (and preview columns) for every resolved row of a chunk."""
    return pa.table(
        {
            "skip": resolved["skip"],
            "sheet": pc.take(pa.array(sheet_names, pa.string()), resolved["sheet_no"]),
            "row_no": resolved["row_no"],
            "task_id": resolved["task_id"],
            "unit_id": resolved["unit_id"],
            "period": resolved["period"],
            "progress": resolved["progress"],
            "completed_on": resolved["completed_on"],
            "result_text": resolved["result_c"],
            "note": resolved["note_c"],
            "raw_status": resolved["status_c"],
            "task_code": _names(resolved["task_id"], catalog.task_codes()),
            "unit_name": _names(resolved["unit_id"], catalog.unit_names()),
            "cell_col": resolved["cell_col"],
        }
    )


def _names(ids: pa.ChunkedArray, names: dict[int, str]) -> pa.Array:
    keys = list(names)
    positions = pc.index_in(ids, value_set=pa.array(keys, pa.int32()))
    return pc.take(pa.array([names[k] for k in keys], pa.string()), positions)


def _finish(
    work: _Work,
    kept: pa.Table | None,
    unit_ids: list[int | None],
    problems: list[Problem],
) -> None:
    """`kept`: the file's rows that report something (None: nothing staged); `unit_ids`
    their units."""
    prepared = work.prepared
    prepared.problems.extend(dict.fromkeys(problems))  # a title-block problem once, not per row
    if kept is None:
        prepared.problems.append(file_problem(prepared.file, _EMPTY))
        return
    if kept.num_rows == 0:
        prepared.problems.append(file_problem(prepared.file, _EMPTY))
        return
    # the units are known even for a refused file, so it can be named by its unit
    prepared.unit_ids = sorted({u for u in unit_ids if u is not None})
    if any(p.is_error for p in prepared.problems):
        return
    prepared.rows = kept


_EMPTY = (
    "Tệp không có dòng báo cáo nào được điền (tình trạng hoặc ngày hoàn thành). Hãy điền "
    "báo cáo rồi gửi lại."
)
