"""Remembered names of tasks and units (table ``name_alias``): what staff confirmed a
report's text means, applied to every later file."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from domain.text import clean, fold
from store.database import Store

Kind = Literal["task", "unit"]


def add_alias(store: Store, kind: Kind, target_id: int, alias: str, by: str = "") -> int | None:
    """Remember `alias` for a task or unit; its id, or None when it was remembered already."""
    with store.write() as tx:
        found = tx.run(
            "alias_insert",
            kind=kind,
            target_id=target_id,
            alias=clean(alias),
            alias_key=fold(alias),
            added_by=by,
        )
    return found[0][0] if found else None


def remove_alias(store: Store, alias_id: int) -> bool:
    """Forget one remembered name; False when there was none with that id."""
    with store.write() as tx:
        return bool(tx.run("alias_delete", alias_id=alias_id))


def list_aliases(
    store: Store,
    kind: Kind | None = None,
    plan: str | None = None,
    province: str | None = None,
) -> pd.DataFrame:
    """alias_id, kind, alias, target (task code or unit name), target_name, plan_code,
    province, added_by, added_at."""
    return store.frame("alias_list", kind=kind, plan=plan, province=province)


def units_named(store: Store, written: str, province: str | None = None) -> list[tuple]:
    """(unit_id, name, province) of units any spelling of which folds like `written`."""
    return store.rows("alias_units_named", key=fold(written), province=province)
