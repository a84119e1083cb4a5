"""The running app (``streamlit run serve.py`` on the demo, on PostgreSQL so this process
can change accounts while the server runs) driven over Streamlit's own protocol
(``bench/streamlit_client.py``) as an attacker would: a page of another origin opening the
websocket with the user's cookies, a ticket carried to another browser, a sign-out link,
the metrics and upload endpoints, eight sessions guessing at once, and sessions that
must end when the password changes or the account signs out elsewhere."""

from __future__ import annotations

import asyncio
import hashlib
import sys
from pathlib import Path

import httpx
import pytest
from actors import ADMIN
from test_browser import server  # noqa: F401 - the fixture: streamlit run serve.py on the demo

from domain.settings import MAX_FAILED_SIGN_INS
from store import audit
from store.database import Store
from store.tables import read_table
from tracker.usecases import accounts
from tracker.usecases.demo import DEMO_PASSWORD
from tracker.usecases.sign_in import WRONG
from tracker.views.obligation import cell_key

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from streamlit_client import Page, Session

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
STAFF = "demo.canbo"
GUESSES = 8  # sessions guessing at once (20 threads do it in tests/unit/test_lockout.py)


def _at_sign_in(page: Page) -> bool:
    return any(w.label == "Tên đăng nhập" for w in page.widgets("text_input"))


async def _signed_in(base: str, login: str = STAFF, password: str = DEMO_PASSWORD) -> Session:
    session = Session(base)
    form = await session.open()
    done = await session.sign_in(form, login, password)
    assert done.redirect, done.alerts()
    await session.follow(done.redirect)
    assert not _at_sign_in(await session.open())
    return session


async def _origins_and_routes(base: str, cell_key: str, shas: set[str]) -> None:
    user = await _signed_in(base)
    cookies = {"tracker_session": user.http.cookies["tracker_session"]}
    port = base.rsplit(":", 1)[1]
    for foreign in ("http://127.0.0.1:9", f"http://localhost:{port}", f"https://127.0.0.1:{port}"):
        async with Session(base, cookies, origin=foreign) as attacker:
            assert _at_sign_in(await attacker.open()), foreign
    async with Session(base, cookies) as own:  # the app's own page, same cookies
        assert not _at_sign_in(await own.open())

    # a ticket works only in the browser that asked for it (no login CSRF)
    async with Session(base) as victim, Session(base) as mallory:
        await victim.open()
        form = await mallory.open()
        done = await mallory.sign_in(form, "demo.lanhdao", DEMO_PASSWORD)
        assert done.redirect and "ticket=" in done.redirect
        await victim.follow(done.redirect)
        assert "tracker_session" not in victim.http.cookies
        # in the browser that asked, through a proxy that says the browser came over TLS
        answer = await mallory.http.get(done.redirect, headers={"X-Forwarded-Proto": "https"})
        cookie = answer.headers.get("set-cookie", "").lower()
        assert cookie.startswith("tracker_session=") and "; secure" in cookie

    # a link to the sign-out route does not sign anyone out; a POST without the token neither
    await user.http.get("/auth/local/signout")
    await user.http.post("/auth/local/signout", data={"t": "forged"})
    assert "tracker_session" in user.http.cookies
    assert not _at_sign_in(await user.open())

    # an original report file comes through the signed route, and leaves an audit row
    cell = await user.open("heatmap", f"asof=2019-07-26&cell={cell_key}")
    [*_, original] = cell.links("/tai-xuong?")
    got = await user.http.get(original)
    assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() in shas
    async with httpx.AsyncClient(base_url=base) as stranger:  # the link alone gives nothing
        assert (await stranger.get(original)).status_code == 403

    async with httpx.AsyncClient(base_url=base) as http:
        home = await http.get("/")
        assert home.headers["content-security-policy"] == "frame-ancestors 'self'"
        assert (await http.get("/_stcore/metrics")).status_code == 404
        refused = await http.put("/_stcore/upload_file/s/f", files={"file": ("a.xlsx", b"x")})
        assert refused.status_code == 403
    await user.close()


def test_a_page_of_another_origin_gets_the_sign_in_page_whatever_cookies_it_sends(
    server,  # noqa: F811
    demo_db,
):
    with Store(str(demo_db)) as store:
        row = read_table(store, "report_row").slice(0, 1).to_pylist()[0]
        shas = set(read_table(store, "report")["sha256"].to_pylist())
        before = len(audit.trail(store, actions=["download"]))
    asyncio.run(_origins_and_routes(server, cell_key(row["unit_id"], row["task_id"]), shas))
    with Store(str(demo_db)) as store:
        downloads = audit.trail(store, actions=["download"])
    assert len(downloads) == before + 1 and downloads.iloc[0]["login"] == STAFF


async def _sessions_end(base: str, target: str) -> None:
    first, second = await _signed_in(base), await _signed_in(base)
    with Store(target) as store:
        accounts.set_password(store, ADMIN, STAFF, "mật-khẩu-mới-123")
    assert _at_sign_in(await first.rerun())  # the open page's next run
    assert _at_sign_in(await second.open())  # a reload: the cookie ended too
    await first.close()
    await second.close()
    tab_a = await _signed_in(base, password="mật-khẩu-mới-123")
    tab_b = await _signed_in(base, password="mật-khẩu-mới-123")
    page = await tab_a.rerun()
    signed_out = await tab_a.click(page.widget("button", key="frame.sign_out"))
    assert signed_out.redirect and signed_out.redirect.startswith("/auth/local/signout?t=")
    form = await tab_a.http.get(signed_out.redirect)
    token = form.text.split('name="t" value="', 1)[1].split('"', 1)[0]
    await tab_a.http.post("/auth/local/signout", data={"t": token})
    assert "tracker_session" not in tab_a.http.cookies
    assert _at_sign_in(await tab_b.rerun())  # the other tab is signed out too
    await tab_a.close()
    await tab_b.close()


def test_a_new_password_and_a_sign_out_end_every_open_session(server, demo_db):  # noqa: F811
    asyncio.run(_sessions_end(server, str(demo_db)))


async def _guess_together(base: str) -> list[list[str]]:
    sessions = [Session(base) for _ in range(GUESSES)]
    forms = await asyncio.gather(*(s.open() for s in sessions))
    pages = await asyncio.gather(
        *(
            s.sign_in(f, "demo.quantri", f"đoán-{n}")
            for n, (s, f) in enumerate(zip(sessions, forms, strict=True))
        )
    )
    async with Session(base) as late:
        right = await late.sign_in(await late.open(), "demo.quantri", DEMO_PASSWORD)
    office = Session(base, headers={"X-Real-IP": "10.0.0.5"})  # through the proxy, elsewhere
    await office.open()
    admin = await office.sign_in(await office.open(), "demo.quantri", DEMO_PASSWORD)
    for s in [*sessions, office]:
        await s.close()
    return [p.alerts() for p in pages] + [right.alerts(), [admin.redirect or ""]]


def test_sessions_guessing_at_once_get_five_checks_and_the_quan_tri_still_signs_in(
    server,  # noqa: F811
):
    *guesses, right, admin = asyncio.run(_guess_together(server))
    assert sum(alerts == [WRONG] for alerts in guesses) == MAX_FAILED_SIGN_INS - 1
    assert (
        sum(bool(a) and a[0].startswith("Đã nhập sai") for a in guesses)
        == GUESSES + 1 - MAX_FAILED_SIGN_INS
    )
    assert right and right[0].startswith("Đã nhập sai")  # the right password, too late
    assert admin[0].startswith("/auth/local/session?ticket=")  # from the office: not locked
