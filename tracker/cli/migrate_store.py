"""``migrate-store --from FILE.duckdb --to postgresql://…``: move an office's data to a
PostgreSQL server, every table and kept file, with the row counts checked on both sides.
The target must be a new, empty database (its schema is made on the way). Exit 1 when the
copy is refused (nothing written)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from domain.settings import database_wait
from store.database import Store
from tracker.cli import BY_HELP, cli_actor
from tracker.usecases.transfer import TransferRefused, move_store


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "migrate-store",
        help="chuyển dữ liệu từ tệp DuckDB sang máy chủ PostgreSQL",
        description=__doc__.splitlines()[0],
    )
    parser.add_argument("--from", dest="source", required=True, help="tệp DuckDB nguồn")
    parser.add_argument("--to", dest="target", required=True, help="postgresql://… (trống)")
    parser.add_argument("--wait", type=float, metavar="GIÂY", help="chờ tệp nguồn tối đa")
    parser.add_argument("--by", default=argparse.SUPPRESS, help=BY_HELP)
    parser.set_defaults(handler=run)


def run(args) -> int:
    if not Path(args.source).is_file():
        print(f"Không có tệp {args.source}.", file=sys.stderr)
        return 2
    wait = database_wait(args.wait)
    with Store(args.source, wait=wait) as source, Store(args.target, wait=wait) as target:
        try:
            copied = move_store(source, target, cli_actor(args, source))
        except TransferRefused as refused:
            print(f"Không chuyển: {refused}", file=sys.stderr)
            return 1
    for c in copied:
        print(f"{c.table}\t{c.source}\t{c.target}")
    print(f"Đã chuyển {len(copied)} bảng; số dòng khớp ở cả hai phía.")
    return 0
