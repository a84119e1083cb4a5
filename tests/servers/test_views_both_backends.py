"""The heatmap, timeline and comparison pages' views give the same frames on DuckDB and
PostgreSQL.

Their statements (``heatmap_cells``, ``heatmap_groups``, ``timeline_tasks``,
``compare_series``) are the
largest the pages run, and the two-server deployment runs them on PostgreSQL: each view is
called on the demo database on both backends, under several filters, and its frames must
be equal.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from itertools import count

import pandas as pd
import pytest

from domain.scope import Scope
from store.database import Store
from tracker.views import compare, heatmap, timeline

AS_OF = date(2019, 7, 26)
PLANS = ["TUHD-32/2019", "84-KH/BTGTU"]
_copies = count()


@pytest.fixture(scope="module")
def stores(demo_db_template, pg, pg_demo_template, tmp_path_factory):
    """The demo database on DuckDB and on PostgreSQL, read only by these tests."""
    path = tmp_path_factory.mktemp("views") / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    url = pg.new_database(f"views{next(_copies)}", pg_demo_template)
    with Store(path) as duck, Store(url) as postgres:
        yield duck, postgres


def _same(duck: pd.DataFrame, postgres: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(duck, postgres, check_dtype=False)


def _same_grid(duck: heatmap.Grid, postgres: heatmap.Grid) -> None:
    assert duck.unit_count == postgres.unit_count
    for part in ("rows", "columns", "cells", "tasks"):
        _same(
            getattr(duck, part).reset_index(drop=True),
            getattr(postgres, part).reset_index(drop=True),
        )


def _groups(store: Store) -> list[str]:
    return store.frame("unit_groups")["group_code"].tolist()


UNIT_FILTERS = [
    {},
    {"plan": "84-KH/BTGTU"},
    {"sort": "name", "page": 1},
    {"sort": "rate_desc", "statuses": ["overdue", "in_progress"]},
    {"sort": "group", "period_at": date(2019, 1, 1)},
]


@pytest.mark.parametrize("filters", UNIT_FILTERS, ids=str)
def test_heatmap_units_are_the_same_on_both_backends(stores, filters):
    duck, postgres = stores
    filters = dict(filters)
    scope = Scope(AS_OF, filters.pop("plan", None), statuses=filters.pop("statuses", ()))
    grids = [heatmap.load_units(store, scope, **filters) for store in stores]
    assert len(grids[0].cells) > 0  # a filter that leaves nothing would prove nothing
    _same_grid(*grids)
    group = _groups(duck)[:1]
    scope = replace(scope, groups=tuple(group))
    _same_grid(*(heatmap.load_units(store, scope, **filters) for store in stores))
    assert _groups(duck) == _groups(postgres)


@pytest.mark.parametrize("sort", list(heatmap.SORTS))
def test_heatmap_groups_are_the_same_on_both_backends(stores, sort):
    grids = [heatmap.load_groups(store, Scope(AS_OF), sort=sort) for store in stores]
    assert len(grids[0].cells) > 0
    _same_grid(*grids)
    _same_grid(*(heatmap.load_groups(store, Scope(AS_OF, PLANS[0]), sort=sort) for store in stores))


def test_heatmap_periods_are_the_same_on_both_backends(stores):
    duck, postgres = (heatmap.periods(store, Scope(AS_OF)) for store in stores)
    assert duck and duck == postgres


TIMELINE_SCOPES = [
    Scope(AS_OF),
    Scope(AS_OF, PLANS[1]),
    Scope(AS_OF, statuses=("overdue", "in_progress")),
    Scope(AS_OF, PLANS[0], groups=("cap_uy",), statuses=("done_on_time",)),
]


@pytest.mark.parametrize("scope", TIMELINE_SCOPES, ids=str)
def test_timeline_rows_are_the_same_on_both_backends_and_as_status_detail_counts(stores, scope):
    """``timeline_tasks`` filters ``obligation_status`` itself (semi-joins, not
    ``status_detail``'s joins): the counts per task, period and status are those of
    ``status_detail`` under the same filters."""
    import duckdb

    duck, postgres = (timeline.load(store, scope) for store in stores)
    assert len(duck) > 0
    _same(duck, postgres)
    with duckdb.connect(str(stores[0].target)) as con:  # the store holds it in this process
        counted = con.execute(
            "SELECT task_id, period, status, count(*) AS n FROM status_detail($as_of, "
            "plan_code := $plan, group_codes := $groups, status_codes := $statuses) "
            "GROUP BY ALL",
            scope.params(),
        ).fetchall()
    shown = {
        (t, p, code): n
        for t, p, *counts in duck[["task_id", "period", *timeline.SEGMENT_COLUMNS]].itertuples(
            index=False
        )
        for code, n in zip(timeline.SEGMENT_COLUMNS, counts, strict=True)
        if n
    }
    assert shown == {(t, p, code): n for t, p, code, n in counted}


@pytest.mark.parametrize("step", list(compare.STEPS))
def test_comparison_series_are_the_same_on_both_backends(stores, step):
    duck, postgres = (compare.series(store, PLANS, Scope(AS_OF), step) for store in stores)
    assert len(duck) > 2 and set(duck["plan"]) == set(PLANS)
    _same(duck, postgres)
    _same(compare.latest(duck), compare.latest(postgres))
    group = _groups(stores[0])[:1]
    duck, postgres = (
        compare.series(store, PLANS, Scope(AS_OF, groups=group), step) for store in stores
    )
    _same(duck, postgres)
