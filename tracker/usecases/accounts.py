"""User accounts, managed by a quản trị: add, change role and units, reset the password,
disable or enable. Every change is checked against the acting user's role and audited
with the account before and after (never a password or its hash).

Passwords are hashed with argon2id at OWASP's minimum for it (:data:`HASH_PARAMETERS`: 19 MiB,
two passes, one lane); a hash made with other parameters (argon2-cffi's defaults, say)
is remade with these at the account's next sign-in
(:func:`tracker.usecases.sign_in.sign_in`).
A unit account (đơn vị) must report for at least one unit; the last active quản trị can be
neither disabled nor given another role, so an office cannot lock itself out.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime

from argon2 import PasswordHasher
from argon2.profiles import RFC_9106_LOW_MEMORY

from domain.access import ROLE_LABELS, Action, Actor, Role
from domain.errors import TrackerError
from domain.text import clean
from store import accounts as stored
from store.aliases import units_named
from store.database import Store, Writer
from store.settings import is_demo, unmark_demo
from tracker.usecases.acting import acting

__all__ = [
    "AccountRefused",
    "add_user",
    "change_role",
    "hasher",
    "listed",
    "set_active",
    "set_password",
    "unit_ids_named",
]

MIN_PASSWORD = 8
DEMO_PREFIX = "demo."  # the demo's accounts (tracker.usecases.demo), public password and all
HASH_PARAMETERS = replace(RFC_9106_LOW_MEMORY, time_cost=2, memory_cost=19 * 1024, parallelism=1)
"""argon2id as OWASP's Password Storage Cheat Sheet sets its minimum (m=19 MiB, t=2, p=1):
still memory-hard (19 MiB a guess), a fraction of argon2-cffi's defaults (64 MiB, three
passes, four lanes) in front of every sign-in (figures: docs/benchmarks.md)."""
hasher = PasswordHasher.from_parameters(HASH_PARAMETERS)


class AccountRefused(TrackerError, ValueError):
    """Why an account change is refused (Vietnamese, for the user); nothing was written."""


def listed(store: Store):
    """Every account (no password hashes), for the users page and ``user list``."""
    return stored.list_accounts(store)


def unit_ids_named(store: Store, names: list[str]) -> tuple[int, ...]:
    """The unit ids of `names` (any spelling of a registered unit, one unit each)."""
    ids = []
    for name in names:
        found = units_named(store, name)
        if len(found) != 1:
            what = "trùng tên ở nhiều tỉnh" if found else "không có trong danh mục"
            raise AccountRefused(f"Đơn vị «{name}» {what}.")
        ids.append(int(found[0][0]))
    return tuple(sorted(set(ids)))


def _record(account: stored.Account | None) -> dict | None:
    """What the audit trail keeps of an account: never the password or its hash."""
    if account is None:
        return None
    return {
        "login": account.login,
        "display_name": account.display_name,
        "email": account.email,
        "role": account.role,
        "units": list(account.unit_ids),
        "active": account.active,
    }


def _check_password(login: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountRefused(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    if password.casefold() == login.casefold():
        raise AccountRefused("Mật khẩu không được trùng tên đăng nhập.")


def _check_units(role: Role, unit_ids: tuple[int, ...]) -> tuple[int, ...]:
    if role is Role.DON_VI and not unit_ids:
        raise AccountRefused("Tài khoản đơn vị phải gắn với ít nhất một đơn vị (--unit).")
    return unit_ids if role is Role.DON_VI else ()


def _existing(store: Store, login: str) -> stored.Account:
    account = stored.find(store, login)
    if account is None:
        raise AccountRefused(f"Không có tài khoản «{login}».")
    return account


def _keeps_an_admin(store: Store, account: stored.Account, role: str, active: bool) -> None:
    if account.role != Role.QUAN_TRI or not account.active:
        return
    if role == Role.QUAN_TRI and active:
        return
    frame = stored.list_accounts(store)
    admins = frame[(frame["role"] == Role.QUAN_TRI.value) & frame["active"]]
    if len(admins) <= 1:
        raise AccountRefused(
            f"«{account.login}» là quản trị cuối cùng còn hoạt động: hãy tạo quản trị khác trước."
        )


def add_user(
    store: Store,
    actor: Actor,
    login: str,
    role: Role,
    password: str | None,
    unit_ids: tuple[int, ...] = (),
    *,
    email: str | None = None,
    display_name: str = "",
) -> None:
    """Create an account. `password` None makes an account that signs in only through the
    OpenID Connect provider (found by `email`). AccountRefused for a bad login, a login or
    e-mail in use, a short password, a unit account without units."""
    login = unicodedata.normalize("NFC", login.strip())
    if not login or any(c.isspace() for c in login):
        raise AccountRefused("Tên đăng nhập không được trống hay có khoảng trắng.")
    email = clean(email or "").lower() or None
    if password is None and email is None:
        raise AccountRefused("Cần mật khẩu, hoặc e-mail để đăng nhập qua nhà cung cấp định danh.")
    if password is not None:
        _check_password(login, password)
    unit_ids = _check_units(role, unit_ids)
    if stored.find(store, login) is not None:
        raise AccountRefused(f"Tên đăng nhập «{login}» đã có.")
    if email and stored.find(store, email=email) is not None:
        raise AccountRefused(f"E-mail «{email}» đã gắn với tài khoản khác.")
    with acting(store, actor, Action.USERS, "account", login) as act:
        act.action = "user_add"
        stored.insert(
            act.tx,
            login,
            role.value,
            hasher.hash(password) if password is not None else None,
            unit_ids,
            display_name=clean(display_name),
            email=email,
        )
        act.after = _record(stored.find(store, login))
        if is_demo(store) and role is Role.QUAN_TRI and not login.startswith(DEMO_PREFIX):
            act.after["demo_accounts_disabled"] = _retire_demo(store, act.tx)


def sign_in_required(store: Store) -> bool:
    """Whether anyone must sign in: the database has an active account (a database without
    one, a fresh or a demo-less one, opens as it is)."""
    return stored.active_count(store) > 0


def demo_offered(store: Store) -> bool:
    """Whether the sign-in page may offer the demo accounts: on a demo database while they
    are its only active accounts."""
    return is_demo(store) and only_demo_accounts(store)


def only_demo_accounts(store: Store) -> bool:
    """Whether every active account is one of the demo's: only then may the sign-in page
    offer them (a database that has a real account never does)."""
    frame = stored.list_accounts(store)
    active = frame.loc[frame["active"].astype(bool), "login"].astype(str)
    return bool(len(active)) and bool(active.str.startswith(DEMO_PREFIX).all())


def _retire_demo(store: Store, tx: Writer) -> list[str]:
    """A real quản trị on the demo's database: the demo accounts (whose password is public)
    are disabled, and the database is no longer the demo's. Only then, so that the office
    is never left without an active quản trị."""
    retired = []
    for account in stored.list_accounts(store).itertuples():
        if str(account.login).startswith(DEMO_PREFIX) and bool(account.active):
            found = stored.find(store, str(account.login))
            assert found is not None
            stored.update(tx, replace(found, active=False))
            _end_sessions(tx, found.account_id)
            retired.append(found.login)
    unmark_demo(tx)
    return retired


def set_password(store: Store, actor: Actor, login: str, password: str) -> None:
    """Give the account a new password (which also lifts every lock of its login and ends
    its sessions, open pages included)."""
    account = _existing(store, login)
    _check_password(login, password)
    with acting(store, actor, Action.USERS, "account", login) as act:
        act.action = "user_passwd"
        stored.set_password_hash(act.tx, account.account_id, hasher.hash(password))
        stored.set_attempts(act.tx, account.account_id, 0, None)
        stored.clear_attempts(act.tx, stored.login_key(login))
        _end_sessions(act.tx, account.account_id)
        act.after = {"password": "đã đổi"}


def change_role(
    store: Store, actor: Actor, login: str, role: Role, unit_ids: tuple[int, ...] = ()
) -> None:
    """Give the account another role (and, for a unit account, its units)."""
    account = _existing(store, login)
    unit_ids = _check_units(role, unit_ids)
    _keeps_an_admin(store, account, role.value, account.active)
    changed = replace(account, role=role.value, unit_ids=unit_ids)
    _save(store, actor, account, changed, "user_role")


def set_active(store: Store, actor: Actor, login: str, active: bool) -> None:
    """Disable an account (it can no longer sign in; its sessions end) or enable it again."""
    account = _existing(store, login)
    _keeps_an_admin(store, account, account.role, active)
    changed = replace(account, active=active)
    _save(store, actor, account, changed, "user_enable" if active else "user_disable")


def _save(
    store: Store, actor: Actor, account: stored.Account, changed: stored.Account, what: str
) -> None:
    with acting(
        store, actor, Action.USERS, "account", account.login, before=_record(account)
    ) as act:
        act.action = what
        stored.update(act.tx, changed)
        if (
            not changed.active
            or changed.role != account.role
            or changed.unit_ids != account.unit_ids
        ):
            _end_sessions(act.tx, account.account_id)
        act.after = _record(stored.find(store, account.login))


def _end_sessions(tx: Writer, account_id: int) -> None:
    """Every session of the account ends: cookies at once, open pages at their next run
    (the credential version they carry is no longer the account's)."""
    stored.bump_credentials(tx, account_id)
    stored.end_sessions(tx, datetime.now(), account_id=account_id)


def role_label(role: str) -> str:
    """The Vietnamese name of a stored role."""
    return ROLE_LABELS[Role(role)]
