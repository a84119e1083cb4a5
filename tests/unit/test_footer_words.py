"""The footer's cheap pre-check never hides a footer the two patterns would find."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.reports.table_end import _FOOTER_ANYWHERE, _FOOTER_FIRST, _may_hold_footer

PIECES = (
    "Người lập biểu",
    "người lập bảng",
    "(Ký, ghi rõ họ tên)",
    "ký tên",
    "Đóng dấu",
    "Nơi nhận:",
    "Bắc Sơn, ngày 5 tháng 10 năm 2019",
    "Hà Nội, ngày 5/10/2019",
    "Cộng",
    "Tổng cộng",
    "Tổng số:",
    "Ghi chú: còn thiếu",
    "Nhiệm vụ số 3",
    "Đã hoàn thành",
    "x",
    " ",
    ",",
)


def _cased(text: str, flips: list[bool]) -> str:
    return "".join(c.upper() if flips[i % len(flips)] else c.lower() for i, c in enumerate(text))


cell = st.builds(
    _cased,
    st.lists(st.sampled_from(PIECES), max_size=3).map("".join),
    st.lists(st.booleans(), min_size=1, max_size=5),
) | st.text(max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), cell), min_size=1, max_size=8))
def test_a_cell_either_pattern_matches_passes_the_word_check(cells):
    array = pa.array(cells, pa.string())
    for pattern in (_FOOTER_ANYWHERE, _FOOTER_FIRST):
        if pc.any(pc.match_substring_regex(array, pattern)).as_py():
            assert _may_hold_footer(array), cells


def test_text_without_footer_words_skips_the_patterns():
    assert not _may_hold_footer(pa.array(["Nhiệm vụ số 3", None, "Đã hoàn thành"], pa.string()))
    assert _may_hold_footer(pa.array(["Nhiệm vụ số 3", "TỔNG SỐ"], pa.string()).slice(1))
