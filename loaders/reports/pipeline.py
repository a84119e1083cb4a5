"""A batch of uploaded files -> validated report rows and located problems, per file.

Each file goes through the guards and readers on its own, one bad file never stopping the
others (:mod:`loaders.reports.read_file`; on worker processes for a batch of many files,
:mod:`loaders.reports.read_pool`); the staged rows of all files are then typed and matched
together in one DuckDB pass (:mod:`loaders.reports.normalize`), in chunks that bound
memory. Nothing here writes: the store writes accepted files afterwards
(:mod:`tracker.usecases.ingest`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from domain.problems import Problem, file_problem
from loaders.reports.catalog import Catalog
from loaders.reports.corrections import Correction
from loaders.reports.file_facts import letter
from loaders.reports.normalize import FileInput, SheetRef, resolve
from loaders.reports.prepared import PreparedFile
from loaders.reports.read_file import FileWork
from loaders.reports.read_pool import read_files

CHUNK_ROWS = 250_000
"""Staged rows matched in one DuckDB pass; bigger batches are split."""
STREAM_ROWS = 50_000
"""Staged rows matched while later files are still being read (each pass has a fixed cost
of some 25 ms, so not fewer)."""

Progress = Callable[[int, int, str], None]


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
    works: list[FileWork | None] = [None] * len(files)
    todo: list[tuple[int, PreparedFile]] = []
    for index, (name, data) in enumerate(files):
        digest = hashlib.sha256(data).hexdigest()
        prepared = PreparedFile(name, data, digest, len(data), "")
        prepared.corrections = list(corrections.get(index, ()))
        if digest in known and not prepared.corrections:
            prepared.duplicate_of, unit_id = known[digest]
            prepared.unit_ids = [unit_id] if unit_id is not None else []
            works[index] = FileWork(prepared, [], False)
            continue
        known[digest] = (-1, None)  # the same bytes twice in one batch: the second is a dup
        todo.append((index, prepared))
    # Read on a worker process and a thread (or threads only); progress is reported, and
    # the files read so far are matched, from this thread only (UIs cannot be touched from
    # others). DuckDB releases the GIL while it matches, so the readers go on meanwhile.
    total, done = len(files), len(files) - len(todo)
    pending: list[FileWork] = []

    def finished(index: int, work: FileWork) -> None:
        nonlocal done
        works[index] = work
        if on_progress:
            on_progress(done, total, work.prepared.file)
        done += 1
        if work.staged:
            pending.append(work)
            if _rows(pending) >= STREAM_ROWS and done < total:
                _match_all(pending, catalog)
                pending.clear()

    read_files(todo, catalog, unit, reported_on, today, plan_codes, finished)
    if on_progress:
        on_progress(total, total, "")
    _match_all(pending, catalog)
    return [w.prepared for w in works if w is not None]


def _rows(works: list[FileWork]) -> int:
    return sum(s.table.num_rows for w in works for s in w.staged)


def _match_all(works: list[FileWork], catalog: Catalog) -> None:
    """Resolve staged rows of all files, in chunks of about CHUNK_ROWS rows."""
    chunk: list[FileWork] = []
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


def _match_chunk(works: list[FileWork], catalog: Catalog) -> None:
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
    work: FileWork,
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
