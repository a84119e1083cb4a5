"""``restore DIR [--db PATH] [--force]``: bring back the backup in DIR as the database
(and its kept original files). Refuses to replace an existing database without --force
(which keeps the replaced file beside it); the app must be stopped. Exit 1 when refused."""

from __future__ import annotations

import sys

from domain.errors import Rejected
from domain.settings import database_path
from tracker.cli import add_db_option, cli_actor
from tracker.usecases import backup


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "restore", help="khôi phục từ một bản sao lưu", description=__doc__.splitlines()[0]
    )
    parser.add_argument("folder", metavar="DIR", help="thư mục mà lệnh backup đã tạo")
    parser.add_argument(
        "--force", action="store_true", help="thay cơ sở dữ liệu đang có (bản cũ được giữ lại)"
    )
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    try:
        done = backup.restore(args.folder, database_path(args.db), cli_actor(args), args.force)
    except (Rejected, RuntimeError) as refused:
        text = refused.problems[0].message if isinstance(refused, Rejected) else str(refused)
        print(text, file=sys.stderr)
        return 1
    print(done.summary)
    return 0
