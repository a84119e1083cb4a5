"""Reminders (đôn đốc): the letters each unit gets, drafted, sent by e-mail and recorded.

- :func:`letters` builds one :class:`~domain.letters.Letter` per unit holding
  obligations overdue or due within the reminder window (the setting ``reminder_days``, 7
  unless an office changes it); obligations not due yet outside the window are left out.
- :func:`record_drafts` records letters downloaded as drafts; :func:`send` e-mails each
  unit its letter (rendered by the caller's `render`: the exports layer draws Word files)
  and records every outcome: sent, failed (with the server's words), or "cần gửi giấy" for
  a unit without an e-mail address.

Only roles that may send reminders (cán bộ, quản trị) do either; a leader or a unit account
is refused before anything is read or written. Each recorded letter is one audited write.

One sender of several: before sending a unit its letter of a plan, :func:`send` claims
(letter, plan:unit, day) in the store (:func:`store.reminders.claim`); the app
servers and timers that lose the claim skip that unit. A failed send gives its claim back
in the same transaction that records the failure, so the next run retries it, and nothing
is recorded as sent that the server did not accept. ``again`` claims a further attempt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from email.message import EmailMessage

import pandas as pd

from domain.access import Action, Actor, require
from domain.contacts import Contact, join_emails
from domain.letters import Letter, Obligation, issuer_kind
from domain.text import vn_date
from store import contacts as stored_contacts
from store import reminders as stored
from store.database import Store
from tracker.usecases.acting import acting
from tracker.usecases.mailer import Mailer, MailError

__all__ = [
    "Outcome",
    "letter_units",
    "letters",
    "record_drafts",
    "reminder_days",
    "send",
    "set_reminder_days",
]

WINDOW = "reminder_days"
REPLY_DAYS = 7  # the reply date a letter asks for: this many days after its date
UNIT_PAGE = "unit_report"  # the unit account's own page (pages/unit_report.py)
Render = Callable[[Letter], tuple[str, bytes]]


def reminder_days(store: Store) -> int:
    """The reminder window: obligations due within this many days are reminded of."""
    return int(store.scalar("setting_get", name=WINDOW) or 7)


def set_reminder_days(store: Store, actor: Actor, days: int) -> None:
    """Change the reminder window (0 to 60 days) for `actor`, audited; ValueError outside
    that range, Forbidden unless the role may change settings."""
    if not 0 <= days <= 60:
        raise ValueError(f"reminder window must be 0-60 days, got {days}")
    before = reminder_days(store)
    with acting(store, actor, Action.SETTINGS, "setting", WINDOW, before=before) as act:
        act.tx.run("setting_put", name=WINDOW, value=days)
        act.after = days


def followed_plans(store: Store) -> list[str]:
    """The codes of every plan not archived: what a run without a plan reminds about."""
    return stored.plan_codes(store)


def plan_province(store: Store, plan: str) -> str | None:
    """The province of plan `plan` (its units are looked up there), None if unknown."""
    found = stored.plan(store, plan)
    return (found["province"] or None) if found else None


def _directive(plan: dict) -> str:
    code = plan.get("directive")
    if not isinstance(code, str) or not code:
        return "chỉ đạo của cấp trên"
    issued = plan.get("directive_issued_on")
    when = f", ngày {vn_date(pd.Timestamp(issued).date())}" if pd.notna(issued) else ""
    issuer = plan.get("directive_issuer")
    by = f" của {issuer}" if isinstance(issuer, str) and issuer else ""
    kind = "Chỉ thị" if "-CT/" in code else "văn bản"
    return f"{kind} số {code}{when}{by}"


def _day(value) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def letters(
    store: Store,
    plan: str,
    as_of: date,
    unit: int | None = None,
    window: int | None = None,
    day: date | None = None,
    groups: list[str] | None = None,
) -> list[Letter]:
    """One letter per unit of `plan` (the plan's code) with obligations overdue or due
    within `window` days (default: the office's reminder window) as of `as_of`; of unit id
    `unit` only, of units of `groups` only, when given. Dated `day` (default `as_of`).
    KeyError for an unknown plan."""
    found = stored.plan(store, plan)
    if found is None:
        raise KeyError(plan)
    window = reminder_days(store) if window is None else window
    rows = stored.obligations(store, as_of, plan, window, unit, groups)
    contacts = {c.unit_id: c for _p, c in stored_contacts.contacts(store, unit=unit)}
    kind = issuer_kind(found["code"], found["issuer"] or "")
    day = day or as_of
    out = []
    for unit_id, group in rows.groupby("unit_id", sort=False):
        contact = contacts.get(int(unit_id), Contact(int(unit_id), group["unit"].iloc[0]))
        out.append(
            Letter(
                kind=kind,
                plan=found["code"],
                plan_id=int(found["plan_id"]),
                plan_title=found["title"],
                plan_issued_on=pd.Timestamp(found["issued_on"]).date(),
                issuer=found["issuer"] or "",
                directive=_directive(found),
                unit_id=int(unit_id),
                unit=group["unit"].iloc[0],
                head=contact.head,
                address=contact.address,
                emails=contact.emails,
                as_of=as_of,
                day=day,
                reply_by=day + timedelta(days=REPLY_DAYS),
                place=found["province"] or "",
                obligations=tuple(
                    Obligation(
                        r.section,
                        r.task,
                        r.period or "",
                        _day(r.due_on),
                        r.status,
                        None if pd.isna(r.days_late) else int(r.days_late),
                    )
                    for r in group.itertuples()
                ),
                extra={"window": window},
            )
        )
    return out


def letter_units(
    store: Store,
    as_of: date,
    plan: str | None = None,
    window: int | None = None,
    groups: list[str] | None = None,
) -> pd.DataFrame:
    """One row per letter :func:`letters` would write for `plan` (every plan followed when
    None), in the same order, without reading what the letters name: ``plan``,
    ``plan_id``, ``unit_id``, ``unit``, ``overdue``, ``due_soon``, ``most_days_late``,
    ``emails`` (a tuple, empty without a contact). On a million obligations the letters
    hold hundreds of thousands of rows; their counts are a few hundred."""
    window = reminder_days(store) if window is None else window
    found = stored.unit_counts(store, as_of, plan, window, groups)
    return found.assign(emails=[stored_contacts.emails_of(e) for e in found["emails"]])


def _record(
    store: Store, actor: Actor, letter: Letter, result: str, number: str = "", **fields
) -> None:
    key = f"{letter.plan}:{letter.unit_id}"
    with acting(store, actor, Action.REMINDERS, "reminder", key) as act:
        stored.record(
            act.tx,
            plan_id=letter.plan_id,
            unit_id=letter.unit_id,
            as_of=letter.as_of,
            made_by=actor.login,
            number=number,
            result=result,
            recipients=fields.get("recipients", ""),
            detail=fields.get("detail", ""),
            obligations=[o.as_record() for o in letter.obligations],
        )
        release = fields.get("release")
        if release is not None:
            stored.release(act.tx, stored.LETTER, *release)
        act.after = {
            "unit": letter.unit,
            "result": result,
            "number": number,
            "obligations": len(letter.obligations),
            **{k: v for k, v in fields.items() if k in ("recipients", "detail")},
        }


def record_drafts(store: Store, actor: Actor, drafted: Iterable[Letter]) -> int:
    """Record `drafted` letters as drafts (downloaded, not sent); returns how many."""
    require(actor, Action.REMINDERS)
    count = 0
    for letter in drafted:
        _record(store, actor, letter, "drafted")
        count += 1
    return count


@dataclass(frozen=True)
class Outcome:
    """What happened to one unit's letter. `result`: sent, failed, paper (no e-mail: "cần
    gửi giấy"), skipped (another sender or an earlier run has it today), would_send and
    would_paper (a dry run)."""

    unit_id: int
    unit: str
    result: str
    recipients: tuple[str, ...] = ()
    detail: str = ""
    number: str = ""


def message(letter: Letter, attachment: tuple[str, bytes], sender: str, link: str) -> EmailMessage:
    """The e-mail carrying `letter`: a short Vietnamese body, the unit's page `link` when
    there is one, the .docx attached."""
    mail = EmailMessage()
    mail["Subject"] = f"{letter.subject} - {letter.unit}"
    mail["From"] = sender
    mail["To"] = ", ".join(letter.emails)
    late, soon = len(letter.overdue), len(letter.due_soon)
    lines = [
        f"Kính gửi: {letter.unit},",
        "",
        f"{letter.issuer} gửi kèm công văn đôn đốc thực hiện Kế hoạch số {letter.plan}: "
        f"tính đến ngày {vn_date(letter.as_of)}, đơn vị còn {late} nhiệm vụ quá hạn và "
        f"{soon} nhiệm vụ sắp đến hạn.",
        f"Đề nghị đơn vị gửi báo cáo kết quả trước ngày {vn_date(letter.reply_by)}.",
    ]
    if link:
        lines += ["", f"Xem và nộp báo cáo của đơn vị tại: {link}"]
    lines += ["", "Thư này được gửi tự động từ hệ thống theo dõi thực hiện kế hoạch."]
    mail.set_content("\n".join(lines))
    name, data = attachment
    mail.add_attachment(
        data,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=name,
    )
    return mail


def send(
    store: Store,
    actor: Actor,
    to_send: list[Letter],
    render: Render,
    mailer: Mailer | None,
    *,
    sender: str = "",
    link: str = "",
    day: date | None = None,
    again: bool = False,
    dry_run: bool = False,
) -> list[Outcome]:
    """E-mail each letter of `to_send` to its unit through `mailer` (an open
    :class:`~tracker.usecases.mailer.Mailer`; None for a dry run, or when every unit is
    paper), recording each outcome. A unit sent its letter of that plan on `day` (default
    today) is skipped unless `again`; a `dry_run` claims and records nothing."""
    require(actor, Action.REMINDERS)
    day = day or date.today()
    out: list[Outcome] = []
    for letter in to_send:
        key = f"{letter.plan_id}:{letter.unit_id}"
        paper = not letter.emails
        if dry_run:
            out.append(
                Outcome(
                    letter.unit_id,
                    letter.unit,
                    "would_paper" if paper else "would_send",
                    letter.emails,
                )
            )
            continue
        attempt = stored.claim(store, stored.LETTER, key, day, actor.login, again)
        if attempt is None:
            out.append(Outcome(letter.unit_id, letter.unit, "skipped", letter.emails))
            continue
        if paper:  # numbered and recorded in one transaction (the record's write joins it)
            with store.write() as tx:
                numbered = replace(letter, number=stored.next_number(tx))
                _record(store, actor, numbered, "paper", numbered.number_text)
            out.append(Outcome(letter.unit_id, letter.unit, "paper", (), "", numbered.number_text))
            continue
        with store.write() as tx:  # the number is printed in the letter before it is sent
            numbered = replace(letter, number=stored.next_number(tx))
        try:
            if mailer is None:
                raise MailError("Chưa kết nối máy chủ thư.")
            refused = mailer.send(message(numbered, render(numbered), sender, link))
        except MailError as failed:
            _record(
                store,
                actor,
                numbered,
                "failed",
                numbered.number_text,
                recipients=join_emails(letter.emails),
                detail=str(failed),
                release=(key, day, attempt),
            )
            out.append(Outcome(letter.unit_id, letter.unit, "failed", letter.emails, str(failed)))
            continue
        taken = tuple(e for e in letter.emails if e not in refused)
        detail = "; ".join(f"{a}: {why}" for a, why in refused.items())
        _record(
            store,
            actor,
            numbered,
            "sent",
            numbered.number_text,
            recipients=join_emails(taken),
            detail=detail,
        )
        out.append(
            Outcome(letter.unit_id, letter.unit, "sent", taken, detail, numbered.number_text)
        )
    return out


def history(store: Store, plan: str | None = None, unit: int | None = None, limit: int = 200):
    """The letters recorded (newest first): of `plan`, of unit id `unit`."""
    return stored.history(store, plan, unit, limit)


def reminded(
    store: Store, plan: str | None = None, unit: int | None = None
) -> dict[int, tuple[int, date]]:
    """unit id -> (letters that reached it, the day of the last): "đã nhắc 2 lần, lần cuối
    05/08/2019"."""
    frame = stored.counts(store, plan, unit)
    return {
        int(r.unit_id): (int(r.times), pd.Timestamp(r.last_at).date()) for r in frame.itertuples()
    }


def reminded_text(times: int, last: date) -> str:
    """ "đã nhắc 2 lần, lần cuối 05/08/2019"."""
    return f"đã nhắc {times} lần, lần cuối {vn_date(last)}"


def send_digest(
    store: Store,
    actor: Actor,
    make: Callable[[], EmailMessage],
    mailer: Mailer | None,
    week: str,
    day: date,
    again: bool = False,
) -> Outcome:
    """Send the weekly digest once for `week` ("2019-W31"): the first sender of the week
    claims it (several servers or timers send it once), then `make`s the mail (the chart
    is drawn only by the sender that won); a failure gives the claim back. Audited;
    Forbidden unless `actor` may send reminders."""
    require(actor, Action.REMINDERS)
    attempt = stored.claim(store, stored.DIGEST, week, day, actor.login, again)
    if attempt is None:
        return Outcome(0, week, "skipped")
    mail = make()
    to = tuple(a.strip() for a in str(mail["To"]).split(",") if a.strip())
    try:
        if mailer is None:
            raise MailError("Chưa kết nối máy chủ thư.")
        refused = mailer.send(mail)
    except MailError as failed:
        with acting(store, actor, Action.REMINDERS, "digest", week) as act:
            stored.release(act.tx, stored.DIGEST, week, day, attempt)
            act.after = {"result": "failed", "detail": str(failed), "to": list(to)}
        return Outcome(0, week, "failed", to, str(failed))
    taken = tuple(a for a in to if a not in refused)
    with acting(store, actor, Action.REMINDERS, "digest", week) as act:
        act.after = {"result": "sent", "to": list(taken), "refused": refused}
    return Outcome(0, week, "sent", taken, "; ".join(f"{a}: {w}" for a, w in refused.items()))
