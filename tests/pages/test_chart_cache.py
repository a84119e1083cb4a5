"""Built charts are kept per data version and arguments (ui.data.chart): a rerun that
changes neither draws the figure already built; new arguments or a write build anew."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from store.database import Store


def _script() -> None:
    import pandas as pd
    import streamlit as st

    from tracker.charts.breakdown import status_bars
    from ui import data

    table = pd.DataFrame(
        {"plan": ["84-KH/BTGTU", "01-KH/TU"], "total": [10, 4]}
        | {code: [1, 0] for code in ("done_on_time", "done_late", "overdue")}
        | {code: [3, 2] for code in ("due_soon", "in_progress", "not_reported")}
    )
    built = data.chart(status_bars, table, "plan")
    again = data.chart(status_bars, table.copy(), "plan")  # equal content, another object
    other_rows = data.chart(status_bars, table.iloc[:1], "plan")
    compact = data.chart(status_bars, table, "plan", compact=True)
    st.session_state.setdefault("ids", []).append(id(built))
    st.session_state["same"] = built is again
    st.session_state["distinct"] = len({id(built), id(other_rows), id(compact)}) == 3
    st.plotly_chart(built)


def test_a_chart_is_built_once_per_data_version_and_arguments(demo_db, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    app = AppTest.from_function(_script, default_timeout=60)
    app.run()
    assert not app.exception
    assert app.session_state["same"] and app.session_state["distinct"]
    app.run()  # a rerun with nothing changed
    first, second = app.session_state["ids"]
    assert first == second
    with Store(demo_db) as store, store.write():
        pass  # every committed write changes the data version
    app.run()
    assert app.session_state["ids"][2] != first
    assert app.get("plotly_chart")


def _called_script() -> None:
    from datetime import date

    import streamlit as st

    from domain.scope import Scope
    from tracker.charts.breakdown import status_bars
    from tracker.views import summary
    from ui import data

    found = data.call(summary.overview, scope=Scope(date(2019, 7, 26)))
    again = data.call(summary.overview, scope=Scope(date(2019, 7, 26)))  # another copy
    built = data.chart(status_bars, found.by_plan, "plan")
    st.session_state.setdefault("ids", []).append(id(built))
    st.session_state["same_call"] = built is data.chart(status_bars, again.by_plan, "plan")
    st.session_state["by_content"] = built is data.chart(status_bars, found.by_plan.copy(), "plan")
    st.plotly_chart(built)


def test_a_chart_of_what_a_view_call_returned_is_keyed_by_that_call(demo_db, monkeypatch):
    """Keyed by the call's parameters, not by hashing the frame: two copies of one call's
    result share the chart; an equal frame that no call returned (a copy) is keyed by its
    content, so it gets a chart of its own."""
    from app_pages import sign_in

    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    app = AppTest.from_function(_called_script, default_timeout=60)
    sign_in(app, demo_db)
    app.run()
    assert not app.exception
    assert app.session_state["same_call"] and not app.session_state["by_content"]
    app.run()
    first, second = app.session_state["ids"]
    assert first == second
