"""Load on two app servers: 20 signed-in sessions across both for a bounded time.

    .venv/bin/python bench/load.py [--sessions 20] [--seconds 90] [--think 2] [--db URL]

Starts (unless ``--db`` names one) a throw-away PostgreSQL cluster with the demo database,
both ``streamlit run`` servers and nginx in front (``bench/servers.py``, the README's
deployment), gives each session a staff account of its own, then drives the sessions over
Streamlit's own protocol (``bench/streamlit_client.py``: the websocket, the upload PUT and
the download a browser would make, without drawing), pinned alternately to server a and b
by nginx's cookie. Each session signs in through the sign-in form, then loops until the
time is up, pausing ``--think`` seconds between actions: a filter change on the overview
(the sidebar's plan), the heatmap page, an upload of a report file no other session sends
(preview, then the write; one session in four later sends its first file again, which the
preview must recognise as already loaded), the export page and its .xlsx download.

A *page time* is one script run as the client sees it: from the message that asks for the
run to the server's ``script_finished``, through nginx (the time a browser waits before it
can draw, without the drawing). Sessions are started a quarter second apart.

At the end the database is read back: every upload a session saw written must be there
once with its rows (``lost``: missing; ``duplicated``: there twice, or with other rows),
no file sent twice may have two reports, and the audit trail must hold one upload row per
written file. Prints p50/p95 per step and overall, then one line
``p50_s=… p95_s=… pages=… uploads=… lost=… duplicated=…``; exit 1 on any loss, duplicate,
error or page that raised.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from servers import two_servers  # noqa: E402
from streamlit_client import Page, ProtocolError, Session  # noqa: E402

from domain.access import Action, Role  # noqa: E402
from store.accounts import find as find_account  # noqa: E402
from store.database import Store  # noqa: E402
from store.tables import read_table  # noqa: E402
from tracker.usecases.accounts import add_user  # noqa: E402
from tracker.usecases.demo import (  # noqa: E402
    DEMO_BUILDER,
    build_demo,
    demo_reports,
    report_workbook,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PASSWORD = "tai-thu-2026"
AS_OF = "asof=2019-07-26"
PLANS = ("84-KH/BTGTU", "TUHD-32/2019")
GRACE_S = 120  # after the time is up, unfinished actions get this long, then are cancelled


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    accepted: dict[str, tuple[str, int]] = field(default_factory=dict)  # sha -> (name, rows)
    resent: list[str] = field(default_factory=list)  # shas sent a second time
    errors: list[str] = field(default_factory=list)
    raised: list[str] = field(default_factory=list)  # exceptions a page drew
    actions: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    signed_in: int = 0


@dataclass(frozen=True)
class Result:
    tally: Tally
    lost: int
    duplicated: int
    audited: int  # audit rows of the written uploads
    seconds: float

    def pages(self) -> list[float]:
        return [t for times in self.tally.times.values() for t in times]

    def ok(self) -> bool:
        t = self.tally
        return (
            not (self.lost or self.duplicated or t.errors or t.raised)
            and self.audited == len(t.accepted)
            and t.signed_in > 0
        )


def login(number: int) -> str:
    return f"tai.{number:02d}"


def prepare(url: str, sessions: int, per_session: int) -> list[list[tuple[str, bytes, int, str]]]:
    """A staff account per session, and for each session files no other session sends:
    demo reports with the session and the round written into every result, so each has
    bytes of its own. A file is (name, bytes, rows, plan)."""
    with Store(url) as store:
        for number in range(sessions):
            if find_account(store, login(number)) is None:  # a --db used before has them
                add_user(store, DEMO_BUILDER, login(number), Role.CAN_BO, PASSWORD)
        reports = demo_reports(store)
        plans = store.frame("plans_list")
        provinces = dict(zip(plans["code"], plans["province"], strict=True))
    files: list[list[tuple[str, bytes, int, str]]] = []
    for s in range(sessions):
        mine = []
        for n in range(per_session):
            base = reports[(s * per_session + n) % len(reports)]
            rows = tuple(
                replace(r, result_text=f"{r.result_text} (phiên {s}, lần {n})") for r in base.rows
            )
            report = replace(base, rows=rows, file_name=f"tai-{s:02d}-{n:02d}-{base.file_name}")
            data = report_workbook(report, provinces[base.plan])
            mine.append((report.file_name, data, len(rows), base.plan))
        files.append(mine)
    return files


class Driver:
    """One session's loop, timing every script run under the step that asked for it."""

    def __init__(self, session: Session, tally: Tally, think: float, react: float):
        self.session, self.tally, self.think, self.react = session, tally, think, react

    async def timed(self, step: str, run, *, reacting: bool = False) -> Page:
        """Await the coroutine `run` (not started before this), timing it under `step`;
        `reacting`: a user's action on the page just drawn, which comes `react` seconds
        after it (no person clicks within milliseconds of a page appearing)."""
        if reacting:
            await asyncio.sleep(self.react)
        started = time.perf_counter()
        page = await run
        self.tally.times[step].append(time.perf_counter() - started)
        self.tally.raised.extend(f"{step}: {m.splitlines()[0]}" for m in page.exceptions())
        return page

    async def sign_in(self, number: int) -> None:
        s = self.session
        page = await self.timed("sign-in page", s.open("", AS_OF))
        page = await self.timed("sign-in", s.sign_in(page, login(number), PASSWORD), reacting=True)
        if not page.redirect:
            said = "; ".join(page.alerts()) or "no message"
            raise ProtocolError(f"{login(number)} was not signed in: {said}")
        await s.follow(page.redirect)  # the cookie route sets the session cookie
        page = await self.timed("first page", s.open("", AS_OF))
        if not page.widgets("metric"):
            raise ProtocolError("the overview has no figures after signing in")
        self.tally.signed_in += 1

    async def filters(self, plan: str) -> None:
        page = await self.timed("overview", self.session.goto("", AS_OF))
        page = await self.timed(
            "filter change", self.session.select(page, "plan", plan), reacting=True
        )
        if not page.widgets("metric"):
            raise ProtocolError("the overview has no figures for the plan")

    async def heatmap(self) -> None:
        page = await self.timed("heatmap", self.session.goto("heatmap", self.session.query))
        if not page.widgets("plotly_chart"):
            raise ProtocolError("the heatmap page drew no chart")

    async def upload(self, name: str, data: bytes, rows: int, plan: str, again: bool) -> None:
        s = self.session
        page = await self.timed("upload page", s.goto("upload", s.query))
        page = await self.timed("upload plan", s.select(page, "upload.plan", plan), reacting=True)
        uploader = page.widgets("file_uploader")[0]
        page = await self.timed(
            "upload preview", s.upload(uploader, name, data, XLSX), reacting=True
        )
        sha = hashlib.sha256(data).hexdigest()
        if again:  # a file loaded before: the preview must say so and offer no write
            if "0 tệp hợp lệ sẽ được ghi, 1 tệp đã nạp trước" not in page.text():
                raise ProtocolError(f"{name}: sent again, not recognised as loaded")
            self.tally.resent.append(sha)
            return
        confirm = page.widget("button", key="upload.confirm")
        page = await self.timed("upload write", s.click(confirm), reacting=True)
        if f"Đã ghi 1 tệp ({rows} dòng)" in page.text() and name in page.text():
            self.tally.accepted[sha] = (name, rows)
        else:
            raise ProtocolError(f"{name}: the page did not say it was written")

    async def export(self) -> None:
        s = self.session
        page = await self.timed("export page", s.goto("export", s.query))
        links = page.links("/tai-xuong?")
        if not links:
            raise ProtocolError("the export page drew no download link")
        started = time.perf_counter()
        data = await s.fetch(links[0])  # the first link: the .xlsx workbook
        self.tally.times["export .xlsx"].append(time.perf_counter() - started)
        if not data.startswith(b"PK"):
            raise ProtocolError("the .xlsx download is not a workbook")

    async def step(self, kind: str, action) -> None:
        try:
            await action
            self.tally.actions[kind] += 1
        except Exception as exc:  # noqa: BLE001 - counted and printed, the load goes on
            first = (str(exc).splitlines() or [""])[0]
            self.tally.errors.append(f"{kind}: {type(exc).__name__}: {first}")
        await asyncio.sleep(self.think)


