"""Signing in through a real OpenID Connect provider, then with a local account, in a real
browser.

The test starts npm's `oidc-provider` (tests/oidc/, installed by ``npm ci``) on loopback
with Node, writes a secrets.toml whose ``[auth]`` points Streamlit's own ``st.login`` at
it, and starts ``streamlit run serve.py`` on a copy of the demo database where the
provider's user is a lãnh đạo account found by its e-mail. In Debian's chromium: the SSO
button, the provider's own sign-in form, back in the app as that lãnh đạo (menu without
the writing pages, the upload page refused). Then, in a fresh browser profile, the demo's
cán bộ signs in with a password, sees the writing pages, and a reload keeps the session
(the HttpOnly cookie). Nothing of Streamlit's auth is mocked.

Without node, the installed provider or /usr/bin/chromium the test skips, except in CI
(``CI=true``), where it fails: ``make test`` installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from processes import stop
from test_browser import session_cookie

from domain.access import Role
from store import audit
from store.database import Store
from tracker.usecases import accounts
from tracker.usecases.demo import DEMO_BUILDER, DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
OIDC = ROOT / "tests" / "oidc"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LEADER_EMAIL = "lan@tinh.gov.vn"

pytestmark = pytest.mark.browser


def _require(what: bool, why: str) -> None:
    if what:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why} in CI: `make test` should have installed it")
    pytest.skip(f"{why}; in CI this fails instead")


def _port(first: int, last: int) -> int:
    """A free loopback port in [first, last] (this project's test ranges)."""
    for port in range(first, last + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}-{last}")


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{url} did not come up:\n{log.read_text()}")
        time.sleep(0.2)


@contextmanager
def _running(command: list[str], cwd: Path, env: dict, log: Path, health: str):
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait(health, process, log)
            yield process
        finally:
            stop(process)


@contextmanager
def _provider_and_app(demo_db: Path, tmp_path: Path):
    """The provider and the app, both on loopback; yields the app's base URL."""
    node = shutil.which("node")
    _require(node is not None, "node is missing")
    _require((OIDC / "node_modules" / "oidc-provider").is_dir(), "tests/oidc has no npm ci")
    _require(CHROMIUM.exists(), f"{CHROMIUM} is missing")
    with Store(demo_db) as store:  # the provider's user, a lãnh đạo known by e-mail only
        accounts.add_user(store, DEMO_BUILDER, "lan", Role.LANH_DAO, None, email=LEADER_EMAIL)
    idp_port, app_port = _port(9000, 9019), _port(8650, 8699)
    issuer, base = f"http://127.0.0.1:{idp_port}", f"http://127.0.0.1:{app_port}"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{base}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-of-enough-length"\n'
        'client_id = "tracker"\n'
        'client_secret = "a-test-client-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        # Streamlit asks for prompt=select_account unless told; oidc-provider knows only the
        # standard prompts (Keycloak and Google know both)
        'client_kwargs = { prompt = "login" }\n',
        encoding="utf-8",
    )
    idp_env = {**os.environ, "OIDC_ACCOUNTS": json.dumps({"lan": LEADER_EMAIL})}
    idp = [node, "provider.js", str(idp_port), "tracker", "a-test-client-secret"]
    streamlit = [
        sys.executable, "-m", "streamlit", "run", "serve.py",
        "--server.headless", "true", "--server.port", str(app_port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        "--secrets.files", str(secrets),
    ]  # fmt: skip
    app_env = {**os.environ, "TRACKER_DB": str(demo_db)}
    with (
        _running(
            [*idp, f"{base}/oauth2callback"],
            OIDC,
            idp_env,
            tmp_path / "idp.log",
            f"{issuer}/.well-known/openid-configuration",
        ),
        _running(streamlit, ROOT, app_env, tmp_path / "app.log", f"{base}/_stcore/health"),
    ):
        yield base


def _idle(page) -> None:
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning';
        }""",
        timeout=60_000,
    )


def _menu(page) -> set[str]:
    """The sidebar's page links, once drawn (a sign-in hands over to the cookie route and
    back, so the page that first said who is signed in may be redrawn before its menu)."""
    links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]')
    links.filter(has_text="Tổng quan").first.wait_for(timeout=60_000)
    _idle(page)
    # a link's text starts with its icon's ligature name ("dashboard"), on its own line
    return {t.strip().splitlines()[-1].strip() for t in links.all_inner_texts()}


def test_sign_in_through_the_provider_then_with_a_local_account(demo_db, tmp_path):
    with _provider_and_app(demo_db, tmp_path) as app:
        try:
            _in_the_browser(app)
        except Exception:
            for log in ("idp.log", "app.log"):
                print(f"--- {log}\n" + (tmp_path / log).read_text())
            raise
    with Store(demo_db) as store:  # the server has stopped: the file is free again
        frame = audit.trail(store, actions=["sign_in"]).sort_values("audit_id")
        rows = list(
            frame[["login", "role", "action", "after_json"]].itertuples(index=False, name=None)
        )
    assert [(r[0], r[1], json.loads(r[3])["via"]) for r in rows] == [
        ("lan", "lanh_dao", "oidc"),  # once: the reloads after it resume the session cookie
        ("demo.canbo", "can_bo", "password"),
    ]


def _in_the_browser(app: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        pages = []
        try:
            sso = browser.new_context(locale="vi-VN").new_page()
            pages.append(sso)
            sso.goto(app, timeout=60_000)
            sso.get_by_role("button", name="Đăng nhập bằng tài khoản cơ quan (SSO)").click()
            sso.wait_for_selector('input[name="login"]', timeout=60_000)  # the provider's form
            assert sso.url.startswith("http://127.0.0.1:90")
            sso.fill('input[name="login"]', "lan")
            sso.fill('input[name="password"]', "anything")
            sso.get_by_role("button", name="Sign-in").click()
            sso.get_by_role("button", name="Continue").click(timeout=60_000)  # consent
            sso.get_by_text("Đang đăng nhập: lan (Lãnh đạo)").wait_for(timeout=60_000)
            _idle(sso)
            menu = _menu(sso)
            assert {"Tổng quan", "Xuất báo cáo"} <= menu
            assert not {"Tải báo cáo lên", "Kế hoạch", "Người dùng"} & menu
            sso.goto(f"{app}/upload", timeout=60_000)  # not in a lãnh đạo's navigation at all
            sso.get_by_text("does not seem to exist").wait_for(timeout=60_000)
            _idle(sso)
            assert sso.locator('[data-testid="stFileUploader"]').count() == 0
            assert sso.get_by_role("heading", name="Tải báo cáo lên").count() == 0

            local = browser.new_context(locale="vi-VN").new_page()  # another person's browser
            pages.append(local)
            local.goto(app, timeout=60_000)
            local.get_by_label("Tên đăng nhập").fill("demo.canbo")
            local.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
            local.get_by_role("button", name="Đăng nhập", exact=True).click()
            local.get_by_text("Đang đăng nhập: demo.canbo (Cán bộ)").wait_for(timeout=60_000)
            _idle(local)
            menu = _menu(local)
            assert {"Tổng quan", "Tải báo cáo lên", "Kế hoạch", "Đơn vị"} <= menu
            assert "Người dùng" not in menu
            session_cookie(local.context)  # fetched by the page after the sign-in
            local.reload()  # the session cookie keeps the user signed in
            local.get_by_text("Đang đăng nhập: demo.canbo (Cán bộ)").wait_for(timeout=60_000)
            cookies = {c["name"]: c for c in local.context.cookies()}
            assert cookies["tracker_session"]["httpOnly"]
            assert DEMO_PASSWORD not in json.dumps(local.context.cookies())
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            for n, page in enumerate(pages):
                page.screenshot(path=str(ARTIFACTS / f"oidc-failure-{n}.png"), full_page=True)
            raise
        finally:
            browser.close()
