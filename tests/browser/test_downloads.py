"""Downloads through the app's own route (``ui.downloads``, mounted by ``serve.py``): a
link the export page draws gives the file it names to the account that drew it, made in
that request (Streamlit's deferred download button loses the file to its media sweep when
other sessions run meanwhile), and nothing to anyone else. Driven over Streamlit's own
protocol (``bench/streamlit_client.py``) against ``streamlit run serve.py`` on the demo."""

from __future__ import annotations

import asyncio
import io
import sys
from pathlib import Path

import httpx
from openpyxl import load_workbook
from test_browser import (
    CHROMIUM,
    LAUNCH_ARGS,
    _require_chromium,
    server,  # noqa: F401 - the fixture: streamlit run serve.py on the demo
    sign_in_first,
)

from tracker.usecases.demo import DEMO_PASSWORD

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from streamlit_client import Session


async def _signed_in(session: Session, login: str, page_name: str) -> list[str]:
    """Sign `login` in through the form, open `page_name`; the download links drawn."""
    form = await session.open()
    done = await session.sign_in(form, login, DEMO_PASSWORD)
    assert done.redirect, f"{login} was not signed in"
    await session.follow(done.redirect)
    page = await session.open(page_name, "asof=2019-07-26")
    assert page.exceptions() == []
    return page.links("/tai-xuong?")


async def _exchange(base: str) -> dict:
    seen: dict = {}
    async with Session(base) as staff, Session(base) as leader:
        links = await _signed_in(staff, "demo.canbo", "export")
        await _signed_in(leader, "demo.lanhdao", "")
        for _ in range(3):  # other runs end meanwhile (each sweeps Streamlit's media store)
            await leader.goto("heatmap", "asof=2019-07-26")
        got = await staff.http.get(links[0])
        seen["owner"] = (got.status_code, got.headers.get("content-disposition", ""), got.content)
        seen["other account"] = (await leader.http.get(links[0])).status_code
        async with httpx.AsyncClient(base_url=base) as stranger:
            seen["no cookie"] = (await stranger.get(links[0])).status_code
            unknown = await stranger.get("/tai-xuong?t=khong-co")
            seen["unknown"] = (unknown.status_code, unknown.text)
        again = await staff.goto("export", "asof=2019-07-26")
        seen["same link redrawn"] = again.links("/tai-xuong?")[0] == links[0]
    return seen


def test_a_download_link_gives_its_file_to_the_account_that_drew_it_and_no_one_else(server):  # noqa: F811
    seen = asyncio.run(_exchange(server))
    status, disposition, data = seen["owner"]
    assert status == 200
    assert 'filename="bao-cao-tat-ca-ke-hoach-2019-07-26.xlsx"' in disposition
    sheets = load_workbook(io.BytesIO(data), read_only=True).sheetnames
    assert len(sheets) >= 4
    assert seen["other account"] == 403
    assert seen["no cookie"] == 403
    assert seen["unknown"][0] == 404 and "hết hạn" in seen["unknown"][1]
    assert seen["same link redrawn"]


def test_in_chromium_the_export_button_downloads_the_workbook_and_stays_on_the_page(server):  # noqa: F811
    from playwright.sync_api import sync_playwright

    _require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            page = browser.new_page(accept_downloads=True)
            sign_in_first(page, server)
            page.goto(f"{server}/export?asof=2019-07-26", timeout=60_000)
            link = page.get_by_role("link", name="Bảng tính Excel (.xlsx)")
            with page.expect_download(timeout=60_000) as download:
                link.click(timeout=60_000)
            saved = download.value
            assert saved.suggested_filename == "bao-cao-tat-ca-ke-hoach-2019-07-26.xlsx"
            assert load_workbook(io.BytesIO(Path(saved.path()).read_bytes())).sheetnames
            assert page.url.startswith(f"{server}/export")  # no new page, no error page
        finally:
            browser.close()
