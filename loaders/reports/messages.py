"""Vietnamese messages for the problem codes that ``ingest_resolve.sql`` puts on rows.

Each message says what is wrong and what to do; the location (sheet, row, column) comes from
the staged sheet: for a matrix the cell's own column, for a long report the column of the
field concerned, for a unit taken from the title block the title cell.
"""

from __future__ import annotations

from domain import periods
from domain.problems import Problem, Severity
from loaders.reports.catalog import Catalog, code_key, section_key, title_key
from loaders.reports.task_match import match_task
from loaders.reports.task_match import task_label as labelled
from loaders.reports.vocabulary import PROGRESS_LABELS, TEMPLATE_CHOICES

_CHOICES = ", ".join(TEMPLATE_CHOICES)

ERRORS = (
    "task_missing",
    "task_unknown",
    "task_ambiguous",
    "unit_missing",
    "unit_unknown",
    "unit_ambiguous",
    "status_unknown",
    "status_missing",
    "date_bad",
    "date_range",
    "period_bad",
    "period_unknown",
    "period_none",
    "duplicate",
    "date_after_report",
    "date_before_directive",
)
"""Bit i of ``error_bits`` in ingest_resolve.sql is ERRORS[i]."""
WARNINGS = (
    "task_fuzzy",
    "code_unknown",
    "title_mismatch",
    "not_assigned",
    "date_ignored",
    "date_before_plan",
    "unit_close",
    "period_last",
    "date_in_sentence",
    "status_told",
    "done_undated",
)
"""Bit i of ``warning_bits`` in ingest_resolve.sql is WARNINGS[i]."""


def _bits(value: int, names: tuple[str, ...]) -> list[str]:
    return [name for i, name in enumerate(names) if value & (1 << i)]


def _candidates(row: dict, catalog: Catalog) -> list[int]:
    """The tasks a row's texts designate, for the "ambiguous" message."""
    index = catalog._task_index
    for kind, key in (("code", code_key(row["code_c"])), ("title", title_key(row["title_c"]))):
        if key and index.get((kind, key)):
            return sorted(index[(kind, key)])
    found = index.get(("section", section_key(row["code_c"] or row["title_c"])))
    return sorted(found) if found else list(match_task(row["title_c"] or "", catalog).ids)


def _periods(row: dict, catalog: Catalog) -> list[str]:
    return sorted(
        o.period
        for o in catalog.obligations
        if o.task_id == row["task_id"] and o.unit_id == row["unit_id"] and o.period
    )


_FIELD = {
    "task_missing": "task",
    "task_unknown": "task",
    "task_ambiguous": "task",
    "task_fuzzy": "task",
    "code_unknown": "code",
    "title_mismatch": "task",
    "unit_missing": "unit",
    "unit_unknown": "unit",
    "unit_ambiguous": "unit",
    "status_unknown": "status",
    "status_missing": "status",
    "date_bad": "date",
    "date_range": "date",
    "date_ignored": "date",
    "date_before_plan": "date",
    "date_after_report": "date",
    "date_before_directive": "date",
    "date_in_sentence": "status",
    "status_told": "result",
    "done_undated": "date",
    "period_bad": "period",
    "period_unknown": "period",
    "period_none": "period",
    "duplicate": "task",
    "not_assigned": "task",
    "unit_close": "unit",
    "period_last": "period",
}


def _units(ids: list[int] | None, catalog: Catalog) -> str:
    return ", ".join(n for n in (catalog.unit_name(i) for i in ids or []) if n)


