"""The plan parser is not tuned to the seeds: other directives, other numbering, quarter and
half-year deadlines, date ranges, a plan without "Thời gian:" lines, .docx, and texts that
are not plans at all."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.plans.document import parse_plan_text, read_plan_document

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"


def _read(name: str):
    path = PLANS / name
    return read_plan_document(path.read_bytes(), name)


def _by_title(draft, start: str):
    return next(t for t in draft.tasks if t.title.startswith(start))


def test_a_state_plan_with_bullets_as_tasks_quarters_halves_and_a_date_range():
    draft = _read("ubnd_quang_nam_125_quarters.txt")
    plan = draft.plan
    assert (plan.code, plan.issued_on, plan.place) == (
        "125/KH-UBND",
        date(2021, 3, 15),
        "Quảng Nam",
    )
    assert plan.issuer == "Ủy ban nhân dân tỉnh Quảng Nam"  # both columns on one line
    assert (plan.directive.kind, plan.directive.code) == ("Nghị quyết", "52-NQ/TW")
    assert plan.directive.issued_on == date(2019, 9, 27)
    assert len(draft.tasks) == 6
    assert _by_title(draft, "Rà soát").due == date(2021, 6, 30)  # (Quý II/2021)
    assert _by_title(draft, "Ban hành Quy chế").due == date(2021, 6, 30)  # 6 tháng đầu năm
    week = _by_title(draft, "Tổ chức Tuần lễ")
    assert (week.start, week.due) == (date(2021, 8, 10), date(2021, 9, 5))
    assert _by_title(draft, "Mở 05 lớp").due == date(2021, 9, 30)
    assert _by_title(draft, "Hằng quý").recurrence == "quarterly"
    assert draft.reporting.cycle == "quarterly"
    assert draft.reporting.report_to == "Ủy ban nhân dân tỉnh"


def test_a_task_s_own_chu_tri_and_phoi_hop_lines_beat_the_organisation_section():
    draft = _read("ubnd_quang_nam_125_quarters.txt")
    review = _by_title(draft, "Rà soát")
    assert [(u.name, u.role) for u in review.units] == [
        ("Sở Thông tin và Truyền thông", "chu_tri"),
        ("Sở Tư pháp", "phoi_hop"),
        ("Văn phòng UBND tỉnh", "phoi_hop"),
    ]
    training = _by_title(draft, "Mở 05 lớp")
    assert [(u.name, u.role) for u in training.units] == [
        ("Sở Nội vụ", "chu_tri"),
        ("Sở Thông tin và Truyền thông", "phoi_hop"),
    ]
    # A task naming no unit is carried by every unit of "Tổ chức thực hiện".
    assert len(_by_title(draft, "Ban hành Quy chế").units) == 5


def test_kinh_phi_and_muc_dich_parts_hold_no_tasks():
    draft = _read("ubnd_quang_nam_125_quarters.txt")
    assert all(not t.section.startswith(("I.", "III")) for t in draft.tasks)


def test_a_markdown_plan_with_no_thoi_gian_lines_reads_inline_deadlines():
    draft = _read("huyen_uy_no_time_lines.md")
    assert draft.plan.code == "47-KH/HU"
    assert draft.plan.issued_on == date(2021, 8, 5)
    assert draft.plan.place == "Nam Đàn"
    assert (draft.plan.directive.kind, draft.plan.directive.code) == ("Kết luận", "01-KL/TW")
    assert [t.section for t in draft.tasks] == ["II.1.a", "II.1.b", "II.2.a", "II.2.b", "II.3"]
    conference = draft.tasks[0]
    assert conference.deadline_text == "trong tháng 9/2021"
    assert (conference.start, conference.due) == (date(2021, 9, 1), date(2021, 9, 30))
    assert [(u.name, u.role) for u in conference.units] == [
        ("Ban Tuyên giáo Huyện ủy", "chu_tri"),
        ("Trung tâm Chính trị huyện", "phoi_hop"),
    ]
    assert draft.tasks[1].due == date(2021, 9, 30)
    assert draft.tasks[2].recurrence == "yearly"
    assert draft.tasks[3].recurrence == "half_yearly"
    # No deadline at all: assumed ongoing, and the draft says so where.
    assert draft.tasks[4].recurrence == "continuous"
    assert any(
        p.message.startswith("Mục II.3:") and "tạm coi là" in p.message and p.severity == "info"
        for p in draft.problems
    )
    assert "Trung tâm Chính trị huyện" in [u.name for u in draft.units]


def test_thoi_han_lines_and_an_impossible_quarter_is_flagged_not_guessed():
    draft = _read("dang_uy_khoi_half_years.txt")
    assert draft.plan.code == "12-KH/ĐUK"
    assert draft.plan.issuer == "Ban Thường vụ Đảng ủy Khối"
    dues = [(t.section, t.due, t.recurrence, t.unparsed) for t in draft.tasks]
    assert dues == [
        ("II.1", date(2020, 9, 30), None, False),
        ("II.2", date(2020, 12, 31), None, False),
        ("II.3", None, "half_yearly", False),
        ("II.4", None, None, True),
    ]
    flagged = [p for p in draft.problems if "Quý 5/2020" in p.message]
    assert flagged and flagged[0].row == 27 and flagged[0].message.startswith("Mục II.4:")
    assert flagged[0].value == "Quý 5/2020" and flagged[0].file == draft.source_name
    assert [u.name for u in draft.units] == [
        "Ban Tuyên giáo Đảng ủy Khối",
        "Văn phòng Đảng ủy Khối",
        "Các đảng bộ, chi bộ cơ sở trực thuộc",
    ]
    assert draft.reporting.cycle == "half_yearly"


def test_an_appendix_task_table_after_the_signature_gives_one_task_per_row():
    draft = _read("so_vhttdl_appendix_table.md")
    assert draft.plan.code == "58/KH-SVHTTDL"
    assert draft.plan.issuer == "Sở Văn hóa, Thể thao và Du lịch"
    assert draft.plan.directive.kind == "Chương trình hành động"
    assert [(t.section, t.section_title, t.due) for t in draft.tasks] == [
        ("PL.I.1", "Tuyên truyền", date(2022, 4, 30)),  # the group's number is kept
        ("PL.I.2", "Tuyên truyền", date(2022, 8, 31)),
        ("PL.II.3", "Bồi dưỡng", date(2022, 9, 30)),
    ]
    assert draft.tasks[1].start == date(2022, 5, 1)
    assert [(u.name, u.role) for u in draft.tasks[2].units] == [
        ("Phòng Quản lý văn hóa", "chu_tri"),
        ("Thư viện tỉnh", "phoi_hop"),
    ]
    assert draft.reporting.report_to == "Sở Văn hóa, Thể thao và Du lịch"
    assert draft.reporting.deadline_text == "trước ngày 15/12/2022"


def test_a_report_is_refused_with_a_clear_message():
    draft = _read("report_not_a_plan.txt")
    assert not draft.is_plan
    assert draft.tasks == []
    message = draft.problems[0].message
    assert "không phải là một kế hoạch" in message and "báo cáo" in message


def test_prose_empty_text_and_binary_files_get_messages_not_exceptions():
    prose = parse_plan_text("Hôm nay trời đẹp. Chúng tôi đi chơi công viên.\nHết.")
    assert not prose.is_plan and "không phải là một kế hoạch" in prose.problems[0].message
    empty = read_plan_document(b"", "trong.txt")
    assert "trống" in empty.problems[0].message and empty.problems[0].file == "trong.txt"
    old_word = read_plan_document(b"\xd0\xcf\x11\xe0" + b"\0" * 100, "kh.doc")
    assert ".docx" in old_word.problems[0].message
    broken_zip = read_plan_document(b"PK\x03\x04garbage", "kh.docx")
    assert broken_zip.problems[0].severity == "error"


def test_a_plan_with_a_heading_but_no_tasks_says_what_is_missing():
    draft = parse_plan_text("KẾ HOẠCH\nvề việc gì đó\n\nI. MỤC ĐÍCH, YÊU CẦU\nNâng cao.")
    assert not draft.is_plan
    assert any("Không tìm thấy nhiệm vụ" in p.message for p in draft.errors)


def test_a_docx_plan_reads_like_its_text():
    import docx

    text = (PLANS / "dang_uy_khoi_half_years.txt").read_text(encoding="utf-8")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    from_docx = read_plan_document(buffer.getvalue(), "kh.docx")
    from_text = _read("dang_uy_khoi_half_years.txt")
    assert from_docx.plan.code == from_text.plan.code
    assert [(t.title, t.due) for t in from_docx.tasks] == [
        (t.title, t.due) for t in from_text.tasks
    ]


def test_word_automatic_numbering_is_restored_from_the_docx_lists():
    import docx
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("decimal", "%2.%3."), ("bullet", "-")]
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {ns} w:abstractNumId="90">'
            + "".join(
                f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/></w:lvl>'
                for i, (fmt, text) in enumerate(levels)
            )
            + "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    document.add_paragraph("Số 7-KH/BTGTU")
    document.add_paragraph("Lạng Sơn, ngày 02 tháng 3 năm 2020")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("tuyên truyền kỷ niệm 90 năm thành lập Đảng")
    numbered("MỤC ĐÍCH, YÊU CẦU", 0)
    document.add_paragraph("Nâng cao nhận thức.")
    numbered("NHIỆM VỤ", 0)
    numbered("Tuyên truyền trên báo chí", 1)
    numbered("Thời gian: Quý I/2020", 3)
    numbered("Tổ chức hội thi", 1)
    numbered("Vòng sơ khảo", 2)
    numbered("Thời gian: tháng 4/2020", 3)
    numbered("Vòng chung kết", 2)
    numbered("Thời gian: trước ngày 15/5/2020", 3)
    buffer = io.BytesIO()
    document.save(buffer)
    draft = read_plan_document(buffer.getvalue(), "kh7.docx")
    assert draft.plan.code == "7-KH/BTGTU"
    assert [(t.section, t.due) for t in draft.tasks] == [
        ("II.1", date(2020, 3, 31)),
        ("II.2.1", date(2020, 4, 30)),
        ("II.2.2", date(2020, 5, 15)),
    ]


def test_windows_vietnamese_code_page_text_is_decoded():
    text = "KẾ HOẠCH\nthử\n\nI. NHIỆM VỤ\n- Tổ chức hội nghị trước ngày 30/6/2020.\n"
    draft = read_plan_document(_cp1258(text), "kh.txt")
    assert draft.tasks and draft.tasks[0].due == date(2020, 6, 30)


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters, then a combining tone mark."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("KẾHOẠCHI.-+:1234567890/ \nabcđôưThờigan")), max_size=400)
)
def test_the_parser_never_raises_on_any_text(text):
    draft = parse_plan_text(text)
    assert isinstance(draft.problems, list)
    assert not any("Lỗi khi đọc văn bản" in p.message for p in draft.problems)
