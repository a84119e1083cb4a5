"""Plans in the layouts offices use, written from code (tests/plan_writers.py): parts read by
meaning, deadlines inside sentences, the header in a table, office-holders as units, task
tables in any column order with group rows, merged cells and page splits, schedules and
phases."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.plans.document import parse_plan_text, read_plan_document
from tests import plan_writers as w


def _due(task) -> str | None:
    if task.due:
        return task.due.isoformat()
    return task.recurrence


def test_a_part_that_also_assigns_the_work_holds_tasks_read_with_their_deadlines():
    draft = read_plan_document(w.prose_docx(), "kh.docx")
    assert [(t.title, _due(t)) for t in draft.tasks] == w.PROSE_TASKS
    monthly = draft.tasks[3]
    assert monthly.deadline_text == "Trước ngày 05 hằng tháng"
    assert not any(t.unparsed for t in draft.tasks)


def test_targets_slogans_and_forms_after_the_signature_are_not_tasks():
    draft = read_plan_document(w.prose_docx(), "kh.docx")
    titles = " ".join(t.title for t in draft.tasks)
    assert "100% thôn" not in titles  # CHỈ TIÊU
    assert "tích cực tham gia bầu cử" not in titles  # KHẨU HIỆU
    assert "Thành phần" not in titles and "MẪU" not in titles  # the form after "Nơi nhận"


def test_the_header_table_gives_number_place_and_date_and_a_blank_number_stays_empty():
    draft = read_plan_document(w.prose_docx(), "kh.docx")
    plan = draft.plan
    assert (plan.code, plan.issued_on, plan.place) == (
        "21/KH-MTTQ-BTT",
        date(2025, 11, 3),
        "An Bình",
    )
    assert plan.issuer == "Ban Thường trực Ủy ban MTTQ Việt Nam xã An Bình"  # and the level above
    assert plan.directive.code == "46-CT/TW"
    unnumbered = w.HEADER_LEFT.replace("21/KH", "     /KH")
    blank = read_plan_document(w.prose_docx(left=unnumbered), "du-thao.docx")
    assert blank.plan.code == ""
    assert any("không ghi số hiệu" in p.message for p in blank.problems)


def test_office_holders_are_units_and_fragments_and_citations_are_not():
    draft = read_plan_document(w.prose_docx(), "kh.docx")
    names = [u.name for u in draft.units]
    assert "Phó Chủ tịch Thường trực" in names  # "Đồng chí ..., phụ trách ..." tidied
    assert "Phó Chủ tịch Ủy ban nhân dân xã" in names
    assert "Chuyên viên Văn phòng" in names
    assert not any(n.startswith(("Theo phân công", "Báo cáo", "Các đồng chí")) for n in names)
    assert not any(n in ("Các", "Đồng chí") for n in names)
    chair = draft.tasks[0].units
    assert [(u.name, u.role) for u in chair] == [
        ("Phó Chủ tịch Thường trực", "chu_tri"),
        ("Trưởng Ban công tác Mặt trận thôn", "phoi_hop"),
    ]


def test_a_dated_item_of_to_chuc_thuc_hien_is_its_units_task():
    draft = read_plan_document(w.prose_docx(), "kh.docx")
    task = draft.tasks[-1]
    assert (task.section, task.due) == ("IV.2", date(2025, 12, 20))
    assert [u.name for u in task.units] == ["Phó Chủ tịch Ủy ban nhân dân xã"]


EXPECTED_TABLE = [
    ("PL.I.1", "Rà soát văn bản quy phạm pháp luật", "2026-06-30", ["Sở Tư pháp", "Các sở, ngành"]),
    ("PL.I.1", "Rà soát văn bản quy phạm pháp luật", "2026-09-30", ["Sở Nội vụ"]),
    ("PL.I.2", "Công bố danh mục văn bản hết hiệu lực", "2026-01-31", ["Sở Tư pháp"]),
    ("PL.II.1", "Xây dựng kế hoạch chuyển đổi số năm 2026", "2026-01-31",
     ["Sở Khoa học và Công nghệ", "Sở Tài chính"]),
    ("PL.II.2", "Giám sát an ninh mạng", "2026-12-31", ["Công an tỉnh"]),
]  # fmt: skip


def _table_draft(draft):
    return [(t.section, t.title, _due(t), [u.name for u in t.units]) for t in draft.tasks]


def test_a_task_table_keeps_group_numbers_and_both_rows_of_a_merged_task():
    draft = read_plan_document(w.task_table_docx(), "kh.docx")
    assert draft.plan.code == "15/KH-UBND"
    assert _table_draft(draft) == EXPECTED_TABLE
    assert draft.tasks[0].section_title == "CẢI CÁCH THỂ CHẾ"


def test_a_task_table_split_across_pages_reads_as_one():
    assert _table_draft(read_plan_document(w.task_table_docx(split_after=4), "kh.docx")) == (
        EXPECTED_TABLE
    )


ORDERS = list(itertools.permutations(range(6)))


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(ORDERS))
def test_the_columns_of_a_task_table_may_come_in_any_order(order):
    assert _table_draft(read_plan_document(w.task_table_docx(order), "kh.docx")) == EXPECTED_TABLE


def test_a_schedule_takes_its_year_from_the_time_column_header():
    draft = parse_plan_text(w.SCHEDULE, "lich.txt")
    assert [(t.title, t.due, [u.name for u in t.units]) for t in draft.tasks] == [
        ("Đối thoại về thủ tục đất đai", date(2026, 1, 23), ["Sở Nông nghiệp và Môi trường"]),
        ("Đối thoại về thủ tục giáo dục", date(2026, 3, 13), ["Sở Giáo dục và Đào tạo"]),
    ]


def test_phases_are_tasks_with_their_windows():
    draft = parse_plan_text(w.PHASES, "dot.txt")
    assert [(t.start, t.due) for t in draft.tasks] == [
        (None, date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 3, 15)),
        (date(2026, 4, 1), date(2026, 4, 30)),
    ]
    assert draft.plan.code == "03-KH/BTG"
    assert [u.name for u in draft.units] == ["Trưởng Ban Xây dựng Đảng - Trưởng Tiểu ban"]


def test_ocr_noise_in_part_numbers_still_makes_parts():
    text = w.PHASES.replace("I. LỘ TRÌNH", "I LỘ TRÌNH").replace("II. TỔ CHỨC", "IIL TỔ CHỨC")
    draft = parse_plan_text(text, "scan.txt")
    assert [t.section for t in draft.tasks] == ["I.1", "I.2", "I.3"]
    assert draft.units


def test_a_decision_that_issues_a_plan_gives_the_attached_plan_with_its_number():
    draft = parse_plan_text(w.DECISION, "qd.md")
    assert (draft.plan.code, draft.plan.issued_on) == ("254/QĐ-UBND", date(2026, 2, 17))
    assert [(t.section, t.due) for t in draft.tasks] == [
        ("II.1", date(2026, 6, 30)),
        ("II.2", date(2026, 11, 15)),
    ]
    assert {u.name for u in draft.units} >= {"Công an tỉnh", "Sở Nội vụ"}
    assert any("254/QĐ-UBND" in p.message for p in draft.problems)


def test_a_group_with_labelled_content_units_and_time_gives_one_task_per_item():
    draft = parse_plan_text(w.LABELLED, "kh.txt")
    shape = [(t.section, _due(t), [(u.name, u.role) for u in t.units]) for t in draft.tasks]
    both = [
        ("Ban Chỉ đạo tỉnh", "chu_tri"),
        ("Sở Nội vụ", "phoi_hop"),
        ("Sở Tài chính", "phoi_hop"),
    ]
    assert shape == [
        ("I.a", "2025-12-31", both),
        ("I.b", "2025-12-31", both),
        ("II.a", "continuous", [("Sở Văn hóa, Thể thao và Du lịch", "chu_tri")]),
    ]
