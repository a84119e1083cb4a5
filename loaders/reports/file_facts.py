"""What a report file says about itself, decided once per file before its rows are matched:
the plan it names, its date, its unit (from the title block or, last, the file name).

Each decision writes onto the :class:`~loaders.reports.prepared.PreparedFile` and adds a
located problem where a person should know what was decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pyarrow as pa

from domain.problems import Problem, column_letter, file_problem
from loaders.reading.guard import MAX_FILE_BYTES
from loaders.reading.hidden import drop_hidden, hidden_parts
from loaders.reading.sniff import sniff
from loaders.reading.workbook import Workbook, read_workbook
from loaders.reports.catalog import Catalog, unit_in_file_name
from loaders.reports.layout import StagedSheet, head_rows
from loaders.reports.plan_marks import find_plan_marks
from loaders.reports.prepared import PreparedFile


def plans_named(name: str, data: bytes, plan_codes: Sequence[str]) -> list[str]:
    """The registered plans whose code a file writes above its tables (reads the file; a
    file that cannot be read names none)."""
    if len(data) > MAX_FILE_BYTES:
        return []
    book = read_workbook(name, data, sniff(data))
    if any(p.is_error for p in book.problems):
        return []
    found = {
        m.code
        for sheet in book.sheets
        if sheet.visible and sheet.width
        for m in find_plan_marks(sheet.name, head_rows(sheet), plan_codes)
    }
    return sorted(found)


def leave_out_hidden(prepared: PreparedFile, book: Workbook) -> None:
    """Blank the rows and columns an .xlsx hides (by a filter or by hand) before anything is
    read, with a warning per sheet saying how many were left out and which."""
    if prepared.kind != "xlsx" or not book.may_hide:
        return
    hidden = hidden_parts(prepared.data)
    for sheet in book.sheets:
        if sheet.name not in hidden or not sheet.visible or not sheet.width:
            continue
        rows, cols = drop_hidden(sheet, *hidden[sheet.name])
        if rows:
            shown = ", ".join(str(r + 1) for r in rows[:12]) + (" …" if len(rows) > 12 else "")
            prepared.problems.append(
                Problem(
                    prepared.file,
                    sheet.name,
                    rows[0] + 1,
                    None,
                    None,
                    f"{len(rows)} dòng bị ẩn (do lọc hoặc ẩn bằng tay) không được đọc: dòng "
                    f"{shown}. Nếu cần báo cáo các dòng này, hãy bỏ lọc/bỏ ẩn rồi gửi lại.",
                    "warning",
                )
            )
        if cols:
            letters = ", ".join(sheet.letter(c) for c in cols)
            prepared.problems.append(
                Problem(
                    prepared.file,
                    sheet.name,
                    None,
                    sheet.letter(cols[0]),
                    None,
                    f"{len(cols)} cột bị ẩn không được đọc: cột {letters}. Nếu cần, hãy bỏ ẩn "
                    "rồi gửi lại.",
                    "warning",
                )
            )


def of_another_plan(
    prepared: PreparedFile,
    book: Workbook,
    heads: dict,
    catalog: Catalog,
    plan_codes: Sequence[str],
) -> bool:
    """Note the plan codes the file writes; True (with a located error) when it names
    another registered plan and not the chosen one."""
    marks = []
    for sheet in book.sheets:
        if sheet.visible and sheet.width:
            rows = heads.get(id(sheet)) or head_rows(sheet)
            marks += [(m, sheet) for m in find_plan_marks(sheet.name, rows, plan_codes)]
    prepared.plan_codes = sorted({m.code for m, _ in marks})
    if not marks or catalog.plan_code in prepared.plan_codes:
        return False
    mark, sheet = marks[0]
    prepared.problems.append(
        Problem(
            prepared.file,
            mark.sheet,
            mark.row + 1,
            sheet.letter(mark.col),
            mark.code,
            f"Tệp này là báo cáo thực hiện kế hoạch {mark.code}, không phải kế hoạch "
            f"{catalog.plan_code} đang chọn; không ghi gì. Hãy chọn kế hoạch {mark.code} (ô "
            f"«Kế hoạch» của trang tải lên; ở dòng lệnh: --plan {mark.code}) rồi tải lại.",
        )
    )
    return True


def date_report(
    prepared: PreparedFile,
    staged: list[StagedSheet],
    reported_on: date | None,
    today: date,
    plan_on: date | None = None,
) -> None:
    """The report's date: the date chosen at upload (or ``--date``) overrides the one the file
    carries (a dated place line, "Ngày báo cáo: ...", a date in the title block); the
    upload day is the last resort. Says which was used in ``reported_on_source``.

    A date after `today` or before the plan's date (`plan_on`) is impossible: an error at
    the cell that wrote it (the whole file is refused), since a report dated in the future
    would also move every view's default "as of" date."""
    dated = next((s for s in staged if s.title.reported_on), None)
    in_file = dated.title.reported_on if dated else None
    if reported_on:
        prepared.reported_on, prepared.reported_on_source = reported_on, "form"
        if dated and in_file and in_file != reported_on and dated.title.date_at:
            r, c = dated.title.date_at
            prepared.problems.append(
                Problem(
                    prepared.file,
                    dated.sheet,
                    r + 1,
                    letter(dated, c),
                    dated.title.date_text,
                    f"Tệp ghi ngày báo cáo {in_file:%d/%m/%Y}; đã dùng ngày chọn khi tải lên "
                    f"{reported_on:%d/%m/%Y}.",
                    "warning",
                )
            )
    elif in_file:
        prepared.reported_on, prepared.reported_on_source = in_file, "file"
    else:
        prepared.reported_on, prepared.reported_on_source = today, "upload_day"
        prepared.problems.append(
            file_problem(
                prepared.file,
                f"Tệp không ghi ngày báo cáo; đã lấy ngày tải lên {today:%d/%m/%Y}. "
                "Nếu không đúng, hãy chọn ngày báo cáo khi tải lên.",
                "warning",
            )
        )
    _check_report_date(prepared, dated, today, plan_on)


