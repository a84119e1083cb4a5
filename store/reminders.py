"""Reminders in the store: what a letter names, the letters recorded, the letter numbers,
and the claims that make one sender of several send (migration 012).

A claim is taken in a transaction of its own (:func:`claim`): ``INSERT ... ON CONFLICT DO
NOTHING`` on the claim's primary key, so of several app servers or timers running at once
exactly one gets the row back, on PostgreSQL and on DuckDB alike (a DuckDB file is held by
one process at a time; its writers queue).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import pandas as pd

from store.database import Store, Writer

LETTER = "letter"
DIGEST = "digest"


def plan(store: Store, code: str) -> dict | None:
    """The plan `code` with its directive (``reminder_plan.sql``), or None."""
    frame = store.frame("reminder_plan", plan=code)
    return None if frame.empty else frame.iloc[0].to_dict()


def plan_codes(store: Store) -> list[str]:
    """Every plan not archived, oldest first."""
    return [code for (code,) in store.rows("reminder_plans")]


def obligations(
    store: Store,
    as_of: date,
    plan: str | None,
    soon_days: int,
    unit: int | None = None,
    groups: list[str] | None = None,
) -> pd.DataFrame:
    """Overdue and due-within-`soon_days` obligations (``reminder_obligations.sql``)."""
    return store.frame(
        "reminder_obligations",
        as_of=as_of,
        plan=plan,
        soon_days=soon_days,
        unit=unit,
        groups=list(groups) if groups else None,
    )


def unit_counts(
    store: Store, as_of: date, plan: str | None, soon_days: int, groups: list[str] | None = None
) -> pd.DataFrame:
    """Per (plan, unit) with a letter to send: overdue, due-soon, most days late and the
    unit's e-mails as stored (``reminder_units.sql``), in the letters' order."""
    return store.frame(
        "reminder_units",
        as_of=as_of,
        plan=plan,
        soon_days=soon_days,
        groups=list(groups) if groups else None,
    )


def next_number(tx: Writer) -> int:
    """Take the office's next letter number inside `tx`."""
    return int(tx.run("letter_number_next")[0][0])


def record(
    tx: Writer,
    *,
    plan_id: int,
    unit_id: int,
    as_of: date,
    made_by: str,
    number: str,
    result: str,
    recipients: str,
    detail: str,
    obligations: list[dict],
) -> int:
    """Record one letter (drafted, sent, failed or paper) inside `tx`; returns its id."""
    return int(
        tx.run(
            "reminder_insert",
            plan_id=plan_id,
            unit_id=unit_id,
            as_of=as_of,
            made_at=datetime.now(),
            made_by=made_by,
            number=number,
            result=result,
            recipients=recipients,
            detail=detail,
            obligations=json.dumps(obligations, ensure_ascii=False),
        )[0][0]
    )


def history(
    store: Store, plan: str | None = None, unit: int | None = None, limit: int | None = None
) -> pd.DataFrame:
    """The letters recorded, newest first (``reminder_list.sql``)."""
    return store.frame("reminder_list", plan=plan, unit=unit, row_limit=limit)


def counts(store: Store, plan: str | None = None, unit: int | None = None) -> pd.DataFrame:
    """Per unit: letters that reached it (sent or paper) and when the last one was made."""
    return store.frame("reminder_counts", plan=plan, unit=unit)


def claim(store: Store, kind: str, key: str, day: date, by: str, again: bool = False) -> int | None:
    """Claim sending `kind`/`key` on `day`: the attempt number won, or None when another
    sender holds it. With `again` the claim is a further attempt after those of the day."""
    with store.write() as tx:
        attempt = 0
        if again:
            attempt = int(tx.run("claim_attempts", kind=kind, claim_key=key, claim_day=day)[0][0])
        won = tx.run(
            "claim_insert",
            kind=kind,
            claim_key=key,
            claim_day=day,
            attempt=attempt,
            claimed_by=by,
            claimed_at=datetime.now(),
        )
    return int(won[0][0]) if won else None


def release(tx: Writer, kind: str, key: str, day: date, attempt: int) -> None:
    """Give back a claim inside `tx` (the send failed: the next run tries again)."""
    tx.run("claim_release", kind=kind, claim_key=key, claim_day=day, attempt=attempt)


def office_file(store: Store, name: str) -> bytes | None:
    """The bytes of the office's own file `name` ('letter_party', 'letter_state'), or None."""
    found = store.rows("office_file_get", name=name)
    return store.read_blob(found[0][0]) if found else None


def keep_office_file(tx: Writer, name: str, data: bytes, file_name: str, by: str) -> str:
    """Keep `data` as the office's file `name` inside `tx`; returns its sha256."""

    sha256 = hashlib.sha256(data).hexdigest()
    tx.keep_blobs([(sha256, data)])
    tx.run(
        "office_file_put",
        name=name,
        sha256=sha256,
        file_name=file_name,
        updated_by=by,
        updated_at=datetime.now(),
    )
    return sha256


def forget_office_file(tx: Writer, name: str) -> None:
    tx.run("office_file_delete", name=name)
