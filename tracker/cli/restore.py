"""``restore DIR [--db PATH] [--force]``: bring back the backup in DIR as the database
(and its kept original files). Refuses to replace an existing database without --force
(which keeps the replaced file beside it); the app must be stopped. Exit 1 when refused."""

from __future__ import annotations

import sys

from domain.errors import Rejected
from domain.settings import database_path
from store.database import Store, StoreBusy
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


def _actor(args, target):
    """``--by`` with its role in the database being replaced (quản trị where there is none)."""
    if not target.exists():
        return cli_actor(args)
    with Store(target, wait=0) as store:  # migrated: it is kept beside the restored one
        return cli_actor(args, store)


def run(args) -> int:
    target = database_path(args.db)
    try:
        done = backup.restore(args.folder, target, _actor(args, target), args.force)
    except (Rejected, RuntimeError, StoreBusy) as refused:
        text = refused.problems[0].message if isinstance(refused, Rejected) else str(refused)
        print(text, file=sys.stderr)
        return 1
    print(done.summary)
    return 0
