"""``deadline TEXT --ref DATE [--json]``: how the parser reads one deadline text."""

from __future__ import annotations

import json

from domain.deadlines import deadline_json, parse_deadline
from tracker.cli import iso_date


def register(subparsers) -> None:
    parser = subparsers.add_parser("deadline", help="đọc một thời hạn viết bằng lời")
    parser.add_argument("text", help='ví dụ "hoàn thành trong tháng 7/2019"')
    parser.add_argument(
        "--ref",
        type=iso_date,
        required=True,
        help="ngày của kế hoạch (YYYY-MM-DD), cho năm khi văn bản không ghi",
    )
    parser.add_argument("--json", action="store_true", help="in JSON")
    parser.set_defaults(handler=run)


def run(args) -> int:
    found = deadline_json(parse_deadline(args.text, args.ref))
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
    else:
        for key, value in found.items():
            print(f"{key}: {value}")
    return 0
