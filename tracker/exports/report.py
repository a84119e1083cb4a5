"""What one export holds: the header (plan, as-of date, filters, when it was made), the four
summary tables and the KPI figures, gathered once from :mod:`tracker.views.tables` so that the
workbook, the CSV files, the Word draft and the page preview all show the same numbers.

The export page does not gather the whole export to show it: on 1M obligations the detail
sheet alone is a million rows (8 s and 2.9 GB with everything collected up front). It
shows a :class:`Preview` (the two count tables whole and every table's length, from one
count query), reads a list's first rows (:func:`first_rows`) for the units holding them
when its tab is opened, and calls :func:`collect` or :func:`table` only when a download is
clicked."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

import pandas as pd

from domain import status
from domain.errors import NotFound
from domain.scope import Scope
from domain.text import vn_date
from store.database import Store
from tracker.views import choices, summary, tables


@dataclass(frozen=True)
class Header:
    """Who and when: printed at the top of every sheet and of the Word draft."""

    scope: Scope  # its plan None for every plan being tracked
    plan_title: str = ""
    issued_on: date | None = None
    issuer: str = ""
    province: str = ""
    plan_codes: tuple[str, ...] = ()  # the plans covered when `plan` is None
    filters: str = ""  # the scope's filters in words (:meth:`Scope.describe`), empty when none
    generated_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    @property
    def title(self) -> str:
        if self.scope.plan:
            issued = f", ngày {vn_date(self.issued_on)}" if self.issued_on else ""
            about = f": {self.plan_title}" if self.plan_title else ""
            return f"Kế hoạch số {self.scope.plan}{issued}{about}"
        if self.plan_codes:
            return "Tất cả kế hoạch đang theo dõi: " + ", ".join(self.plan_codes)
        return "Tất cả kế hoạch đang theo dõi"

    def lines(self) -> list[str]:
        """The header block, one line a row."""
        made = self.generated_at.strftime("%H:%M ngày %d/%m/%Y")
        return [
            self.title,
            f"Số liệu tính đến ngày: {vn_date(self.scope.as_of)}",
            f"Lập lúc: {made}",
            f"Bộ lọc: {self.filters}" if self.filters else "Bộ lọc: không (tất cả đơn vị)",
        ]


SHEETS = (
    # (attribute, sheet name, file slug)
    ("by_unit", "Tổng hợp theo đơn vị", "tong-hop-theo-don-vi"),
    ("by_task", "Tổng hợp theo nhiệm vụ", "tong-hop-theo-nhiem-vu"),
    ("detail", "Chi tiết", "chi-tiet"),
    ("reminders", "Quá hạn và chưa báo cáo", "qua-han-va-chua-bao-cao"),
)


@dataclass(frozen=True)
class ExportData:
    header: Header
    by_unit: pd.DataFrame
    by_task: pd.DataFrame
    detail: pd.DataFrame
    reminders: pd.DataFrame

    @property
    def tasks(self) -> int:
        """How many tasks the task table holds."""
        return len(self.by_task)

    @property
    def kpis(self) -> summary.Kpis:
        """The KPI figures of exactly the obligations in the tables (status filter included);
        without a status filter they equal :func:`tracker.views.summary.kpis`."""
        counts = {code: int(self.by_unit[code].sum()) for code in status.CODES}
        return summary.kpis_from_counts(counts)

    def sheets(self) -> list[tuple[str, str, pd.DataFrame]]:
        """``(sheet name, file slug, table)`` in the workbook's order."""
        return [(name, slug, getattr(self, attr)) for attr, name, slug in SHEETS]


def header_for(
    store: Store,
    scope: Scope,
    plans: pd.DataFrame | None = None,
    groups: pd.DataFrame | None = None,
) -> Header:
    """The header of an export of `scope`; raises NotFound for an unknown plan. `plans`
    and `groups` (:func:`tracker.views.choices.plans` and ``unit_groups``) are read
    when not given: a page has them already, for its sidebar."""
    plans = choices.plans(store) if plans is None else plans
    found_groups = choices.unit_groups(store) if groups is None else groups
    labels = dict(zip(found_groups["group_code"], found_groups["label"], strict=True))
    text = scope.describe(labels)
    if scope.plan is None:
        codes = tuple(plans.loc[~plans["archived"].astype(bool), "code"])
        return Header(scope, plan_codes=codes, filters=text)
    found = plans[plans["code"] == scope.plan]
    if found.empty:
        raise NotFound("plan", scope.plan)
    row = found.iloc[0]
    issued = row["issued_on"]
    return Header(
        scope,
        plan_title=str(row["title"]),
        issued_on=None if pd.isna(issued) else pd.Timestamp(issued).date(),
        issuer=str(row["issuer"] or ""),
        province=str(row["province"] or ""),
        filters=text,
    )


