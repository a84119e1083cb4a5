"""The shipped nginx site (``deploy/nginx-tracker.conf``) in front of a stand-in upstream
that echoes what it was sent: Debian's nginx refuses a body past the upload size, answers
429 to a client that hammers the sign-in routes, keeps Streamlit's metrics closed, and
passes on the client's address and scheme the app relies on behind a proxy."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from processes import stop

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from servers import NGINX, WRAPPER, ports, site  # noqa: E402


class Echo(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = json.dumps(dict(self.headers.items())).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def front():
    if not Path(NGINX).exists():
        pytest.skip("needs Debian's nginx")
    chosen = ports()
    upstreams = [ThreadingHTTPServer(("127.0.0.1", chosen[k]), Echo) for k in ("a", "b")]
    for upstream in upstreams:
        threading.Thread(target=upstream.serve_forever, daemon=True).start()
    tmp = Path(tempfile.mkdtemp(prefix="tracker-nginx-"))
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(mode=0o777)
        (tmp / sub).chmod(0o777)
    (tmp / "site.conf").write_text(site(chosen))
    (tmp / "nginx.conf").write_text(WRAPPER.format(tmp=tmp, site=tmp / "site.conf"))
    nginx = subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)])
    base = f"http://127.0.0.1:{chosen['front']}"
    try:
        deadline = time.monotonic() + 20
        while _status(f"{base}/") != 200:
            assert time.monotonic() < deadline and nginx.poll() is None, "nginx did not start"
            time.sleep(0.1)
        yield base
    finally:
        stop(nginx)
        for upstream in upstreams:
            upstream.shutdown()


def _status(url: str, data: bytes | None = None, method: str = "GET") -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, method=method), timeout=10):
            return 200
    except urllib.error.HTTPError as answer:
        return answer.code
    except OSError:
        return 0


def test_nginx_limits_bodies_sign_in_routes_and_closes_metrics(front):
    assert _status(f"{front}/_stcore/metrics") == 404
    too_big = b"x" * (26 * 1024 * 1024)
    assert _status(f"{front}/_stcore/upload_file/s/f", too_big, "PUT") == 413
    assert _status(f"{front}/_stcore/upload_file/s/f", b"x" * 1024, "PUT") == 200
    answers = [_status(f"{front}/auth/local/session?ticket=x") for _ in range(30)]
    assert answers[:11] == [200] * 11  # a burst of ten past the rate passes
    assert 429 in answers
    with urllib.request.urlopen(f"{front}/", timeout=10) as answer:
        seen = json.loads(answer.read())
    assert seen["X-Real-IP"] == "127.0.0.1" and seen["X-Forwarded-Proto"] == "http"
    assert seen["Host"] == front.removeprefix("http://")  # with its port: the Origin check
