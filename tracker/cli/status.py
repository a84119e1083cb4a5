"""``status [--plan CODE] --as-of DATE [--db PATH] [--json]``: every obligation's status."""

from __future__ import annotations

import json

from domain import status as vocabulary
from tracker.cli import add_db_option, iso_date, open_store


def register(subparsers) -> None:
    parser = subparsers.add_parser("status", help="tình trạng từng nghĩa vụ tại một ngày")
    parser.add_argument("--plan", help="số hiệu kế hoạch, ví dụ 84-KH/BTGTU (mặc định: tất cả)")
    parser.add_argument("--as-of", type=iso_date, required=True, help="tính đến ngày YYYY-MM-DD")
    parser.add_argument("--json", action="store_true", help="in JSON")
    add_db_option(parser)
    parser.set_defaults(handler=run)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def run(args) -> int:
    with open_store(args) as store:
        rows = store.rows("status_list", as_of=args.as_of, plan=args.plan)
    records = [
        {
            "plan": plan,
            "unit": unit,
            "task": task,
            "section": section,
            "period": period or None,
            "due": _iso(due),
            "completed_on": _iso(done),
            "status": code,
            "reported": reported,
        }
        for plan, unit, task, _code, section, period, due, done, code, reported in rows
    ]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        for r in records:
            print(
                f"{r['plan']}\t{r['section']}\t{r['unit']}\t{r['period'] or ''}\t"
                f"{vocabulary.label(r['status'])}"
            )
    return 0
