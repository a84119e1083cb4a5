"""``demo [--db PATH|URL]``: build the demo database from the two seed plans (on a
PostgreSQL server: into an empty database)."""

from __future__ import annotations

from pathlib import Path

from domain.settings import database_path, database_target, demo_reports_dir
from store.database import Store, is_server
from tracker.cli import add_db_option


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="tạo cơ sở dữ liệu mẫu từ hai kế hoạch thật")
    add_db_option(parser)
    parser.add_argument("--force", action="store_true", help="xoá cơ sở dữ liệu cũ nếu có")
    parser.add_argument(
        "--reports-dir", type=Path, help="lưu các tệp báo cáo mẫu (.xlsx) vào thư mục này"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from tracker.usecases.demo import build_demo

    if is_server(database_target(args.db)):
        return _on_server(database_target(args.db), args)
    path = database_path(args.db)
    if path.exists():
        if not args.force:
            print(f"{path} đã có; dùng --force để tạo lại.")
            return 2
        path.unlink()
        path.with_name(path.name + ".wal").unlink(missing_ok=True)
    build_demo(path, args.reports_dir or demo_reports_dir(path)).close()
    print(f"Đã tạo dữ liệu mẫu: {path}")
    return 0


def _on_server(url: str, args) -> int:
    """The demo into an empty PostgreSQL database (one with plans is left alone)."""
    from tracker.usecases.demo import build_demo

    with Store(url) as store:
        if not store.frame("plans_list").empty:
            print("Cơ sở dữ liệu đã có kế hoạch; hãy dùng một cơ sở dữ liệu trống.")
            return 2
    build_demo(url, args.reports_dir).close()
    print("Đã tạo dữ liệu mẫu trên máy chủ PostgreSQL.")
    return 0
