"""Accounts, the units a unit account reports for, sign-in sessions and the cookie secret.

Only hashes are kept: the password's (argon2id, made in :mod:`tracker.usecases.accounts`)
and the session token's (SHA-256). No read here returns a password hash except
:func:`find`, which the sign-in needs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from store.database import Store, Writer


@dataclass(frozen=True)
class Account:
    account_id: int
    login: str
    display_name: str
    email: str | None
    role: str
    password_hash: str | None
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    unit_ids: tuple[int, ...]
    credential_version: int = 0


def find(
    store: Store,
    login: str | None = None,
    *,
    email: str | None = None,
    account_id: int | None = None,
) -> Account | None:
    """The account with that login, e-mail (any case) or id; None if there is none."""
    rows = store.rows("account_find", login=login, email=email, account_id=account_id)
    if len(rows) != 1:
        return None
    row = rows[0]
    return Account(
        account_id=row[0],
        login=row[1],
        display_name=row[2],
        email=row[3],
        role=row[4],
        password_hash=row[5],
        active=bool(row[6]),
        failed_attempts=int(row[7]),
        locked_until=row[8],
        unit_ids=tuple(row[9] or ()),
        credential_version=int(row[10]),
    )


def list_accounts(store: Store) -> pd.DataFrame:
    """Every account (login, display name, e-mail, role, active, failures, lock, units)."""
    return store.frame("account_list")


def active_count(store: Store) -> int:
    """How many accounts may sign in; with none, the app asks nobody to."""
    return int(store.scalar("account_count"))


def insert(
    tx: Writer,
    login: str,
    role: str,
    password_hash: str | None,
    unit_ids: tuple[int, ...] = (),
    *,
    display_name: str = "",
    email: str | None = None,
) -> int:
    """A new account; its id."""
    account_id = tx.run(
        "account_insert",
        login=login,
        display_name=display_name,
        email=email,
        role=role,
        password_hash=password_hash,
        created_at=datetime.now(),
    )[0][0]
    bind_units(tx, account_id, unit_ids)
    return account_id


def bind_units(tx: Writer, account_id: int, unit_ids: tuple[int, ...]) -> None:
    """Make `unit_ids` the units the account reports for (replacing the old ones)."""
    tx.run("account_units_delete", account_id=account_id)
    tx.run_many("account_unit_insert", [{"account_id": account_id, "unit_id": u} for u in unit_ids])


def update(tx: Writer, account: Account) -> None:
    """Write the account's role, display name, e-mail and active flag, and its units."""
    tx.run(
        "account_update",
        account_id=account.account_id,
        role=account.role,
        display_name=account.display_name,
        email=account.email,
        active=account.active,
    )
    bind_units(tx, account.account_id, account.unit_ids)


def set_password_hash(tx: Writer, account_id: int, password_hash: str) -> None:
    tx.run("account_password_set", account_id=account_id, password_hash=password_hash)


def set_attempts(
    tx: Writer, account_id: int, failed_attempts: int, locked_until: datetime | None
) -> None:
    tx.run(
        "account_attempts_set",
        account_id=account_id,
        failed_attempts=failed_attempts,
        locked_until=locked_until,
    )


def bump_credentials(tx: Writer, account_id: int) -> int:
    """End every session of the account at its next run: its new credential version."""
    return int(tx.run("account_credential_bump", account_id=account_id)[0][0])


@dataclass(frozen=True)
class Count:
    """Failed sign-ins of one login from one source, this attempt counted in."""

    failed: int
    locked_until: datetime | None


def count_attempt(
    tx: Writer,
    login_key: str,
    source: str,
    now: datetime,
    *,
    most: int,
    lock_until: datetime,
    stale_before: datetime,
) -> Count:
    """Count an attempt as failed before its password is checked (one statement: attempts
    sent together each get their own number); see ``sql/sign_in_failure_reserve.sql``."""
    failed, locked_until = tx.run(
        "sign_in_failure_reserve",
        login_key=login_key,
        source=source,
        now=now,
        most=most,
        lock_until=lock_until,
        stale_before=stale_before,
    )[0]
    return Count(int(failed), locked_until)


def login_key(login: str) -> str:
    """The key failed sign-ins of `login` are counted under: its SHA-256, so what was typed
    is never kept (it may be a password typed in the wrong box)."""
    return hashlib.sha256(login.encode("utf-8")).hexdigest()


def clear_attempts(tx: Writer, login_key: str, source: str | None = None) -> None:
    """Forget the failures of a login from `source` (every source when None)."""
    tx.run("sign_in_failure_clear", login_key=login_key, source=source)


# -- sessions ----------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_token(
    tx: Writer,
    token: str,
    account_id: int,
    kind: str,
    expires_at: datetime,
    bound_to: str | None = None,
) -> None:
    """Keep the hash of a new ticket (bound to a browser) or session token."""
    tx.run(
        "session_insert",
        token_hash=token_hash(token),
        account_id=account_id,
        kind=kind,
        created_at=datetime.now(),
        expires_at=expires_at,
        bound_to=bound_to,
    )


def take_ticket(tx: Writer, ticket: str, now: datetime, bound_to: str) -> int | None:
    """Use a one-time ticket from the browser it was bound to: its account id, or None if
    unknown, used, expired or another browser's."""
    found = tx.run("session_take", token_hash=token_hash(ticket), now=now, bound_to=bound_to)
    return found[0][0] if found else None


def session_account(store: Store, token: str, now: datetime) -> int | None:
    """The account id of a live session token, or None."""
    return store.scalar("session_account", token_hash=token_hash(token), now=now)


def end_sessions(
    tx: Writer, now: datetime, *, token: str | None = None, account_id: int | None = None
) -> None:
    """End one session (sign-out) or every session of an account."""
    tx.run(
        "session_end",
        now=now,
        token_hash=token_hash(token) if token else None,
        account_id=account_id,
    )


def secret(store: Store, name: str, make: str) -> str:
    """The database's secret `name`, stored as `make` the first time it is asked for."""
    found = store.scalar("secret_get", name=name)
    if found is None:
        with store.write(data=False) as tx:  # no page shows it
            tx.run("secret_put", name=name, value=make)
        found = store.scalar("secret_get", name=name)
    return str(found)
