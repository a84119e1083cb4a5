"""The «Nhật ký» page's table and its export's frame, keyed by the column ids of
:mod:`domain.labels`: when (dd/mm/yyyy hh:mm:ss), who and in which role, from
where, what, the object, and the values before and after as recorded (JSON text)."""

from __future__ import annotations

import pandas as pd

from domain.access import Actor
from domain.audit import EVERYTHING, AuditQuery, action_label, origin_label, role_label
from store.database import Store
from tracker.usecases import audit_trail

COLUMNS = [
    "audit_id", "happened_at", "login", "role_label", "origin_label", "action_label",
    "object_kind", "object_key", "before_json", "after_json",
]  # fmt: skip


def trail(
    store: Store, actor: Actor, query: AuditQuery = EVERYTHING, limit: int | None = None
) -> pd.DataFrame:
    """:func:`tracker.usecases.audit_trail.trail` with labels and times as text."""
    raw = audit_trail.trail(store, actor, query, limit)
    return raw.assign(
        happened_at=pd.to_datetime(raw["happened_at"]).dt.strftime("%d/%m/%Y %H:%M:%S"),
        role_label=raw["role"].map(role_label),
        origin_label=raw["origin"].map(origin_label),
        action_label=raw["action"].map(action_label),
        before_json=raw["before_json"].fillna(""),
        after_json=raw["after_json"].fillna(""),
    )[COLUMNS]
