"""Two ``streamlit run`` servers behind Debian's nginx on loopback, as the README's
deployment has them (``deploy/nginx-tracker.conf``: each browser pinned by a cookie), on one
database: for the load bench and the two-server test.

nginx runs from a wrapper configuration in a temporary folder (its pid, logs and temp
folders there) with ``daemon off``; the site file is the shipped one with its ports (front
8800, servers 8820 and 8821) moved to free ones of 8800-8819 and 8820-8849, so that two runs
on one machine do not meet.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"
SITE = ROOT / "deploy" / "nginx-tracker.conf"
SHIPPED = {"front": 8800, "a": 8820, "b": 8821}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Debian's chromium, launched headless by the benches (never a downloaded browser)."""
WRAPPER = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {site};
}}
"""


def free_port(ports: range, taken: set[int]) -> int:
    """The first port of `ports` not in `taken` that loopback can bind now."""
    for port in ports:
        if port in taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


def ports() -> dict[str, int]:
    """Free ports for the front and the two servers."""
    chosen = {"front": free_port(range(8800, 8820), set())}
    chosen["a"] = free_port(range(8820, 8850), set())
    chosen["b"] = free_port(range(8820, 8850), {chosen["a"]})
    return chosen


def site(chosen: dict[str, int]) -> str:
    """The shipped site file with its ports replaced by `chosen`."""
    text = SITE.read_text(encoding="utf-8")
    for name, port in SHIPPED.items():
        text = text.replace(f"127.0.0.1:{port};", f"127.0.0.1:{chosen[name]};")
    return text


def wait_for(url: str, process: subprocess.Popen, seconds: float = 120, poll: float = 0.2) -> None:
    """Until `url` answers; an error when `process` ends first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer") from None
            time.sleep(poll)


def streamlit_command(app: str, port: int) -> list[str]:
    """``streamlit run app`` on loopback `port`, headless, as every bench starts it."""
    return [sys.executable, "-m", "streamlit", "run", app] + [
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


@contextmanager
def one_server(app: str, db: str, log: Path) -> Iterator[str]:
    """``streamlit run app`` on `db` at a free port of 8820-8849, its output in `log`;
    yields its URL once ``/_stcore/health`` answers, stops it afterwards."""
    port = free_port(range(8820, 8850), set())
    env = {**os.environ, "TRACKER_DB": db, "STREAMLIT_SERVER_COOKIE_SECRET": "bench-" * 8}
    with log.open("w") as out:
        process = subprocess.Popen(
            streamlit_command(app, port), cwd=ROOT, env=env, stdout=out, stderr=out
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/_stcore/health", process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def two_servers(db: str) -> Iterator[str]:
    """Start both servers on `db` and nginx in front; yields the front's URL."""
    tmp = Path(tempfile.mkdtemp(prefix="tracker-nginx-"))
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(mode=0o777)
        (tmp / sub).chmod(0o777)  # nginx's workers run as nobody
    chosen = ports()
    (tmp / "site.conf").write_text(site(chosen))
    (tmp / "nginx.conf").write_text(WRAPPER.format(tmp=tmp, site=tmp / "site.conf"))
    servers = [chosen["a"], chosen["b"]]
    front = f"http://127.0.0.1:{chosen['front']}"
    env = {**os.environ, "TRACKER_DB": db, "STREAMLIT_SERVER_COOKIE_SECRET": "bench-" * 8}
    started: list[subprocess.Popen] = []
    try:
        for port in servers:
            started.append(
                subprocess.Popen(
                    streamlit_command("serve.py", port),
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=(tmp / f"streamlit-{port}.log").open("w"),
                )
            )
        started.append(
            subprocess.Popen(
                [NGINX, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
                stdout=subprocess.DEVNULL,
                stderr=(tmp / "nginx.log").open("w"),
            )
        )
        for process, port in zip(started, servers, strict=False):
            wait_for(f"http://127.0.0.1:{port}/_stcore/health", process)
        wait_for(f"{front}/_stcore/health", started[-1])
        yield front
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
