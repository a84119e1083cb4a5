"""Two ``streamlit run`` servers behind Debian's nginx on loopback, as the README's
deployment has them (``deploy/nginx-tracker.conf``: front 8800, servers 8820 and 8821, each
browser pinned by a cookie), on one database: for the load bench and the two-server test.

nginx runs from a wrapper configuration in a temporary folder (its pid, logs and temp
folders there, the site file included as it is shipped) with ``daemon off``.
"""

from __future__ import annotations

import os
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
FRONT = "http://127.0.0.1:8800"
SERVERS = {"a": 8820, "b": 8821}
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


def _wait(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer") from None
            time.sleep(0.2)


@contextmanager
def two_servers(db: str) -> Iterator[str]:
    """Start both servers on `db` and nginx in front; yields the front's URL."""
    tmp = Path(tempfile.mkdtemp(prefix="tracker-nginx-"))
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(mode=0o777)
        (tmp / sub).chmod(0o777)  # nginx's workers run as nobody
    (tmp / "nginx.conf").write_text(WRAPPER.format(tmp=tmp, site=SITE))
    env = {**os.environ, "TRACKER_DB": db, "STREAMLIT_SERVER_COOKIE_SECRET": "bench-" * 8}
    started: list[subprocess.Popen] = []
    try:
        for port in SERVERS.values():
            started.append(
                subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", "dashboard.py"]
                    + ["--server.headless", "true", "--server.port", str(port)]
                    + ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
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
        for process, port in zip(started, SERVERS.values(), strict=False):
            _wait(f"http://127.0.0.1:{port}/_stcore/health", process)
        _wait(f"{FRONT}/_stcore/health", started[-1])
        yield FRONT
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
