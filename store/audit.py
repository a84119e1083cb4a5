"""The audit trail: one appended row per write, inside that write's transaction.

Values are stored as JSON text (dates as ISO strings) so that both backends keep them alike.
The trail is append-only: no named statement may update, delete or drop it
(:func:`store.database.sql` refuses to load one that does).
"""

from __future__ import annotations

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
    tx.run(
        "audit_append",
        happened_at=datetime.now(),
        login=who.login,
        role=who.role.value if isinstance(who, Actor) else who.role,
        origin=who.origin,
        action=action,
        object_kind=kind,
        object_key=str(key),
        before_json=_json(before),
        after_json=_json(after),
    )


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
