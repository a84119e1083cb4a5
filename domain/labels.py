"""Column ids and the Vietnamese headers people see: the one table of them.

Views return frames keyed by stable snake_case ids (``unit_name``, ``done_on_time_pct``);
pages, charts and exports put the headers on at the edge, with :func:`header` or
:func:`labelled`. The status count columns are the status codes, headed by their labels
(:mod:`domain.status`). Technical columns (:data:`HIDDEN`) are kept for colouring
rows and drilling down, never shown or written.
"""

from __future__ import annotations

from domain import status

HEADERS: dict[str, str] = {
    "plan": "Kế hoạch",
    "plan_title": "Tên kế hoạch",
    "province": "Tỉnh",
    "issued_on": "Ngày ban hành",
    "unit_name": "Đơn vị",
    "group_label": "Nhóm đơn vị",
    "section": "Mục",
    "task_code": "Mã",
    "task": "Nhiệm vụ",
    "deadline_text": "Thời hạn",
    "due_on": "Hạn",
    "period": "Kỳ",
    "completed_on": "Ngày hoàn thành",
    "status_label": "Tình trạng",
    "result_text": "Kết quả",
    "note": "Ghi chú",
    "file_name": "Tệp báo cáo",
    "reported_on": "Ngày báo cáo",
    "days_late": "Số ngày quá hạn",
    "most_days_late": "Quá hạn lâu nhất (ngày)",
    "due_text": "Quá hạn / còn",
    "emails": "E-mail",
    "head": "Thủ trưởng",
    "address": "Địa chỉ",
    "reminded": "Đã nhắc",
    "letter_number": "Số công văn",
    "result_label": "Kết quả gửi",
    "made_at": "Lúc soạn, gửi",
    "made_by": "Người thực hiện",
    "recipients": "Gửi đến",
    "detail": "Chi tiết",
    "rank": "Hạng",
    "total": "Tổng số",
    **status.LABELS,
    "done_pct": "% hoàn thành",
    "done_on_time_pct": "% đúng hạn",
    "day": "Tính đến ngày",
    "obligations": "Nghĩa vụ",
    "done": "Đã hoàn thành",
    "uploaded_at": "Ngày tải lên",
    "uploaded_by": "Người tải lên",
    "unit_rows": "Số dòng của đơn vị",
    "row_count": "Số dòng",
    "review_label": "Duyệt",
    "review_reason": "Lý do trả lại",
    "reviewed_by": "Người duyệt",
    "reviewed_at": "Lúc duyệt",
    "happened_at": "Lúc",
    "login": "Tài khoản",
    "role_label": "Vai trò",
    "origin_label": "Từ đâu",
    "action_label": "Thao tác",
    "object_kind": "Đối tượng",
    "object_key": "Mã đối tượng",
    "before_json": "Trước",
    "after_json": "Sau",
    "withdrawn": "Đã rút",
    "sheet": "Trang tính",
    "row_no": "Dòng",
    "raw_status": "Tình trạng ghi trong báo cáo",
    "progress_label": "Được tính là",
    "report_state": "Hiệu lực",
    "alias_id": "Số",
    "alias": "Tên gọi",
    "target": "Chỉ",
    "target_name": "Tên trong danh mục",
    "added_by": "Người ghi",
    "added_at": "Lúc ghi",
}
"""Column id -> Vietnamese header, for every column a view returns that people see."""

HIDDEN = ("status", "unit_id", "task_id", "report_id", "audit_id")
"""Technical columns: codes and ids, dropped by :func:`visible`."""

PERCENTS = ("done_pct", "done_on_time_pct")
"""0-100 with one decimal; shown "26,4%", written as numbers."""

PERCENT_NOTE = (
    "«% hoàn thành» và «% đúng hạn» tính trên tổng số nghĩa vụ đã phát sinh đến ngày xem số "
    "liệu: mỗi nhiệm vụ một nghĩa vụ cho mỗi đơn vị được giao; nhiệm vụ thường xuyên, định kỳ "
    "mỗi kỳ báo cáo đã bắt đầu một nghĩa vụ. «% hoàn thành» gồm cả hoàn thành quá hạn."
)
"""What the two percentages count: the one sentence every page, workbook and draft that
shows them carries, so one label means one figure everywhere."""

DATES = ("issued_on", "day", "due_on", "completed_on", "reported_on")
"""Dates (pandas datetimes, NaT when missing), shown dd/mm/yyyy."""

COUNTS = (
    "total",
    *status.CODES,
    "days_late",
    "most_days_late",
    "obligations",
    "done",
    "rank",
    "unit_rows",
    "row_count",
)
"""Whole numbers (nullable where a value can be missing, as ``days_late``)."""


def header(column: str) -> str:
    """The Vietnamese header of column id `column`; raises KeyError for an id not in
    :data:`HEADERS` (a view returned a column nobody named)."""
    return HEADERS[column]


def visible(frame):
    """`frame` without its technical columns (what a person should see or download)."""
    return frame.drop(columns=[c for c in HIDDEN if c in frame.columns])


def labelled(frame):
    """`frame`'s visible columns under their Vietnamese headers, in the same order."""
    shown = visible(frame)
    return shown.rename(columns={c: header(c) for c in shown.columns})
