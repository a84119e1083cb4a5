"""``export [--plan CODE] [--as-of DATE] -o OUT``: the summary tables as .xlsx, .csv, .docx or
a .zip bundle (all of them plus chart PNGs), with the same filters as the app's sidebar.
``--by``'s role must allow exporting; the file leaves a ``download`` audit row, as in the app."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from domain import status as vocabulary
from domain.access import Action, require
from domain.errors import NotFound
from domain.scope import Scope
from domain.text import vn_date
from tracker.cli import add_db_option, cli_actor, iso_date, open_store
from tracker.exports import bundle, report
from tracker.usecases import audit_trail
from tracker.views import summary


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="xuất bảng tổng hợp (.xlsx, .csv, .docx, hoặc .zip gồm tất cả và ảnh biểu đồ)",
        description="Xuất bảng tổng hợp và dự thảo báo cáo. Định dạng theo đuôi tệp OUT: "
        ".xlsx (bảng tính 4 trang), .csv (một bảng, chọn bằng --table), .docx (dự thảo báo "
        "cáo), .zip (tất cả, kèm ảnh PNG biểu đồ nếu máy có Chromium).",
    )
    parser.add_argument("--plan", help="số hiệu kế hoạch, ví dụ 84-KH/BTGTU (mặc định: tất cả)")
    parser.add_argument(
        "--as-of", type=iso_date, help="tính đến ngày YYYY-MM-DD (mặc định: ngày báo cáo mới nhất)"
    )
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="tệp ghi ra")
    parser.add_argument(
        "--group", action="append", metavar="CODE", help="chỉ nhóm đơn vị này (lặp lại được)"
    )
    parser.add_argument(
        "--status",
        action="append",
        metavar="CODE",
        help=f"chỉ tình trạng này (lặp lại được): {', '.join(vocabulary.CODES)}",
    )
    parser.add_argument(
        "--table",
        choices=list(bundle.TABLES),
        default="don-vi",
        help="bảng ghi ra khi OUT là .csv (mặc định: don-vi)",
    )
    parser.add_argument("--no-charts", action="store_true", help="không vẽ ảnh biểu đồ (.zip)")
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    out = Path(args.output)
    if out.suffix.lower() not in bundle.SUFFIXES:
        print(f"Lỗi: OUT phải có đuôi {', '.join(bundle.SUFFIXES)}: {out}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with open_store(args) as store:
        actor = cli_actor(args, store)
        require(actor, Action.EXPORT)
        known = {code for code, _label in store.rows("unit_groups")}
        unknown = [g for g in args.group or [] if g not in known]
        if unknown:
            print(
                f"Lỗi: không có nhóm đơn vị {', '.join(unknown)} (có: {', '.join(sorted(known))})",
                file=sys.stderr,
            )
            return 2
        as_of = args.as_of or summary.default_as_of(store, args.plan)
        scope = Scope.of(as_of, args.plan, args.group, args.status)  # refuses unknown statuses
        try:
            data = report.collect(store, scope)
        except NotFound:
            print(f"Lỗi: không có kế hoạch {args.plan}", file=sys.stderr)
            return 2
        note = bundle.write(data, out, args.table, not args.no_charts, store)
        size = out.stat().st_size
        audit_trail.record_download(store, actor, Action.EXPORT, str(out), size)
    seconds = time.perf_counter() - started
    print(
        f"Đã ghi {out} ({size / 1024:.0f} KB, {len(data.detail)} nghĩa vụ, "
        f"tính đến {vn_date(as_of)}, {seconds:.1f} s)"
    )
    if note:
        print(note, file=sys.stderr)
    return 0
