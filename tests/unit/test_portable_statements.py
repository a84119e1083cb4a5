"""Statements with one text for both backends give what their rules say on each.

``obligations_derive.sql`` and ``register_unit_spellings.sql`` have no PostgreSQL file:
each runs as written on DuckDB and on PostgreSQL, checked here against the rules in Python
(:func:`domain.periods.bounds`) rather than against each other.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain import periods
from domain.model import PlanSpec, TaskSpec, UnitSpec
from store.database import Store
from store.plans import save_plan, save_units
from store.units import registry

pytestmark = pytest.mark.parametrize("backend", ["duckdb", "postgresql"], indirect=True)

PROVINCE = "Tỉnh Thử"
UNITS = [
    UnitSpec("Sở Thông tin và Truyền thông", "Sở TT&TT", "so_ban_nganh",
             aliases=("Sở Thông tin & Truyền thông", "Sở TTTT")),
    UnitSpec("Huyện ủy Tràng Định", "HU Tràng Định", "cap_uy", level="huyen"),
]  # fmt: skip
CYCLES = {
    "monthly": "Báo cáo hằng tháng",
    "quarterly": "Báo cáo hằng quý",
    "half_yearly": "Báo cáo định kỳ 6 tháng",
    "yearly": "Báo cáo hằng năm",
    "continuous": "Thường xuyên",
}
"""Deadline words of each recurrence (``continuous`` reports on the plan's own cycle)."""
SPANS = [
    (date(2019, 6, 21), date(2020, 12, 31), "quarterly"),
    (date(2019, 1, 31), date(2019, 3, 1), "monthly"),
    (date(2019, 7, 1), date(2021, 6, 30), "half_yearly"),
    (date(2020, 2, 29), date(2020, 2, 29), "yearly"),
    (date(2019, 12, 31), date(2022, 1, 1), "half_yearly"),
]
"""(plan date, tracked until, the plan's report cycle): month ends, a leap day, a plan
tracked for one day, periods crossing years."""


def _plan(number: int, issued_on: date, tracked_until: date, cycle: str) -> PlanSpec:
    tasks = tuple(
        TaskSpec(f"NV{i:02d}", "I", f"Nhiệm vụ {code}", words, units={"Sở TT&TT": "chu_tri"})
        for i, (code, words) in enumerate(CYCLES.items(), 1)
    )
    return PlanSpec(
        code=f"{number}-KH/TEST", title="Kế hoạch thử", issued_on=issued_on, issuer="Ban",
        province=PROVINCE, tracked_until=tracked_until, tasks=tasks, report_cycle=cycle,
    )  # fmt: skip


def test_recurring_obligations_tile_the_tracked_span_with_their_periods(db_target):
    with Store(db_target) as store:
        save_units(store, PROVINCE, UNITS)
        for number, (issued_on, until, cycle) in enumerate(SPANS, 1):
            save_plan(store, _plan(number, issued_on, until, cycle))
        obligations = store.frame("demo_obligations")
    assert set(obligations["plan"]) == {f"{n}-KH/TEST" for n in range(1, len(SPANS) + 1)}
    for (plan, task), rows in obligations.groupby(["plan", "task_code"]):
        issued_on, until, _cycle = SPANS[int(plan.split("-")[0]) - 1]
        starts = [d.date() for d in rows["period_start"]]
        dues = [d.date() for d in rows["due_on"]]
        for code, start, due in zip(rows["period"], starts, dues, strict=True):
            assert periods.bounds(code) == (start, due), (plan, task, code)
        assert starts[0] <= issued_on <= dues[0], (plan, task)
        assert starts[-1] <= until <= dues[-1], (plan, task)
        gaps = [s - d for d, s in zip(dues[:-1], starts[1:], strict=True)]
        assert set(gaps) <= {timedelta(days=1)}, (plan, task)  # no gap, no overlap
    kinds = obligations.groupby("plan")["period"].apply(lambda p: {len(c) for c in p})
    assert kinds["1-KH/TEST"] == {7, 4}  # monthly 2019-06, yearly 2019, quarterly 2019-Q2
    assert any("-H" in code for code in obligations["period"])


def test_every_spelling_of_a_unit_comes_back_as_sorted_text(db_target):
    with Store(db_target) as store:
        save_units(store, PROVINCE, UNITS)
        found = {unit.name: unit.spellings for unit in registry(store, PROVINCE)}
    assert set(found) == {u.name for u in UNITS}
    spellings = found["Sở Thông tin và Truyền thông"]
    assert {"Sở Thông tin & Truyền thông", "Sở TTTT"} <= set(spellings)
    assert list(spellings) == sorted(spellings)
    assert all(isinstance(s, str) for s in spellings)
    assert set(found["Huyện ủy Tràng Định"]) == {"Huyện ủy Tràng Định", "HU Tràng Định"}
