"""The one Store of the app and cached reads.

``st.cache_resource`` holds the Store (a handle, made once; it opens the database per
operation, so a command line can use the same DuckDB file meanwhile); ``st.cache_data``
holds what view functions return, keyed by plain filter values *and the store's data
version*, which every write bumps in whatever process (or app server) makes it: a rerun
after a command loaded files sees them without a restart. :func:`changed` after the
app's own writes also frees the cache's memory at once.

:func:`chart` keeps built plotly figures the same way (per data version and arguments),
shared by every session: a rerun that changes neither (a click on the chart, a widget
below it) draws the figure already built.
"""

from __future__ import annotations

import dataclasses
import importlib
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from domain.access import Action, require
from domain.settings import database_target, database_wait
from store.database import Store, is_server
from tracker.views import choices, summary
from ui import this_run
from ui.session import user


@st.cache_resource(show_spinner=False)
def _open(path: str) -> Store:
    from pathlib import Path

    if not is_server(path) and not Path(path).exists():
        from domain.settings import demo_reports_dir
        from tracker.usecases.demo import build_demo

        with st.spinner("Lần chạy đầu: đang tạo dữ liệu mẫu từ hai kế hoạch…"):
            return build_demo(path, demo_reports_dir(Path(path)))
    return Store(path, wait=database_wait())


def get_store() -> Store:
    """The app's Store (``$TRACKER_DB`` or ``data/tracker.duckdb``), built from the demo
    data on first start when the file does not exist."""
    return _open(database_target())


VERSION = "data.version"
"""Kept for the run (:mod:`ui.this_run`): the cache key read."""


def cache_key() -> tuple[str, int]:
    """What cached reads are keyed by besides their parameters: the database and its data
    version, read once per script run (a page makes a dozen cached calls; each read of the
    version is a query, 0.01-0.1 s on a busy machine).

    Kept for the run by :mod:`ui.this_run`; outside a script run (a download's callable, a
    test), the version is read at every call."""
    store = get_store()
    key = this_run.recall(VERSION)
    if key is None or key[0] != store.target:
        key = store.target, store.data_version()
        this_run.keep(VERSION, key)
    return key


def changed() -> None:
    """Forget cached query results and built charts after a write (and the data version
    this run read)."""
    st.cache_data.clear()
    _chart.clear()
    if get_script_run_ctx() is not None:
        st.session_state.pop(VERSION, None)


def _key(value):
    return tuple(value) if isinstance(value, list) else value


@st.cache_data(show_spinner=False, max_entries=256)
def _call(db: tuple[str, int], module: str, name: str, params: tuple):
    function = getattr(importlib.import_module(module), name)
    clean = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return function(get_store(), **clean)


def call(function, **params):
    """``function(store, **params)`` for a view function such as
    :func:`tracker.views.tables.by_unit`, cached by its parameters (lists become tuples).
    The only way pages read: they name view functions, never queries. These views show
    every unit's figures, so a signed-in actor without the right to browse (a unit
    account) is refused (:class:`~domain.access.Forbidden`)."""
    require(user(), Action.BROWSE)
    key = _call_key(function, params)
    found = _call(cache_key(), *key)
    _remember(found, key)
    return found


def _call_key(function, params: dict) -> tuple:
    return (
        function.__module__,
        function.__name__,
        tuple(sorted((k, _key(v)) for k, v in params.items())),
    )


def warm(function, **params):
    """What :func:`call` would return, computed into the shared cache outside any session
    (the server's warm-up before its first visitor, :mod:`ui.web.warm`), so that the first
    page that makes the same call finds it. No actor is checked here: nothing is shown,
    and every page's :func:`call` checks its own."""
    return _call(cache_key(), *_call_key(function, params))


MADE = "data.made"
"""Kept for the run (:mod:`ui.this_run`): {id: (object, the call that made it)}."""


def _made() -> dict[int, tuple[object, tuple]]:
    """What :func:`call` returned in this script run, by ``id`` (empty outside a run)."""
    made = this_run.recall(MADE)
    if made is None:
        made = {}
        this_run.keep(MADE, made)
    return made


def _remember(found, key: tuple) -> None:
    """Note `found` (and the frames of a dataclass result) as made by the call `key`."""
    made = _made()
    made[id(found)] = found, key
    if dataclasses.is_dataclass(found) and not isinstance(found, type):
        for part in dataclasses.fields(found):
            value = getattr(found, part.name)
            if isinstance(value, pd.DataFrame):
                made[id(value)] = value, (*key, part.name)


@st.cache_resource(show_spinner=False, max_entries=64)
def _chart(db: tuple[str, int], module: str, name: str, key: tuple, _args: tuple, _kwargs: dict):
    build = getattr(importlib.import_module(module), name)
    return build(*_args, **_kwargs)


def chart(build, /, *args, **kwargs):
    """``build(*args, **kwargs)``, a chart function of :mod:`tracker.charts` (frames and
    view results in, a plotly Figure out), built once per data version and arguments.

    An argument that :func:`call` returned in this run (or a frame of such a result) is
    keyed by that call, plain values, so a page of thousands of cells is never hashed
    (13 ms for the heatmap's); any other frame is keyed by its content (Streamlit hashes a
    frame of 50,000 rows or more by a sample of it: the charts' frames are pages of at
    most a few thousand). So change a frame a call returned only after charting it (or
    chart a copy): the key would still name the call. The Figure is shared by every
    session, never copied: draw it, do not change it."""
    made = _made()

    def token(value):
        found = made.get(id(value))
        return ("made by", found[1]) if found is not None and found[0] is value else value

    key = tuple(token(a) for a in args), tuple(sorted((k, token(v)) for k, v in kwargs.items()))
    return _chart(cache_key(), build.__module__, build.__name__, key, args, kwargs)


def plans() -> pd.DataFrame:
    """Every plan (:func:`tracker.views.choices.plans`), cached."""
    return call(choices.plans)


def unit_groups() -> pd.DataFrame:
    """The unit groups (:func:`tracker.views.choices.unit_groups`), cached."""
    return call(choices.unit_groups)


def default_as_of(plan: str | None = None) -> date:
    """The as-of date a view opens on (:func:`tracker.views.summary.default_as_of`), cached."""
    return call(summary.default_as_of, plan=plan)
