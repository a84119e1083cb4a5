"""The shared summary tables (tracker.views.tables) on the demo database, as of 26/07/2019."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from domain import status
from domain.labels import labelled, visible
from domain.scope import Scope
from tracker.exports.workbook import reminder_workbook
from tracker.views import summary, tables

AS_OF = date(2019, 7, 26)
CODES = list(status.CODES)


def test_by_unit_has_one_row_per_unit_with_the_promised_columns(demo_store):
    frame = tables.by_unit(demo_store, Scope(AS_OF))
    assert list(frame.columns) == [
        "unit_name",
        "group_label",
        "total",
        *CODES,
        "done_pct",
        "done_on_time_pct",
        "unit_id",
    ]
    assert frame["unit_id"].is_unique
    assert (frame[CODES].sum(axis=1) == frame["total"]).all()


def test_by_unit_counts_add_up_to_the_overview_figures(demo_store):
    frame = tables.by_unit(demo_store, Scope(AS_OF))
    k = summary.kpis(demo_store, Scope(AS_OF))
    assert frame["total"].sum() == k.obligations == 494
    assert frame["done_on_time"].sum() == k.done_on_time
    assert frame["overdue"].sum() == k.overdue
    assert frame["not_reported"].sum() == k.not_reported


def test_by_unit_rolled_up_by_group_equals_the_overview_breakdown(demo_store):
    frame = tables.by_unit(demo_store, Scope(AS_OF, "84-KH/BTGTU"))
    rolled = frame.groupby("group_label")[["total", *CODES]].sum()
    overview = summary.overview(demo_store, Scope(AS_OF, "84-KH/BTGTU")).by_group
    overview = overview.set_index("group_label")[["total", *CODES]]
    pd.testing.assert_frame_equal(
        rolled.sort_index(), overview.sort_index(), check_dtype=False, check_names=False
    )


def test_by_unit_percentages_are_computed_like_the_kpi_cards(demo_store):
    frame = tables.by_unit(demo_store, Scope(AS_OF))
    for row in frame.to_dict("records"):
        counts = {code: row[code] for code in status.CODES}
        k = summary.kpis_from_counts(counts)
        assert row["done_pct"] == round(k.done_pct, 1)
        assert row["done_on_time_pct"] == round(k.on_time_pct, 1)


def test_by_unit_is_sorted_by_on_time_rate_then_by_vietnamese_name(demo_store):
    frame = tables.by_unit(demo_store, Scope(AS_OF))
    rates = frame["done_on_time_pct"].tolist()
    assert rates == sorted(rates, reverse=True)
    best = frame["done_on_time_pct"].mode()[0]
    ties = frame[frame["done_on_time_pct"] == best]["unit_name"].tolist()
    assert len(ties) > 1
    # Vietnamese order: "Đ" comes after "D" and before "E", not after "Z" as in code points.
    from domain.text import strip_marks

    def key(name):
        return [(strip_marks(ch).lower(), ch.lower().startswith("đ")) for ch in name]

    assert ties == sorted(ties, key=key)


def test_by_unit_follows_the_plan_group_and_status_filters(demo_store):
    lang_son = tables.by_unit(demo_store, Scope(AS_OF, "84-KH/BTGTU"))
    assert lang_son["total"].sum() == 297
    press = tables.by_unit(demo_store, Scope(AS_OF, groups=["bao_chi"]))
    assert set(press["group_label"]) == {"Cơ quan báo chí"}
    overdue = tables.by_unit(demo_store, Scope(AS_OF, statuses=["overdue"]))
    assert (overdue["total"] == overdue["overdue"]).all()
    assert overdue["total"].sum() == summary.kpis(demo_store, Scope(AS_OF)).overdue


def test_by_task_has_one_row_per_task_with_the_deadline_as_written(demo_store):
    frame = tables.by_task(demo_store, Scope(AS_OF, "84-KH/BTGTU"))
    assert list(frame.columns[:5]) == ["plan", "section", "task", "deadline_text", "due_on"]
    assert len(frame) == 6 and frame["task_id"].is_unique
    first = frame.iloc[0]
    assert first["deadline_text"] == "Thực hiện xong trước ngày 30/6/2019."
    assert first["due_on"] == pd.Timestamp("2019-06-30")
    # A recurring task shows the due date of the period running on the as-of date.
    assert frame.iloc[1]["deadline_text"] == "Thường xuyên"
    assert frame.iloc[1]["due_on"] == pd.Timestamp("2019-12-31")
    assert frame["total"].sum() == 297


def test_detail_lists_every_obligation_with_its_label_and_hidden_code(demo_store):
    frame = tables.detail(demo_store, Scope(AS_OF))
    assert list(frame.columns) == [
        "plan",
        "unit_name",
        "group_label",
        "section",
        "task",
        "period",
        "due_on",
        "completed_on",
        "status_label",
        "result_text",
        "note",
        "file_name",
        "reported_on",
        "status",
        "unit_id",
    ]
    assert len(frame) == 494
    assert (frame["status_label"] == frame["status"].map(status.LABELS)).all()
    assert list(visible(frame).columns)[-1] == "reported_on"
    assert "6 tháng đầu năm 2019" in set(frame["period"])
    done = frame[frame["status"].isin(["done_on_time", "done_late"])]
    assert done["completed_on"].notna().all()


def test_detail_of_one_unit_by_id_or_by_name_and_with_a_limit(demo_store):
    units = tables.by_unit(demo_store, Scope(AS_OF, "84-KH/BTGTU"))
    unit_id, name = int(units["unit_id"][0]), units["unit_name"][0]
    by_id = tables.detail(demo_store, Scope(AS_OF), unit=unit_id)
    by_name = tables.detail(demo_store, Scope(AS_OF), unit=name)
    assert len(by_id) == units["total"][0] == len(by_name)
    assert set(by_id["unit_name"]) == {name}
    assert len(tables.detail(demo_store, Scope(AS_OF), limit=10)) == 10
    few = tables.detail(demo_store, Scope(AS_OF), unit=name, limit=3)
    assert len(few) == 3 and set(few["unit_name"]) == {name}


def test_reminders_hold_the_overdue_and_not_reported_obligations_most_overdue_unit_first(
    demo_store,
):
    frame = tables.reminders(demo_store, Scope(AS_OF))
    assert list(frame.columns) == [
        "plan",
        "unit_name",
        "group_label",
        "task",
        "period",
        "due_on",
        "days_late",
        "status_label",
        "status",
        "unit_id",
    ]
    k = summary.kpis(demo_store, Scope(AS_OF))
    assert set(frame["status"]) == {"overdue", "not_reported"}
    assert len(frame) == k.overdue + k.not_reported
    per_unit = frame.assign(o=frame["status"] == "overdue").groupby("unit_id", sort=False)["o"]
    overdue_counts = per_unit.sum().tolist()
    assert overdue_counts == sorted(overdue_counts, reverse=True)
    # Units come in one block each; inside a block the overdue rows come first.
    assert frame["unit_id"].ne(frame["unit_id"].shift()).sum() == frame["unit_id"].nunique()
    for _unit, rows in frame.groupby("unit_id", sort=False):
        codes = rows["status"].tolist()
        assert codes == sorted(codes, key=lambda c: c != "overdue")
    late = frame[frame["status"] == "overdue"]["days_late"]
    assert (late > 0).all()
    assert frame[frame["status"] == "not_reported"]["days_late"].isna().all()


def test_an_unknown_plan_gives_empty_tables_with_their_columns(demo_store):
    assert tables.by_unit(demo_store, Scope(AS_OF, "0-KH/X")).empty
    assert "unit_name" in tables.by_unit(demo_store, Scope(AS_OF, "0-KH/X")).columns
    assert "due_on" in tables.by_task(demo_store, Scope(AS_OF, "0-KH/X")).columns
    assert tables.detail(demo_store, Scope(AS_OF, "0-KH/X")).empty
    assert tables.reminders(demo_store, Scope(AS_OF, "0-KH/X")).empty


@pytest.mark.parametrize(
    ("period", "label"),
    [
        ("", ""),
        ("2019", "Năm 2019"),
        ("2019-H1", "6 tháng đầu năm 2019"),
        ("2019-H2", "6 tháng cuối năm 2019"),
        ("2020-Q3", "Quý III/2020"),
        ("2019-07", "Tháng 7/2019"),
        ("khác", "khác"),
    ],
)
def test_detail_and_reminders_label_periods_with_the_one_period_label(period, label):
    assert tables.period_labels(pd.Series([period, None])).tolist() == [label, ""]


def test_the_reminder_workbook_opens_with_every_reminder_row(demo_store):
    frame = tables.reminders(demo_store, Scope(AS_OF, "84-KH/BTGTU"))
    content = reminder_workbook(frame, Scope(AS_OF, "84-KH/BTGTU"))
    wb = openpyxl.load_workbook(io.BytesIO(content))
    ws = wb["Quá hạn và chưa báo cáo"]
    assert ws["A1"].value.startswith("Kế hoạch số 84-KH/BTGTU")
    assert ws["A2"].value == "Số liệu tính đến ngày: 26/07/2019"
    header = [c.value for c in ws[6]]
    assert header == ["STT", *labelled(frame).columns]
    assert header[:4] == ["STT", "Kế hoạch", "Đơn vị", "Nhóm đơn vị"]
    assert ws.max_row == 6 + len(frame)
    assert ws.freeze_panes == "A7"


@pytest.mark.parametrize(
    ("plan", "statuses"),
    [(None, None), ("84-KH/BTGTU", None), (None, ["overdue", "done_late"]), (None, ["due_soon"])],
)
def test_the_first_rows_read_for_the_leading_units_are_the_lists_first_rows(
    demo_store, plan, statuses
):
    long = tables.counts(demo_store, Scope(AS_OF, plan))
    detail = tables.detail(demo_store, Scope(AS_OF, plan, statuses=statuses))
    reminders = tables.reminders(demo_store, Scope(AS_OF, plan, statuses=statuses))
    sizes = tables.reminder_sizes(long, statuses)
    assert sizes.sum() == len(reminders)
    for n in (1, 7, 40, 1000):
        units = tables.detail_units(long, statuses, n)
        head = tables.detail(
            demo_store, Scope(AS_OF, plan, statuses=statuses), limit=n, units=units
        )
        pd.testing.assert_frame_equal(head, detail.head(n))
        units = tables.first_units(sizes, n)
        head = tables.reminders(
            demo_store, Scope(AS_OF, plan, statuses=statuses), units=units, limit=n
        )
        pd.testing.assert_frame_equal(head, reminders.head(n))


def test_units_of_one_name_share_a_block_of_the_detail_list():
    # Same name, same group (two provinces): their rows interleave by task in the list, so
    # the first rows need both units even when one alone would hold enough rows.
    long = pd.DataFrame(
        {
            "per_task": False,
            "plan": "A",
            "unit_id": [1, 2, 3],
            "unit_order": [1, 1, 2],
            "status": "overdue",
            "obligations": [5, 5, 5],
        }
    )
    assert tables.detail_units(long, None, 3) == [1, 2]
    assert tables.detail_units(long, None, 11) == [1, 2, 3]


@pytest.mark.parametrize(("plan", "groups"), [(None, None), ("84-KH/BTGTU", ["cap_uy"])])
def test_the_count_tables_come_from_one_count_query(demo_store, plan, groups):
    long = tables.counts(demo_store, Scope(AS_OF, plan, groups=groups))
    assert long["per_task"].any() and not long["per_task"].all()
    for statuses in (None, ["overdue"], ["not_reported", "in_progress"]):
        pd.testing.assert_frame_equal(
            tables.unit_table(long, statuses),
            tables.by_unit(demo_store, Scope(AS_OF, plan, groups=groups, statuses=statuses)),
        )
        pd.testing.assert_frame_equal(
            tables.task_table(long, statuses),
            tables.by_task(demo_store, Scope(AS_OF, plan, groups=groups, statuses=statuses)),
        )


@pytest.mark.parametrize(("plan", "groups"), [(None, None), ("84-KH/BTGTU", ["cap_uy"])])
def test_the_export_preview_counts_give_the_unit_table_and_the_task_count(demo_store, plan, groups):
    long = tables.preview_counts(demo_store, Scope(AS_OF, plan, groups=groups))
    whole = tables.counts(demo_store, Scope(AS_OF, plan, groups=groups))
    for statuses in (None, ["overdue"], ["not_reported", "in_progress"], ["done_late"]):
        pd.testing.assert_frame_equal(
            tables.unit_table(long, statuses), tables.unit_table(whole, statuses)
        )
        assert tables.task_count(long, statuses) == len(tables.task_table(whole, statuses))
        assert tables.detail_units(long, statuses, 40) == tables.detail_units(whole, statuses, 40)


def test_reminder_units_summarise_the_list_in_its_order(demo_store):
    frame = tables.reminders(demo_store, Scope(AS_OF))
    units = tables.reminder_units(demo_store, Scope(AS_OF))
    assert units["unit_id"].tolist() == frame["unit_id"].drop_duplicates().tolist()
    late = frame.groupby("unit_id", sort=False)["days_late"].max()
    assert units["most_days_late"].tolist() == late.tolist()
    overdue, not_reported = tables.REMINDER_STATUSES
    counts = frame.groupby("unit_id", sort=False)["status"].value_counts().unstack(fill_value=0)
    assert units[overdue].tolist() == counts["overdue"].tolist()
    assert units[not_reported].tolist() == counts["not_reported"].tolist()


def test_a_missing_text_is_drawn_empty_not_none():
    import pandas as pd

    from ui.table import styled

    frame = pd.DataFrame({"unit_name": ["A", None], "note": [None, "x"], "total": [1, 2]})
    shown = styled(frame)
    assert shown["Đơn vị"].tolist() == ["A", ""] and shown["Ghi chú"].tolist() == ["", "x"]
    assert shown["Tổng số"].tolist() == [1, 2]
