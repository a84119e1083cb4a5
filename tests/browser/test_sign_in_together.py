"""Two people at the sign-in page of a freshly started server, driven over Streamlit's own
protocol (``bench/streamlit_client.py``: the websocket a browser opens, without drawing).

Until some session of a process has called ``st.navigation``, Streamlit runs the entry
script under its legacy ``pages/`` wrapper, which gives every widget another id; the first
sign-in flips that for the whole process. A form drawn before it and submitted after it
used to carry ids the new run did not know, and the click was lost without a word."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from test_browser import server  # noqa: F401 - the fixture: streamlit run serve.py on the demo

from tracker.usecases.demo import DEMO_PASSWORD

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from streamlit_client import Session


async def _both_sign_in(base: str) -> tuple[str | None, str | None, bool]:
    """One draws the form, the other signs in and opens the menu, then the first submits."""
    async with Session(base) as early, Session(base) as late:
        early_form = await early.open()
        late_form = await late.open()
        late_done = await late.sign_in(late_form, "demo.lanhdao", DEMO_PASSWORD)
        await late.follow(late_done.redirect)
        await late.open()  # the menu: the first run of the process through st.navigation
        early_done = await early.sign_in(early_form, "demo.canbo", DEMO_PASSWORD)
        if early_done.redirect:
            await early.follow(early_done.redirect)
        signed = bool(early.http.cookies.get("tracker_session"))
        return late_done.redirect, early_done.redirect, signed


def test_a_form_drawn_before_anyone_signed_in_still_signs_in_after_someone_has(server):  # noqa: F811
    late, early, signed = asyncio.run(_both_sign_in(server))
    assert late is not None
    assert early is not None and early.startswith("/auth/local/session?ticket="), (
        "the form drawn first was submitted and nothing happened"
    )
    assert signed  # the cookie route took the ticket and set the session cookie
