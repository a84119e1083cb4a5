"""Signing in: a local password (argon2id, five failures in a row lock the account for a
while) or an e-mail vouched for by the OpenID Connect provider; then a session that
survives reloads through a signed cookie.

Every attempt, good or bad, appends an audit row. A failure says the same thing for an
unknown login and a wrong password (and costs the same hashing time), so the page does not
tell which logins exist. The cookie carries a random token signed with the database's
secret (itsdangerous, with the session's age); only the token's SHA-256 is stored, so a
copy of the database lets nobody in, and signing out or disabling the account ends it.
The one-time ticket is what the app page hands to the cookie route in the URL: it is
good for two minutes and once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from domain.access import Actor, Role
from domain.settings import MAX_FAILED_SIGN_INS, lockout_minutes, session_minutes
from store import accounts as stored
from store import audit
from store.database import Store
from tracker.usecases.accounts import hasher

__all__ = [
    "COOKIE",
    "SignIn",
    "actor_of",
    "redeem_ticket",
    "resume",
    "sign_in",
    "sign_in_email",
    "sign_out",
    "ticket_for",
]

COOKIE = "tracker_session"
TICKET_LIFE = timedelta(minutes=2)
WRONG = "Sai tên đăng nhập hoặc mật khẩu."


@cache
def _dummy_hash() -> str:
    """Verified against when there is no account, so a miss costs what a hit costs."""
    return hasher.hash("không phải mật khẩu của ai")


@dataclass(frozen=True)
class SignIn:
    """The outcome of an attempt: `actor` when signed in, else a Vietnamese `message`."""

    actor: Actor | None
    message: str = ""
    account_id: int | None = None


def actor_of(account: stored.Account, origin: str = "app") -> Actor:
    return Actor(account.login, Role(account.role), frozenset(account.unit_ids), origin)


def _audit(store: Store, login: str, role: str, origin: str, action: str, **after) -> None:
    with store.write() as tx:
        audit.append(tx, audit.Attempt(login, role, origin), action, "account", login, None, after)


def sign_in(
    store: Store, login: str, password: str, origin: str = "app", now: datetime | None = None
) -> SignIn:
    """Check a login and password; lock the account after five failures in a row."""
    now = now or datetime.now()
    login = login.strip()
    account = stored.find(store, login) if login else None
    if account is None or account.password_hash is None:
        _verify(_dummy_hash(), password)
        _audit(
            store,
            login,
            account.role if account else "",
            origin,
            "sign_in_failed",
            reason="unknown",
        )
        return SignIn(None, WRONG)
    if account.locked_until is not None and account.locked_until > now:
        _audit(store, login, account.role, origin, "sign_in_failed", reason="locked")
        return SignIn(None, _locked(account.locked_until))
    if not account.active:
        _verify(_dummy_hash(), password)
        _audit(store, login, account.role, origin, "sign_in_failed", reason="disabled")
        return SignIn(None, "Tài khoản này đã bị khoá. Hãy liên hệ quản trị.")
    if not _verify(account.password_hash, password):
        expired = account.locked_until is not None  # a lock that ran out starts a new count
        failures = (0 if expired else account.failed_attempts) + 1
        until = (
            now + timedelta(minutes=lockout_minutes()) if failures >= MAX_FAILED_SIGN_INS else None
        )
        with store.write() as tx:
            stored.set_attempts(tx, account.account_id, failures, until)
            audit.append(
                tx,
                audit.Attempt(login, account.role, origin),
                "sign_in_failed",
                "account",
                login,
                {"failed_attempts": account.failed_attempts},
                {"reason": "password", "failed_attempts": failures, "locked_until": until},
            )
        return SignIn(None, _locked(until) if until else WRONG)
    with store.write() as tx:
        stored.set_attempts(tx, account.account_id, 0, None)
        if hasher.check_needs_rehash(account.password_hash):
            stored.set_password_hash(tx, account.account_id, hasher.hash(password))
        audit.append(
            tx,
            audit.Attempt(login, account.role, origin),
            "sign_in",
            "account",
            login,
            None,
            {"via": "password"},
        )
    return SignIn(actor_of(account, origin), account_id=account.account_id)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _locked(until: datetime) -> str:
    return (
        f"Tài khoản tạm khoá đến {until:%H:%M} ngày {until:%d/%m/%Y} vì nhập sai mật khẩu "
        f"{MAX_FAILED_SIGN_INS} lần liên tiếp. Hãy thử lại sau, hoặc nhờ quản trị đặt lại mật khẩu."
    )


def sign_in_email(store: Store, email: str, origin: str = "app") -> SignIn:
    """The account the provider's e-mail claim names (st.login verified it)."""
    account = stored.find(store, email=email.strip()) if email.strip() else None
    if account is None or not account.active:
        reason = "unknown" if account is None else "disabled"
        _audit(
            store,
            email,
            account.role if account else "",
            origin,
            "sign_in_failed",
            reason=reason,
            via="oidc",
        )
        return SignIn(
            None,
            f"Địa chỉ e-mail «{email}» chưa có tài khoản đang hoạt động trong hệ thống. "
            "Hãy nhờ quản trị thêm tài khoản với e-mail này.",
        )
    _audit(store, account.login, account.role, origin, "sign_in", via="oidc", email=email)
    return SignIn(actor_of(account, origin), account_id=account.account_id)