def _message(code: str, row: dict, catalog: Catalog) -> tuple[str, str | None]:
    """(message, value shown) for one problem code on one resolved row."""
    task = catalog.task(row["task_id"]) if row["task_id"] is not None else None
    task_label = f"{task.code}" if task else "nhiệm vụ"
    unit = catalog.unit_name(row["unit_id"]) or row["unit_c"]
    task_value = row["code_c"] or row["title_c"]
    match code:
        case "task_missing":
            return (
                "Dòng có tình trạng nhưng không ghi nhiệm vụ. Hãy ghi mã nhiệm vụ (ví dụ "
                "NV01) hoặc tên nhiệm vụ như trong kế hoạch.",
                None,
            )
        case "task_unknown":
            return (
                f"Không tìm thấy nhiệm vụ này trong kế hoạch {catalog.plan_code}. Hãy ghi "
                "đúng mã nhiệm vụ (ví dụ NV01), số mục hoặc tên nhiệm vụ như trong mẫu báo "
                "cáo.",
                task_value,
            )
        case "task_ambiguous":
            found = [catalog.task(i) for i in _candidates(row, catalog)]
            listed = "; ".join(labelled(t) for t in found if t)
            return (
                f"Nhiệm vụ ghi ở đây khớp với nhiều nhiệm vụ của kế hoạch ({listed}). Hãy "
                "ghi mã nhiệm vụ, hoặc chọn nhiệm vụ đúng để ghi nhớ tên gọi này.",
                task_value,
            )
        case "unit_missing":
            return (
                "Không xác định được đơn vị báo cáo. Hãy ghi 'Đơn vị báo cáo: <tên đơn vị>' "
                "ở đầu báo cáo, thêm cột 'Đơn vị', hoặc chọn đơn vị khi tải lên.",
                None,
            )
        case "unit_unknown":
            return (
                "Đơn vị này không có trong danh mục đơn vị của kế hoạch. Hãy ghi đúng tên "
                "hoặc tên viết tắt của đơn vị (cán bộ có thể thêm tên gọi khác vào danh "
                "mục); không tự tạo đơn vị mới.",
                row["unit_c"],
            )
        case "unit_ambiguous":
            ids = sorted(catalog.unit_ids(row["unit_c"]))
            return (
                f"Tên đơn vị khớp với nhiều đơn vị ({_units(ids, catalog)}). "
                "Hãy ghi tên đầy đủ của đơn vị.",
                row["unit_c"],
            )
        case "status_unknown":
            return (
                f"Không hiểu tình trạng này. Hãy ghi một trong: {_CHOICES} (hoặc ghi ngày "
                "hoàn thành); xem bảng từ ngữ được chấp nhận.",
                row["status_c"],
            )
        case "status_missing":
            return (f"Dòng có kết quả nhưng thiếu tình trạng. Hãy ghi một trong: {_CHOICES}.", None)
        case "date_bad":
            return (
                "Ngày hoàn thành không đọc được. Hãy ghi theo dạng ngày/tháng/năm, ví dụ "
                "25/07/2019, hoặc nhập ô kiểu ngày.",
                row["date_c"],
            )
        case "date_range":
            return (
                "Ngày hoàn thành nằm ngoài khoảng hợp lý (2000-2100). Hãy kiểm tra lại.",
                row["date_c"] or row["status_c"],
            )
        case "period_bad":
            return (
                "Không hiểu kỳ báo cáo. Hãy ghi ví dụ 'Năm 2019', '6 tháng đầu năm 2020', "
                "'Quý III/2020' hoặc 'Tháng 7/2019'.",
                row["period_c"],
            )
        case "period_unknown":
            known = ", ".join(periods.label(p) for p in _periods(row, catalog))
            return (
                f"Kỳ báo cáo này không phải kỳ phải báo cáo của {task_label} (các kỳ: "
                f"{known or 'không có'}).",
                row["period_c"],
            )
        case "period_none":
            return (
                f"Không xác định được kỳ báo cáo của {task_label} (nhiệm vụ định kỳ) từ ngày "
                "hoàn thành hay ngày báo cáo. Hãy thêm cột 'Kỳ báo cáo'.",
                None,
            )
        case "duplicate":
            return (
                f"{task_label} của {unit} đã được báo cáo ở dòng {row['dup_first_row']}; mỗi "
                "nhiệm vụ chỉ ghi một dòng cho mỗi kỳ.",
                task_value,
            )
        case "task_fuzzy":
            label = labelled(task) if task else task_label
            return (
                f"«{row['title_c']}» được hiểu là {label}. Hãy kiểm tra; nếu đúng, có thể "
                "ghi nhớ tên gọi này cho các lần sau.",
                row["title_c"],
            )
        case "period_last":
            return (
                f"Ngày báo cáo {row['reported_on']:%d/%m/%Y} sau kỳ cuối của {task_label} "
                f"(nhiệm vụ định kỳ); dòng được tính vào kỳ cuối "
                f"{periods.label(row['period'])}. Nếu không đúng, hãy thêm cột 'Kỳ báo "
                "cáo'.",
                None,
            )
        case "unit_close":
            return (
                f"«{row['unit_c']}» được hiểu là {unit} (tên không khớp hoàn toàn với "
                "danh mục). Hãy kiểm tra.",
                row["unit_c"],
            )
        case "code_unknown":
            return (
                f"Mã nhiệm vụ không có trong kế hoạch; đã khớp theo tên là {task_label}.",
                row["code_c"],
            )
        case "title_mismatch":
            return (
                f"Mã nhiệm vụ và tên nhiệm vụ chỉ tới hai nhiệm vụ khác nhau; đã theo mã "
                f"{task_label}. Hãy kiểm tra.",
                row["title_c"],
            )
        case "not_assigned":
            return (
                f"{unit} không được giao {task_label} trong kế hoạch: dòng được lưu nhưng "
                "không tính vào tiến độ.",
                task_value,
            )
        case "date_ignored":
            return (
                "Tình trạng không phải 'hoàn thành' nên ngày ghi ở đây không được tính là "
                "ngày hoàn thành.",
                row["date_c"],
            )
        case "date_after_report":
            return (
                f"Ngày hoàn thành {row['completed_on']:%d/%m/%Y} sau ngày báo cáo "
                f"{row['reported_on']:%d/%m/%Y}: việc chưa thể xong sau ngày báo cáo. Hãy sửa "
                "ngày hoàn thành (hoặc ngày báo cáo) rồi gửi lại.",
                row["date_c"] or row["status_c"] or row["result_c"],
            )
        case "date_before_directive":
            return (
                f"Ngày hoàn thành {row['completed_on']:%d/%m/%Y} trước cả ngày "
                f"{row['earliest']:%d/%m/%Y} ({_earliest_what(catalog)}): không thể là việc "
                "thực hiện kế hoạch này. Hãy sửa ngày hoàn thành.",
                row["date_c"] or row["status_c"] or row["result_c"],
            )
        case "date_before_plan":
            return (
                f"Ngày hoàn thành {row['completed_on']:%d/%m/%Y} trước ngày ban hành kế hoạch "
                f"{catalog.plan_code} ({row['plan_on']:%d/%m/%Y}); đã ghi nhận (việc có thể "
                "làm theo kế hoạch trước). Hãy kiểm tra.",
                row["date_c"] or row["status_c"],
            )
        case "date_in_sentence":
            return (
                f"Ngày hoàn thành {row['completed_on']:%d/%m/%Y} đọc từ câu «"
                f"{row['status_c'] or row['result_c']}» (cột Ngày hoàn thành để trống). Hãy "
                "kiểm tra.",
                row["status_c"] or row["result_c"],
            )
        case "done_undated":
            return (
                "Dòng ghi đã hoàn thành nhưng không ghi ngày hoàn thành: sẽ được tính là xong "
                f"vào ngày báo cáo {row['reported_on']:%d/%m/%Y}. Nếu không đúng, hãy ghi ngày "
                "hoàn thành.",
                row["status_c"],
            )
        case "status_told":
            label = PROGRESS_LABELS.get(row["progress"] or "", "")
            return (
                f"Dòng không ghi tình trạng bằng từ quen dùng; theo câu «"
                f"{row['status_c'] or row['result_c']}» đã hiểu là «{label}». Hãy kiểm tra.",
                row["status_c"] or row["result_c"],
            )
    return (code, None)


