"""The scheduled runs: the commands the systemd services in deploy/ start, run once against
a copy of the demo and a real SMTP server on loopback: the daily reminders and the weekly
digest (figures, late units, the status chart inline), each sent once however many times
it runs."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from datetime import date
from email.message import EmailMessage

from actors import STAFF
from commands import ROOT
from smtp_inbox import inbox

from store.database import Store
from tracker.exports.images import find_chromium
from tracker.usecases import contacts, reminders

DEPLOY = ROOT / "deploy"


def _command(service: str) -> list[str]:
    """The service's ExecStart, with this checkout's Python for /opt/tracker's."""
    line = next(
        line
        for line in (DEPLOY / service).read_text().splitlines()
        if line.startswith("ExecStart=")
    )
    words = shlex.split(line.removeprefix("ExecStart="))
    assert words[0] == "/opt/tracker/.venv/bin/python"
    return [sys.executable, *words[1:]]


def _run(service: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        _command(service),
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_timers_fire_the_commands_the_services_name():
    for name in ("tracker-remind", "tracker-digest"):
        timer = (DEPLOY / f"{name}.timer").read_text()
        assert "OnCalendar=" in timer and "Persistent=true" in timer
        assert (DEPLOY / f"{name}.service").read_text().count("Type=oneshot") == 1
    assert _command("tracker-remind.service")[-4:] == ["remind", "--due-within", "7", "--send"]
    assert _command("tracker-digest.service")[-2:] == ["digest", "--send"]


def test_the_daily_reminder_command_sends_each_unit_once_a_day(demo_db):
    with Store(demo_db) as store:
        chosen = reminders.letters(store, "84-KH/BTGTU", date.today())
        unit = chosen[0]
        row = contacts.ContactRow(unit.unit, "vanthu@so.vn", unit_id=unit.unit_id)
        assert contacts.save_contacts(store, STAFF, [row]).ok
    with inbox() as box:
        env = {"TRACKER_DB": str(demo_db), "TRACKER_SMTP_URL": box.url}
        first = _run("tracker-remind.service", env)
        assert first.returncode == 0, first.stderr
        assert f"Đã gửi: 84-KH/BTGTU | {unit.unit} → vanthu@so.vn" in first.stdout
        assert len(box.to("vanthu@so.vn")) == 1
        second = _run("tracker-remind.service", env)
        assert second.returncode == 0 and len(box.to("vanthu@so.vn")) == 1
    with Store(demo_db) as store:
        history = reminders.history(store)
    assert set(history["made_by"]) == {"he-thong"}
    assert (history["result"] == "sent").sum() == 1


def test_the_weekly_digest_goes_once_with_its_chart_inline(demo_db):
    with inbox() as box:
        env = {
            "TRACKER_DB": str(demo_db),
            "TRACKER_SMTP_URL": box.url,
            "TRACKER_DIGEST_TO": "bithu@tu.vn, phobithu@tu.vn",
        }
        done = _run("tracker-digest.service", env)
        assert done.returncode == 0, done.stderr
        again = _run("tracker-digest.service", env)
        assert again.returncode == 0 and "Tuần này đã gửi" in again.stdout
        ((rcpt, mail),) = box.messages
    assert rcpt == ["bithu@tu.vn", "phobithu@tu.vn"]
    assert mail["Subject"].startswith("Tổng hợp tình hình thực hiện kế hoạch")
    text = mail.get_body(("plain",)).get_content()
    assert "84-KH/BTGTU" in text and "TUHD-32/2019" in text and "quá hạn" in text
    html = mail.get_body(("html",))
    assert isinstance(html, EmailMessage)
    images = [p for p in mail.walk() if p.get_content_type() == "image/png"]
    if find_chromium():  # the chart travels inline, referenced from the HTML
        (image,) = images
        cid = image["Content-ID"].strip("<>")
        assert f"cid:{cid}" in html.get_content()
        assert image.get_content()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert "Chromium" in text
