"""Load on two app servers: 20 browser sessions across both for a bounded time.

    .venv/bin/python bench/load.py [--sessions 20] [--seconds 90] [--db postgresql://…]

Starts (unless ``--db`` names one) a throw-away PostgreSQL cluster with the demo database,
both ``streamlit run`` servers and nginx in front (``bench/servers.py``, the README's
deployment), then drives `--sessions` Chromium sessions (one browser, a context each,
pinned alternately to server a and b by the nginx cookie) for `--seconds`. Each session
loops over: a filter change on the overview (plan, then the as-of date), the heatmap page,
an upload of a report file no other session sends (one in four sends its first file again,
which must be recognised as already loaded), and the export page with the .xlsx download.
A page time is from the action to the script run having finished with the page's content.

At the end the database is read back: every upload a session saw accepted must be there
once (``lost``: missing, ``duplicated``: there twice or more, or rows more than the file
had), and no file sent twice may have two reports. Prints p50/p95 per action and overall,
then one line ``p50_s=… p95_s=… actions=… uploads=… lost=… duplicated=…``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from servers import two_servers  # noqa: E402

from tracker.store.database import Store  # noqa: E402
from tracker.store.tables import read_table  # noqa: E402
from tracker.usecases.demo import build_demo, demo_reports, report_workbook  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning';
}"""
TIMEOUT_MS = 60_000
GRACE_S = 120  # after the time is up, unfinished actions get this long, then are cancelled


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    accepted: dict[str, tuple[str, int]] = field(default_factory=dict)  # sha -> (name, rows)
    resent: list[str] = field(default_factory=list)  # shas sent a second time
    errors: list[str] = field(default_factory=list)


def upload_files(url: str, sessions: int, per_session: int) -> list[list[tuple[str, bytes, int]]]:
    """For each session, files no other session sends: demo reports with the session and
    the round written into every result, so each has bytes of its own."""
    with Store(url) as store:
        reports = demo_reports(store)
        plans = store.frame("plans_list")
        provinces = dict(zip(plans["code"], plans["province"], strict=True))
    files: list[list[tuple[str, bytes, int]]] = []
    for s in range(sessions):
        mine = []
        for n in range(per_session):
            base = reports[(s * per_session + n) % len(reports)]
            rows = tuple(
                replace(r, result_text=f"{r.result_text} (phiên {s}, lần {n})") for r in base.rows
            )
            report = replace(base, rows=rows, file_name=f"tai-{s:02d}-{n:02d}-{base.file_name}")
            mine.append(
                (report.file_name, report_workbook(report, provinces[base.plan]), len(rows))
            )
        files.append(mine)
    return files


async def settle(page, ready: str | None = None) -> None:
    if ready:
        await page.locator(ready).first.wait_for(timeout=TIMEOUT_MS)
    await page.wait_for_function(SETTLED, timeout=TIMEOUT_MS)


