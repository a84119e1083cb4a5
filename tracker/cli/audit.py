"""``audit verify [--db PATH] [--by LOGIN]``: recompute the audit trail's hash chain (each row
carries the hash of the one before); exit 0 when whole, 1 at the first broken row. It
prints the newest row's hash: written down elsewhere (the backup's manifest keeps it too),
it shows later that no row was removed from the end."""

from __future__ import annotations

import sys

from tracker.cli import add_db_option, cli_actor, open_store
from tracker.usecases import audit_trail


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit", help="kiểm tra nhật ký thao tác", description=__doc__.splitlines()[0]
    )
    parser.add_argument("what", choices=["verify"], help="verify: kiểm tra chuỗi mã băm")
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    with open_store(args) as store:
        found = audit_trail.verify(store, cli_actor(args, store))
    before = f" (và {found.unchained} dòng ghi trước khi có chuỗi)" if found.unchained else ""
    if found.broken_at is not None:
        print(
            f"Chuỗi nhật ký bị đứt ở dòng #{found.broken_at}: dòng này hoặc dòng ngay trước nó "
            "đã bị sửa, xoá hoặc chèn vào ngoài ứng dụng.",
            file=sys.stderr,
        )
        return 1
    print(f"Nhật ký nguyên vẹn: {found.checked} dòng{before}. Mã băm dòng cuối: {found.head}")
    return 0