# -- the session cookie --------------------------------------------------------------------


def _serializer(store: Store, secret: str | None) -> URLSafeTimedSerializer:
    key = secret or stored.secret(store, "cookie", secrets.token_urlsafe(32))
    return URLSafeTimedSerializer(key, salt="tracker-session")


def ticket_for(store: Store, account_id: int) -> str:
    """A one-time ticket (two minutes) that the cookie route exchanges for a session."""
    ticket = secrets.token_urlsafe(32)
    with store.write() as tx:
        stored.add_token(tx, ticket, account_id, "ticket", datetime.now() + TICKET_LIFE)
    return ticket


def redeem_ticket(store: Store, ticket: str, secret: str | None = None) -> str | None:
    """Use a ticket: the signed cookie value of a new session, or None for a bad ticket."""
    now = datetime.now()
    token = secrets.token_urlsafe(32)
    with store.write() as tx:
        account_id = stored.take_ticket(tx, ticket, now)
        if account_id is None:
            return None
        stored.add_token(
            tx, token, account_id, "session", now + timedelta(minutes=session_minutes())
        )
    return _serializer(store, secret).dumps(token)


def _token(store: Store, cookie: str, secret: str | None) -> str | None:
    try:
        return _serializer(store, secret).loads(cookie, max_age=session_minutes() * 60)
    except BadSignature:  # also a signature too old (SignatureExpired)
        return None


def resume(
    store: Store, cookie: str, secret: str | None = None, origin: str = "app"
) -> Actor | None:
    """The actor of a live session cookie, or None (bad signature, expired, signed out,
    account disabled)."""
    token = _token(store, cookie, secret)
    account_id = stored.session_account(store, token, datetime.now()) if token else None
    account = stored.find(store, account_id=account_id) if account_id is not None else None
    return actor_of(account, origin) if account is not None else None


def still_valid(store: Store, actor: Actor) -> Actor | None:
    """The actor again, as its account now is (role, units), or None once the account is
    disabled: a session in progress follows what the quản trị changed. An actor with no
    account of its login (only the server puts one in a session: a test, the open app) is
    returned as it is."""
    account = stored.find(store, actor.login)
    if account is None:
        return actor
    if not account.active:
        return None
    return actor_of(account, actor.origin)


def sign_out(store: Store, actor: Actor, cookie: str | None, secret: str | None = None) -> None:
    """End the session of `cookie` (if any) and record the sign-out."""
    token = _token(store, cookie, secret) if cookie else None
    with store.write() as tx:
        if token:
            stored.end_sessions(tx, datetime.now(), token=token)
        audit.append(tx, actor, "sign_out", "account", actor.login)
