"""Failed sign-ins counted in the database, on both backends: guesses sent together from
twenty threads are checked five at a time at most, and a stranger's guesses lock the login
only for the stranger's address (the quản trị signs in from elsewhere)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from actors import ADMIN
from ingest_builders import make_store

from domain.access import Role
from domain.settings import MAX_FAILED_SIGN_INS
from store import audit
from store.database import Store
from tracker.usecases import accounts, sign_in

SECRET = "mật-khẩu-quản-trị-7"
STRANGER = "10.0.0.66"
OFFICE = "10.0.0.5"


def _opened(target):
    make_store(target).close()
    store = Store(target)
    accounts.add_user(store, ADMIN, "quantri", Role.QUAN_TRI, SECRET)
    return store


@pytest.fixture
def store(db_target):
    """On both backends: the concurrency tests."""
    with _opened(db_target) as store:
        yield store


@pytest.fixture
def duck(tmp_path):
    """On DuckDB only: what does not depend on the backend's locking."""
    with _opened(tmp_path / "t.duckdb") as store:
        yield store


def _reasons(store: Store) -> list[str]:
    frame = audit.trail(store)
    failed = frame[frame["action"] == "sign_in_failed"]
    return [json.loads(after)["reason"] for after in failed["after_json"]]


def _together(store: Store, passwords: list[str], source: str) -> list[sign_in.SignIn]:
    with ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        return list(
            pool.map(lambda p: sign_in.sign_in(store, "quantri", p, source=source), passwords)
        )


def test_twenty_guesses_sent_together_get_five_checks_and_the_sixth_is_refused(store):
    done = _together(store, [f"đoán-{n}" for n in range(20)], STRANGER)
    assert all(d.actor is None for d in done)
    reasons = _reasons(store)
    assert reasons.count("password") == MAX_FAILED_SIGN_INS
    assert reasons.count("locked") == 20 - MAX_FAILED_SIGN_INS
    # the right password from the stranger's address is refused while the lock lasts
    assert sign_in.sign_in(store, "quantri", SECRET, source=STRANGER).actor is None
    # the quản trị, at the office, is not locked out by the stranger
    office = sign_in.sign_in(store, "quantri", SECRET, source=OFFICE)
    assert office.actor is not None and office.actor.role is Role.QUAN_TRI
    # and signing in at the office does not lift the stranger's lock
    assert sign_in.sign_in(store, "quantri", SECRET, source=STRANGER).actor is None


def test_eleven_wrong_guesses_sent_with_the_right_one_never_check_more_than_five(store):
    passwords = [f"sai-{n}" for n in range(11)] + [SECRET]
    done = _together(store, passwords, STRANGER)
    checked = _reasons(store).count("password") + sum(d.actor is not None for d in done)
    assert checked <= MAX_FAILED_SIGN_INS


def test_an_unknown_login_is_locked_like_a_known_one_and_never_recorded_in_clear(duck):
    store, typed, now = duck, "mật-khẩu-gõ-nhầm-ô", datetime.now()
    tries = range(MAX_FAILED_SIGN_INS)
    answers = [sign_in.sign_in(store, typed, "x", now=now, source=STRANGER).message for _ in tries]
    known = [sign_in.sign_in(store, "quantri", "x", now=now, source=OFFICE).message for _ in tries]
    assert answers == known  # the page cannot tell which logins exist
    assert answers[-1] != sign_in.WRONG  # the fifth locks, whether the login exists or not
    frame = audit.trail(store)
    assert not frame.astype(str).apply(lambda c: c.str.contains(typed)).any().any()
    assert sign_in.login_label(typed) in set(frame["login"])


def test_a_login_past_the_cap_is_refused_before_lookup_and_recorded_as_a_hash(duck):
    store = duck
    huge = "a" * (2 * 1024 * 1024)
    before = len(audit.trail(store))
    done = sign_in.sign_in(store, huge, SECRET, source=STRANGER)
    assert done.actor is None and done.message == sign_in.WRONG
    frame = audit.trail(store)
    assert len(frame) == before + 1
    row = frame.iloc[0]
    assert len(row["login"]) < 20 and len(row["after_json"]) < 200
    assert json.loads(row["after_json"])["reason"] == "too_long"
    assert sign_in.MAX_LOGIN == 254
    edge = sign_in.sign_in(store, "b" * sign_in.MAX_LOGIN, SECRET, source=STRANGER)
    assert json.loads(audit.trail(store).iloc[0]["after_json"])["reason"] == "unknown"
    assert edge.actor is None


def test_a_new_password_lifts_the_lock_of_every_address(duck):
    store = duck
    _together(store, [f"đoán-{n}" for n in range(6)], STRANGER)
    assert sign_in.sign_in(store, "quantri", SECRET, source=STRANGER).actor is None
    accounts.set_password(store, ADMIN, "quantri", SECRET + "-mới")
    assert sign_in.sign_in(store, "quantri", SECRET + "-mới", source=STRANGER).actor is not None


def test_many_addresses_together_lock_the_login_everywhere_past_the_overall_ceiling(
    duck, monkeypatch
):
    monkeypatch.setenv("TRACKER_ACCOUNT_MAX_FAILURES", "8")
    for n in range(9):  # three addresses, three guesses each: none reaches its own five
        sign_in.sign_in(duck, "quantri", f"đoán-{n}", source=f"10.0.1.{n % 3}")
    assert _reasons(duck).count("password") == 8 and _reasons(duck)[0] == "locked"
    assert sign_in.sign_in(duck, "quantri", SECRET, source=OFFICE).actor is None


def test_signing_in_and_out_keeps_the_data_version_that_cached_pages_are_keyed_by(store):
    """Sign-in bookkeeping (attempts, a failure, a success, the ticket, the cookie, the
    sign-out) queues like any write but keeps the version; an account change bumps it."""
    before = store.data_version()
    assert sign_in.sign_in(store, "quantri", "sai", source=OFFICE).actor is None
    done = sign_in.sign_in(store, "quantri", SECRET, source=OFFICE)
    assert done.actor is not None and done.account_id is not None
    ticket = sign_in.ticket_for(store, done.account_id, "browser-key")
    cookie = sign_in.redeem_ticket(store, ticket, "browser-key")
    assert cookie and sign_in.resume(store, cookie) == done.actor
    sign_in.sign_out(store, done.actor)
    assert sign_in.resume(store, cookie) is None  # the writes did happen
    assert store.data_version() == before
    accounts.add_user(store, ADMIN, "canbo", Role.CAN_BO, SECRET)
    assert store.data_version() > before
