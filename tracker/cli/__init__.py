"""One module per command; each exposes ``register(subparsers)`` and sets ``handler``."""

from __future__ import annotations

import argparse
import getpass
from datetime import date

from domain.access import Actor, Role
from domain.settings import database_target, database_wait
from store import accounts
from store.database import Store


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ (cần YYYY-MM-DD): {text}") from exc


BY_HELP = "người thực hiện, ghi vào nhật ký (mặc định: người dùng của hệ điều hành)"


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db`` and ``--wait``, and ``--by`` after the command too (the global one is
    ``main``'s)."""
    parser.add_argument(
        "--db",
        help="tệp DuckDB hoặc postgresql://… (mặc định $TRACKER_DB hoặc data/tracker.duckdb)",
    )
    parser.add_argument("--by", default=argparse.SUPPRESS, help=BY_HELP)
    parser.add_argument(
        "--wait",
        type=float,
        metavar="GIÂY",
        help="chờ tối đa bấy nhiêu giây khi ứng dụng đang giữ tệp (mặc định $TRACKER_DB_WAIT "
        "hoặc 30)",
    )


def open_store(args: argparse.Namespace) -> Store:
    """The Store that `args` (``--db``, ``--wait``) name."""
    return Store(database_target(args.db), wait=database_wait(args.wait))


def os_user() -> str:
    """The login of whoever runs the command (``unknown`` if the system cannot say)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def cli_actor(args: argparse.Namespace, store: Store | None = None) -> Actor:
    """Who a command acts for: ``--by`` or the OS user, origin "cli"; with the role and
    units of the account of that login when `store` has one, else as quản trị (whoever can
    run the command line can open the database file itself). A disabled account acts as
    nobody: SystemExit(1) with a message."""
    login = getattr(args, "by", None) or os_user()
    account = accounts.find(store, login) if store is not None else None
    if account is not None and not account.active:
        raise SystemExit(f"Tài khoản «{login}» đã bị khoá: không thực hiện được lệnh này.")
    if account is not None:
        return Actor(login, Role(account.role), frozenset(account.unit_ids), origin="cli")
    return Actor(login, Role.QUAN_TRI, origin="cli")
