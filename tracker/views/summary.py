"""Roll-ups of status counts: the KPI cards and the breakdown tables.

The counting happens in SQL; this module turns counts into the figures people read, so
the overview page, the exports and the tests compute "% on time" the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracker.domain import status
from tracker.store.database import Store


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
        """Share of obligations completed (on time or late), 0-100."""
        return 100.0 * self.done / self.obligations if self.obligations else 0.0

    @property
    def on_time_pct(self) -> float:
        """Share of obligations completed on or before their due date, 0-100.

        Over *all* obligations, as the published roll-ups count it (Báo cáo 1270/BC-TCTTTg:
        14,068 of 21,914 tasks done on time = 64.2%).
        """
        return 100.0 * self.done_on_time / self.obligations if self.obligations else 0.0


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


def status_counts(
    store: Store, as_of: date, plan: str | None = None, groups: list[str] | None = None
) -> dict[str, int]:
    frame = store.frame("status_counts", as_of=as_of, plan=plan, groups=groups or None)
    return dict(zip(frame["status"], frame["obligations"].astype(int), strict=True))


def kpis(
    store: Store, as_of: date, plan: str | None = None, groups: list[str] | None = None
) -> Kpis:
    return kpis_from_counts(status_counts(store, as_of, plan, groups))


@dataclass(frozen=True)
class Overview:
    """What the overview page shows, from one evaluation of the status macro."""

    kpis: Kpis
    by_plan: pd.DataFrame
    by_group: pd.DataFrame


def overview(
    store: Store, as_of: date, plan: str | None = None, groups: list[str] | None = None
) -> Overview:
    long = store.frame("status_by_plan_and_group", as_of=as_of, plan=plan, groups=groups or None)
    counts = long.groupby("status")["obligations"].sum().astype(int).to_dict()
    return Overview(
        kpis=kpis_from_counts(counts),
        by_plan=_wide(long, "plan", "Kế hoạch"),
        by_group=_wide(
            long.sort_values("group_order", kind="stable"), "group_label", "Nhóm đơn vị"
        ),
    )


def breakdown(
    store: Store, by: str, as_of: date, plan: str | None = None, groups: list[str] | None = None
) -> pd.DataFrame:
    """One row per plan (``by="plan"``) or unit group (``by="group"``), one column per status
    label in the vocabulary's order, plus totals and the two percentages."""
    found = overview(store, as_of, plan, groups)
    return {"plan": found.by_plan, "group": found.by_group}[by]


def _wide(long: pd.DataFrame, key: str, title: str) -> pd.DataFrame:
    order = list(dict.fromkeys(long[key]))
    wide = long.pivot_table(
        index=key, columns="status", values="obligations", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(index=order, columns=list(status.CODES), fill_value=0).astype(int)
    total = wide.sum(axis=1)
    done = wide["done_on_time"] + wide["done_late"]
    wide = wide.rename(columns=status.LABELS)
    wide.insert(0, "Tổng số", total)
    wide["% hoàn thành"] = (100 * done / total.where(total > 0)).round(1).fillna(0.0)
    on_time = wide[status.LABELS["done_on_time"]]
    wide["% đúng hạn"] = (100 * on_time / total.where(total > 0)).round(1).fillna(0.0)
    wide.index.name = title
    return wide.reset_index()


def default_as_of(store: Store, plan: str | None = None, today: date | None = None) -> date:
    """The as-of date a view opens on: the newest report date, or today with no reports."""
    latest = store.scalar("latest_report_date", plan=plan)
    return latest or today or date.today()
