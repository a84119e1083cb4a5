"""``digest``: the weekly summary for leaders, by e-mail.

``digest --send [--as-of D] [--to a@b.vn ...]`` e-mails each followed plan's figures, the
units with most overdue obligations and the status chart (inline image) to ``--to``, else
``$TRACKER_DIGEST_TO`` (addresses separated by ","), else every active lãnh đạo account's
e-mail; once a week whichever server or timer runs it first (``--again`` sends anyway).
Without ``--send`` (or with ``--dry-run``) it prints the summary and to whom it would go.
Exit status 0; 1 refused or no recipient; 4 when it could not be delivered.
"""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta

from store.accounts import list_accounts
from tracker.cli import add_db_option, cli_actor, iso_date, open_store
from tracker.exports import digest
from tracker.usecases import reminders
from tracker.usecases.mailer import Mailer, MailError, SmtpConfig

UNDELIVERED = 4


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "digest", help="gửi bản tổng hợp hằng tuần cho lãnh đạo", description=__doc__
    )
    parser.add_argument(
        "--as-of", type=iso_date, help="tính đến ngày YYYY-MM-DD (mặc định hôm nay)"
    )
    parser.add_argument("--to", action="append", help="người nhận (nhắc lại cho nhiều người)")
    parser.add_argument("--send", action="store_true", help="gửi e-mail")
    parser.add_argument("--again", action="store_true", help="gửi cả khi tuần này đã gửi")
    parser.add_argument("--dry-run", action="store_true", help="chỉ in, không gửi")
    parser.add_argument("--no-chart", action="store_true", help="không kèm ảnh biểu đồ")
    add_db_option(parser)
    parser.set_defaults(handler=run)


def _recipients(store, given: list[str] | None) -> list[str]:
    if given:
        return given
    from_env = [a.strip() for a in os.environ.get("TRACKER_DIGEST_TO", "").split(",")]
    if any(from_env):
        return [a for a in from_env if a]
    leaders = list_accounts(store)
    chosen = leaders[(leaders["role"] == "lanh_dao") & leaders["active"]]
    return [str(e) for e in chosen["email"].dropna() if str(e)]


def run(args) -> int:
    as_of = args.as_of or date.today()
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    year, week, _ = today.isocalendar()
    with open_store(args) as store:
        actor = cli_actor(args, store)
        to = _recipients(store, args.to)
        print("\n".join(digest.build(store, as_of, chart=False).lines))
        if not to:
            print(
                "Không có người nhận: dùng --to, TRACKER_DIGEST_TO, hoặc ghi e-mail cho tài "
                "khoản lãnh đạo.",
                file=sys.stderr,
            )
            return 1
        if not args.send or args.dry_run:
            print(f"Sẽ gửi đến: {', '.join(to)}")
            return 0
        try:
            config = SmtpConfig.from_env()

            def make():
                found = digest.build(store, as_of, chart=not args.no_chart)
                if found.problem:
                    print(found.problem, file=sys.stderr)
                return digest.message(found, config.sender, to)

            with Mailer(config) as mailer:
                outcome = reminders.send_digest(
                    store,
                    actor,
                    make,
                    mailer,
                    f"{year}-W{week:02d}",
                    monday,
                    args.again,
                )
        except MailError as failed:
            print(f"Lỗi: {failed}", file=sys.stderr)
            return UNDELIVERED
    labels = {"sent": "Đã gửi", "skipped": "Tuần này đã gửi, bỏ qua", "failed": "Không gửi được"}
    to_whom = ", ".join(outcome.recipients) or ", ".join(to)
    print(f"{labels[outcome.result]}: {to_whom} {outcome.detail}".rstrip())
    return UNDELIVERED if outcome.result == "failed" else 0
