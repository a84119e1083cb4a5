"""Công văn đôn đốc: what a letter names (overdue and due within the window, nothing not
due yet), its layout by issuer kind, the drafts command, and one render through
LibreOffice to A4 pages whose table header keeps every word whole."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from actors import LEADER, STAFF
from docx import Document

from domain.access import Forbidden
from domain.letters import issuer_abbreviation, issuer_kind, issuer_lines, place_date
from store import audit
from tracker.cli.main import main
from tracker.exports import letters as word
from tracker.exports.letter_template import COLUMNS
from tracker.usecases import letter_templates, reminders

PLAN = "TUHD-32/2019"
AS_OF = date(2019, 7, 26)


def _text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [c.text for c in row.cells]
    return "\n".join(lines)


def test_a_letter_names_overdue_and_due_soon_obligations_never_those_not_due_yet(demo_store):
    chosen = reminders.letters(demo_store, PLAN, AS_OF)
    statuses = {o.status for x in chosen for o in x.obligations}
    assert statuses == {"overdue", "due_soon"}
    soon = [o for x in chosen for o in x.due_soon]
    assert soon and all(0 <= (o.due_on - AS_OF).days <= 7 for o in soon)
    assert all(o.due_on < AS_OF and o.days_late >= 1 for x in chosen for o in x.overdue)
    narrow = reminders.letters(demo_store, PLAN, AS_OF, window=2)  # 31/07 is 5 days away
    assert not [o for x in narrow for o in x.due_soon]
    reminders.set_reminder_days(demo_store, STAFF, 2)
    assert reminders.reminder_days(demo_store) == 2
    assert not [o for x in reminders.letters(demo_store, PLAN, AS_OF) for o in x.due_soon]


def test_issuer_kind_number_and_letterhead_follow_the_plan():
    assert issuer_kind("84-KH/BTGTU", "") == "party"
    assert issuer_kind("12/KH-UBND", "") == "state"
    assert issuer_kind("X", "Ủy ban nhân dân tỉnh Lạng Sơn") == "state"
    assert issuer_kind("TUHD-32/2019", "Ban Thường vụ Tỉnh ủy Hải Dương") == "party"
    assert (
        issuer_abbreviation("TUHD-32/2019", "party", "Ban Thường vụ Tỉnh ủy Hải Dương") == "BTVTU"
    )
    assert issuer_lines("Ban Tuyên giáo Tỉnh ủy Lạng Sơn") == ("TỈNH ỦY LẠNG SƠN", "BAN TUYÊN GIÁO")
    assert place_date("Lạng Sơn", date(2019, 8, 5)) == "Lạng Sơn, ngày 05 tháng 8 năm 2019"
    assert place_date("Lạng Sơn", date(2019, 2, 15)) == "Lạng Sơn, ngày 15 tháng 02 năm 2019"


def test_party_and_state_letters_carry_their_own_header_blocks(demo_store):
    letter = reminders.letters(demo_store, "84-KH/BTGTU", AS_OF)[0]
    party = _text(word.render(replace(letter, number=12)))
    for line in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "TỈNH ỦY LẠNG SƠN",
        "BAN TUYÊN GIÁO",
        "*",
        "Số 12-CV/BTGTU",
        "V/v đôn đốc thực hiện Kế hoạch số 84-KH/BTGTU",
        f"Kính gửi: {letter.unit}",
        "Chỉ thị số 32-CT/TW, ngày 18/02/2019 của Bộ Chính trị",
        "K/T TRƯỞNG BAN",
        "- Lưu: VT.",
    ):
        assert line in party, line
    assert "Lạng Sơn, ngày 26 tháng 7 năm 2019" in party
    assert "về tuyên truyền thực hiện Chỉ thị số 32-CT/TW" in party
    assert not letter.due_soon  # a part that counts nothing is left out of the sentence
    assert f"còn {len(letter.overdue)} nhiệm vụ quá hạn chưa hoàn thành, cụ thể như sau:" in party
    state = replace(
        letter, kind="state", plan="12/KH-UBND", issuer="Ủy ban nhân dân tỉnh Lạng Sơn", number=7
    )
    text = _text(word.render(state))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 7/UBND-VP" in text and "ĐẢNG CỘNG SẢN" not in text
    assert "KT. " in text
    draft = _text(word.render(letter))  # no number yet: văn thư writes it
    assert re.search(r"^Số {2,}-CV/BTGTU$", draft, re.MULTILINE)


def test_text_from_the_database_is_printed_as_text(demo_store):
    letter = reminders.letters(demo_store, "84-KH/BTGTU", AS_OF)[0]
    odd = replace(letter, unit="Sở A & B <w:p/> {{ plan }}")
    assert "Kính gửi: Sở A & B <w:p/> {{ plan }}" in _text(word.render(odd))


def test_the_letters_command_writes_one_docx_per_unit_or_one_zip_and_records_drafts(
    demo_store, tmp_path, capsys
):
    db = str(demo_store.target)
    chosen = reminders.letters(demo_store, PLAN, AS_OF)
    assert (
        main(
            [
                "remind",
                "--plan",
                PLAN,
                "--as-of",
                "2019-07-26",
                "--letters",
                str(tmp_path / "x.zip"),
                "--db",
                db,
            ]
        )
        == 0
    )
    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        assert len(archive.namelist()) == len(chosen)
    one = chosen[0].unit
    assert (
        main(
            [
                "remind",
                "--plan",
                PLAN,
                "--as-of",
                "2019-07-26",
                "--unit",
                one,
                "--letters",
                str(tmp_path / "one"),
                "--db",
                db,
            ]
        )
        == 0
    )
    (written,) = (tmp_path / "one").iterdir()
    assert f"Kính gửi: {one}" in _text(written.read_bytes())
    drafts = reminders.history(demo_store, PLAN)
    assert set(drafts["result"]) == {"drafted"} and len(drafts) == len(chosen) + 1
    assert reminders.reminded(demo_store, PLAN) == {}  # drafts are not reminders received


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_the_letter_renders_to_a4_pages_with_every_header_word_whole(demo_store, tmp_path):
    chosen = reminders.letters(demo_store, PLAN, AS_OF)
    letter = max(chosen, key=lambda x: len(x.obligations))
    (tmp_path / "l.docx").write_bytes(word.render(replace(letter, number=12)))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "l.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "l.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "(A4)" in info
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "l.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    header = next(line for line in text.splitlines() if "Nhiệm vụ" in line and "TT" in line)
    for title, _width in COLUMNS:
        assert title in header, (title, header)  # each header on one line: no word broken
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    for obligation in letter.obligations:
        assert obligation.due_on.strftime("%d/%m/%Y") in text


def _edited_template(kind: str, extra: str) -> bytes:
    document = Document(io.BytesIO(word.template_bytes(kind)))
    document.add_paragraph(extra)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_office_template_is_checked_kept_and_used_and_a_hostile_one_refused(
    demo_store, tmp_path
):
    def use(data: bytes, actor=STAFF) -> str | None:
        return letter_templates.set_office_template(
            demo_store,
            actor,
            "party",
            data,
            "mau.docx",
            check=lambda b: word.check_template(b, "party"),
        )

    assert "phải là tệp Word .docx" in use(b"PK\x03\x04 not really a zip")
    assert "Thẻ trong mẫu viết sai" in use(_edited_template("party", "{{ unit "))
    escape = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    assert "Thẻ trong mẫu viết sai" in use(_edited_template("party", escape))  # the sandbox
    assert letter_templates.office_templates(demo_store) == {}
    with pytest.raises(Forbidden):
        use(_edited_template("party", "x"), actor=LEADER)
    assert use(_edited_template("party", "Mẫu riêng của Ban: {{ unit }}")) is None
    assert set(letter_templates.office_templates(demo_store)) == {"party"}
    target = tmp_path / "out"
    args = ["remind", "--plan", "84-KH/BTGTU", "--as-of", "2019-07-26", "--letters", str(target)]
    assert main([*args, "--db", str(demo_store.target)]) == 0
    first = sorted(target.iterdir())[0]
    assert "Mẫu riêng của Ban: " in _text(first.read_bytes())
    letter_templates.set_office_template(demo_store, STAFF, "party", None)
    assert letter_templates.office_templates(demo_store) == {}
    kinds = audit.trail(demo_store, kinds=["office_file"])
    assert len(kinds) == 2  # kept, then forgotten; the refused ones wrote nothing
