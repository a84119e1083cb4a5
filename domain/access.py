"""Who may do what: the four roles, the actions a use case checks, and the acting user.

The rule lives here once; use cases call :func:`require` where the work is done (pages only
hide what a role cannot use). An :class:`Actor` of role ``don_vi`` is bound to its units:
:func:`require` with a ``unit_id`` outside them is refused like a missing permission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from domain.errors import TrackerError


class Role(StrEnum):
    LANH_DAO = "lanh_dao"
    CAN_BO = "can_bo"
    DON_VI = "don_vi"
    QUAN_TRI = "quan_tri"


ROLE_LABELS: dict[Role, str] = {
    Role.LANH_DAO: "Lãnh đạo",
    Role.CAN_BO: "Cán bộ",
    Role.DON_VI: "Đơn vị",
    Role.QUAN_TRI: "Quản trị",
}


class Action(StrEnum):
    """What a use case does; the audit trail records the same names."""

    BROWSE = "browse"  # every Theo dõi page
    EXPORT = "export"
    UPLOAD = "upload"  # a report file (an own-unit file for don_vi)
    WITHDRAW = "withdraw"
    REINSTATE = "reinstate"
    REVIEW = "review"  # approve or return a unit's upload
    PLANS = "plans"  # create, edit, archive, delete a plan
    UNITS = "units"
    ALIASES = "aliases"
    REMINDERS = "reminders"
    SETTINGS = "settings"
    OWN_UNIT = "own_unit"  # the «Báo cáo của đơn vị» page: own obligations, template, history
    USERS = "users"
    AUDIT = "audit"  # read and export the audit trail
    BACKUP = "backup"
    RESTORE = "restore"
    SIGN_IN = "sign_in"  # recorded only: anyone may try


ACTION_NAMES: dict[Action, str] = {
    Action.BROWSE: "xem số liệu của mọi đơn vị",
    Action.EXPORT: "xuất báo cáo",
    Action.UPLOAD: "tải báo cáo lên",
    Action.WITHDRAW: "rút báo cáo",
    Action.REINSTATE: "khôi phục báo cáo",
    Action.REVIEW: "duyệt báo cáo",
    Action.PLANS: "quản lý kế hoạch",
    Action.UNITS: "quản lý đơn vị",
    Action.ALIASES: "quản lý tên gọi ghi nhớ",
    Action.REMINDERS: "đôn đốc",
    Action.SETTINGS: "đổi cài đặt",
    Action.OWN_UNIT: "xem và nộp báo cáo của đơn vị",
    Action.USERS: "quản lý tài khoản",
    Action.AUDIT: "xem nhật ký",
    Action.BACKUP: "sao lưu",
    Action.RESTORE: "khôi phục dữ liệu",
    Action.SIGN_IN: "đăng nhập",
}
"""What a refusal names (never the code the audit trail records, e.g. «browse»)."""

_LEADER = frozenset({Action.BROWSE, Action.EXPORT})
_STAFF = _LEADER | {
    Action.UPLOAD,
    Action.WITHDRAW,
    Action.REINSTATE,
    Action.REVIEW,
    Action.PLANS,
    Action.UNITS,
    Action.ALIASES,
    Action.REMINDERS,
    Action.SETTINGS,
}
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.LANH_DAO: _LEADER,
    Role.CAN_BO: frozenset(_STAFF),
    Role.DON_VI: frozenset({Action.OWN_UNIT, Action.UPLOAD}),
    Role.QUAN_TRI: frozenset(_STAFF | {Action.USERS, Action.AUDIT, Action.BACKUP, Action.RESTORE}),
}


@dataclass(frozen=True)
class Actor:
    """The user a use case acts for. `origin` is "app" or "cli"; `unit_ids` binds a
    ``don_vi`` account to its units (empty for every other role)."""

    login: str
    role: Role
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    origin: str = "app"

    @property
    def label(self) -> str:
        return f"{self.login} ({ROLE_LABELS[self.role]})"


class Forbidden(TrackerError, PermissionError):
    """`actor` may not do `action` (on `unit_id`, for a unit account)."""

    def __init__(self, actor: Actor, action: Action, unit_id: int | None = None) -> None:
        what = f" cho đơn vị {unit_id}" if unit_id is not None else ""
        super().__init__(
            f"Tài khoản {actor.label} không có quyền {ACTION_NAMES.get(action, action.value)}"
            f"{what}. "
            "Hãy nhờ quản trị cấp quyền, hoặc đăng nhập bằng tài khoản khác."
        )
        self.actor = actor
        self.action = action
        self.unit_id = unit_id


def allows(actor: Actor, action: Action, unit_id: int | None = None) -> bool:
    """True if `actor`'s role grants `action`, and, for a unit account, `unit_id` is its own."""
    if action not in PERMISSIONS[actor.role]:
        return False
    if actor.role is Role.DON_VI and unit_id is not None:
        return unit_id in actor.unit_ids
    return True


def require(actor: Actor, action: Action, unit_id: int | None = None) -> None:
    """Raise :class:`Forbidden` unless :func:`allows`."""
    if not allows(actor, action, unit_id):
        raise Forbidden(actor, action, unit_id)
