"""``remind``: công văn đôn đốc per unit, as Word files or by e-mail.

``remind --plan CODE [--as-of D] [--unit NAME] --letters DIR`` writes one .docx per unit
with obligations overdue or due within the reminder window (``--letters X.zip``: all in one
.zip) and records them as drafts. ``remind --plan CODE --send`` e-mails each unit its letter
through ``$TRACKER_SMTP_URL`` (password: ``$TRACKER_SMTP_PASSWORD``); a unit sent its letter
today is skipped unless ``--again``; ``--dry-run`` prints what would go where and sends and
records nothing. A unit without an e-mail is listed "cần gửi giấy" (its letter written to
``--letters DIR`` when given). Without ``--plan``, every plan not archived (the timer's
``remind --due-within 7 --send``). Exit status 0; 1 refused; 4 when a letter could not be
delivered (the next run retries it).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from functools import partial
from pathlib import Path

from domain.letters import Letter
from tracker.cli import add_db_option, cli_actor, iso_date, open_store
from tracker.exports import letters as word
from tracker.usecases import letter_templates, reminders
from tracker.usecases.contacts import unit_named
from tracker.usecases.mailer import Mailer, MailError, SmtpConfig

UNDELIVERED = 4
LABELS = {
    "sent": "Đã gửi",
    "failed": "KHÔNG GỬI ĐƯỢC",
    "paper": "Cần gửi giấy",
    "skipped": "Đã xử lý hôm nay (dùng --again để gửi lại), bỏ qua",
    "would_send": "Sẽ gửi",
    "would_paper": "Cần gửi giấy",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "remind", help="soạn và gửi công văn đôn đốc", description=__doc__
    )
    parser.add_argument("--plan", help="số hiệu kế hoạch (mặc định: mọi kế hoạch đang theo dõi)")
    parser.add_argument(
        "--as-of", type=iso_date, help="tính đến ngày YYYY-MM-DD (mặc định hôm nay)"
    )
    parser.add_argument("--unit", help="chỉ đơn vị này")
    parser.add_argument(
        "--due-within",
        type=int,
        metavar="NGÀY",
        help="nhắc cả nghĩa vụ đến hạn trong bấy nhiêu ngày (mặc định: cài đặt của cơ quan)",
    )
    parser.add_argument("--letters", help="thư mục ghi các tệp .docx (hoặc tệp .zip)")
    parser.add_argument("--send", action="store_true", help="gửi e-mail kèm công văn")
    parser.add_argument("--again", action="store_true", help="gửi lại cả đơn vị đã gửi hôm nay")
    parser.add_argument("--dry-run", action="store_true", help="chỉ in sẽ gửi gì cho ai")
    parser.add_argument("--templates", help="thư mục mẫu công văn (mặc định $TRACKER_LETTER_DIR)")
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    as_of = args.as_of or date.today()
    with open_store(args) as store:
        actor = cli_actor(args, store)
        own = None if args.templates else letter_templates.office_templates(store)
        render = partial(word.named, folder=args.templates, own=own)
        unit = None
        if args.unit:
            province = reminders.plan_province(store, args.plan) if args.plan else None
            unit, why = unit_named(store, args.unit, province)
            if unit is None:
                print(why, file=sys.stderr)
                return 1
        codes = [args.plan] if args.plan else reminders.followed_plans(store)
        chosen: list[Letter] = []
        for code in codes:
            try:
                chosen += reminders.letters(store, code, as_of, unit, args.due_within)
            except KeyError:
                print(f"Không có kế hoạch «{code}».", file=sys.stderr)
                return 1
        if not chosen:
            print(f"Không có đơn vị nào cần đôn đốc tính đến {as_of:%d/%m/%Y}.")
            return 0
        if args.letters and not args.send:
            reminders.record_drafts(store, actor, chosen)
            _write(chosen, Path(args.letters), render)
            return 0
        if not args.send and not args.dry_run:
            for letter in chosen:
                print(_line(letter, "would_paper" if not letter.emails else "would_send"))
            print("Thêm --letters DIR để soạn công văn, --send để gửi.")
            return 0
        return _send(store, actor, chosen, render, args)


def _line(letter: Letter, result: str, detail: str = "", number: str = "") -> str:
    to = ", ".join(letter.emails) or "(chưa có e-mail)"
    late, soon = len(letter.overdue), len(letter.due_soon)
    extra = f" [{number}]" if number else ""
    why = f": {detail}" if detail else ""
    return (
        f"{LABELS[result]}: {letter.plan} | {letter.unit} → {to} "
        f"({late} quá hạn, {soon} sắp đến hạn){extra}{why}"
    )


def _send(store, actor, chosen: list[Letter], render, args) -> int:
    link = os.environ.get("TRACKER_PUBLIC_URL", "").rstrip("/")
    link = f"{link}/{reminders.UNIT_PAGE}" if link else ""
    if args.dry_run:
        results = reminders.send(store, actor, chosen, render, None, dry_run=True)
    else:
        try:
            config = SmtpConfig.from_env()
            with Mailer(config) as mailer:
                results = reminders.send(
                    store,
                    actor,
                    chosen,
                    render,
                    mailer,
                    sender=config.sender,
                    link=link,
                    again=args.again,
                )
        except MailError as failed:
            print(f"Lỗi: {failed}", file=sys.stderr)
            return UNDELIVERED
    paper = []
    for letter, outcome in zip(chosen, results, strict=True):
        print(_line(letter, outcome.result, outcome.detail, outcome.number))
        if outcome.result in ("paper", "would_paper"):
            paper.append(letter)
    if paper and args.letters and not args.dry_run:
        _write(paper, Path(args.letters), render)
    elif paper and not args.dry_run:
        print("Thêm --letters DIR để lưu công văn của các đơn vị cần gửi giấy.")
    return UNDELIVERED if any(o.result == "failed" for o in results) else 0


def _write(chosen: list[Letter], target: Path, render) -> None:
    """The letters as .docx files (`render`ed) in the folder `target`, or one .zip when it
    ends so."""
    if target.suffix.lower() == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(word.letters_zip(chosen, render=render))
        print(f"Đã ghi {len(chosen)} công văn vào {target}")
        return
    target.mkdir(parents=True, exist_ok=True)
    for letter in chosen:
        name, data = render(letter)
        (target / name).write_bytes(data)
        print(target / name)
