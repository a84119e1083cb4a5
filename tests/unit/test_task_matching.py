"""Tasks matched as units write them, for both demo plans: codes in any form, sections,
exact and shortened titles, a warning naming the task chosen, an error listing candidates."""

from __future__ import annotations

import re
from datetime import date

import pytest
from actors import STAFF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_builders import xlsx

from loaders.reports.task_match import match_task, significant_words, title_words
from tracker.usecases.ingest import ingest_files, load_catalog

PLANS = ("84-KH/BTGTU", "TUHD-32/2019")
HEADER = [
    "STT",
    "Mã nhiệm vụ",
    "Nội dung nhiệm vụ",
    "Tình trạng",
    "Ngày hoàn thành",
    "Kết quả thực hiện",
    "Ghi chú",
]


@pytest.fixture(params=PLANS)
def catalog(request, demo_store):
    return load_catalog(demo_store, request.param)


def _forms(code: str) -> list[str]:
    letters, digits = re.match(r"([A-Za-z]+)0*(\d+)", code).groups()
    return [
        code,
        f"{letters.lower()} {digits}",
        f"{letters}-{int(digits):03d}",
        f"{code} - nội dung bất kỳ",
    ]


def test_a_code_in_any_form_anywhere_in_the_cell_is_an_exact_match(catalog):
    for task in catalog.tasks:
        for form in _forms(task.code):
            found = match_task(form, catalog)
            assert found.ids == (task.task_id,) and found.exact, (form, found)


def test_the_section_and_the_title_as_the_plan_writes_them_match_exactly(catalog):
    for task in catalog.tasks:
        if len(catalog._task_index.get(("section", task.section.lower()), ())) <= 1:
            found = match_task(f"{task.section}. {task.title}", catalog)
            assert found.ids == (task.task_id,), (task.section, found)
        found = match_task(task.title.upper(), catalog)
        assert found.ids == (task.task_id,) and found.exact


def test_a_title_without_its_parenthetical_reference_matches(catalog):
    for task in catalog.tasks:
        bare = re.sub(r"\s*\([^()]*\)", "", task.title)
        found = match_task(bare, catalog)
        assert found.ids == (task.task_id,), (bare, found)


def test_a_unique_leading_run_of_words_matches_with_a_warning_kind(catalog):
    checked = 0
    for task in catalog.tasks:
        words = title_words(task.title).split()
        for size in range(2, len(words)):
            head = " ".join(words[:size])
            others = [
                t
                for t in catalog.tasks
                if t is not task and title_words(t.title).startswith(head + " ")
            ]
            if not others and significant_words(head):
                found = match_task(head, catalog)
                assert found.ids == (task.task_id,) and not found.exact, (head, found)
                checked += 1
                break
    assert checked >= 2


def _report(title: str) -> bytes:
    return xlsx(
        [
            ["BÁO CÁO"],
            ["Đơn vị báo cáo: Sở Thông tin và Truyền thông"],
            ["Lạng Sơn, ngày 20 tháng 12 năm 2019"],
            [],
            HEADER,
            [1, "", title, "Đã hoàn thành", date(2019, 12, 1), "", ""],
        ]
    )


@pytest.mark.parametrize(
    "written",
    [
        "Tổ chức quán triệt",
        "Tổ chức quán triệt Chỉ thị 32-CT/TW",
        "Tổ chức quán triệt, triển khai học tập Chỉ thị số 32-CT/TW",
    ],
)
def test_short_names_of_the_quan_triet_task_are_accepted_with_a_warning_naming_it(
    demo_store, written
):
    [result] = ingest_files(demo_store, STAFF, "84-KH/BTGTU", [("r.xlsx", _report(written))])
    assert result.accepted, [str(p) for p in result.errors]
    told = [w for w in result.to_json()["warnings"] if "được hiểu là NV01 —" in w["message"]]
    assert len(told) == 1 and told[0]["row"] == 6 and told[0]["column"] == "C"
    assert f"«{written}»" in told[0]["message"]


def test_containment_of_a_tasks_words_in_the_cell_picks_it(demo_store):
    catalog = load_catalog(demo_store, "84-KH/BTGTU")
    found = match_task("Công tác phối hợp với các cơ quan báo chí", catalog)
    assert [catalog.task(i).code for i in found.ids] == ["NV03"]


def test_two_close_candidates_are_an_error_listing_both(demo_store):
    [result] = ingest_files(
        demo_store, STAFF, "84-KH/BTGTU", [("r.xlsx", _report("Công tác tuyên truyền, phối hợp"))]
    )
    assert not result.accepted
    [error] = [p for p in result.errors if "nhiều nhiệm vụ" in p.message]
    assert "NV02 — Công tác tuyên truyền" in error.message
    assert "NV03 — Công tác phối hợp" in error.message


def test_a_matrix_whose_columns_carry_short_names_is_recognised(demo_store):
    rows = [
        ["BẢNG THEO DÕI"],
        ["Lạng Sơn, ngày 20 tháng 12 năm 2019"],
        ["Đơn vị", "Tổ chức quán triệt", "Công tác tuyên truyền", "III.2"],
        ["Sở Ngoại vụ", "01/12/2019", "Đang thực hiện", "x"],
    ]
    [result] = ingest_files(demo_store, STAFF, "84-KH/BTGTU", [("m.xlsx", xlsx(rows))])
    assert result.accepted, [str(p) for p in result.errors]
    approximate = [w for w in result.warnings if "được hiểu là" in w.message]
    assert [(w.row, w.column) for w in approximate] == [(3, "B")]
    assert result.rows == 3


EXTRA = "hội nghị báo chí sai trái đối ngoại tập huấn trực tuyến cán bộ kiểm tra".split()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_title_never_matches_a_task_it_shares_no_significant_word_with(catalog, data):
    task = data.draw(st.sampled_from(catalog.tasks))
    own = significant_words(task.title)
    every = {w for t in catalog.tasks for w in t.title.split()} | set(EXTRA)
    pool = sorted(w for w in every if significant_words(w) and not significant_words(w) & own)
    words = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6))
    found = match_task(" ".join(words), catalog)
    assert found.ids != (task.task_id,), (words, task.code)
