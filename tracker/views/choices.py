"""What the filters and forms offer to choose from: plans, unit groups, a province's units."""

from __future__ import annotations

import pandas as pd

from store import plans as stored
from store.database import Store


def plans(store: Store) -> pd.DataFrame:
    """Every plan, oldest first: ``code``, ``title``, ``directive``, ``issued_on``,
    ``province``, ``archived`` and the rest of ``plans_list``."""
    return stored.list_plans(store)


def unit_groups(store: Store) -> pd.DataFrame:
    """The unit groups in their own order: ``group_code``, ``label``."""
    return store.frame("unit_groups")


def units(store: Store, province: str) -> pd.DataFrame:
    """The units of `province` (``unit_id``, ``name``, ``short_name``, ``group_label``, …),
    by group then name."""
    return stored.list_units(store, province)
