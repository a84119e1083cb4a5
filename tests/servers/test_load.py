"""Twenty signed-in sessions on the two-server deployment (nginx, two ``streamlit run``
servers, one PostgreSQL) for a bounded time: ``bench/load.py`` at the issue's size, each
session over Streamlit's own protocol (sign-in form, a filter change, the heatmap, an
upload through preview and write, the export page and its .xlsx). Page times are printed,
not asserted (they depend on the machine); what is asserted is that nothing was lost or
duplicated and that every session did every kind of action."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

SESSIONS = 20


@pytest.fixture
def demo_on_pg(pg, pg_demo_template) -> str:
    from servers import NGINX

    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is installed by make check")
        pytest.skip("needs Debian's nginx")
    return pg.new_database("load", pg_demo_template)


def test_twenty_sessions_on_two_servers_lose_and_duplicate_nothing(demo_on_pg):
    import load

    result = load.run(demo_on_pg, SESSIONS, seconds=30, uploads=1, think=1.0)
    printed = load.report(result, SESSIONS)
    print(printed)
    last = dict(pair.split("=") for pair in printed.splitlines()[-1].split())
    assert list(last) == ["p50_s", "p95_s", "pages", "uploads", "lost", "duplicated"]
    tally = result.tally
    assert tally.errors == [] and tally.raised == []
    assert tally.signed_in == SESSIONS
    for action in ("filter change", "heatmap", "upload", "export"):
        assert tally.actions[action] >= SESSIONS, action  # every session, at least once
    written = len(tally.accepted)
    assert written == SESSIONS - len(tally.resent) >= SESSIONS * 3 // 4
    assert (result.lost, result.duplicated) == (0, 0)
    assert result.audited == written  # one audit row names each written file
