"""How the page tests open the app: AppTest on a given database, page and URL."""

from __future__ import annotations

from pathlib import Path


def open_page(db, monkeypatch, page: str | None = None, first_run: bool = False, **query):
    """Run the app on database `db` at `page` (a path such as ``pages/heatmap.py``) with the
    URL `query`, the way the page tests all start. With `first_run`, the entry script runs
    once first (the overview), as when a user arrives at ``/`` and then moves on."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TRACKER_DB", str(db))
    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=60)
    if first_run:
        at.run()
    if page:
        at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()
