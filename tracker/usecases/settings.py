"""Office settings changed for a user: checked against the role and audited."""

from __future__ import annotations

from domain.access import Action, Actor
from store import settings as stored
from store.database import Store
from tracker.usecases.acting import acting

__all__ = ["due_soon_days", "set_due_soon_days"]

due_soon_days = stored.due_soon_days


def set_due_soon_days(store: Store, actor: Actor, days: int) -> None:
    """Change the "Sắp đến hạn" window (0 to 60 days) for `actor`; ValueError outside that
    range, Forbidden unless the role may change settings, writing nothing either way."""
    before = stored.due_soon_days(store)
    with acting(store, actor, Action.SETTINGS, "setting", stored.DUE_SOON, before=before) as act:
        stored.set_due_soon_days(store, days)
        act.after = days
