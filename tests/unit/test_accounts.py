"""Accounts: the command line that creates them, argon2id hashes, the lockout after five
failed sign-ins, sessions that survive a reload, and the audit row of each of these."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pandas as pd
import pytest
from actors import ADMIN, STAFF
from ingest_builders import make_store

from domain.access import Forbidden, Role
from store import accounts as stored
from store import audit
from store.database import Store
from tracker.cli.main import main
from tracker.usecases import accounts, sign_in

SECRET = "mật-khẩu-bí-mật-9"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.duckdb"
    make_store(path).close()
    return path


def trail(store: Store) -> list[tuple]:
    frame = audit.trail(store).sort_values("audit_id")
    columns = ["login", "role", "origin", "action", "object_key", "before_json", "after_json"]
    return [
        tuple(None if pd.isna(v) else v for v in row)
        for row in frame[columns].itertuples(index=False, name=None)
    ]


def cli(monkeypatch, db, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main([*argv, "--db", str(db)])


def test_the_command_line_creates_lists_resets_and_disables_accounts(db, monkeypatch, capsys):
    assert (
        cli(
            monkeypatch,
            db,
            "--by",
            "root",
            "user",
            "add",
            "chi.lan",
            "--role",
            "quan_tri",
            stdin=SECRET + "\n",
        )
        == 0
    )
    assert (
        cli(
            monkeypatch,
            db,
            "--by",
            "chi.lan",
            "user",
            "add",
            "snv",
            "--role",
            "don_vi",
            "--unit",
            "SNV",
            stdin="mat-khau-snv\n",
        )
        == 0
    )
    assert cli(monkeypatch, db, "user", "add", "x", "--role", "don_vi", stdin="mat-khau-xx\n") == 1
    assert "ít nhất một đơn vị" in capsys.readouterr().err
    assert cli(monkeypatch, db, "user", "add", "y", "--role", "can_bo", stdin="ngan\n") == 1
    assert "ít nhất 8 ký tự" in capsys.readouterr().err
    assert cli(monkeypatch, db, "user", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(a["login"], a["role"], a["units"]) for a in listed] == [
        ("chi.lan", "quan_tri", ""),
        ("snv", "don_vi", "Sở Ngoại vụ"),
    ]
    assert not any("hash" in key for key in listed[0])
    assert (
        cli(monkeypatch, db, "--by", "chi.lan", "user", "passwd", "snv", stdin="mat-khau-moi\n")
        == 0
    )
    assert cli(monkeypatch, db, "--by", "chi.lan", "user", "disable", "snv") == 0
    assert cli(monkeypatch, db, "--by", "chi.lan", "user", "disable", "chi.lan") == 1
    assert "quản trị cuối cùng" in capsys.readouterr().err
    with Store(db) as store:
        rows = trail(store)
        assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
            ("root", "quan_tri", "cli", "user_add", "chi.lan"),
            ("chi.lan", "quan_tri", "cli", "user_add", "snv"),
            ("chi.lan", "quan_tri", "cli", "user_passwd", "snv"),
            ("chi.lan", "quan_tri", "cli", "user_disable", "snv"),
        ]
        assert json.loads(rows[3][5])["active"] and not json.loads(rows[3][6])["active"]
        account = stored.find(store, "chi.lan")
        assert account.password_hash.startswith("$argon2id$")
        assert accounts.hasher.verify(account.password_hash, SECRET)
        assert sign_in.sign_in(store, "snv", "mat-khau-moi").actor is None  # disabled
    text = db.read_bytes()
    for password in (SECRET, "mat-khau-snv", "mat-khau-moi"):  # never in clear, anywhere
        assert password.encode() not in text
        assert password not in str(rows)


def test_the_command_line_acts_with_the_role_of_the_account_named_by(db, monkeypatch, capsys):
    with Store(db) as store:
        accounts.add_user(store, ADMIN, "xem", Role.LANH_DAO, "mat-khau-xem")
    assert (
        cli(
            monkeypatch,
            db,
            "--by",
            "xem",
            "user",
            "add",
            "z",
            "--role",
            "can_bo",
            stdin="mat-khau-zz\n",
        )
        == 1
    )
    assert "không có quyền" in capsys.readouterr().err
    with Store(db) as store:
        assert stored.find(store, "z") is None


def test_only_a_quan_tri_manages_accounts(db):
    with Store(db) as store:
        before = trail(store)
        with pytest.raises(Forbidden):
            accounts.add_user(store, STAFF, "a", Role.CAN_BO, "mat-khau-aa")
        accounts.add_user(store, ADMIN, "b", Role.CAN_BO, "mat-khau-bb")
        for change in (
            lambda: accounts.set_password(store, STAFF, "b", "mat-khau-cc"),
            lambda: accounts.change_role(store, STAFF, "b", Role.QUAN_TRI),
            lambda: accounts.set_active(store, STAFF, "b", False),
        ):
            with pytest.raises(Forbidden):
                change()
        assert stored.find(store, "a") is None
        assert stored.find(store, "b").role == "can_bo" and stored.find(store, "b").active
        assert len(trail(store)) == len(before) + 1


def test_five_failures_lock_the_account_for_the_configured_while(db, monkeypatch):
    monkeypatch.setenv("TRACKER_LOCKOUT_MINUTES", "30")
    start = datetime(2026, 12, 1, 9, 0)
    with Store(db) as store:
        accounts.add_user(store, ADMIN, "lan", Role.CAN_BO, SECRET)
        for n in range(1, 5):
            failed = sign_in.sign_in(store, "lan", f"sai-{n}", now=start)
            assert failed.actor is None and failed.message == sign_in.WRONG
        assert stored.find(store, "lan").failed_attempts == 4
        fifth = sign_in.sign_in(store, "lan", "sai-5", now=start)
        assert "đến 09:30 ngày 01/12/2026" in fifth.message
        assert stored.find(store, "lan").locked_until == start + timedelta(minutes=30)
        # the right password does not open a locked account
        assert (
            sign_in.sign_in(store, "lan", SECRET, now=start + timedelta(minutes=29)).actor is None
        )
        opened = sign_in.sign_in(store, "lan", SECRET, now=start + timedelta(minutes=31))
        assert opened.actor is not None and opened.actor.role is Role.CAN_BO
        account = stored.find(store, "lan")
        assert (account.failed_attempts, account.locked_until) == (0, None)
        rows = trail(store)[1:]
        assert [r[3] for r in rows] == ["sign_in_failed"] * 6 + ["sign_in"]
        assert [json.loads(r[6]).get("reason") for r in rows[:6]] == ["password"] * 5 + ["locked"]
        assert json.loads(rows[4][6])["failed_attempts"] == 5
        assert all(SECRET not in str(r) for r in rows)


def test_an_unknown_login_fails_like_a_wrong_password_and_is_recorded(db):
    with Store(db) as store:
        accounts.add_user(store, ADMIN, "lan", Role.CAN_BO, SECRET)
        unknown = sign_in.sign_in(store, "khong-co", SECRET)
        wrong = sign_in.sign_in(store, "lan", "sai-mat-khau")
        assert unknown.message == wrong.message == sign_in.WRONG
        assert [(r[0], r[1], r[3]) for r in trail(store)[1:]] == [
            (sign_in.login_label("khong-co"), "", "sign_in_failed"),
            ("lan", "can_bo", "sign_in_failed"),
        ]


def test_a_session_survives_a_reload_until_sign_out_or_disable(db):
    with Store(db) as store:
        accounts.add_user(store, ADMIN, "lan", Role.CAN_BO, SECRET)
        done = sign_in.sign_in(store, "lan", SECRET)
        ticket = sign_in.ticket_for(store, done.account_id, "browser-1")
        assert sign_in.redeem_ticket(store, ticket, "browser-2") is None  # another browser's
        cookie = sign_in.redeem_ticket(store, ticket, "browser-1")
        assert cookie and sign_in.redeem_ticket(store, ticket, "browser-1") is None  # used once
        assert sign_in.resume(store, cookie) == done.actor
        assert (
            sign_in.resume(store, cookie[:-2] + ("A" if cookie[-2] != "A" else "B") + cookie[-1])
            is None
        )
        assert sign_in.resume(store, cookie, secret="another-secret") is None
        assert store.scalar("secret_get", name="cookie") not in cookie  # signed, not carried
        sign_in.sign_out(store, done.actor)
        assert sign_in.resume(store, cookie) is None
        assert sign_in.still_valid(store, done.actor, done.credential_version) is None
        again_ticket = sign_in.ticket_for(store, done.account_id, "b")
        again = sign_in.resume_session(store, sign_in.redeem_ticket(store, again_ticket, "b"))
        assert again is not None and again.credential_version == done.credential_version + 1
        accounts.set_active(store, ADMIN, "lan", False)
        assert sign_in.still_valid(store, done.actor, again.credential_version) is None
        accounts.set_active(store, ADMIN, "lan", True)
        accounts.change_role(store, ADMIN, "lan", Role.LANH_DAO)
        assert sign_in.still_valid(store, done.actor, again.credential_version) is None
        fresh = sign_in.still_valid(store, done.actor, None)  # a session put in by a test
        assert fresh is not None and fresh.actor.role is Role.LANH_DAO


def test_the_demo_database_has_one_account_per_role(demo_store):
    from store.settings import is_demo
    from tracker.usecases.demo import DEMO_PASSWORD

    frame = accounts.listed(demo_store)
    assert sorted(frame["role"]) == sorted(r.value for r in Role)
    assert frame.loc[frame["role"] == "don_vi", "units"].tolist() == ["Sở Ngoại vụ"]
    assert is_demo(demo_store)
    unit = sign_in.sign_in(demo_store, "demo.donvi", DEMO_PASSWORD).actor
    assert unit is not None and unit.role is Role.DON_VI and len(unit.unit_ids) == 1


def test_a_database_not_made_by_the_demo_is_not_the_demo(db):
    from store.settings import is_demo

    with Store(db) as store:
        assert not is_demo(store)
        assert stored.active_count(store) == 0


def test_a_real_account_on_the_demo_database_retires_the_demo_accounts(demo_store):
    from store.settings import is_demo
    from tracker.usecases.demo import DEMO_PASSWORD

    assert accounts.only_demo_accounts(demo_store)  # the sign-in page may offer them
    accounts.add_user(demo_store, ADMIN, "chi.lan", Role.CAN_BO, SECRET)
    assert not accounts.only_demo_accounts(demo_store)  # a real account: no longer offered
    assert sign_in.sign_in(demo_store, "demo.quantri", DEMO_PASSWORD).actor is not None
    accounts.add_user(demo_store, ADMIN, "quantri.that", Role.QUAN_TRI, SECRET)
    assert not is_demo(demo_store)
    assert sign_in.sign_in(demo_store, "demo.quantri", DEMO_PASSWORD).actor is None
    frame = accounts.listed(demo_store)
    assert frame.loc[frame["login"].str.startswith("demo."), "active"].tolist() == [False] * 4
    added = json.loads(audit.trail(demo_store, actions=["user_add"]).iloc[0]["after_json"])
    assert len(added["demo_accounts_disabled"]) == 4


def test_the_users_page_empties_the_password_boxes_once_an_account_is_saved(demo_db, monkeypatch):
    from app_pages import open_page

    at = open_page(demo_db, monkeypatch, "pages/users.py", role=Role.QUAN_TRI)
    assert not at.exception
    at.text_input(key="users.add.login").set_value("chi.mai")
    at.text_input(key="users.add.name").set_value("Chị Mai")
    at.text_input(key="users.add.password").set_value("một mật khẩu dài 123")
    at.text_input(key="users.add.again").set_value("một mật khẩu dài 123")
    at.button(key="users.add.save").click().run()
    assert not at.exception
    assert at.success and "chi.mai" in at.success[0].value
    assert at.text_input(key="users.add.password").value == ""
    assert at.text_input(key="users.add.again").value == ""


def test_a_hash_made_with_other_parameters_is_remade_with_owasps_minimum_at_sign_in(db):
    from argon2 import PasswordHasher, extract_parameters
    from argon2.low_level import Type

    made = extract_parameters(accounts.hasher.hash(SECRET))
    assert made.type is Type.ID  # OWASP's minimum for argon2id: 19 MiB, two passes, one lane
    assert made.memory_cost >= 19 * 1024 and made.time_cost >= 2 and made.parallelism >= 1
    with Store(db) as store:
        accounts.add_user(store, ADMIN, "lan", Role.CAN_BO, SECRET)
        account = stored.find(store, "lan")
        old = PasswordHasher().hash(SECRET)  # argon2-cffi's defaults, what older versions made
        with store.write(data=False) as tx:
            stored.set_password_hash(tx, account.account_id, old)
        assert sign_in.sign_in(store, "lan", "sai-mật-khẩu").actor is None
        assert stored.find(store, "lan").password_hash == old  # a failure remakes nothing
        assert sign_in.sign_in(store, "lan", SECRET).actor is not None
        remade = stored.find(store, "lan").password_hash
        assert remade != old and not accounts.hasher.check_needs_rehash(remade)
        assert accounts.hasher.verify(remade, SECRET)