def _earliest_what(catalog: Catalog) -> str:
    if catalog.directive_on is not None:
        return "ngày ban hành chỉ thị mà kế hoạch thực hiện"
    return "một năm trước ngày ban hành kế hoạch"


def row_problems(row: dict, ref, catalog: Catalog) -> list[Problem]:
    """The located problems of one resolved row (`ref` is a normalize.SheetRef)."""
    found = []
    kinds: tuple[tuple[Severity, str, tuple[str, ...]], ...] = (
        ("error", "error_bits", ERRORS),
        ("warning", "warning_bits", WARNINGS),
    )
    for severity, key, names in kinds:
        for code in _bits(row[key] or 0, names):
            message, value = _message(code, row, catalog)
            sheet, line, column = ref.sheet, row["row_no"], _column(code, row, ref)
            if _FIELD.get(code) == "unit" and ref.unit_source in (
                "title",
                "form",
                "file",
                "letterhead",
            ):
                if ref.unit_source in ("form", "file") or ref.unit_at is None:
                    sheet, line, column = None, None, None
                else:
                    line, column = ref.unit_at
                    message += " (đơn vị lấy từ dòng tiêu đề)"
            found.append(Problem(ref.file, sheet, line, column, value, message, severity))
    # One title-block unit problem is reported once, not on every row.
    return found


def _column(code: str, row: dict, ref) -> str | None:
    field = _FIELD.get(code)
    if row["cell_col"] and field in ("task", "code", "status", "date"):
        return row["cell_col"]
    letters = ref.letters
    if field == "task":
        if row["code_c"] and letters.get("code"):
            return letters["code"]
        return letters.get("title") or letters.get("section") or letters.get("code")
    if field == "code":
        return letters.get("code")
    return letters.get(field)
