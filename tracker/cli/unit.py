"""``unit set|list``: units' contacts for reminder letters and e-mails.

``unit set NAME --email a@b.vn [--email …] [--head "Giám đốc Nguyễn Văn A"] [--address "…"]``
changes what is given of the unit's contact (NAME: any spelling of the unit; ``--province``
when two provinces have one of that name); ``unit list [--province P] [--json]`` shows every
unit with its contact. Exit status 0, 1 when refused.
"""

from __future__ import annotations

import json
import sys

from tracker.cli import add_db_option, cli_actor, open_store
from tracker.usecases.contacts import contacts_frame, set_contact


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "unit", help="địa chỉ e-mail, thủ trưởng, địa chỉ của đơn vị", description=__doc__
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    change = actions.add_parser("set", help="đặt thông tin liên hệ của một đơn vị")
    change.add_argument("name", metavar="NAME", help="tên đơn vị (hoặc tên viết tắt)")
    change.add_argument(
        "--email", action="append", help="địa chỉ e-mail (nhắc lại --email cho nhiều địa chỉ)"
    )
    change.add_argument("--head", help='thủ trưởng: chức danh và họ tên, "Giám đốc Nguyễn Văn A"')
    change.add_argument("--address", help="địa chỉ gửi văn bản giấy")
    change.add_argument("--province", help="tỉnh của đơn vị (khi hai tỉnh có đơn vị cùng tên)")
    listing = actions.add_parser("list", help="liệt kê đơn vị và thông tin liên hệ")
    listing.add_argument("--province", help="chỉ đơn vị của tỉnh này")
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    for sub in (change, listing):
        add_db_option(sub)
    parser.set_defaults(handler=run)


def run(args) -> int:
    with open_store(args) as store:
        if args.action == "set":
            outcome = set_contact(
                store,
                cli_actor(args, store),
                args.name,
                emails=args.email,
                head=args.head,
                address=args.address,
                province=args.province,
            )
            for problem in outcome.problems:
                print(problem.message, file=sys.stderr)
            if not outcome.ok:
                return 1
            print(f"Đã lưu thông tin liên hệ của «{args.name}».")
            return 0
        frame = contacts_frame(store, args.province)
    if args.json:
        records = frame.to_dict("records")
        for r in records:
            r["emails"] = [e for e in r["emails"].split("; ") if e]
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        for r in frame.to_dict("records"):
            print(f"{r['name']}\t{r['emails'] or '(chưa có e-mail)'}\t{r['head']}\t{r['address']}")
    return 0
