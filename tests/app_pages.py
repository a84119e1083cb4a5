"""How the page tests open the app: AppTest on a given database, page and URL."""

from __future__ import annotations

from pathlib import Path

from tracker.domain.access import Actor, Role
from ui import session


def demo_actor(db, role: Role) -> Actor:
    """The actor of `role`'s demo account; a unit account is bound to the first unit."""
    unit_ids: frozenset[int] = frozenset()
    if role is Role.DON_VI:
        from tracker.store.database import Store

        with Store(db) as store:
            unit_ids = frozenset({int(store.frame("units_list", province=None)["unit_id"].min())})
    return Actor(f"demo.{role.value}", role, unit_ids)


def open_page(
    db,
    monkeypatch,
    page: str | None = None,
    first_run: bool = False,
    role: Role | str | None = None,
    actor: Actor | None = None,
    **query,
):
    """Run the app on database `db` at `page` (a path such as ``pages/heatmap.py``) with the
    URL `query`, the way the page tests all start. With `first_run`, the entry script runs
    once first (the overview), as when a user arrives at ``/`` and then moves on. With
    `role`, the session is signed in as that role's demo account, as the sign-in page
    leaves it (:func:`ui.session.sign_in_as` keeps the actor under ``session.KEY``); with
    `actor`, as that actor."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TRACKER_DB", str(db))
    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=60)
    if role is not None:
        at.session_state[session.KEY] = demo_actor(db, Role(role))
    if actor is not None:
        at.session_state[session.KEY] = actor
    if first_run:
        at.run()
    if page:
        at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def open_link(db, monkeypatch, page: str, query: dict):
    """A fresh session opening `page` at a copied link: `query` is its query string (any
    names, ``page`` included, which :func:`open_page`'s own argument would shadow)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(
        str(Path(__file__).resolve().parent.parent / "dashboard.py"), default_timeout=60
    )
    at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def page_text(at) -> str:
    """Every text the run drew (labels, markdown, chart specs, table cells), as one string,
    for tests that check what a page shows or must not show."""
    import json

    from google.protobuf import text_format

    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    parts.extend(frame.value.to_csv() for frame in at.dataframe)
    # a chart's spec is JSON with its text escaped (\\u1ea1): read it back as text
    parts.extend(
        json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
        for chart in at.get("plotly_chart")
    )
    return "\n".join(parts)
