"""Plans implementing the same directive, side by side over time.

Several provinces' plans carry out one directive (the two seeds both implement Chỉ thị
32-CT/TW); leadership above the province compares how fast each gets done. The figures at
every as-of point come from one SQL query over a generated date series
(``sql/compare_series.sql``), evaluated with the same rules as the status macro, so the
last point of a line equals the overview's KPI for that plan on the as-of date. This
module chooses which plans to compare and shapes the figures people read.
"""

from __future__ import annotations

import pandas as pd

from domain import status
from domain.scope import Scope
from store.database import Store

STEPS = {"week": "Theo tuần", "month": "Theo tháng"}
"""How far apart the as-of points are: every 7 days from the first plan's date, or each
month's last day; the chosen as-of date is always the last point."""

ALIGNS = {"calendar": "Theo ngày", "elapsed": "Theo số ngày kể từ ngày ban hành"}
"""The time axis: calendar dates, or days since each plan was issued (plans of different
years, or issued weeks apart, start from the same point)."""


def directives(plans: pd.DataFrame) -> list[str]:
    """Directive codes that have plans, those with most plans first (then by code).

    `plans` is the ``plans_list`` query (columns ``code``, ``directive``, ...); plans not
    linked to a directive are left out: there is nothing to compare them with.
    """
    linked = plans.dropna(subset=["directive"])
    linked = linked[linked["directive"] != ""]
    counts = linked.groupby("directive")["code"].count()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [code for code, _ in ordered]


def default_directive(plans: pd.DataFrame, plan: str | None) -> str | None:
    """The directive the page opens on: the filtered plan's, else the one with most plans."""
    found = plans.loc[plans["code"] == plan, "directive"] if plan else pd.Series(dtype=object)
    if len(found) and isinstance(found.iloc[0], str) and found.iloc[0]:
        return found.iloc[0]
    every = directives(plans)
    return every[0] if every else None


def plans_of(plans: pd.DataFrame, directive: str) -> pd.DataFrame:
    """The plans implementing `directive`, oldest first (archived ones too: last year's plan
    is exactly what this year's is compared with)."""
    chosen = plans[plans["directive"] == directive]
    return chosen.sort_values(["issued_on", "code"]).reset_index(drop=True)


def series(store: Store, plans: list[str], scope: Scope, step: str = "week") -> pd.DataFrame:
    """One row per (plan, as-of point) from the plan's date to the scope's as-of date:
    ``plan``, ``plan_title``, ``province``, ``issued_on``, ``day``, ``obligations``,
    ``done``, ``done_on_time``, ``overdue``, ``done_pct``, ``done_on_time_pct`` (0-100, one
    decimal, over all obligations existing on that day), for the scope's unit groups. The
    plans are `plans`, not the scope's plan, and every status is counted. Raises KeyError
    for an unknown `step`."""
    if step not in STEPS:
        raise KeyError(step)
    params = scope.params(statuses=False)
    del params["plan"]
    frame = store.frame("compare_series", plans=list(plans), step=step, **params)
    return frame.assign(
        done_pct=status.share(frame["done"], frame["obligations"]),
        done_on_time_pct=status.share(frame["done_on_time"], frame["obligations"]),
    )


LATEST_COLUMNS = [
    "plan", "province", "issued_on", "obligations", "done", "done_pct", "done_on_time",
    "done_on_time_pct", "overdue",
]  # fmt: skip
POINT_COLUMNS = [
    "plan", "day", "obligations", "done", "done_pct", "done_on_time", "done_on_time_pct",
    "overdue",
]  # fmt: skip


def latest(frame: pd.DataFrame) -> pd.DataFrame:
    """Each plan's figures on the last point (the as-of date), :data:`LATEST_COLUMNS`, in
    the order the plans were issued."""
    if frame.empty:
        return pd.DataFrame({c: [] for c in LATEST_COLUMNS})
    last = frame.sort_values("day").groupby("plan", sort=False).tail(1)
    last = last.sort_values(["issued_on", "plan"])
    return last[LATEST_COLUMNS].reset_index(drop=True)


def points(frame: pd.DataFrame) -> pd.DataFrame:
    """Every point of every plan, :data:`POINT_COLUMNS` (the figures behind the lines)."""
    return frame[POINT_COLUMNS]
