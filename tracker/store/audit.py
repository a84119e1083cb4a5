"""The audit trail: one appended row per write, inside that write's transaction.

Values are stored as JSON text (dates as ISO strings) so that both backends keep them alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.domain.access import Actor
from tracker.store.database import Writer


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