async def timed(tally: Tally, kind: str, action) -> None:
    """Await the coroutine `action` (not started before this), timing it under `kind`."""
    started = time.perf_counter()
    try:
        await action
    except Exception as exc:  # noqa: BLE001 - counted and printed, the load goes on
        tally.errors.append(f"{kind}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        return
    tally.times[kind].append(time.perf_counter() - started)


async def session(browser, base: str, number: int, files, deadline: float, tally: Tally) -> None:
    context = await browser.new_context(viewport={"width": 1366, "height": 900})
    pinned = "ab"[number % 2]
    await context.add_cookies([{"name": "tracker_server", "value": pinned, "url": base}])
    page = await context.new_page()
    folder = Path(tempfile.mkdtemp(prefix=f"load-{number}-"))
    sent = 0
    await timed(tally, "first page", _goto(page, f"{base}/?asof=2019-07-26"))
    while time.monotonic() < deadline:
        await timed(tally, "filter change", _filters(page, base))
        await timed(tally, "heatmap", _goto(page, f"{base}/heatmap", "[data-testid=stPlotlyChart]"))
        if sent < len(files):
            name, data, rows = files[sent]
            again = sent == 1 and number % 4 == 0
            if again:
                name, data, rows = files[0][0].replace("tai-", "lai-"), files[0][1], files[0][2]
            sent += 1
            upload = _upload(page, base, folder, name, data, rows, again, tally)
            await timed(tally, "upload", upload)
        await timed(tally, "export", _export(page, base))
    await context.close()


async def _goto(page, url: str, ready: str | None = None) -> None:
    await page.goto(url)
    await settle(page, ready or "h1")


async def _filters(page, base: str) -> None:
    await _goto(page, f"{base}/?asof=2019-07-26")
    await page.get_by_role("combobox", name="Kế hoạch").click()
    await page.get_by_role("option", name="84-KH/BTGTU").first.click()
    await settle(page, "[data-testid=stMetric]")


async def _upload(page, base, folder: Path, name, data, rows, again: bool, tally: Tally) -> None:
    await _goto(page, f"{base}/upload")
    plan = "TUHD-32/2019" if "TUHD" in name or "hai-duong" in name.lower() else "84-KH/BTGTU"
    await page.locator(".st-key-upload-plan").get_by_role("combobox").click()
    await page.get_by_role("option", name=plan).first.click()
    await settle(page)
    path = folder / name
    path.write_bytes(data)
    await page.locator('[class*="st-key-upload-files"] input[type=file]').set_input_files(str(path))
    sha = hashlib.sha256(data).hexdigest()
    if again:  # a file this session loaded before: the preview must say so, offer no write
        await page.get_by_text("0 tệp hợp lệ sẽ được ghi, 1 tệp đã nạp trước").wait_for(
            timeout=TIMEOUT_MS
        )
        tally.resent.append(sha)
        return
    await page.locator(".st-key-upload-confirm button").click(timeout=TIMEOUT_MS)
    said = page.locator('[data-testid="stAlert"]', has_text="Đã ghi").first
    await said.wait_for(timeout=TIMEOUT_MS)
    if name in await said.inner_text():
        tally.accepted[sha] = (name, rows)
    else:
        tally.errors.append(f"upload: {name} not written")


async def _export(page, base: str) -> None:
    await _goto(page, f"{base}/export", "text=Bảng tính Excel")
    async with page.expect_download(timeout=TIMEOUT_MS) as download:
        await page.get_by_role("button", name="Bảng tính Excel (.xlsx)").first.click()
    await (await download.value).path()


async def drive(base: str, sessions: int, seconds: float, files) -> Tally:
    from playwright.async_api import async_playwright

    tally = Tally()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        deadline = time.monotonic() + seconds
        running = asyncio.gather(
            *(session(browser, base, i, files[i], deadline, tally) for i in range(sessions))
        )
        try:
            await asyncio.wait_for(running, seconds + GRACE_S)
        except TimeoutError:
            tally.errors.append(f"sessions still working {GRACE_S} s after the end: cancelled")
        await browser.close()
    return tally


def check(url: str, tally: Tally) -> tuple[int, int]:
    """(lost, duplicated) among the uploads the sessions saw accepted."""
    with Store(url) as store:
        found = defaultdict(list)
        for report in read_table(store, "report").to_pylist():
            found[report["sha256"]].append(report["row_count"])
    lost = sum(1 for sha in tally.accepted if sha not in found)
    duplicated = sum(1 for sha, rows in found.items() if len(rows) > 1)
    duplicated += sum(
        1 for sha, (_, rows) in tally.accepted.items() if sha in found and found[sha][0] != rows
    )
    return lost, duplicated


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--uploads", type=int, default=3, help="files per session at most")
    parser.add_argument("--db", help="a postgresql:// URL holding the demo (default: a new one)")
    args = parser.parse_args(argv)
    cluster = None
    url = args.db
    if url is None:
        import pg_cluster

        cluster = pg_cluster.start()
        url = cluster.new_database("load")
        build_demo(url).close()
    try:
        files = upload_files(url, args.sessions, args.uploads)
        with two_servers(url) as base:
            started = time.perf_counter()
            tally = asyncio.run(drive(base, args.sessions, args.seconds, files))
            elapsed = time.perf_counter() - started
        lost, duplicated = check(url, tally)
    finally:
        if cluster is not None:
            cluster.stop()
    every = [t for times in tally.times.values() for t in times] or [float("nan")]
    for kind, times in sorted(tally.times.items()):
        print(
            f"{kind}: n={len(times)} p50={statistics.median(times):.2f} s "
            f"p95={_percentile(times, 0.95):.2f} s"
        )
    for error in tally.errors[:10]:
        print(f"error: {error}")
    print(
        f"sessions={args.sessions} seconds={elapsed:.0f} errors={len(tally.errors)} "
        f"resent={len(tally.resent)}"
    )
    print(
        f"p50_s={statistics.median(every):.2f} p95_s={_percentile(every, 0.95):.2f} "
        f"actions={len(every)} uploads={len(tally.accepted)} lost={lost} duplicated={duplicated}"
    )
    return 1 if lost or duplicated else 0


if __name__ == "__main__":
    sys.exit(main())
