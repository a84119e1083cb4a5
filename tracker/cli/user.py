"""``user add|list|passwd|role|disable|enable``: accounts, from the command line.

``user add NAME --role quan_tri`` creates the first administrator; ``--role don_vi`` needs
``--unit UNIT`` (repeatable). The password is read from a prompt (twice) on a terminal,
else from the first line of standard input; it is never an argument, so it stays out of
the shell history and the process list. ``--no-password`` with ``--email`` makes an account
that signs in only through the OpenID Connect provider. Every change is audited, by
``--by`` or the OS user. Exit status 0, 1 when refused, 2 on bad usage.
"""

from __future__ import annotations

import getpass
import json
import sys

from domain.access import ROLE_LABELS, Role
from domain.settings import database_path
from store.database import Store
from tracker.cli import add_db_option, cli_actor
from tracker.usecases import accounts

ROLES = [r.value for r in Role]


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "user", help="tài khoản người dùng và vai trò", description=__doc__.splitlines()[0]
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help="tạo tài khoản (mật khẩu hỏi sau, không ghi trên dòng lệnh)"
    )
    add.add_argument("login", metavar="NAME", help="tên đăng nhập")
    add.add_argument("--role", required=True, choices=ROLES, help="vai trò")
    add.add_argument("--unit", action="append", default=[], help="đơn vị (tài khoản đơn vị)")
    add.add_argument("--email", help="e-mail (đăng nhập qua nhà cung cấp định danh)")
    add.add_argument("--name", default="", help="họ tên hiển thị")
    add.add_argument("--no-password", action="store_true", help="chỉ đăng nhập qua e-mail")
    listing = actions.add_parser("list", help="liệt kê tài khoản")
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    passwd = actions.add_parser("passwd", help="đặt lại mật khẩu (mở khoá nếu đang khoá)")
    passwd.add_argument("login", metavar="NAME")
    role = actions.add_parser("role", help="đổi vai trò")
    role.add_argument("login", metavar="NAME")
    role.add_argument("--role", required=True, choices=ROLES)
    role.add_argument("--unit", action="append", default=[])
    for name, text in (("disable", "khoá tài khoản"), ("enable", "mở lại tài khoản")):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("login", metavar="NAME")
    for sub in actions.choices.values():
        add_db_option(sub)
    parser.set_defaults(handler=run)


def read_password() -> str:
    """From a prompt (asked twice) on a terminal, else the first line of standard input."""
    if sys.stdin.isatty():
        first = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != first:
            raise accounts.AccountRefused("Hai lần nhập mật khẩu không khớp.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run(args) -> int:
    with Store(database_path(args.db)) as store:
        if args.action == "list":
            return _list(store, args.json)
        actor = cli_actor(args, store)
        try:
            if args.action == "add":
                units = accounts.unit_ids_named(store, args.unit)
                password = None if args.no_password else read_password()
                accounts.add_user(
                    store,
                    actor,
                    args.login,
                    Role(args.role),
                    password,
                    units,
                    email=args.email,
                    display_name=args.name,
                )
                done = f"Đã tạo tài khoản {args.login} ({ROLE_LABELS[Role(args.role)]})."
            elif args.action == "passwd":
                accounts.set_password(store, actor, args.login, read_password())
                done = f"Đã đặt lại mật khẩu của {args.login}."
            elif args.action == "role":
                units = accounts.unit_ids_named(store, args.unit)
                accounts.change_role(store, actor, args.login, Role(args.role), units)
                done = f"{args.login} nay là {ROLE_LABELS[Role(args.role)]}."
            else:
                accounts.set_active(store, actor, args.login, args.action == "enable")
                done = (
                    f"Đã {'mở lại' if args.action == 'enable' else 'khoá'} tài khoản {args.login}."
                )
        except accounts.AccountRefused as refused:
            print(str(refused), file=sys.stderr)
            return 1
    print(done)
    return 0


def _list(store: Store, as_json: bool) -> int:
    frame = accounts.listed(store)
    if as_json:
        clean = frame.astype(object).where(frame.notna(), None)
        records = [
            {**r, "locked_until": _text(r["locked_until"]), "created_at": _text(r["created_at"])}
            for r in clean.to_dict("records")
        ]
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return 0
    for r in frame.itertuples():
        state = "" if r.active else " [đã khoá]"
        units = f" — {r.units}" if r.units else ""
        email = f" <{r.email}>" if isinstance(r.email, str) and r.email else ""
        print(f"{r.login}{email}: {ROLE_LABELS[Role(r.role)]}{units}{state}")
    return 0


def _text(value) -> str | None:
    return None if value is None else str(value)
