"""The one Store of the app and cached reads.

``st.cache_resource`` holds the connection (a handle, made once); ``st.cache_data`` holds
query results keyed by plain filter values. Every write calls :func:`changed` so that the
next read sees it.
"""

from __future__ import annotations

import importlib
from datetime import date

import pandas as pd
import streamlit as st

from tracker.domain.settings import database_path
from tracker.store.database import Store
from tracker.views import summary


@st.cache_resource(show_spinner=False)
def _open(path: str) -> Store:
    from pathlib import Path

    if not Path(path).exists():
        from tracker.domain.settings import demo_reports_dir
        from tracker.usecases.demo import build_demo

        with st.spinner("Lần chạy đầu: đang tạo dữ liệu mẫu từ hai kế hoạch…"):
            return build_demo(path, demo_reports_dir(Path(path)))
    return Store(path)


def get_store() -> Store:
    """The app's Store (``$TRACKER_DB`` or ``data/tracker.duckdb``), built from the demo
    data on first start when the file does not exist."""
    return _open(str(database_path()))


def changed() -> None:
    """Forget cached query results after a write."""
    st.cache_data.clear()


def _key(value):
    return tuple(value) if isinstance(value, list) else value


@st.cache_data(show_spinner=False, max_entries=256)
def _frame(db: str, query: str, params: tuple) -> pd.DataFrame:
    clean = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return get_store().frame(query, **clean)


def frame(query: str, **params) -> pd.DataFrame:
    """The named query's result, cached by its parameters (lists become tuples)."""
    return _frame(
        str(database_path()), query, tuple(sorted((k, _key(v)) for k, v in params.items()))
    )


@st.cache_data(show_spinner=False, max_entries=256)
def _call(db: str, module: str, name: str, params: tuple):
    function = getattr(importlib.import_module(module), name)
    clean = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return function(get_store(), **clean)


def call(function, **params):
    """``function(store, **params)`` for a domain function such as
    ``tracker.summary.breakdown``, cached by its parameters like :func:`frame`."""
    return _call(str(database_path()), function.__module__, function.__name__,
                 tuple(sorted((k, _key(v)) for k, v in params.items())))


@st.cache_data(show_spinner=False)
def _plans(db: str) -> pd.DataFrame:
    return get_store().frame("plans_list")


def plans() -> pd.DataFrame:
    return _plans(str(database_path()))


@st.cache_data(show_spinner=False)
def _unit_groups(db: str) -> pd.DataFrame:
    return get_store().frame("unit_groups")


def unit_groups() -> pd.DataFrame:
    return _unit_groups(str(database_path()))


@st.cache_data(show_spinner=False)
def _default_as_of(db: str, plan: str | None) -> date:
    return summary.default_as_of(get_store(), plan)


def default_as_of(plan: str | None = None) -> date:
    return _default_as_of(str(database_path()), plan)
