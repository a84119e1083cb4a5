"""Tests for domain.deadlines: Vietnamese deadline prose -> dates or a recurrence."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.deadlines import (
    RECURRENCES,
    Deadline,
    before_plan,
    deadline_json,
    parse_deadline,
)

PLAN_DATE = date(2019, 6, 21)  # Kế hoạch 84-KH/BTGTU, Lạng Sơn

D = date

# (text, start, due): every form the plans use, read against PLAN_DATE.
WINDOWS = [
    # limits: a due date, no start
    ("trước ngày 30/6/2019", None, D(2019, 6, 30)),
    ("Thực hiện xong trước ngày 30/6/2019", None, D(2019, 6, 30)),
    ("Thời gian: Thực hiện xong trước ngày 30/6/2019.", None, D(2019, 6, 30)),
    ("- *Thời gian:* Thực hiện xong trước ngày 30/6/2019.", None, D(2019, 6, 30)),
    ("trước 15/12", None, D(2019, 12, 15)),
    ("chậm nhất ngày 15/7/2019", None, D(2019, 7, 15)),
    ("chậm nhất đến hết tháng 7/2019", None, D(2019, 7, 31)),
    # a single day: a one-day window
    ("30/6/2019", D(2019, 6, 30), D(2019, 6, 30)),
    ("30-06-2019", D(2019, 6, 30), D(2019, 6, 30)),
    ("30.06.2019", D(2019, 6, 30), D(2019, 6, 30)),
    ("30 / 6 / 2019", D(2019, 6, 30), D(2019, 6, 30)),
    ("ngày 11/6/2019", D(2019, 6, 11), D(2019, 6, 11)),
    ("ngày 30 tháng 6 năm 2019", D(2019, 6, 30), D(2019, 6, 30)),
    ("30/6", D(2019, 6, 30), D(2019, 6, 30)),
    ("1/2 ngày, ngày 11/6/2019", D(2019, 6, 11), D(2019, 6, 11)),
    ("- *Thời gian:* 1/2 ngày, ngày 11/6/2019.", D(2019, 6, 11), D(2019, 6, 11)),
    ("01 ngày, ngày 11/6/2019", D(2019, 6, 11), D(2019, 6, 11)),
    # months
    ("hoàn thành trong tháng 7/2019", D(2019, 7, 1), D(2019, 7, 31)),
    ("trong tháng 6/2019", D(2019, 6, 1), D(2019, 6, 30)),
    ("tháng 7/2019", D(2019, 7, 1), D(2019, 7, 31)),
    ("tháng 7 năm 2019", D(2019, 7, 1), D(2019, 7, 31)),
    ("Hoàn thành trong tháng 6/2019.", D(2019, 6, 1), D(2019, 6, 30)),
    ("- *Thời gian:* hoàn thành trong tháng 7/2019.", D(2019, 7, 1), D(2019, 7, 31)),
    ("trong tháng 2/2020", D(2020, 2, 1), D(2020, 2, 29)),
    # month ranges
    ("tháng 6 - tháng 7/2019", D(2019, 6, 1), D(2019, 7, 31)),
    ("từ tháng 6 đến tháng 8/2019", D(2019, 6, 1), D(2019, 8, 31)),
    ("tháng 6-7/2019", D(2019, 6, 1), D(2019, 7, 31)),
    ("tháng 6 – 7/2019", D(2019, 6, 1), D(2019, 7, 31)),
    ("từ tháng 11 đến tháng 2/2020", D(2019, 11, 1), D(2020, 2, 29)),
    # quarters
    ("Quý III/2020", D(2020, 7, 1), D(2020, 9, 30)),
    ("quý 3/2020", D(2020, 7, 1), D(2020, 9, 30)),
    ("quý IV năm 2020", D(2020, 10, 1), D(2020, 12, 31)),
    ("trong quý I/2021", D(2021, 1, 1), D(2021, 3, 31)),
    ("quý II", D(2019, 4, 1), D(2019, 6, 30)),
    ("quý III-IV/2020", D(2020, 7, 1), D(2020, 12, 31)),
    # half years and years
    ("6 tháng đầu năm 2021", D(2021, 1, 1), D(2021, 6, 30)),
    ("6 tháng cuối năm 2020", D(2020, 7, 1), D(2020, 12, 31)),
    ("năm 2020", D(2020, 1, 1), D(2020, 12, 31)),
    ("trong năm 2020", D(2020, 1, 1), D(2020, 12, 31)),
    # day ranges
    ("từ ngày 10/8/2020 đến ngày 05/9/2020", D(2020, 8, 10), D(2020, 9, 5)),
    ("từ 10/8 đến 05/9/2020", D(2020, 8, 10), D(2020, 9, 5)),
    ("2 ngày, từ ngày 10/8 đến ngày 11/8/2019", D(2019, 8, 10), D(2019, 8, 11)),
    ("ngày 11-12/6/2019", D(2019, 6, 11), D(2019, 6, 12)),
]

CYCLES = [
    ("thường xuyên", "continuous"),
    ("Thực hiện thường xuyên", "continuous"),
    ("định kỳ 6 tháng", "half_yearly"),
    ("định kỳ hằng quý", "quarterly"),
    ("hằng quý", "quarterly"),
    ("hàng quý", "quarterly"),
    ("định kỳ 3 tháng", "quarterly"),
    ("hằng năm", "yearly"),
    ("hàng năm", "yearly"),
    ("định kỳ hằng năm", "yearly"),
    ("định kỳ 1 năm", "yearly"),
    ("hằng tháng", "monthly"),
    ("hàng tháng", "monthly"),
    ("Thường xuyên, báo cáo định kỳ 6 tháng", "half_yearly"),
]

IMPOSSIBLE_DATES = ["31/02/2019", "30/13/2019", "trước ngày 31/02/2019", "29/2/2019", "quý V/2020"]
UNKNOWN_PHRASES = [
    "",
    "   ",
    "khi có yêu cầu",
    "sớm nhất có thể",
    "định kỳ",
    "trước tháng 7/2019",
    "30/6/19",
    "từ ngày 10/12/2020 đến ngày 05/9/2020",
    "Trong thời gian từ ……… đến ………",
    "trước tháng 7/2019, báo cáo kết quả",
    "chậm nhất ngày 31/02/2026, triển khai trong quý II",
]

# (sentence, start, due, the words read): phrases found inside longer sentences.
IN_SENTENCES = [
    ("trước ngày 30/6/2019, báo cáo kết quả về Ban Tuyên giáo", None, D(2019, 6, 30),
     "trước ngày 30/6/2019"),
    ("Xây dựng kế hoạch chậm nhất ngày 15/3/2024, triển khai trong quý II", D(2024, 4, 1),
     D(2024, 6, 30), "chậm nhất ngày 15/3/2024; trong quý II"),
    ("Xây dựng kế hoạch chậm nhất ngày 15/3/2024, triển khai trong quý II/2024", D(2024, 4, 1),
     D(2024, 6, 30), "chậm nhất ngày 15/3/2024; trong quý II/2024"),
    ("Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025 - 95 ngày trước bầu cử)", None,
     D(2025, 12, 10), "ngày 05/12/2025; Chậm nhất ngày 10/12/2025"),
    ("Dự kiến tháng 11/2025 (sau khi Ban Thường trực tỉnh ban hành Hướng dẫn)", D(2025, 11, 1),
     D(2025, 11, 30), "tháng 11/2025"),
    ("ngày Tháng 11/2025 (sau khi tỉnh ban hành Hướng dẫn);", D(2025, 11, 1), D(2025, 11, 30),
     "Tháng 11/2025"),
    ("Quý IV/2025 và Quý I/2026;", D(2026, 1, 1), D(2026, 3, 31), "Quý IV/2025; Quý I/2026"),
    ("Trong khoảng thời gian từ ngày 15/01/2026 đến ngày 01/02/2026", D(2026, 1, 15),
     D(2026, 2, 1), "từ ngày 15/01/2026 đến ngày 01/02/2026"),
    ("Từ tháng 12/2025 đến quý I/2026.", D(2025, 12, 1), D(2026, 3, 31),
     "Từ tháng 12/2025 đến quý I/2026"),
    ("Khai mạc lúc 14 giờ 00, ngày 11/6/2019 tại Hội trường", D(2019, 6, 11), D(2019, 6, 11),
     "ngày 11/6/2019"),
    ("08h30 ngày 15/3/2026", D(2026, 3, 15), D(2026, 3, 15), "ngày 15/3/2026"),
    ("Theo Luật số 85/2015/QH13, ngày 25/6/2015; hoàn thành trong tháng 7/2019", D(2019, 7, 1),
     D(2019, 7, 31), "hoàn thành trong tháng 7/2019"),
]  # fmt: skip

# (sentence, cycle, (months after the period starts, day)): recurrences with their due day.
DUE_DAYS = [
    ("Báo cáo trước ngày 05 hằng tháng", "monthly", (0, 5)),
    ("gửi báo cáo trước ngày 10 của tháng sau", "monthly", (1, 10)),
    ("báo cáo quý trước ngày 15 tháng cuối quý", "quarterly", (2, 15)),
    ("trước ngày 15/12 hằng năm", "yearly", (11, 15)),
    ("báo cáo năm trước ngày 31/01 năm liền kề", "yearly", (12, 31)),
    ("Hằng năm, trước ngày 15/12", "yearly", (11, 15)),
]


@pytest.mark.parametrize(("text", "start", "due"), WINDOWS)
def test_every_documented_form_parses_to_its_exact_dates(text, start, due):
    assert parse_deadline(text, PLAN_DATE) == Deadline(text, start=start, due=due)


@pytest.mark.parametrize(("text", "cycle"), CYCLES)
def test_recurring_tasks_have_a_cycle_and_no_due_date(text, cycle):
    assert parse_deadline(text, PLAN_DATE) == Deadline(text, recurrence=cycle)


@pytest.mark.parametrize("text", IMPOSSIBLE_DATES)
def test_an_impossible_date_is_flagged_not_guessed(text):
    assert parse_deadline(text, PLAN_DATE) == Deadline(text, unparsed=True)


@pytest.mark.parametrize("text", UNKNOWN_PHRASES)
def test_an_unknown_or_ambiguous_phrase_is_flagged_for_a_person(text):
    assert parse_deadline(text, PLAN_DATE) == Deadline(text, unparsed=True)


@pytest.mark.parametrize(("text", "start", "due", "read"), IN_SENTENCES)
def test_a_phrase_inside_a_sentence_is_found_and_says_what_it_read(text, start, due, read):
    parsed = parse_deadline(text, PLAN_DATE)
    assert parsed == Deadline(text, start=start, due=due)
    assert parsed.read == read


@pytest.mark.parametrize(("text", "cycle", "day"), DUE_DAYS)
def test_a_recurrence_with_a_day_keeps_its_due_day(text, cycle, day):
    parsed = parse_deadline(text, PLAN_DATE)
    assert (parsed.recurrence, parsed.day_in_period, parsed.unparsed) == (cycle, day, False)


def test_thuong_xuyen_lien_tuc_ca_nam_is_continuous():
    assert parse_deadline("Thường xuyên, liên tục cả năm", PLAN_DATE).recurrence == "continuous"


@pytest.mark.parametrize(("text", "start", "due"), WINDOWS)
def test_nfd_upper_case_and_odd_spaces_read_the_same(text, start, due):
    variants = [
        unicodedata.normalize("NFD", text),
        text.upper(),
        unicodedata.normalize("NFD", text.upper()),
        text.replace(" ", "\u00a0"),
        f"\u200b {text} ",
    ]
    for variant in variants:
        parsed = parse_deadline(variant, PLAN_DATE)
        assert (parsed.start, parsed.due, parsed.unparsed) == (start, due, False), variant


@pytest.mark.parametrize(("text", "cycle"), CYCLES)
def test_recurrences_survive_nfd_and_upper_case(text, cycle):
    variant = unicodedata.normalize("NFD", text.upper())
    assert parse_deadline(variant, PLAN_DATE).recurrence == cycle


def test_half_a_day_is_a_duration_not_the_first_of_february():
    parsed = parse_deadline("1/2 ngày, ngày 11/6/2019", PLAN_DATE)
    assert parsed.start == parsed.due == D(2019, 6, 11)
    assert D(2019, 2, 1) not in (parsed.start, parsed.due)


def test_the_text_is_kept_as_given():
    text = "  Thời gian: Thực hiện xong trước ngày 30/6/2019. "
    assert parse_deadline(text, PLAN_DATE).text == text


@pytest.mark.parametrize(
    ("text", "reference", "due"),
    [
        ("30/6", D(2019, 6, 21), D(2019, 6, 30)),
        ("trước 15/12", D(2019, 6, 21), D(2019, 12, 15)),
        ("30/6", D(2021, 1, 5), D(2021, 6, 30)),
        ("tháng 7", D(2020, 3, 1), D(2020, 7, 31)),
        ("trước ngày 30/6/2019", D(2030, 1, 1), D(2019, 6, 30)),
    ],
)
def test_a_missing_year_comes_from_the_plan_date_and_a_given_year_wins(text, reference, due):
    assert parse_deadline(text, reference).due == due


def test_a_range_start_borrows_the_year_of_its_end_not_of_the_plan():
    parsed = parse_deadline("từ 10/8 đến 05/9/2020", D(2019, 6, 21))
    assert (parsed.start, parsed.due) == (D(2020, 8, 10), D(2020, 9, 5))


def test_deadline_json_gives_iso_dates_and_the_flags():
    parsed = parse_deadline("hoàn thành trong tháng 7/2019", PLAN_DATE)
    assert deadline_json(parsed) == {
        "start": "2019-07-01",
        "due": "2019-07-31",
        "recurrence": None,
        "unparsed": False,
        "day_in_period": None,
        "read": "hoàn thành trong tháng 7/2019",
    }
    assert deadline_json(parse_deadline("hằng quý", PLAN_DATE)) == {
        "start": None,
        "due": None,
        "recurrence": "quarterly",
        "unparsed": False,
        "day_in_period": None,
        "read": "hằng quý",
    }
    assert deadline_json(parse_deadline("trước ngày 05 hằng tháng", PLAN_DATE))[
        "day_in_period"
    ] == [0, 5]
    assert deadline_json(parse_deadline("khi có yêu cầu", PLAN_DATE)) == {
        "start": None,
        "due": None,
        "recurrence": None,
        "unparsed": True,
        "day_in_period": None,
        "read": "",
    }


WORDS = [
    "trước", "ngày", "tháng", "quý", "năm", "từ", "đến", "hết", "trong", "chậm nhất", "III",
    "IV", "6", "30/6", "1/2", "31/02", "13", "2019", "2020", "-", "/", ".", ",", "đầu", "cuối",
    "thường xuyên", "định kỳ", "hằng", "báo cáo", "0", "99", "Thời gian:",
]  # fmt: skip

texts = st.one_of(st.text(), st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join))


def _check_invariants(parsed: Deadline) -> None:
    if parsed.start is not None and parsed.due is not None:
        assert parsed.start <= parsed.due
    if parsed.unparsed:
        assert (parsed.start, parsed.due, parsed.recurrence) == (None, None, None)
    else:
        assert parsed.due is not None or parsed.recurrence in RECURRENCES


@given(texts, st.dates())
def test_any_text_never_raises_and_never_ends_before_it_starts(text, reference):
    _check_invariants(parse_deadline(text, reference))


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)), st.dates())
def test_any_valid_date_written_trước_ngày_d_m_yyyy_is_that_due_date(day, reference):
    text = f"trước ngày {day.day}/{day.month}/{day.year}"
    assert parse_deadline(text, reference) == Deadline(text, due=day)


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("trước ngày 30/6/2018", True),  # the year mistyped
        ("Quý I/2019", True),  # the whole quarter ends before the plan
        ("trước ngày 21/6/2019", False),  # the plan's own day is allowed
        ("trong tháng 6/2019", False),  # the month the plan is issued in
        ("thường xuyên", False),
        ("khi nào xong", False),  # unread: another message says so
    ],
)
def test_a_deadline_before_the_plans_own_date_is_warned_about(text, warned):
    message = before_plan(parse_deadline(text, PLAN_DATE), PLAN_DATE)
    assert (message is not None) == warned
    if warned:
        assert "trước ngày ban hành kế hoạch (21/06/2019)" in message
    assert before_plan(parse_deadline(text, PLAN_DATE), None) is None