@dataclass(frozen=True)
class Preview(ExportData):
    """What the export page shows before anything is downloaded: ``by_unit`` whole (so the
    KPIs and the summary sentence are the export's); ``by_task``, ``detail`` and
    ``reminders`` hold no rows: :func:`first_rows` reads them for the tab that shows them
    (the lists from the units in ``leading``; :func:`with_tasks` gives the charts the task
    table). ``rows`` holds every table's full length in :data:`SHEETS` order. Never hand it
    to a writer: the files come from :func:`collect`."""

    rows: tuple[int, ...] = ()
    leading: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def tasks(self) -> int:
        return self.rows[1]

    def sheet_rows(self) -> list[tuple[str, str, str, int]]:
        """``(sheet name, file slug, attribute, full length)`` in the workbook's order."""
        lengths = zip(SHEETS, self.rows, strict=True)
        return [(name, slug, attr, n) for (attr, name, slug), n in lengths]


def preview(
    store: Store,
    scope: Scope,
    rows: int = 1000,
    plans: pd.DataFrame | None = None,
    groups: pd.DataFrame | None = None,
) -> Preview:
    """The export of `scope` as the page first shows it: one count query
    (:func:`tracker.views.tables.preview_counts`) gives the unit table, every table's
    length, and the units holding each list's first `rows` rows (read later by
    :func:`first_rows`); `plans` and `groups` as in :func:`header_for`."""
    long = tables.preview_counts(store, scope)
    statuses = scope.statuses
    by_unit = tables.unit_table(long, statuses)
    reminder_sizes = tables.reminder_sizes(long, statuses)
    return Preview(
        header=header_for(store, scope, plans, groups),
        by_unit=by_unit,
        by_task=pd.DataFrame(),
        detail=pd.DataFrame(),
        reminders=pd.DataFrame(),
        rows=(
            len(by_unit),
            tables.task_count(long, statuses),
            int(by_unit["total"].sum()),
            int(reminder_sizes.sum()),
        ),
        leading={
            "detail": tuple(tables.detail_units(long, statuses, rows)),
            "reminders": tuple(tables.first_units(reminder_sizes, rows)),
        },
    )


def first_rows(store: Store, shown: Preview, name: str, rows: int = 1000) -> pd.DataFrame:
    """The first `rows` rows of the export's table `name` (an :class:`ExportData` attribute)
    for the filters of `shown`: the count tables as they are, a list read for the units
    holding its first rows only (the database narrows that at the scan: ~0.02 s on 1M
    obligations where a top-N over every row costs a whole status evaluation), the task
    table whole from its own count."""
    if name == "by_task":
        return tables.by_task(store, shown.header.scope).head(rows)
    if name not in shown.leading:
        return getattr(shown, name).head(rows)
    read = tables.detail if name == "detail" else tables.reminders
    return read(store, shown.header.scope, units=list(shown.leading[name]), limit=rows)


def with_tasks(store: Store, shown: Preview) -> Preview:
    """`shown` with its task table whole (what the charts need of it)."""
    return replace(shown, by_task=tables.by_task(store, shown.header.scope))


def table(store: Store, name: str, scope: Scope) -> pd.DataFrame:
    """One of the export's tables whole, by its :class:`ExportData` attribute (``by_unit``,
    ``by_task``, ``detail``, ``reminders``): what a one-table download writes, without
    gathering the other three. A status filter narrows the reminder list too."""
    if name in ("by_unit", "by_task", "detail", "reminders"):
        return getattr(tables, name)(store, scope)
    raise ValueError(f"no such table: {name}")


def collect(store: Store, scope: Scope) -> ExportData:
    """Everything an export of `scope` writes (the app's sidebar filters). A status filter
    narrows the reminder list too (to the overdue / not-reported statuses chosen). Both
    count tables come from one count query."""
    long = tables.counts(store, scope)
    return ExportData(
        header=header_for(store, scope),
        by_unit=tables.unit_table(long, scope.statuses),
        by_task=tables.task_table(long, scope.statuses),
        detail=tables.detail(store, scope),
        reminders=tables.reminders(store, scope),
    )
