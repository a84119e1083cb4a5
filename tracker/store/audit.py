"""The audit trail: one appended row per write, inside that write's transaction.

Values are stored as JSON text (dates as ISO strings) so that both backends keep them alike.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from tracker.domain.access import Actor
from tracker.store.database import Store, Writer


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
    tx.run(
        "audit_append",
        happened_at=datetime.now(),
        login=actor.login,
        role=actor.role.value,
        origin=actor.origin,
        action=action,
        object_kind=kind,
        object_key=str(key),
        before_json=_json(before),
        after_json=_json(after),
    )


def trail(store: Store) -> list[dict[str, Any]]:
    """Every audit row, oldest first, its before and after values decoded from JSON."""
    frame = store.frame("audit_trail")
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in rows:
        for side in ("before_json", "after_json"):
            row[side] = None if row[side] is None else json.loads(row[side])
    return rows
