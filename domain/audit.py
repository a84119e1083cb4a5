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
    "sign_out": "Đăng xuất",
    "user_add": "Thêm tài khoản",
    "user_passwd": "Đặt lại mật khẩu",
    "user_role": "Đổi vai trò, đơn vị của tài khoản",
    "user_enable": "Mở lại tài khoản",
    "user_disable": "Khoá tài khoản",
    "alias_forget": "Bỏ tên gọi ghi nhớ",
    "plan_archive": "Lưu trữ kế hoạch",
    "plan_unarchive": "Thôi lưu trữ kế hoạch",
    "plan_delete": "Xoá kế hoạch",
}
"""Recorded action -> its Vietnamese name; an action not listed shows as recorded."""

KIND_LABELS = {
    "account": "Tài khoản",
    "report": "Báo cáo",
    "plan": "Kế hoạch",
    "setting": "Cài đặt",
    "alias": "Tên gọi ghi nhớ",
    "database": "Cơ sở dữ liệu",
    "store": "Cơ sở dữ liệu",
    "units": "Đơn vị",
    "unit": "Đơn vị",
    "reminder": "Đôn đốc",
}
"""Recorded object kind -> its Vietnamese name."""

SETTING_LABELS = {
    "review_unit_uploads": "Báo cáo của tài khoản đơn vị phải được duyệt",
    "due_soon_days": "Số ngày báo trước «sắp đến hạn»",
}

FIELD_LABELS = {
    "login": "Tài khoản",
    "display_name": "Tên hiển thị",
    "email": "Thư điện tử",
    "role": "Vai trò",
    "units": "Đơn vị (mã)",
    "active": "Đang hoạt động",
    "via": "Cách đăng nhập",
    "file": "Tệp",
    "unit_id": "Đơn vị (mã)",
    "report_id": "Báo cáo số",
    "report_ids": "Báo cáo số",
    "reported_on": "Ngày báo cáo",
    "review_state": "Trạng thái duyệt",
    "reason": "Lý do",
    "archived": "Lưu trữ",
    "withdrawn": "Đã rút",
    "withdrawn_by": "Người rút",
    "plan": "Kế hoạch",
    "value": "Giá trị",
    "title": "Tên",
    "name": "Tên",
    "short_name": "Tên viết tắt",
    "code": "Số hiệu",
    "group_code": "Nhóm",
    "province": "Tỉnh",
}
"""Keys of recorded values -> Vietnamese names; a key not listed shows as recorded."""

_WORDS = {
    "password": "mật khẩu",
    "oidc": "đăng nhập một lần (OIDC)",
    "cho_duyet": "Chờ duyệt",
    "da_duyet": "Đã duyệt",
    "tra_lai": "Trả lại",
}
_HIDDEN_KEYS = {"sha256"}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def object_label(kind: str, key: str) -> str:
    """The object's key as people name it: a setting by its Vietnamese name."""
    return SETTING_LABELS.get(key, key) if kind == "setting" else key


def _scalar(value, key: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if key == "role":
        return role_label(str(value))
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        try:
            return vn_date(date.fromisoformat(text))
        except ValueError:
            return text
    return _WORDS.get(text, text)


def value_text(value, key: str = "") -> str:
    """A recorded before/after value (parsed JSON) in one readable Vietnamese line: no
    "true", no "None", no braces; a list of uploaded files as their count and names."""
    if isinstance(value, dict):
        return "; ".join(
            f"{FIELD_LABELS.get(k, k)}: {value_text(v, k)}"
            for k, v in value.items()
            if k not in _HIDDEN_KEYS and v not in (None, "", [])
        )
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "file" in v for v in value):
            names = ", ".join(str(v["file"]) for v in value[:5])
            more = f" và {len(value) - 5} tệp khác" if len(value) > 5 else ""
            return f"{len(value)} tệp: {names}{more}"
        return ", ".join(value_text(v, key) for v in value)
    return _scalar(value, key)


def changes(before, after) -> list[tuple[str, str, str]]:
    """(field, before, after) of two recorded values (parsed JSON), every field of either
    once, in the order recorded; a value that is not a dict is one row "Giá trị"."""
    if not isinstance(before, dict) and not isinstance(after, dict):
        return [(FIELD_LABELS["value"], value_text(before), value_text(after))]
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    keys = [k for k in [*before, *after] if k not in _HIDDEN_KEYS]
    return [
        (FIELD_LABELS.get(k, k), value_text(before.get(k), k), value_text(after.get(k), k))
        for k in dict.fromkeys(keys)
    ]


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
