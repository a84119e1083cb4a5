"""``template --plan CODE [--unit NAME] -o FILE.xlsx [--db PATH]``: the report form units
fill in (all units, blank, when --unit is omitted; one unit's carries its newest answers).
Exit 2 on an unknown plan or unit."""

from __future__ import annotations

import sys
from pathlib import Path

from tracker.cli import add_db_option, open_store
from tracker.usecases.ingest import load_catalog
from tracker.usecases.templates import report_template


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "template", help="tạo mẫu báo cáo (.xlsx) cho đơn vị", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--plan", required=True, help="số hiệu kế hoạch, ví dụ 84-KH/BTGTU")
    parser.add_argument("--unit", help="đơn vị (mặc định: mẫu chung cho mọi đơn vị)")
    parser.add_argument("-o", "--output", required=True, help="tệp .xlsx sẽ ghi")
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    with open_store(args) as store:
        catalog = load_catalog(store, args.plan)
        if catalog is None:
            print(f"Không có kế hoạch {args.plan}.", file=sys.stderr)
            return 2
        unit_id = None
        if args.unit:
            ids = catalog.unit_ids(args.unit)
            if len(ids) != 1:
                print(
                    f"Không có (hoặc không rõ) đơn vị '{args.unit}' trong danh mục.",
                    file=sys.stderr,
                )
                return 2
            unit_id = next(iter(ids))
        data = report_template(store, args.plan, unit_id)
    Path(args.output).write_bytes(data)
    print(f"Đã ghi mẫu báo cáo: {args.output}")
    return 0