async def session(
    base: str, number: int, files, deadline: float, tally: Tally, think: float, react: float
):
    # One address for every session: nginx lets it reach the cookie route twice a second
    # (burst 10, deploy/nginx-tracker.conf), so sign-ins start at that pace.
    await asyncio.sleep(number * 0.5)
    pinned = "ab"[number % 2]
    async with Session(base, cookies={"tracker_server": pinned}) as s:
        driver = Driver(s, tally, think, react)
        await driver.step("sign-in", driver.sign_in(number))
        if not s.http.cookies.get("tracker_session"):
            return
        sent, rounds = 0, 0
        while time.monotonic() < deadline:
            await driver.step("filter change", driver.filters(PLANS[rounds % 2]))
            await driver.step("heatmap", driver.heatmap())
            if sent < len(files):
                name, data, rows, plan = files[sent]
                again = sent == 1 and number % 4 == 0
                if again:
                    name, data, rows, plan = files[0]
                    name = name.replace("tai-", "lai-")
                sent += 1
                await driver.step("upload", driver.upload(name, data, rows, plan, again))
            await driver.step("export", driver.export())
            rounds += 1


async def drive(
    base: str, sessions: int, seconds: float, files, think: float, react: float
) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + seconds
    running = asyncio.gather(
        *(session(base, i, files[i], deadline, tally, think, react) for i in range(sessions))
    )
    try:
        await asyncio.wait_for(running, seconds + GRACE_S)
    except TimeoutError:
        tally.errors.append(f"sessions still working {GRACE_S} s after the end: cancelled")
    return tally


