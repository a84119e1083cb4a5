"""The «Nhật ký» page's table and its export's frame, keyed by the column ids of
:mod:`domain.labels`: when (dd/mm/yyyy hh:mm:ss), who and in which role, from
where, what, the object, and the values before and after as readable Vietnamese text
(:func:`domain.audit.value_text`; never raw JSON, "true" or "None")."""

from __future__ import annotations

import json

import pandas as pd

from domain.access import Actor
from domain.audit import (
    EVERYTHING,
    AuditQuery,
    action_label,
    changes,
    kind_label,
    object_label,
    origin_label,
    role_label,
    value_text,
)
from store.database import Store
from tracker.usecases import audit_trail

COLUMNS = [
    "audit_id", "happened_at", "login", "role_label", "origin_label", "action_label",
    "object_kind", "object_key", "before_json", "after_json",
]  # fmt: skip


def _readable(texts: pd.Series) -> pd.Series:
    return texts.map(lambda text: value_text(_parsed(text)))


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
        object_key=[
            object_label(k, v) for k, v in zip(raw["object_kind"], raw["object_key"], strict=True)
        ],
        object_kind=raw["object_kind"].map(kind_label),
        before_json=_readable(raw["before_json"]),
        after_json=_readable(raw["after_json"]),
    )[COLUMNS]


def _parsed(text):
    return json.loads(text) if isinstance(text, str) else None


def change_table(
    store: Store, actor: Actor, audit_id: int, query: AuditQuery = EVERYTHING, limit=None
) -> pd.DataFrame:
    """One audit row (among those `query` and `limit` select, as the page lists them)
    before and after, field by field under Vietnamese headers: what the page shows for a
    row picked in the list."""
    raw = audit_trail.trail(store, actor, query, limit)
    row = raw[raw["audit_id"] == audit_id]
    if row.empty:
        return pd.DataFrame(columns=["Mục", "Trước", "Sau"])
    first = row.iloc[0]
    found = changes(_parsed(first["before_json"]), _parsed(first["after_json"]))
    return pd.DataFrame(found, columns=["Mục", "Trước", "Sau"])
