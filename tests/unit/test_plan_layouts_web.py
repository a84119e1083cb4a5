"""Plans as web pages and other offices' copies hand them over (tests/plan_writers.py):
glued words, hard-wrapped sentences, numbered points "2.1.a.", units grouped under
"Đối với ...", a title on the same line as "KẾ HOẠCH", labelled deadlines inside sentences,
and task words that fold like unit names ("Sơ kết" like "Sở")."""

from __future__ import annotations

from datetime import date

from loaders.plans import deadlines as dl
from loaders.plans import units as du
from loaders.plans.document import parse_plan_text
from tests import plan_writers as w


def test_a_decision_copied_from_a_web_page_gives_its_number_date_issuer_and_basis():
    draft = parse_plan_text(w.WEB_COPY, "web.md")
    plan = draft.plan
    assert (plan.code, plan.issued_on) == ("41/2026/QĐ-UBND", date(2026, 3, 9))
    assert plan.issuer == "Ủy ban nhân dân tỉnh An Hòa"
    assert plan.title.startswith("PHÁT TRIỂN THƯ VIỆN SỐ")
    # the decision that issues the plan is not the document the plan carries out
    assert plan.directive.code == "206/QĐ-TTg"


def test_hard_wrapped_labels_lettered_points_and_sub_grouped_units_are_read():
    draft = parse_plan_text(w.WEB_COPY, "web.md")
    assert [(t.section, t.title[:20], t.due) for t in draft.tasks] == [
        ("II.1", "Xây dựng cơ sở dữ li", date(2027, 12, 31)),
        ("II.2.1.a", "Lập danh mục tài liệ", date(2026, 6, 30)),
        ("II.2.1.b", "Chụp và nhận dạng tà", date(2026, 12, 31)),
        ("II.3", "Sơ kết việc thực hiệ", date(2027, 12, 31)),
    ]
    names = [u.name for u in draft.units]
    assert names == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính", "Ủy ban nhân dân các huyện"]
    assert all("Sơ kết" not in u.name for t in draft.tasks for u in t.units)


def test_a_title_on_the_line_of_ke_hoach_is_a_plan():
    draft = parse_plan_text(w.ONE_LINE_TITLE, "web.md")
    assert not draft.errors
    assert draft.plan.title == "Tổ chức ngày hội đọc sách năm 2026"
    assert [t.due for t in draft.tasks] == [date(2026, 4, 10), date(2026, 4, 20)]


def test_a_labelled_deadline_inside_a_sentence_is_found():
    for text, want in [
        ("Rà soát văn bản; thời gian thực hiện: năm 2022.", "năm 2022"),
        ("Cơ quan chủ trì: Sở Nội vụ; Thời gian hoàn thành: Quý III/2024", "Quý III/2024"),
    ]:
        assert dl.best(dl.in_text(text)).text == want
    assert dl.in_text("Căn cứ thời gian: không rõ") == []


def test_ordinary_words_that_fold_like_unit_heads_are_not_units():
    for word in ("Sơ kết", "Bảo đảm kinh phí", "Phong trào thi đua", "Đại hội", "Bổ sung"):
        assert not du.is_unit_like(word), word
    for name in ("Sở Nội vụ", "SỞ TÀI CHÍNH", "Sở, ban, ngành", "Bảo tàng tỉnh", "Bộ Công an"):
        assert du.is_unit_like(name), name


def test_a_web_page_s_fields_above_the_plan_are_not_its_title_or_issuer():
    plan = parse_plan_text(w.WEB_PAGE_PLAN, "web.md").plan
    assert plan.title.startswith("THỰC HIỆN CHỈ THỊ SỐ 19")
    assert plan.issuer == "Ủy ban nhân dân tỉnh An Hòa"  # not the bare "UBND tỉnh"
    assert plan.directive.code == "19/CT-TTg"  # as the body writes it, not the capitals
    assert (plan.code, plan.issued_on) == ("77/KH-UBND", date(2026, 3, 2))


