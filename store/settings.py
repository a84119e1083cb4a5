"""Office settings kept in the database, read by the SQL itself.

The one today is the window of "Sắp đến hạn": the status macro reads it from the
``setting`` table (migration 004), so every page, export and command agrees on it.
"""

from __future__ import annotations

from store.database import Store, Writer

DUE_SOON = "due_soon_days"


def due_soon_days(store: Store) -> int:
    """How many days ahead an obligation not yet done counts as due soon."""
    return int(store.scalar("setting_get", name=DUE_SOON))


def set_due_soon_days(store: Store, days: int) -> None:
    """Change the due-soon window (0 to 60 days); raises ValueError outside that range."""
    if not 0 <= days <= 60:
        raise ValueError(f"due-soon window must be 0-60 days, got {days}")
    with store.write() as tx:
        tx.run("setting_put", name=DUE_SOON, value=days)


DEMO = "demo_database"


def mark_demo(store: Store) -> None:
    """Record that this database is the demo's (its demo accounts may be listed)."""
    with store.write() as tx:
        tx.run("setting_put", name=DEMO, value=1)


def unmark_demo(tx: Writer) -> None:
    """The database is no longer the demo's (a real account was added to it)."""
    tx.run("setting_put", name=DEMO, value=0)


def is_demo(store: Store) -> bool:
    """True for a database made by the demo builder."""
    return bool(store.scalar("setting_get", name=DEMO))
