"""``ingest FILE... [--plan CODE] [--unit NAME] [--date YYYY-MM-DD] [--db PATH] [--json]``.

Loads unit reports (.xlsx, .xlsm, .xls, .ods, .csv; a folder stands for every report file in
it). Without ``--plan`` each file goes to the registered plan whose number it writes in its
title rows; with it, a file that names another plan is refused. Exit status: 0 when every
file was accepted or already loaded, 1 when any was
rejected, 2 on bad usage (unknown plan or unit, missing file).
"""

from __future__ import annotations

import json
import sys

from domain.errors import NotFound
from tracker.cli import add_db_option, cli_actor, iso_date, open_store
from tracker.usecases.ingest import ingest_files, load_catalog, report_files


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="nạp báo cáo của đơn vị (.xlsx .xls .ods .csv, hoặc cả thư mục)",
        description=__doc__.splitlines()[0],
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="tệp báo cáo hoặc thư mục")
    parser.add_argument(
        "--plan",
        help="số hiệu kế hoạch, ví dụ 84-KH/BTGTU (mặc định: kế hoạch mà mỗi tệp ghi ở phần đầu)",
    )
    parser.add_argument("--unit", help="đơn vị báo cáo, khi tệp không ghi đơn vị")
    parser.add_argument(
        "--date",
        type=iso_date,
        help="ngày báo cáo YYYY-MM-DD, khi tệp không ghi ngày (mặc định: hôm nay)",
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    paths = report_files(args.files)
    if not paths:
        print(
            "Không có tệp báo cáo nào (.xlsx .xlsm .xls .ods .csv) trong: " + ", ".join(args.files),
            file=sys.stderr,
        )
        return 2
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"Không tìm thấy tệp: {', '.join(missing)}", file=sys.stderr)
        return 2
    with open_store(args) as store:
        catalog = load_catalog(store, args.plan) if args.plan else None
        if args.plan and catalog is None:
            print(f"Không có kế hoạch {args.plan}.", file=sys.stderr)
            return 2
        if args.unit and catalog is None:
            print("--unit cần đi cùng --plan.", file=sys.stderr)
            return 2
        if args.unit and catalog is not None and len(catalog.unit_ids(args.unit)) != 1:
            print(f"Không có (hoặc không rõ) đơn vị '{args.unit}' trong danh mục.", file=sys.stderr)
            return 2
        files = [(p.name, p.read_bytes()) for p in paths]
        try:
            results = ingest_files(
                store,
                cli_actor(args, store),
                args.plan,
                files,
                unit=args.unit,
                reported_on=args.date,
            )
        except NotFound:
            print(f"Không có kế hoạch {args.plan}.", file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1))
    else:
        for result in results:
            print(f"{result.file}: {result.summary}")
            for problem in result.problems:
                kind = "LỖI" if problem.is_error else "cảnh báo"
                print(f"  {kind}: {problem}")
    return 0 if all(r.accepted for r in results) else 1