def test_deadlines_counted_from_an_event_or_a_bare_dinh_ky_are_flagged_not_guessed():
    text = """KẾ HOẠCH
Tổ chức bầu cử
Số: 5/KH-UBND
An Hòa, ngày 02 tháng 3 năm 2026
I. NHIỆM VỤ
1. Niêm yết danh sách cử tri trước ngày bầu cử 20 ngày.
2. Báo cáo tiến độ. Thời gian: Định kỳ.
3. Gửi báo cáo trong vòng 15 ngày kể từ ngày nhận được kế hoạch.
4. Hội nghị hiệp thương (chậm nhất ngày 20/3/2026)
- Gửi biên bản ngay sau khi tổ chức hội nghị 01 ngày.
5. Hoàn thành trước ngày 15 tháng 6 năm 2026.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi.
"""
    draft = parse_plan_text(text, "kh.txt")
    shape = [(t.unparsed, t.due, t.recurrence) for t in draft.tasks]
    assert shape == [
        (True, None, None),
        (True, None, None),
        (True, None, None),
        (False, date(2026, 3, 20), None),  # the section's own date comes first
        (False, date(2026, 6, 15), None),
    ]
    flagged = [p.message for p in draft.problems if "tính từ một sự kiện" in p.message]
    assert len(flagged) == 2 and "trước ngày bầu cử 20 ngày" in flagged[0]


def test_a_task_that_opens_with_its_units_keeps_its_verb_and_a_giao_gives_its_lead():
    text = """KẾ HOẠCH
Bảo vệ bí mật nhà nước năm 2026
Số: 9/KH-UBND
An Hòa, ngày 02 tháng 3 năm 2026
I. NỘI DUNG CÔNG TÁC
1. Các sở, ban, ngành; UBND các huyện tiếp tục tổ chức tuyên truyền, tập huấn cho cán bộ, \
công chức về các quy định bảo vệ bí mật nhà nước trong năm 2026 theo hướng dẫn của Công an tỉnh.
2. Xây dựng Quy chế bảo vệ bí mật nhà nước (Giao Công an tỉnh chủ trì, phối hợp với Sở Tư pháp).
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi.
"""
    first, second = parse_plan_text(text, "kh.txt").tasks
    assert first.title.startswith("Các sở, ban, ngành; UBND các huyện tiếp tục tổ chức")
    assert [(u.name, u.role) for u in second.units] == [
        ("Công an tỉnh", "chu_tri"),
        ("Sở Tư pháp", "phoi_hop"),
    ]


def test_a_task_table_laid_out_one_cell_per_line_is_read_with_its_groups_and_years():
    tasks = [t for t in parse_plan_text(w.CELL_LINES, "web.md").tasks if t.from_table]
    shape = [(t.section, t.title, t.start, t.due, [u.name for u in t.units]) for t in tasks]
    assert shape == [
        (
            "PL.I.1",
            "Phủ sóng di động các thôn vùng sâu",
            date(2026, 1, 1),
            date(2028, 12, 31),
            ["Sở Khoa học và Công nghệ"],
        ),
        (
            "PL.I.2",
            "Số hóa hồ sơ đất đai",
            date(2027, 1, 1),
            date(2027, 12, 31),
            ["Sở Nông nghiệp và Môi trường"],
        ),
        ("PL.I.3", "Cấp chữ ký số cho cán bộ", date(2026, 4, 1), date(2026, 6, 30), ["Sở Nội vụ"]),
    ]


def test_a_decision_that_is_itself_the_plan_reads_its_articles_as_parts():
    text = """| ỦY BAN NHÂN DÂN TỈNH AN HÒA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|---|---|
| Số: 310/QĐ-UBND | An Hòa, ngày 12 tháng 8 năm 2026 |
QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH THỜI GIAN NĂM HỌC 2026-2027
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Quyết định số 2045/QĐ-BGDĐT ngày 01/8/2026 của Bộ Giáo dục và Đào tạo;
QUYẾT ĐỊNH:
Điều 1. Ban hành Kế hoạch thời gian năm học 2026-2027 như sau:
1. Tựu trường các cấp học: Ngày 24/8/2026 (thứ Hai).
2. Kết thúc học kỳ I trước ngày 16/01/2027.
Điều 2. Giao Sở Giáo dục và Đào tạo
1. Hướng dẫn các trường thực hiện Kế hoạch.
Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.
Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.
"""
    draft = parse_plan_text(text, "qd.md")
    assert not draft.errors
    assert (draft.plan.code, draft.plan.issued_on) == ("310/QĐ-UBND", date(2026, 8, 12))
    assert [(t.section, t.due or t.recurrence) for t in draft.tasks] == [
        ("I.1", date(2026, 8, 24)),
        ("I.2", date(2027, 1, 16)),
        ("II.1", "continuous"),
    ]
    letter = text.replace("BAN HÀNH KẾ HOẠCH", "VỀ VIỆC KHEN THƯỞNG").replace("Kế hoạch", "")
    assert parse_plan_text(letter, "qd.md").errors  # a decision issuing no plan stays refused