def check(url: str, tally: Tally) -> tuple[int, int, int]:
    """(lost, duplicated, audited) among the uploads the sessions saw written; audited
    counts those named by exactly one upload row of the audit trail."""
    with Store(url) as store:
        found = defaultdict(list)
        for report in read_table(store, "report").to_pylist():
            found[report["sha256"]].append(report["row_count"])
        trail = [
            str(row["after_json"])
            for row in read_table(store, "audit").to_pylist()
            if row["action"] == Action.UPLOAD.value
        ]
    audited = sum(1 for sha in tally.accepted if sum(sha in after for after in trail) == 1)
    lost = sum(1 for sha in tally.accepted if sha not in found)
    duplicated = sum(1 for sha, rows in found.items() if len(rows) > 1)
    duplicated += sum(
        1 for sha, (_, rows) in tally.accepted.items() if sha in found and found[sha][0] != rows
    )
    return lost, duplicated, audited


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(
    url: str,
    sessions: int,
    seconds: float,
    uploads: int = 3,
    think: float = 2.0,
    react: float = 0.5,
) -> Result:
    """Drive `sessions` for `seconds` on two servers over the database at `url` (the demo)."""
    files = prepare(url, sessions, uploads)
    with two_servers(url) as base:
        started = time.perf_counter()
        tally = asyncio.run(drive(base, sessions, seconds, files, think, react))
        elapsed = time.perf_counter() - started
    lost, duplicated, audited = check(url, tally)
    return Result(tally, lost, duplicated, audited, elapsed)


def report(result: Result, sessions: int) -> str:
    t = result.tally
    lines = []
    for step, times in sorted(t.times.items()):
        lines.append(
            f"{step}: n={len(times)} p50={statistics.median(times):.2f} s "
            f"p95={percentile(times, 0.95):.2f} s"
        )
    lines += [f"error: {e}" for e in t.errors[:10]] + [f"raised: {r}" for r in t.raised[:10]]
    done = " ".join(f"{k}={v}" for k, v in sorted(t.actions.items()))
    lines.append(
        f"sessions={sessions} signed_in={t.signed_in} seconds={result.seconds:.0f} "
        f"errors={len(t.errors)} raised={len(t.raised)} resent={len(t.resent)} "
        f"audited={result.audited} actions: {done}"
    )
    pages = result.pages() or [float("nan")]
    lines.append(
        f"p50_s={statistics.median(pages):.2f} p95_s={percentile(pages, 0.95):.2f} "
        f"pages={len(result.pages())} uploads={len(t.accepted)} lost={result.lost} "
        f"duplicated={result.duplicated}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--uploads", type=int, default=3, help="files per session at most")
    parser.add_argument("--think", type=float, default=2.0, help="seconds between actions")
    parser.add_argument(
        "--react", type=float, default=0.5, help="seconds from a page drawn to a click on it"
    )
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
        result = run(url, args.sessions, args.seconds, args.uploads, args.think, args.react)
    finally:
        if cluster is not None:
            cluster.stop()
    print(report(result, args.sessions))
    return 0 if result.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
