"""One module per command; each exposes ``register(subparsers)`` and sets ``handler``."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ (cần YYYY-MM-DD): {text}") from exc


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="tệp DuckDB (mặc định $TRACKER_DB hoặc data/tracker.duckdb)")
