"""How a unit's name is shown: the one rule telling apart units that share a name.

Two provinces' registries both hold "Đảng ủy Công an tỉnh". With a plan chosen only one of
them shows, so the name stands alone; in an all-plans view (no plan) every unit whose name
another unit of the registry also bears is shown with its province,
"Đảng ủy Công an tỉnh (Lạng Sơn)" (its short name too: "ĐU Công an (Lạng Sơn)"). The rule
looks at the registry, not at the rows at hand, so a unit is named the same on every page
and in every export, whichever rows a page happens to show. A unit without a province
falls back to its id ("#18").
"""

from __future__ import annotations

import pandas as pd

from store.database import Store


def with_province(name: str, province: str | None, unit_id: int) -> str:
    """``name (province)``; ``name (#id)`` when the unit has no province."""
    return f"{name}{suffix(province, unit_id)}"


def suffix(province: str | None, unit_id: int) -> str:
    """`` (province)``, or `` (#id)`` for a unit without a province."""
    return f" ({province or f'#{int(unit_id)}'})"


def suffixes(store: Store, plan: str | None = None) -> dict[int, str]:
    """Unit id → what follows its name in the views (see the module): with a plan chosen,
    ``{}``; otherwise :func:`suffix` for every unit whose name another unit shares."""
    if plan:
        return {}
    raw = store.frame("unit_names_shown")
    raw = raw[raw["shared"]]
    return {int(u): suffix(p, u) for u, p in zip(raw["unit_id"], raw["province"], strict=True)}


def tell_apart(
    store: Store, frame: pd.DataFrame, plan: str | None, columns: tuple[str, ...] = ("unit",)
) -> pd.DataFrame:
    """`frame` with each of `columns` (a unit's name, beside ``unit_id``) followed by its
    :func:`suffixes` entry where it has one; empty names stay empty. `frame` itself when
    nothing needs telling apart."""
    if frame.empty:  # nothing to name: the registry is not read
        return frame
    found = suffixes(store, plan)
    if not found:
        return frame
    after = pd.to_numeric(frame["unit_id"], errors="coerce").map(found)
    changed = {}
    for column in columns:
        names = frame[column]
        named = after.notna() & names.notna() & (names.astype(str) != "")
        changed[column] = names.where(~named, names.astype(str) + after)
    return frame.assign(**changed)
