"""The audit trail: one appended row per write, inside that write's transaction.

Values are stored as JSON text (dates as ISO strings) so that both backends keep them alike.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from tracker.domain.access import Actor
from tracker.store.database import Writer


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def append(
    tx: Writer,
    actor: Actor,
    action: str,
    kind: str = "",
    key: object = "",
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one row for `actor` doing `action` to the object `kind`/`key`."""
    append_for(tx, actor.login, actor.role.value, actor.origin, action, kind, key, before, after)


def append_for(
    tx: Writer,
    login: str,
    role: str,
    origin: str,
    action: str,
    kind: str = "",
    key: object = "",
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one row for someone who is not (yet) an actor: a sign-in attempt, whose
    login may name no account (`role` is then empty)."""
    tx.run(
        "audit_append",
        happened_at=datetime.now(),
        login=login,
        role=role,
        origin=origin,
        action=action,
        object_kind=kind,
        object_key=str(key),
        before_json=_json(before),
        after_json=_json(after),
    )
