"""Signing in: a local password (argon2id) or an e-mail vouched for by the OpenID Connect
provider; then a session that survives reloads through a signed cookie.

Failed attempts are counted per (login, source address) in the database, before the
password is checked and in the statement that reads the count back
(``sql/sign_in_failure_reserve.sql``): of guesses sent together, five are checked and the
sixth is refused, and a stranger's guesses lock the login only for the stranger's address,
so nobody can lock the quản trị out from one address elsewhere. Failures from every address
together also count (those an address was still allowed): past
:func:`~domain.settings.account_max_failures` the login is locked everywhere, so
many addresses do not give many guesses (docs/security.md says why both).
The login is capped at :data:`MAX_LOGIN` characters before anything
is looked up or recorded; a failed attempt with a login that names no account records only
a hash of what was typed (it may be a password typed in the wrong box).

Every attempt, good or bad, appends an audit row. A failure says the same thing for an
unknown login, a wrong password and a disabled account (and costs the same hashing time),
and a lock is counted for unknown logins too, so the page does not tell which logins exist.
The cookie carries a random token signed with the database's secret (itsdangerous, with
the session's age); only the token's SHA-256 is stored, so a copy of the database lets
nobody in. Every session carries its account's credential version: a new password, a
disabled account, a role change and a sign-out raise it and end every session of the
account at its next run. The one-time ticket is what the app page hands to the cookie
route in the URL: good for two minutes, once, and only in the browser it was made for.
None of these writes changes what a page shows, so none bumps the data version
(``Store.write(data=False)``): a sign-in leaves every cached page and chart in place.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from domain.access import Actor, Role
from domain.settings import (
    MAX_FAILED_SIGN_INS,
    account_max_failures,
    lockout_minutes,
    session_minutes,
)
from store import accounts as stored
from store import audit
from store.database import Store, Writer
from tracker.usecases.accounts import hasher

__all__ = [
    "COOKIE",
    "MAX_LOGIN",
    "MAX_PASSWORD",
    "SignIn",
    "actor_of",
    "login_label",
    "redeem_ticket",
    "resume",
    "resume_session",
    "sign_in",
    "sign_in_email",
    "sign_out",
    "still_valid",
    "ticket_for",
]

COOKIE = "tracker_session"
TICKET_LIFE = timedelta(minutes=2)
MAX_LOGIN = 254  # the longest e-mail address (RFC 5321); logins are shorter
MAX_PASSWORD = 1024  # argon2 hashes anything; this keeps a request's work bounded
WRONG = "Sai tên đăng nhập hoặc mật khẩu."
EVERYWHERE = "*"  # the source under which a login's failures from every address are counted


@cache
def _dummy_hash() -> str:
    """Verified against when there is no account, so a miss costs what a hit costs."""
    return hasher.hash("không phải mật khẩu của ai")


@dataclass(frozen=True)
class SignIn:
    """The outcome of an attempt or a restored session: `actor` when signed in (with its
    account and that account's credential version), else a Vietnamese `message`."""

    actor: Actor | None
    message: str = ""
    account_id: int | None = None
    credential_version: int = 0


def actor_of(account: stored.Account, origin: str = "app") -> Actor:
    return Actor(account.login, Role(account.role), frozenset(account.unit_ids), origin)


def login_label(login: str) -> str:
    """What the audit trail keeps of a login that names no account: a hash, never the text
    (which may be a password typed in the wrong box)."""
    return "#" + stored.login_key(login)[:16]


def _audit(store: Store, login: str, role: str, origin: str, action: str, **after) -> None:
    with store.write(data=False) as tx:
        audit.append(tx, audit.Attempt(login, role, origin), action, "account", login, None, after)


def sign_in(
    store: Store,
    login: str,
    password: str,
    origin: str = "app",
    now: datetime | None = None,
    source: str = "local",
) -> SignIn:
    """Check a login and password from `source` (the client's address); the sixth failure
    in a row from one source locks that login for that source (see the module)."""
    now = now or datetime.now()
    login = login.strip()
    login = unicodedata.normalize("NFC", login) if len(login) <= MAX_LOGIN else login
    if not login or len(login) > MAX_LOGIN or len(password) > MAX_PASSWORD:
        _audit(store, login_label(login), "", origin, "sign_in_failed",
               reason="too_long" if login else "empty", source=source,
               login_length=len(login))  # fmt: skip
        return SignIn(None, WRONG)
    account = stored.find(store, login)
    who = audit.Attempt(login if account else login_label(login), account.role if account else "",
                        origin)  # fmt: skip
    key = stored.login_key(login)
    count, refused = _reserve(store, who, key, source, now)
    if refused:
        return SignIn(None, _locked(count.locked_until or now))
    kept = account.password_hash if account is not None and account.active else None
    right = _verify(kept or _dummy_hash(), password)
    if account is None or kept is None or not right:
        reason = "unknown" if account is None else "password" if account.active else "disabled"
        with store.write(data=False) as tx:
            if account is not None:
                stored.set_attempts(tx, account.account_id, count.failed, count.locked_until)
            audit.append(
                tx, who, "sign_in_failed", "account", who.login, None,
                {"reason": reason, "source": source, "failed_attempts": count.failed,
                 "locked_until": count.locked_until},
            )  # fmt: skip
        return SignIn(None, _locked(count.locked_until) if count.locked_until else WRONG)
    with store.write(data=False) as tx:
        stored.clear_attempts(tx, key, source)
        stored.clear_attempts(tx, key, EVERYWHERE)
        stored.set_attempts(tx, account.account_id, 0, None)
        if hasher.check_needs_rehash(kept):
            stored.set_password_hash(tx, account.account_id, hasher.hash(password))
        audit.append(tx, who, "sign_in", "account", login, None,
                     {"via": "password", "source": source})  # fmt: skip
    return SignIn(actor_of(account, origin), "", account.account_id, account.credential_version)


def _reserve(
    store: Store, who: audit.Attempt, key: str, source: str, now: datetime
) -> tuple[stored.Count, bool]:
    """Count the attempt (per address, then, if the address may still try, for the login
    overall) before its password is checked: the count, and whether either is past its
    limit (the refusal is then audited)."""
    lockout = timedelta(minutes=lockout_minutes())
    with store.write(data=False) as tx:
        count = _count(tx, key, source, now, MAX_FAILED_SIGN_INS, lockout)
        over = count.failed > MAX_FAILED_SIGN_INS
        if not over:
            overall = _count(tx, key, EVERYWHERE, now, account_max_failures(), lockout)
            over = overall.failed > account_max_failures()
            count = stored.Count(count.failed, count.locked_until or overall.locked_until)
        if over:
            audit.append(tx, who, "sign_in_failed", "account", who.login, None,
                         {"reason": "locked", "source": source})  # fmt: skip
    return count, over


def _count(
    tx: Writer, key: str, source: str, now: datetime, most: int, lockout: timedelta
) -> stored.Count:
    return stored.count_attempt(
        tx, key, source, now, most=most, lock_until=now + lockout, stale_before=now - lockout
    )


def _verify(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _locked(until: datetime) -> str:
    return (
        "Đã nhập sai mật khẩu quá số lần cho phép: tạm khoá đăng nhập bằng tên này "
        f"đến {until:%H:%M} ngày {until:%d/%m/%Y}. Hãy thử lại sau, hoặc nhờ quản trị đặt lại "
        "mật khẩu."
    )


def sign_in_email(store: Store, email: str, origin: str = "app") -> SignIn:
    """The account the provider's e-mail claim names (st.login verified it)."""
    email = email.strip()[:MAX_LOGIN]
    account = stored.find(store, email=email) if email else None
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
    return SignIn(actor_of(account, origin), "", account.account_id, account.credential_version)


# -- the session cookie --------------------------------------------------------------------


def _serializer(store: Store, secret: str | None) -> URLSafeTimedSerializer:
    key = secret or stored.secret(store, "cookie", secrets.token_urlsafe(32))
    return URLSafeTimedSerializer(key, salt="tracker-session")


def ticket_for(store: Store, account_id: int, browser: str) -> str:
    """A one-time ticket (two minutes) that the cookie route exchanges for a session, in
    the browser `browser` names (a hash of a secret the browser holds) and no other."""
    ticket = secrets.token_urlsafe(32)
    with store.write(data=False) as tx:
        stored.add_token(tx, ticket, account_id, "ticket", datetime.now() + TICKET_LIFE, browser)
    return ticket


def redeem_ticket(store: Store, ticket: str, browser: str, secret: str | None = None) -> str | None:
    """Use a ticket from `browser`: the signed cookie value of a new session, or None for a
    bad ticket or another browser's."""
    now = datetime.now()
    token = secrets.token_urlsafe(32)
    with store.write(data=False) as tx:
        account_id = stored.take_ticket(tx, ticket, now, browser)
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


def resume_session(
    store: Store, cookie: str, secret: str | None = None, origin: str = "app"
) -> SignIn | None:
    """The session of a live cookie (actor, account, credential version), or None (bad
    signature, expired, signed out, account disabled)."""
    token = _token(store, cookie, secret)
    account_id = stored.session_account(store, token, datetime.now()) if token else None
    account = stored.find(store, account_id=account_id) if account_id is not None else None
    if account is None:
        return None
    return SignIn(actor_of(account, origin), "", account.account_id, account.credential_version)


def resume(
    store: Store, cookie: str, secret: str | None = None, origin: str = "app"
) -> Actor | None:
    """The actor of a live session cookie, or None (see :func:`resume_session`)."""
    held = resume_session(store, cookie, secret, origin)
    return held.actor if held is not None else None


def still_valid(store: Store, actor: Actor, credential_version: int | None) -> SignIn | None:
    """The session again, as its account now is (role, units), or None once the account is
    disabled or its credential version is no longer `credential_version` (a new password,
    a role change, a sign-out anywhere): a session in progress follows what changed. None
    for `credential_version` means the session did not record one (only the server puts
    such an actor in a session: a test); it then takes the account's. An actor with no
    account of its login (the open app) is returned as it is."""
    account = stored.find(store, actor.login)
    if account is None:
        return SignIn(actor, "", None, credential_version or 0)
    if not account.active:
        return None
    if credential_version is not None and credential_version != account.credential_version:
        return None
    return SignIn(
        actor_of(account, actor.origin), "", account.account_id, account.credential_version
    )


def sign_out(store: Store, actor: Actor) -> None:
    """Sign the account out everywhere: every session of it ends (cookies at once, open
    pages at their next run) and the sign-out is recorded."""
    account = stored.find(store, actor.login)
    with store.write(data=False) as tx:
        if account is not None:
            stored.bump_credentials(tx, account.account_id)
            stored.end_sessions(tx, datetime.now(), account_id=account.account_id)
        audit.append(tx, actor, "sign_out", "account", actor.login)


def sign_out_token(store: Store, cookie: str, secret: str | None = None) -> str:
    """What the sign-out form posts back to the cookie route: bound to the session of
    `cookie`, so a page elsewhere cannot clear this browser's cookie."""
    token = _token(store, cookie, secret) or ""
    return _signer(store, secret).dumps(stored.token_hash(token)[:32])


def sign_out_token_ok(store: Store, cookie: str, posted: str, secret: str | None = None) -> bool:
    """Whether `posted` is the sign-out token of `cookie`'s session (an hour at most)."""
    token = _token(store, cookie, secret) if cookie else None
    if not token:
        return False
    try:
        bound = _signer(store, secret).loads(posted, max_age=3600)
    except BadSignature:
        return False
    return secrets.compare_digest(str(bound), stored.token_hash(token)[:32])


def _signer(store: Store, secret: str | None) -> URLSafeTimedSerializer:
    key = secret or stored.secret(store, "cookie", secrets.token_urlsafe(32))
    return URLSafeTimedSerializer(key, salt="tracker-sign-out")
