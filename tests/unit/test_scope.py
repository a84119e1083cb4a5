"""The filter scope (domain.scope): one value for plan, as-of date, unit groups and statuses,
normalised once, refused when a status is unknown, one cache entry per distinct selection."""

from __future__ import annotations

import shutil
import unicodedata
from datetime import date, datetime

import pandas as pd
import pytest
import streamlit as st
from hypothesis import given, settings
from hypothesis import strategies as some

from domain import status
from domain.errors import TrackerError
from domain.scope import Scope, UnknownStatus, from_query
from store.database import Store
from tracker.views import tables, timeline

AS_OF = date(2019, 7, 26)
GROUPS = ("bao_chi", "cap_uy", "co_quan_dang", "mttq_doan_the", "so_ban_nganh")
PLANS = (None, "84-KH/BTGTU", "TUHD-32/2019")


@some.composite
def equivalent_inputs(draw, groups=GROUPS):
    """One selection, written two ways as a sidebar, a URL or a command might: in any
    order, with repeats, as a list, a tuple, a set or None for "all"."""
    plan = draw(some.sampled_from(PLANS))
    chosen_groups = draw(some.sets(some.sampled_from(groups)))
    chosen_statuses = draw(some.sets(some.sampled_from(status.CODES)))

    def written(chosen: set[str]):
        items = draw(some.permutations(sorted(chosen))) + draw(
            some.lists(some.sampled_from(sorted(chosen)), max_size=3) if chosen else some.just([])
        )
        form = draw(some.sampled_from(("list", "tuple", "set", "none")))
        if form == "none" and not items:
            return None
        return {"list": list, "tuple": tuple, "set": set, "none": list}[form](items)

    def plan_as_written():
        return plan if plan else draw(some.sampled_from((None, "", "  ")))

    first = (plan_as_written(), written(chosen_groups), written(chosen_statuses))
    second = (plan_as_written(), written(chosen_groups), written(chosen_statuses))
    return first, second


@given(equivalent_inputs())
def test_equivalent_input_gives_equal_scopes_with_one_hash(inputs):
    first, second = (Scope.of(AS_OF, *written) for written in inputs)
    assert first == second and hash(first) == hash(second)
    assert first.params() == second.params() and first.query() == second.query()
    assert Scope.of(**{"as_of": AS_OF, **from_query(first.query())}) == first


def test_the_scope_is_normalised_once():
    nfd = unicodedata.normalize("NFD", "Hòa Bình")
    scope = Scope(datetime(2019, 7, 26, 15, 30), f" {nfd} ", ["b", "a", "b", ""], {"overdue"})
    assert scope.as_of == AS_OF and type(scope.as_of) is date
    assert scope.plan == "Hòa Bình" == unicodedata.normalize("NFC", scope.plan)
    assert scope.groups == ("a", "b") and scope.statuses == ("overdue",)
    assert Scope(AS_OF, "", [], None) == Scope(AS_OF)
    assert Scope.of(AS_OF, groups="cap_uy", statuses="overdue") == Scope(
        AS_OF, groups=("cap_uy",), statuses=("overdue",)
    )
    legend = Scope(AS_OF, statuses=["not_reported", "done_late", "overdue"]).statuses
    assert legend == ("done_late", "overdue", "not_reported")  # the legend's order


def test_an_unknown_status_is_refused_in_vietnamese():
    with pytest.raises(UnknownStatus) as refused:
        Scope.of(AS_OF, statuses=["overdue", "late"])
    assert isinstance(refused.value, TrackerError) and refused.value.exit_code == 2
    assert "Không có tình trạng «late»" in str(refused.value)
    with pytest.raises(TypeError):
        Scope("2019-07-26")  # type: ignore[arg-type]


def test_params_are_what_the_store_takes():
    everything = Scope(AS_OF)
    assert everything.params() == {"as_of": AS_OF, "plan": None, "groups": None, "statuses": None}
    narrow = Scope(AS_OF, "84-KH/BTGTU", ("cap_uy",), ("overdue",))
    assert narrow.params() == {
        "as_of": AS_OF,
        "plan": "84-KH/BTGTU",
        "groups": ["cap_uy"],
        "statuses": ["overdue"],
    }
    assert "statuses" not in narrow.params(statuses=False)
    assert narrow.every_status() == Scope(AS_OF, "84-KH/BTGTU", ("cap_uy",))


def test_the_url_and_the_words_of_a_scope():
    scope = Scope(AS_OF, "84-KH/BTGTU", ("cap_uy", "bao_chi"), ("overdue",))
    assert scope.query() == {
        "asof": "2019-07-26",
        "plan": "84-KH/BTGTU",
        "groups": "bao_chi,cap_uy",
        "status": "overdue",
    }
    assert Scope(AS_OF).query() == {"asof": "2019-07-26"}
    stale = from_query({"asof": "26/07/2019", "status": "overdue,late", "groups": "x,,y"})
    assert stale == {"statuses": ["overdue"], "groups": ["x", "y"]}
    labels = {"cap_uy": "Huyện ủy"}
    assert scope.describe(labels) == (
        "Nhóm đơn vị: bao_chi; Huyện ủy. Tình trạng: Chưa hoàn thành, quá hạn"
    )
    assert Scope(AS_OF).describe(labels) == ""


def test_streamlit_keeps_one_cache_entry_per_distinct_scope():
    """ui.data.call hands Streamlit's cache its parameters as ``(name, value)`` pairs."""
    calls: list[Scope] = []

    @st.cache_data(show_spinner=False)
    def read(params: tuple) -> int:
        calls.append(dict(params)["scope"])
        return len(calls)

    one = read((("scope", Scope.of(AS_OF, None, ["cap_uy", "bao_chi"], None)),))
    same = read((("scope", Scope(AS_OF, "", ("bao_chi", "cap_uy", "bao_chi"))),))
    assert one == same == 1
    others = [
        Scope(AS_OF, None, ("bao_chi",)),
        Scope(AS_OF, None, ("bao_chi", "cap_uy"), ("overdue",)),
        Scope(AS_OF, "84-KH/BTGTU", ("bao_chi", "cap_uy")),
        Scope(date(2019, 7, 27), None, ("bao_chi", "cap_uy")),
    ]
    assert [read((("scope", s),)) for s in others] == [2, 3, 4, 5]
    assert read((("scope", Scope(date(2019, 7, 27), None, ["cap_uy", "bao_chi"])),)) == 5
    read.clear()


def test_equivalent_scopes_give_the_same_views(demo_db_template, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    with Store(path) as store:
        groups = tuple(store.frame("unit_groups")["group_code"])
        assert set(groups) == set(GROUPS)  # the strategy draws real codes

        @settings(max_examples=6, deadline=None)
        @given(equivalent_inputs(groups))
        def same_views(inputs):
            first, second = (Scope.of(AS_OF, *written) for written in inputs)
            pd.testing.assert_frame_equal(
                tables.by_unit(store, first), tables.by_unit(store, second)
            )
            pd.testing.assert_frame_equal(timeline.load(store, first), timeline.load(store, second))

        same_views()
