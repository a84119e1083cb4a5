"""``backup DIR [--db PATH]``: a consistent copy of the database and of the kept original
report files into the new (or empty) folder DIR, with a manifest. Exit 1 when DIR already
holds files."""

from __future__ import annotations

import sys

from domain.errors import Rejected
from tracker.cli import add_db_option, cli_actor, open_store
from tracker.usecases import backup


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "backup", help="sao lưu cơ sở dữ liệu và tệp gốc", description=__doc__.splitlines()[0]
    )
    parser.add_argument("folder", metavar="DIR", help="thư mục mới hoặc trống để ghi bản sao lưu")
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    with open_store(args) as store:
        try:
            made = backup.backup(store, cli_actor(args, store), args.folder)
        except Rejected as refused:
            print(refused.problems[0].message, file=sys.stderr)
            return 1
    print(f"Đã sao lưu vào {args.folder}: {backup.describe_counts(made['counts'], made['blobs'])}.")
    return 0