def _check_report_date(
    prepared: PreparedFile, dated: StagedSheet | None, today: date, plan_on: date | None
) -> None:
    on = prepared.reported_on
    if on is None:
        return
    if on > today:
        why = f"sau hôm nay ({today:%d/%m/%Y})"
    elif plan_on is not None and on < plan_on:
        why = f"trước ngày ban hành kế hoạch ({plan_on:%d/%m/%Y})"
    else:
        return
    text = f"Ngày báo cáo {on:%d/%m/%Y} {why}: không thể đúng. "
    if prepared.reported_on_source == "file" and dated and dated.title.date_at:
        r, c = dated.title.date_at
        prepared.problems.append(
            Problem(
                prepared.file,
                dated.sheet,
                r + 1,
                letter(dated, c),
                dated.title.date_text,
                text + "Hãy sửa dòng ghi ngày của báo cáo rồi gửi lại.",
            )
        )
    else:
        prepared.problems.append(
            file_problem(prepared.file, text + "Hãy chọn đúng ngày báo cáo khi tải lên.")
        )


def unit_from_letterhead(
    prepared: PreparedFile,
    staged: list[StagedSheet],
    catalog: Catalog,
) -> None:
    """Sheets that name no unit take the one their letterhead (top left, above the table)
    names, with a warning saying so; a letterhead line that fits several units is an error
    naming them. A line is tried alone, then joined to the line under it ("HUYỆN ỦY BẮC
    SƠN" / "BAN TUYÊN GIÁO" is read as either)."""
    for sheet in (s for s in staged if s.unit_source is None):
        lines = sheet.title.letterhead
        tries = [(r, c, t) for r, c, t in lines]
        tries += [
            (r, c, f"{below} {t}")
            for (r, c, t), (r2, c2, below) in zip(lines, lines[1:], strict=False)
            if r2 == r + 1 and c2 == c
        ]
        found: dict[bool, dict[int, tuple[int, int, str]]] = {True: {}, False: {}}
        for r, c, text in tries:
            ids, exact = catalog.unit_match(text)
            for unit_id in ids:
                found[exact].setdefault(unit_id, (r, c, text))
        # only a name as the registry writes it: the looser key would take the superior
        # body's line ("TỈNH ỦY LẠNG SƠN", above the unit's) for a unit
        chosen = found[True]
        if not chosen:
            continue
        (r, c, text) = next(iter(chosen.values()))
        row, col = (r + 1, letter(sheet, c)) if r >= 0 else (None, None)
        if len(chosen) > 1:
            names = " và ".join(sorted(catalog.unit_name(i) or "" for i in chosen))
            prepared.problems.append(
                Problem(
                    prepared.file,
                    sheet.sheet,
                    row,
                    col,
                    text,
                    f"Tiêu đề đầu trang khớp với nhiều đơn vị ({names}). Hãy ghi 'Đơn vị báo "
                    "cáo: <tên đầy đủ>' hoặc chọn đơn vị khi tải lên.",
                )
            )
            continue
        name = catalog.unit_name(next(iter(chosen))) or text
        n = sheet.table.num_rows
        column = sheet.table.column_names.index("unit_text")
        sheet.table = sheet.table.set_column(column, "unit_text", pa.array([name] * n, pa.string()))
        sheet.unit_source = "letterhead"
        prepared.problems.append(
            Problem(
                prepared.file,
                sheet.sheet,
                row,
                col,
                text,
                f"Tệp không ghi dòng 'Đơn vị báo cáo'; theo tiêu đề đầu trang đã hiểu đơn vị "
                f"báo cáo là {name}. Nếu không đúng, hãy chọn đơn vị khi tải lên.",
                "warning",
            )
        )


