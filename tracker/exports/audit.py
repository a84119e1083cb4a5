"""The audit trail as a .xlsx: one sheet under a header block (title, when made, filter,
row count), through the same table writer as the summary workbook, so no recorded text
(a file name, a before/after value) can become a formula."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from openpyxl import Workbook

from domain.audit import AuditQuery
from tracker.exports.workbook import save, write_table


def audit_workbook(frame: pd.DataFrame, query: AuditQuery, made: datetime | None = None) -> bytes:
    """`frame` (:func:`tracker.views.audit.trail`) as a one-sheet workbook."""
    made = made or datetime.now().replace(microsecond=0)
    lines = [
        "Nhật ký thao tác",
        f"Lập lúc: {made.strftime('%H:%M ngày %d/%m/%Y')}",
        f"Bộ lọc: {query.describe()}",
        f"Số dòng: {len(frame)}",
    ]
    wb = Workbook(write_only=True)
    write_table(wb, "Nhật ký", frame, lines)
    return save(wb)


def audit_file_name(made: datetime | None = None) -> str:
    return f"nhat_ky_{(made or datetime.now()).strftime('%Y%m%d_%H%M')}.xlsx"
