"""The audit trail: one appended row per write, inside that write's transaction.

Values are stored as JSON text (dates as ISO strings) so that both backends keep them alike.
The trail is append-only: no named statement may update, delete or drop it
(:func:`store.database.sql` refuses to load one that does). Each row is chained to
the one before: `row_hash` is the SHA-256 of the previous row's hash and the row's own
values (not its id, so a copy to another backend keeps the chain), so an edited, inserted
or removed row breaks every hash after it (:func:`verify`). Rows from before migration 011
carry no hash; the chain starts after them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from domain.access import Actor
from store.database import Store, Writer


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


@dataclass(frozen=True)
class Attempt:
    """Who tried to sign in: a login that may name no account (`role` is then "")."""

    login: str
    role: str
    origin: str


FIELDS = (
    "happened_at",
    "login",
    "role",
    "origin",
    "action",
    "object_kind",
    "object_key",
    "before_json",
    "after_json",
    "restored_from",
)
"""What a row's hash covers, with the previous row's hash."""


def row_hash(prev_hash: str | None, values: dict[str, Any]) -> str:
    """The hash that chains a row with `values` (:data:`FIELDS`) to `prev_hash`."""
    stamp = values["happened_at"]
    covered = [prev_hash or ""] + [
        stamp.isoformat(timespec="microseconds") if f == "happened_at" else values.get(f)
        for f in FIELDS
    ]
    text = json.dumps(covered, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _append_row(tx: Writer, values: dict[str, Any]) -> None:
    found = tx.run("audit_last_hash")
    prev = found[0][0] if found else None
    tx.run("audit_append", **values, prev_hash=prev, row_hash=row_hash(prev, values))


def append(
    tx: Writer,
    who: Actor | Attempt,
    action: str,
    kind: str = "",
    key: object = "",
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one row for `who` doing `action` to the object `kind`/`key`."""
    _append_row(
        tx,
        {
            "happened_at": datetime.now(),
            "login": who.login,
            "role": who.role.value if isinstance(who, Actor) else who.role,
            "origin": who.origin,
            "action": action,
            "object_kind": kind,
            "object_key": str(key),
            "before_json": _json(before),
            "after_json": _json(after),
            "restored_from": None,
        },
    )


def rows_after(store: Store, after_id: int = 0) -> list[dict[str, Any]]:
    """Every row past `after_id`, oldest first, as dicts (the columns of sql/audit_chain.sql)."""
    frame = store.frame("audit_chain", after_id=after_id)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in rows:
        row["happened_at"] = pd.Timestamp(row["happened_at"]).to_pydatetime()
    return rows


def append_restored(tx: Writer, row: dict[str, Any], restored_from: str) -> None:
    """Append a row carried over a restore: its values as they were, marked with where it
    came from, chained anew."""
    values = {f: row[f] for f in FIELDS if f != "restored_from"}
    _append_row(tx, {**values, "restored_from": restored_from})


@dataclass(frozen=True)
class Verified:
    """What :func:`verify` found: rows checked, rows from before the chain, the first
    broken row's id (None when whole) and the newest row's hash."""

    checked: int
    unchained: int
    broken_at: int | None
    head: str | None


def verify(store: Store) -> Verified:
    """Recompute every row's hash in order; the first row whose hash or link is wrong."""
    prev: str | None = None
    checked = unchained = 0
    started = False
    for row in rows_after(store):
        if row["row_hash"] is None and not started:
            unchained += 1
            continue
        started = True
        checked += 1
        if row["prev_hash"] != prev or row["row_hash"] != row_hash(prev, row):
            return Verified(checked, unchained, int(row["audit_id"]), prev)
        prev = row["row_hash"]
    return Verified(checked, unchained, None, prev)


def trail(
    store: Store,
    *,
    logins: list[str] | None = None,
    actions: list[str] | None = None,
    kinds: list[str] | None = None,
    key: str | None = None,
    from_day: date | None = None,
    to_day: date | None = None,
    limit: int = 1_000_000,
) -> pd.DataFrame:
    """Audit rows, newest first (see ``sql/audit_list.sql`` for the filters)."""
    return store.frame(
        "audit_list",
        logins=logins or None,
        actions=actions or None,
        kinds=kinds or None,
        key=key or None,
        from_day=from_day,
        to_day=to_day,
        limit=limit,
    )


def trail_choices(store: Store) -> dict[str, list[str]]:
    """``{"login": [...], "action": [...], "kind": [...]}``: what has been recorded."""
    found: dict[str, list[str]] = {"login": [], "action": [], "kind": []}
    for field, value in store.rows("audit_choices"):
        found[field].append(value)
    return found
