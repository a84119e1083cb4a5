"""Reading the audit trail: only a quản trị (Action.AUDIT) may, whatever the page shows;
and the one row a download leaves (:func:`record_download`), which writes nothing else.

The trail itself is written by :func:`tracker.usecases.acting.acting` (one row in the
transaction of every write) and is append-only: nothing here or anywhere changes a row.
"""

from __future__ import annotations

import pandas as pd

from domain.access import Action, Actor, require
from domain.audit import EVERYTHING, AuditQuery
from store import audit
from store.database import Store
from tracker.usecases.acting import acting

__all__ = ["SHOWN", "choices", "record_download", "trail", "verify"]

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
    """Check the trail's hash chain (see :mod:`store.audit`)."""
    require(actor, Action.AUDIT)
    return audit.verify(store)


def record_download(store: Store, actor: Actor, needs: Action, file_name: str, size: int) -> None:
    """The audit row of a file made or sent for `actor` (an export, an original report
    file): refused (Forbidden) when its role no longer allows `needs`."""
    with acting(store, actor, needs, "file", file_name) as act:
        act.action = "download"
        act.after = {"bytes": size, "needs": needs.value}
