"""ui.problems, the one way a page shows problems (AppTest of the function alone): one table,
a row per problem in its level, editor columns under their headers, and text from a file
kept literal in the static table, which Streamlit reads as Markdown."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    from domain.problems import Problem
    from ui.problems import show_problems

    show_problems(
        [
            Problem(
                "bc.xlsx",
                "Báo cáo",
                7,
                "C",
                "[x](http://evil.example)",
                "Sai: ![i](http://e/i.png)",
            ),
            Problem("", None, 2, "deadline_text", "abc", "Không đọc được thời hạn", "warning"),
            Problem("kh.txt", None, None, None, None, "Đã hiểu là «thường xuyên»", "info"),
        ],
        {"deadline_text": "Thời hạn"},
    )
    show_problems([])  # nothing drawn for no problem


def test_problems_are_one_table_by_level_with_file_text_kept_literal():
    at = AppTest.from_function(_script, default_timeout=30).run()
    assert not at.exception and not at.error and not at.warning and not at.dataframe
    [table] = at.table
    frame = table.value
    assert list(frame["Mức"]) == ["Lỗi", "Cảnh báo", "Lưu ý"]
    assert list(frame["Dòng"]) == ["7", "2", ""]  # a whole-file problem: empty, not "None"
    assert list(frame["Cột"]) == ["C", "Thời hạn", ""]
    # escaped for Markdown: shown as typed, no link followed, no image fetched
    assert frame["Giá trị"][0] == r"\[x\](http\://evil.example)"
    assert frame["Cần làm"][0] == r"Sai\: \!\[i\](http\://e/i.png)"
