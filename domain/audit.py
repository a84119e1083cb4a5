"""The audit trail as people read it: what each recorded action is called, where it came
from, and the filter a quản trị browses it with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.access import ROLE_LABELS, Action, Role
from domain.text import vn_date

ACTION_LABELS: dict[str, str] = {
    Action.UPLOAD.value: "Tải báo cáo lên",
    Action.WITHDRAW.value: "Rút báo cáo",
    Action.REINSTATE.value: "Khôi phục báo cáo",
    "await_review": "Đưa báo cáo vào chờ duyệt",
    "approve": "Duyệt báo cáo",
    "return": "Trả lại báo cáo",
    Action.PLANS.value: "Kế hoạch",
    Action.UNITS.value: "Đơn vị",
    Action.ALIASES.value: "Tên gọi ghi nhớ",
    Action.REMINDERS.value: "Đôn đốc",
    Action.SETTINGS.value: "Cài đặt",
    Action.USERS.value: "Tài khoản và quyền",
    Action.BACKUP.value: "Sao lưu",
    Action.RESTORE.value: "Khôi phục dữ liệu",
    Action.SIGN_IN.value: "Đăng nhập",
    "sign_in_failed": "Đăng nhập thất bại",
}
"""Recorded action -> its Vietnamese name; an action not listed shows as recorded."""

ORIGIN_LABELS = {"app": "Ứng dụng", "cli": "Dòng lệnh"}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def role_label(role: str) -> str:
    try:
        return ROLE_LABELS[Role(role)]
    except ValueError:
        return role


def origin_label(origin: str) -> str:
    return ORIGIN_LABELS.get(origin, origin)


@dataclass(frozen=True)
class AuditQuery:
    """Which audit rows to show: empty tuples and None mean "all"; `key` is part of the
    object's key (any case); the days are inclusive."""

    logins: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    key: str = ""
    from_day: date | None = None
    to_day: date | None = None

    def describe(self) -> str:
        """The filter in one Vietnamese line, for an export's header."""
        parts = []
        if self.logins:
            parts.append("Tài khoản: " + ", ".join(self.logins))
        if self.actions:
            parts.append("Thao tác: " + ", ".join(action_label(a) for a in self.actions))
        if self.kinds:
            parts.append("Đối tượng: " + ", ".join(self.kinds))
        if self.key:
            parts.append(f"Mã đối tượng có «{self.key}»")
        if self.from_day or self.to_day:
            since = vn_date(self.from_day) if self.from_day else "…"
            until = vn_date(self.to_day) if self.to_day else "…"
            parts.append(f"Từ {since} đến {until}")
        return "; ".join(parts) or "không (toàn bộ nhật ký)"


EVERYTHING = AuditQuery()
"""The query without any filter."""
