"""Reading the audit trail: only a quản trị (Action.AUDIT) may, whatever the page shows.

The trail itself is written by :func:`tracker.usecases.acting.acting` (one row in the
transaction of every write) and is append-only: nothing here or anywhere changes a row.
"""

from __future__ import annotations

import pandas as pd

from tracker.domain.access import Action, Actor, require
from tracker.domain.audit import EVERYTHING, AuditQuery
from tracker.store import audit
from tracker.store.database import Store

__all__ = ["SHOWN", "choices", "trail", "verify"]

SHOWN = 5_000
"""Rows a page shows at most (the export has them all)."""


def trail(
    store: Store, actor: Actor, query: AuditQuery = EVERYTHING, limit: int | None = None
) -> pd.DataFrame:
    """The rows `query` selects, newest first (at most `limit`)."""
    require(actor, Action.AUDIT)
    return audit.trail(
        store,
        logins=list(query.logins),
        actions=list(query.actions),
        kinds=list(query.kinds),
        key=query.key.strip(),
        from_day=query.from_day,
        to_day=query.to_day,
        limit=limit or 1_000_000_000,
    )


def choices(store: Store, actor: Actor) -> dict[str, list[str]]:
    """Every login, action and object kind recorded, for the filters."""
    require(actor, Action.AUDIT)
    return audit.trail_choices(store)


def verify(store: Store, actor: Actor) -> audit.Verified:
    """Check the trail's hash chain (see :mod:`tracker.store.audit`)."""
    require(actor, Action.AUDIT)
    return audit.verify(store)
