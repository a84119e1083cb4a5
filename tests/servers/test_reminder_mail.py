"""Reminders sent by e-mail to a real SMTP server on loopback (aiosmtpd), read back: who got
what, the attached letter opened with python-docx, what was recorded, what a second run
does, failures, roles, and two senders at once on both backends."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import pytest
from actors import LEADER, STAFF, unit_actor
from commands import ROOT
from docx import Document
from smtp_inbox import inbox

from domain.access import Forbidden
from store.database import Store
from tracker.cli.main import main
from tracker.exports import letters as word
from tracker.usecases import contacts, letter_templates, reminders
from tracker.usecases.mailer import Mailer, MailError, SmtpConfig

PLAN = "84-KH/BTGTU"
AS_OF = date(2019, 7, 26)
DAY = date(2019, 8, 5)


def _text(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, one per line."""
    document = Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def _attachment(message) -> bytes:
    (part,) = [p for p in message.iter_attachments() if p.get_filename().endswith(".docx")]
    return part.get_content()


def _give_emails(store, letters, *addresses_per_unit) -> None:
    rows = [
        contacts.ContactRow(letter.unit, emails, unit_id=letter.unit_id)
        for letter, emails in zip(letters, addresses_per_unit, strict=False)
    ]
    assert contacts.save_contacts(store, STAFF, rows).ok


def _send(store, box, chosen, **options):
    config = SmtpConfig.from_env()
    with Mailer(config) as mailer:
        return reminders.send(
            store, STAFF, chosen, word.named, mailer, sender=config.sender, day=DAY, **options
        )


def test_each_unit_gets_its_own_letter_and_a_second_run_sends_nothing_new(demo_store, monkeypatch):
    chosen = reminders.letters(demo_store, PLAN, AS_OF)
    _give_emails(demo_store, chosen, "a1@so.vn; a2@so.vn", "b@so.vn", "khong-co@so.vn")
    chosen = reminders.letters(demo_store, PLAN, AS_OF)  # with their e-mails now
    first, second, third = chosen[:3]
    with inbox() as box:
        monkeypatch.setenv("TRACKER_SMTP_URL", box.url)
        box.refuse.add("khong-co@so.vn")
        results = {
            r.unit_id: r for r in _send(demo_store, box, chosen, link="https://x/unit_report")
        }
        assert results[first.unit_id].result == "sent"
        assert results[third.unit_id].result == "failed"
        assert "550" in results[third.unit_id].detail
        assert {
            r.result
            for u, r in results.items()
            if u not in (first.unit_id, second.unit_id, third.unit_id)
        } == {"paper"}
        assert len(box.messages) == 2
        (to_first,) = box.to("a1@so.vn")
        assert box.messages[[m for _r, m in box.messages].index(to_first)][0] == [
            "a1@so.vn",
            "a2@so.vn",
        ]
        assert PLAN in to_first["Subject"] and first.unit in to_first["Subject"]
        assert "https://x/unit_report" in to_first.get_body(("plain",)).get_content()
        others = {x.unit for x in chosen} - {first.unit}
        for letter, address in ((first, "a1@so.vn"), (second, "b@so.vn")):
            (message,) = box.to(address)
            text = _text(_attachment(message))
            assert f"Kính gửi: {letter.unit}" in text
            rows = [t for t in Document(io.BytesIO(_attachment(message))).tables[1].rows[1:]]
            assert len(rows) == len(letter.obligations)
            for row, obligation in zip(rows, letter.obligations, strict=True):
                assert obligation.task in row.cells[1].text
                assert obligation.due_on.strftime("%d/%m/%Y") == row.cells[3].text
            assert not [u for u in others - {letter.unit} if u in text]
        # recorded: sent where the server took it, failed (not sent) where it refused
        history = reminders.history(demo_store, PLAN)
        by_unit = dict(zip(history["unit_id"], history["result"], strict=False))
        assert by_unit[first.unit_id] == "sent" and by_unit[third.unit_id] == "failed"
        assert len(history) == len(chosen)
        # the same day again: nothing new for the sent and paper units, the failed one retried
        box.refuse.clear()
        again = {r.unit_id: r.result for r in _send(demo_store, box, chosen)}
        assert again[third.unit_id] == "sent"
        assert {r for u, r in again.items() if u != third.unit_id} == {"skipped"}
        assert len(box.messages) == 3
        # --again sends once more
        more = _send(demo_store, box, [first], again=True)
        assert [r.result for r in more] == ["sent"] and len(box.to("a1@so.vn")) == 2
    counts = reminders.reminded(demo_store, PLAN)
    assert counts[first.unit_id] == (2, counts[first.unit_id][1])
    assert reminders.reminded_text(2, DAY) == "đã nhắc 2 lần, lần cuối 05/08/2019"


def test_a_server_that_is_down_is_reported_and_nothing_is_marked_sent(
    demo_store, monkeypatch, capsys
):
    chosen = reminders.letters(demo_store, PLAN, AS_OF)
    _give_emails(demo_store, chosen, "a@so.vn")
    with inbox() as box:
        url = box.url
    monkeypatch.setenv("TRACKER_SMTP_URL", url)  # nothing listens there any more
    with pytest.raises(MailError, match="Không kết nối được"):
        Mailer(SmtpConfig.from_env()).__enter__()
    code = main(
        [
            "remind",
            "--plan",
            PLAN,
            "--as-of",
            "2019-07-26",
            "--send",
            "--db",
            str(demo_store.target),
        ]
    )
    assert code == 4
    assert "Không kết nối được máy chủ thư" in capsys.readouterr().err
    assert reminders.history(demo_store, PLAN).empty