def unit_from_file_name(
    prepared: PreparedFile,
    staged: list[StagedSheet],
    catalog: Catalog,
) -> None:
    """Sheets that name no unit (no unit column, no title line, none chosen) take the unit
    the file name names ("BC_So_TTTT_thang12.xlsx"), with a warning; else they stay
    without a unit and every row says so."""
    orphans = [s for s in staged if s.unit_source is None]
    if not orphans:
        return
    found = unit_in_file_name(prepared.file, catalog)
    if found is None:
        return
    unit_id, words = found
    name = catalog.unit_name(unit_id)
    for sheet in orphans:
        n = sheet.table.num_rows
        column = sheet.table.column_names.index("unit_text")
        sheet.table = sheet.table.set_column(column, "unit_text", pa.array([name] * n, pa.string()))
        sheet.unit_source = "file"
    prepared.problems.append(
        file_problem(
            prepared.file,
            f"Tệp không ghi đơn vị báo cáo; theo tên tệp («{words}») đã hiểu là "
            f"{name}. Nếu không đúng, hãy chọn đơn vị khi tải lên.",
            "warning",
        )
    )


def check_units_agree(
    prepared: PreparedFile,
    staged: list[StagedSheet],
    catalog: Catalog,
    unit: str | None,
    form_unit_ids: set[int],
) -> None:
    """A title block naming another unit than the one chosen at upload is an error."""
    if not unit:
        return
    for sheet in staged:
        if sheet.unit_source == "title" and sheet.title.unit and sheet.title.unit_at:
            ids = catalog.unit_ids(sheet.title.unit)
            if ids and ids != form_unit_ids:
                r, c = sheet.title.unit_at
                prepared.problems.append(
                    Problem(
                        prepared.file,
                        sheet.sheet,
                        r + 1,
                        letter(sheet, c),
                        sheet.title.unit,
                        f"Tệp ghi đơn vị báo cáo là '{sheet.title.unit}' nhưng khi tải lên đã chọn "
                        f"'{unit}'. Hãy chọn đúng đơn vị hoặc sửa dòng tiêu đề.",
                    )
                )


def letter(sheet: StagedSheet, col: int) -> str:
    return column_letter(sheet.first_col + col)
