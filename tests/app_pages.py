"""How the page tests open the app: AppTest on a given database, page and URL."""

from __future__ import annotations

from pathlib import Path

from domain.access import Actor, Role
from ui import session


def demo_actor(db, role: Role) -> Actor | None:
    """The actor of `role`'s demo account (tracker.usecases.demo.DEMO_ACCOUNTS); None on a
    database without any account (where the app asks nobody to sign in)."""
    from store.accounts import active_count, find
    from store.database import Store
    from tracker.usecases.demo import DEMO_ACCOUNTS
    from tracker.usecases.sign_in import actor_of

    login = next(login for login, r, _name in DEMO_ACCOUNTS if r is role)
    with Store(db) as store:
        account = find(store, login)
        if account is None and active_count(store) == 0:
            return None
    assert account is not None, f"{db} has no demo account {login}"
    return actor_of(account)


def sign_in(at, db, role: Role | str = Role.CAN_BO):
    """Sign the AppTest session in as the demo account of `role`, as the sign-in page
    leaves it (:func:`ui.session.sign_in_as` keeps the actor under ``session.KEY``)."""
    actor = demo_actor(db, Role(role))
    if actor is not None:
        at.session_state[session.KEY] = actor
    return at


def open_page(
    db,
    monkeypatch,
    page: str | None = None,
    first_run: bool = False,
    role: Role | str | None = Role.CAN_BO,
    actor: Actor | None = None,
    **query,
):
    """Run the app on database `db` at `page` (a path such as ``pages/heatmap.py``) with the
    URL `query`, the way the page tests all start. With `first_run`, the entry script runs
    once first (the overview), as when a user arrives at ``/`` and then moves on. The
    session is signed in as `actor`, else as the demo account of `role` (cán bộ unless
    told; None: nobody signed in, the sign-in page), as the sign-in page leaves it
    (:func:`ui.session.sign_in_as` keeps the actor under ``session.KEY``)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TRACKER_DB", str(db))
    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=60)
    if actor is not None:
        at.session_state[session.KEY] = actor
    elif role is not None:
        sign_in(at, db, role)
    if first_run:
        at.run()
    if page:
        at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def open_link(db, monkeypatch, page: str, query: dict, role: Role | str = Role.CAN_BO):
    """A fresh session opening `page` at a copied link: `query` is its query string (any
    names, ``page`` included, which :func:`open_page`'s own argument would shadow), signed
    in as the demo account of `role`."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(
        str(Path(__file__).resolve().parent.parent / "dashboard.py"), default_timeout=60
    )
    sign_in(at, db, role)
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


def problems_shown(at) -> list[str]:
    """Every problem the run drew through ui.problems, one line each: its cells joined by
    " | " (level, sheet, row, column, value, what to do), the static table's Markdown
    escapes taken off."""
    import re

    frames = [t.value for t in at.table] + [d.value for d in at.dataframe]
    return [
        " | ".join(re.sub(r"\\(.)", r"\1", str(cell)) for cell in row)
        for frame in frames
        if "Cần làm" in frame.columns
        for row in frame.itertuples(index=False)
    ]