def test_dry_run_prints_where_letters_would_go_and_records_nothing(demo_store, capsys):
    chosen = reminders.letters(demo_store, PLAN, AS_OF)
    _give_emails(demo_store, chosen, "a@so.vn")
    code = main(
        [
            "remind",
            "--plan",
            PLAN,
            "--as-of",
            "2019-07-26",
            "--send",
            "--dry-run",
            "--db",
            str(demo_store.target),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert f"Sẽ gửi: {PLAN} | {chosen[0].unit} → a@so.vn" in out
    assert out.count("Cần gửi giấy") == len(chosen) - 1
    assert reminders.history(demo_store, PLAN).empty


@pytest.mark.parametrize("actor", [LEADER, unit_actor(1)], ids=["lanh_dao", "don_vi"])
def test_only_staff_and_administrators_send_or_draft(demo_store, actor):
    chosen = reminders.letters(demo_store, PLAN, AS_OF)
    with pytest.raises(Forbidden):
        reminders.send(demo_store, actor, chosen, word.named, None, day=DAY)
    with pytest.raises(Forbidden):
        reminders.record_drafts(demo_store, actor, chosen)
    assert reminders.history(demo_store).empty


@pytest.mark.parametrize("backend", ["duckdb", "postgresql"], indirect=True)
def test_two_senders_at_once_send_each_unit_one_letter(demo_db, backend):
    with Store(demo_db) as store:
        chosen = reminders.letters(store, PLAN, AS_OF)
        _give_emails(store, chosen, *(f"u{i}@so.vn" for i in range(6)))  # the rest: paper
    with inbox() as box:
        env = {"TRACKER_SMTP_URL": box.url, "TRACKER_DB_WAIT": "60"}
        command = [
            sys.executable,
            "-m",
            "tracker",
            "remind",
            "--plan",
            PLAN,
            "--as-of",
            "2019-07-26",
            "--send",
            "--db",
            str(demo_db),
        ]
        import os

        senders = [
            subprocess.Popen(
                command,
                cwd=ROOT,
                env={**os.environ, **env},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [s.communicate(timeout=180) for s in senders]
        assert [s.returncode for s in senders] == [0, 0], outputs
        received = sorted(a for rcpt, _m in box.messages for a in rcpt)
    assert received == sorted(f"u{i}@so.vn" for i in range(6))
    with Store(demo_db) as store:
        history = reminders.history(store, PLAN)
    assert sorted(history["unit_id"]) == sorted(x.unit_id for x in chosen)
    assert sorted(history["result"]) == sorted(["sent"] * 6 + ["paper"] * (len(chosen) - 6))
    numbers = history["number"].tolist()
    assert len(set(numbers)) == len(numbers)  # one number per letter, across both senders


@pytest.mark.parametrize("backend", ["duckdb", "postgresql"], indirect=True)
def test_claims_are_won_once_given_back_and_taken_again_on_both_backends(store, backend):
    from store import reminders as stored

    assert stored.claim(store, "letter", "1:2", DAY, "a") == 0
    assert stored.claim(store, "letter", "1:2", DAY, "b") is None
    assert stored.claim(store, "letter", "1:2", DAY, "b", again=True) == 1
    with store.write() as tx:
        stored.release(tx, "letter", "1:2", DAY, 0)
    assert stored.claim(store, "letter", "1:2", DAY, "c") == 0
    assert stored.plan_codes(store) == [] and stored.counts(store).empty
    assert reminders.reminder_days(store) == 7
    letter_templates.set_office_template(
        store, STAFF, "state", b"the office's own bytes"
    )  # unchecked
    assert letter_templates.office_templates(store) == {"state": b"the office's own bytes"}
    letter_templates.set_office_template(store, STAFF, "state", None)
    assert letter_templates.office_templates(store) == {}


def test_the_password_goes_only_over_starttls_and_a_wrong_one_sends_nothing(
    demo_store, monkeypatch, tmp_path
):
    chosen = reminders.letters(demo_store, PLAN, AS_OF)
    _give_emails(demo_store, chosen, "a@so.vn")
    letter = reminders.letters(demo_store, PLAN, AS_OF)[0]
    with inbox(tls=tmp_path, password="mat-khau-hop-thu") as box:
        monkeypatch.setenv("TRACKER_SMTP_URL", box.url)
        monkeypatch.setenv("TRACKER_SMTP_CA_FILE", str(tmp_path / "cert.pem"))
        monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "sai")
        with pytest.raises(MailError):
            Mailer(SmtpConfig.from_env()).__enter__()
        monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "mat-khau-hop-thu")
        assert [r.result for r in _send(demo_store, box, [letter])] == ["sent"]
        assert box.logins == ["dondoc@btg.langson.gov.vn"] and box.encrypted == [True]
    monkeypatch.setenv("TRACKER_SMTP_URL", "smtp://u:p@mail.example.vn:587")
    with pytest.raises(MailError, match="TRACKER_SMTP_PASSWORD"):
        SmtpConfig.from_env()  # a password in the URL is refused, never used
