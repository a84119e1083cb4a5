"""A unit's report template carries its newest stored answers, and an untouched pre-filled
form reads back to the same facts (the round trip), on both backends."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from actors import STAFF, unit_actor
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ingest_builders import PLAN, make_store
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from loaders.templates.report import HEADER_ROW
from store.reports import report_rows
from tracker.usecases import templates, unit_reports
from tracker.usecases.ingest import ingest_files, load_catalog

UNIT = "Sở Ngoại vụ"
STATUS, DONE_ON, RESULT, NOTE = 6, 7, 8, 9  # columns of a unit's form
EVIL = '=HYPERLINK("http://x.invalid","bấm")'
FACTS = ["task_code", "period", "completed_on", "status", "reported", "result_text"]


@pytest.fixture
def store(db_target):
    with make_store(db_target) as s:
        yield s


def book_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def first_report(blank: openpyxl.Workbook) -> bytes:
    """Three answered rows: done with a date and formula-like result, in progress with a
    note, done without a date (its report date stands in); the rest left empty."""
    sheet = blank["Báo cáo"]
    sheet["C4"] = date(2019, 12, 20)
    first = HEADER_ROW + 1
    sheet.cell(first, STATUS, "Hoàn thành")
    sheet.cell(first, DONE_ON, date(2019, 12, 1))
    sheet.cell(first, RESULT).value = EVIL
    sheet.cell(first, RESULT).data_type = "s"
    sheet.cell(first + 1, STATUS, "Đang triển khai")
    sheet.cell(first + 1, NOTE).value = "-còn 2 việc"
    sheet.cell(first + 1, NOTE).data_type = "s"
    sheet.cell(first + 2, STATUS, "x")
    return saved(blank)


def test_a_units_form_carries_its_answers_and_reads_back_to_the_same_facts(store):
    unit_id = next(iter(load_catalog(store, PLAN).unit_ids(UNIT)))
    unit = unit_actor(unit_id)
    blank = book_of(unit_reports.own_template(store, unit, PLAN, unit_id))
    [stored] = ingest_files(store, STAFF, PLAN, [("bc.xlsx", first_report(blank))])
    assert stored.accepted and stored.rows == 3, [str(p) for p in stored.problems]
    today = date.today()
    before = unit_reports.own_status(store, unit, today, PLAN)[FACTS]

    data = unit_reports.own_template(store, unit, PLAN, unit_id)
    sheet = book_of(data)["Báo cáo"]
    first = HEADER_ROW + 1
    statuses = [sheet.cell(r, STATUS).value for r in range(first, sheet.max_row + 1)]
    assert statuses[:3] == ["Đã hoàn thành", "Đang thực hiện", "Đã hoàn thành"]
    assert set(statuses[3:]) == {None}  # obligations never answered stay empty
    done_on = sheet.cell(first, DONE_ON)
    assert done_on.value == datetime(2019, 12, 1) and done_on.number_format == "dd/mm/yyyy"
    assert sheet.cell(first + 2, DONE_ON).value == datetime(2019, 12, 20)  # the date it read
    assert sheet.cell(first + 1, DONE_ON).value is None
    for cell, text in (
        (sheet.cell(first, RESULT), EVIL),
        (sheet.cell(first + 1, NOTE), "-còn 2 việc"),
    ):
        assert cell.value == text and cell.data_type == "s" and cell.quotePrefix
    assert sheet["C4"].value is None  # the new report's date is the unit's to write

    [again] = ingest_files(store, STAFF, PLAN, [("bc_moi.xlsx", data)])
    assert again.accepted and again.errors == [], [str(p) for p in again.problems]
    assert again.rows == 3  # the answered rows, nothing more
    after = unit_reports.own_status(store, unit, today, PLAN)[FACTS]
    assert after.to_dict("records") == before.to_dict("records")
    answers = ["task_code", "period", "progress", "result_text", "note", "raw_status"]
    old, new = (report_rows(store, r.report_id)[answers] for r in (stored, again))
    assert old.drop(columns="raw_status").equals(new.drop(columns="raw_status"))
    assert list(new["raw_status"]) == statuses[:3]

    # The all-units form stays blank.
    general = book_of(templates.report_template(store, PLAN))["Báo cáo"]
    assert {general.cell(r, STATUS + 1).value for r in range(first, general.max_row + 1)} == {None}


TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Co"), blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
)


def test_any_stored_text_comes_back_the_same_from_the_form(tmp_path):
    """Metamorphic: whatever result and note the store kept, the pre-filled form read back
    stores them again unchanged (formula starts, tabs, newlines, any script)."""
    with make_store(tmp_path / "t.duckdb") as store:
        unit_id = next(iter(load_catalog(store, PLAN).unit_ids(UNIT)))
        unit = unit_actor(unit_id)
        blank = unit_reports.own_template(store, unit, PLAN, unit_id)
        compared: list[str] = []

        @settings(max_examples=12, deadline=None)
        @given(result=TEXT, note=TEXT)
        @example(result=EVIL, note="+84 912 345 678")
        @example(result="@SUM(A1)\n- dòng hai", note="\t=1+1")
        def round_trip(result, note):
            book = book_of(blank)
            sheet = book["Báo cáo"]
            sheet.cell(HEADER_ROW + 1, STATUS, "Đang thực hiện")
            for col, text in ((RESULT, result), (NOTE, note)):
                cell = sheet.cell(HEADER_ROW + 1, col)
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", text) or "."
                cell.data_type = "s"
            sent = []
            for form in (lambda: saved(book), lambda: own_form(store, unit, unit_id)):
                [done] = ingest_files(store, STAFF, PLAN, [(f"{len(sent)}.xlsx", form())])
                if not done.accepted or done.duplicate:
                    return  # a refused or already known first file is not this test's
                sent.append(report_rows(store, done.report_id)[["result_text", "note"]])
            assert sent[0].equals(sent[1])
            compared.append(result)

        round_trip()
        assert len(compared) >= 6  # most examples were read, not refused


def own_form(store, unit, unit_id) -> bytes:
    return unit_reports.own_template(store, unit, PLAN, unit_id)
