"""Roll-ups of status counts: the KPI cards and the breakdown tables.

The counting happens in SQL; the percentages are :func:`domain.status.share`, so
the overview page, the exports and the tests compute "% on time" the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from domain import status
from domain.scope import Scope
from store.database import Store
from tracker.views.tables import count_table


@dataclass(frozen=True)
class Kpis:
    obligations: int
    done: int
    done_on_time: int
    overdue: int
    not_reported: int
    due_soon: int

    @property
    def done_pct(self) -> float:
        """Share of obligations completed (on time or late), 0-100, one decimal."""
        return status.share(self.done, self.obligations)

    @property
    def on_time_pct(self) -> float:
        """Share of obligations completed on or before their due date, 0-100, one decimal.

        Over *all* obligations, as the published roll-ups count it (Báo cáo 1270/BC-TCTTTg:
        14,068 of 21,914 tasks done on time = 64.2%).
        """
        return status.share(self.done_on_time, self.obligations)


def kpis_from_counts(counts: dict[str, int]) -> Kpis:
    """Build the KPI figures from ``{status_code: count}``; unknown codes raise KeyError."""
    for code in counts:
        status.label(code)
    done = sum(n for code, n in counts.items() if status.BY_CODE[code].done)
    return Kpis(
        obligations=sum(counts.values()),
        done=done,
        done_on_time=counts.get("done_on_time", 0),
        overdue=counts.get("overdue", 0),
        not_reported=counts.get("not_reported", 0),
        due_soon=counts.get("due_soon", 0),
    )


def status_counts(store: Store, scope: Scope) -> dict[str, int]:
    """``{status_code: obligations}`` in `scope`, every status counted (the status filter is
    not applied: the KPI cards count every obligation)."""
    frame = store.frame("status_counts", **scope.params(statuses=False))
    return dict(zip(frame["status"], frame["obligations"].astype(int), strict=True))


def kpis(store: Store, scope: Scope) -> Kpis:
    """The KPI figures of `scope`, every status counted."""
    return kpis_from_counts(status_counts(store, scope))


@dataclass(frozen=True)
class Overview:
    """What the overview page shows, from one evaluation of the status macro."""

    kpis: Kpis
    by_plan: pd.DataFrame
    by_group: pd.DataFrame


def overview(store: Store, scope: Scope) -> Overview:
    """The KPIs and two breakdowns: ``by_plan`` (column ``plan``) and ``by_group`` (column
    ``group_label``, in the groups' own order), each followed by
    :data:`tracker.views.tables.COUNT_COLUMNS`; every status counted."""
    long = store.frame("status_by_plan_and_group", **scope.params(statuses=False))
    counts = long.groupby("status")["obligations"].sum().astype(int).to_dict()
    return Overview(
        kpis=kpis_from_counts(counts),
        by_plan=count_table(long, "plan", []),
        by_group=count_table(long.sort_values("group_order", kind="stable"), "group_label", []),
    )


def latest_report_date(store: Store, plan: str | None = None) -> date | None:
    """The newest report date (of `plan`, or of every plan); None before any report."""
    return store.scalar("latest_report_date", plan=plan)


def default_as_of(store: Store, plan: str | None = None, today: date | None = None) -> date:
    """The as-of date a view opens on: the newest report date, or today with no reports;
    never after today (a report dated in the future, were one stored, would otherwise move
    every user's default view into that future)."""
    today = today or date.today()
    latest = latest_report_date(store, plan)
    return min(latest, today) if latest else today
