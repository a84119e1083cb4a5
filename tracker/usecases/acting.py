"""The one way a use case writes for a user: check the role, then write and audit together.

``with acting(store, actor, Action.PLANS, "plan", code, before=old) as act:`` raises
:class:`~domain.access.Forbidden` before anything is written if the role does not
allow it, then opens one transaction (``act.tx``); set ``act.after`` (and ``act.key`` when the
object's key is known only once written) inside the block. The audit row is appended in the
same transaction, so a rolled-back write leaves no audit row, and a write never lacks one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from domain.access import Action, Actor, require
from store import audit
from store.database import Store, Writer

__all__ = ["Act", "acting"]


@dataclass
class Act:
    tx: Writer
    kind: str
    key: object
    before: Any = None
    after: Any = None
    action: str = ""  # overrides the audited action name (e.g. "approve" under REVIEW)


@contextmanager
def acting(
    store: Store,
    actor: Actor,
    action: Action,
    kind: str = "",
    key: object = "",
    *,
    unit_id: int | None = None,
    before: Any = None,
) -> Iterator[Act]:
    """Check `actor` may do `action` (on `unit_id`), then one audited transaction."""
    require(actor, action, unit_id)
    with store.write() as tx:
        act = Act(tx, kind, key, before)
        yield act
        audit.append(
            tx, actor, act.action or action.value, act.kind, act.key, act.before, act.after
        )
