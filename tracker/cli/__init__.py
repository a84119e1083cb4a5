"""One module per command; each exposes ``register(subparsers)`` and sets ``handler``."""

from __future__ import annotations

import argparse
from datetime import date

from tracker.domain.settings import database_target, database_wait
from tracker.store.database import Store


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ (cần YYYY-MM-DD): {text}") from exc


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="tệp DuckDB hoặc postgresql://… (mặc định $TRACKER_DB hoặc data/tracker.duckdb)",
    )
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
