"""``alias add|list|remove``: names remembered for tasks and units.

``alias add --plan CODE --task NV01 "Tổ chức quán triệt"`` and ``alias add --unit "Sở X"
"tên khác" [--plan CODE]`` remember a name used by every later report file; ``alias list
[--plan CODE] [--province P]`` shows them (``--json``); ``alias remove ID`` forgets one.
Exit status 0, 1 when refused, 2 on bad usage.
"""

from __future__ import annotations

import json
import sys

from store.database import Store
from tracker.cli import add_db_option, cli_actor, open_store
from tracker.usecases.aliases import AliasRefused, forget, listed, remember_task, remember_unit


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "alias",
        help="ghi nhớ tên gọi khác của nhiệm vụ, đơn vị",
        description=__doc__.splitlines()[0],
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="ghi nhớ một tên gọi")
    add.add_argument("name", help="tên gọi như đơn vị viết trong báo cáo")
    add.add_argument("--plan", help="số hiệu kế hoạch (bắt buộc với --task)")
    target = add.add_mutually_exclusive_group(required=True)
    target.add_argument("--task", help="mã nhiệm vụ, ví dụ NV01")
    target.add_argument("--unit", help="tên đơn vị trong danh mục")
    listing = actions.add_parser("list", help="liệt kê tên gọi đã ghi nhớ")
    listing.add_argument("--plan", help="chỉ tên gọi nhiệm vụ của kế hoạch này")
    listing.add_argument("--province", help="chỉ tên gọi đơn vị của tỉnh này")
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    remove = actions.add_parser("remove", help="bỏ một tên gọi đã ghi nhớ")
    remove.add_argument("alias_id", type=int, metavar="ID", help="số thứ tự (xem alias list)")
    for sub in (add, listing, remove):
        add_db_option(sub)
    parser.set_defaults(handler=run)


def run(args) -> int:
    with open_store(args) as store:
        if args.action == "add":
            return _add(store, args)
        if args.action == "remove":
            if forget(store, cli_actor(args, store), args.alias_id):
                print(f"Đã bỏ tên gọi #{args.alias_id}.")
                return 0
            print(f"Không có tên gọi #{args.alias_id}.", file=sys.stderr)
            return 1
        frame = listed(store, plan_code=args.plan, province=args.province)
    if args.json:
        clean = frame.astype(object).where(frame.notna(), None)
        records = [{**r, "added_at": str(r["added_at"])} for r in clean.to_dict("records")]
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        for r in frame.itertuples():
            print(
                f"#{r.alias_id} [{r.kind}] «{r.alias}» → {r.target} "
                f"({r.added_by or '?'}, {r.added_at:%d/%m/%Y})"
            )
    return 0


def _add(store: Store, args) -> int:
    if args.task and not args.plan:
        print("Cần --plan khi ghi nhớ tên gọi nhiệm vụ.", file=sys.stderr)
        return 2
    try:
        if args.task:
            done = remember_task(store, cli_actor(args, store), args.plan, args.task, args.name)
        else:
            done = remember_unit(
                store, cli_actor(args, store), args.unit, args.name, plan_code=args.plan
            )
    except AliasRefused as refused:
        print(str(refused), file=sys.stderr)
        return 1
    state = "Đã ghi nhớ" if done.alias_id is not None else "Đã ghi nhớ từ trước"
    print(f"{state}: «{done.alias}» → {done.target}.")
    return 0
