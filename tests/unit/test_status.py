"""Status classification at the boundaries, computed by the SQL macro as of a date."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from actors import STAFF

from domain import status
from domain.model import PlanSpec, TaskSpec, UnitSpec
from store.database import Store, migrations
from store.plans import save_plan, save_units
from tracker.usecases.demo import DemoReport, DemoRow, report_workbook
from tracker.usecases.ingest import ingest_files

DUE = date(2019, 6, 30)


@pytest.fixture
def plan_store(store):
    return _plan(store)


def _plan(store):
    save_units(store, "T", [UnitSpec("Sở Ngoại vụ", "SNV", "so_ban_nganh")])
    save_plan(
        store,
        PlanSpec(
            code="P1",
            title="Thử",
            issued_on=date(2019, 6, 1),
            issuer="",
            province="T",
            tracked_until=date(2019, 12, 31),
            tasks=(
                TaskSpec(
                    "NV01",
                    "1",
                    "Quán triệt",
                    "trước ngày 30/6/2019",
                    units={"Sở Ngoại vụ": "chu_tri"},
                ),
            ),
        ),
    )
    return store


def _report(store, on: date, progress: str, completed: date | None, name="r.xlsx"):
    """Send a one-row report through the real ingestion path, as an .xlsx file."""
    row = DemoRow("NV01", "1", "Quán triệt", "", progress, completed, "", "")
    data = report_workbook(DemoReport("P1", "Sở Ngoại vụ", "SNV", on, name, (row,)), "T")
    [result] = ingest_files(store, STAFF, "P1", [(name, data)])
    assert result.accepted, result.errors


def _status(store, as_of: date) -> tuple[str, bool]:
    rows = store.rows("status_list", as_of=as_of, plan="P1")
    assert len(rows) == 1
    return rows[0][8], rows[0][9]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2019, 6, 1), "not_reported"),  # 29 days ahead
        (date(2019, 6, 22), "not_reported"),  # 8 days ahead: not yet "soon"
        (date(2019, 6, 23), "due_soon"),  # exactly 7 days ahead
        (DUE, "due_soon"),  # due today is not overdue
        (date(2019, 7, 1), "overdue"),  # one day past
    ],
)
def test_without_a_report_the_status_follows_the_calendar(plan_store, as_of, expected):
    assert _status(plan_store, as_of) == (expected, False)


def test_completed_on_the_due_date_is_on_time(plan_store):
    _report(plan_store, date(2019, 7, 2), "done", DUE)
    assert _status(plan_store, date(2019, 7, 5)) == ("done_on_time", True)


def test_completed_one_day_late_is_done_late(plan_store):
    _report(plan_store, date(2019, 7, 2), "done", date(2019, 7, 1))
    assert _status(plan_store, date(2019, 7, 5)) == ("done_late", True)


def test_a_report_in_progress_before_the_window_is_in_progress(plan_store):
    _report(plan_store, date(2019, 6, 10), "in_progress", None)
    assert _status(plan_store, date(2019, 6, 12)) == ("in_progress", True)
    assert _status(plan_store, date(2019, 6, 25)) == ("due_soon", True)
    assert _status(plan_store, date(2019, 7, 1)) == ("overdue", True)


def test_a_report_dated_after_the_as_of_date_does_not_count_yet(plan_store):
    _report(plan_store, date(2019, 6, 20), "done", date(2019, 6, 18))
    assert _status(plan_store, date(2019, 6, 19)) == ("not_reported", False)
    assert _status(plan_store, date(2019, 6, 20)) == ("done_on_time", True)


def test_a_later_report_supersedes_an_earlier_one(plan_store):
    _report(plan_store, date(2019, 6, 28), "done", date(2019, 6, 27), name="b.xlsx")
    _report(plan_store, date(2019, 6, 10), "in_progress", None, name="a.xlsx")  # sent late
    assert _status(plan_store, date(2019, 6, 9)) == ("not_reported", False)
    assert _status(plan_store, date(2019, 6, 15)) == ("in_progress", True)
    assert _status(plan_store, date(2019, 7, 10)) == ("done_on_time", True)


def test_withdrawing_the_newer_report_brings_back_the_older_one(plan_store):
    from tracker.usecases.ingest import withdraw_report

    _report(plan_store, date(2019, 6, 10), "in_progress", None, name="a.xlsx")
    _report(plan_store, date(2019, 6, 28), "done", date(2019, 6, 27), name="b.xlsx")
    newer = plan_store.frame("report_list", plan="P1").query("file_name == 'b.xlsx'")
    assert withdraw_report(plan_store, STAFF, int(newer["report_id"].iloc[0]))
    assert _status(plan_store, date(2019, 7, 10)) == ("overdue", True)


def test_two_reports_on_the_same_day_the_later_upload_wins(plan_store):
    _report(plan_store, date(2019, 6, 20), "in_progress", None, name="a.xlsx")
    _report(plan_store, date(2019, 6, 20), "done", date(2019, 6, 19), name="b.xlsx")
    assert _status(plan_store, date(2019, 6, 20)) == ("done_on_time", True)


def test_every_status_code_has_one_label_and_one_colour():
    assert len(status.CODES) == len(set(status.CODES)) == 6
    assert len({s.colour for s in status.STATUSES}) == 6
    assert status.label("overdue") == "Chưa hoàn thành, quá hạn"
    with pytest.raises(KeyError):
        status.label("unknown")


def test_the_demo_shows_every_status_on_its_default_date(demo_store):
    from domain.scope import Scope
    from tracker.views.summary import default_as_of, status_counts

    as_of = default_as_of(demo_store)
    assert as_of == date(2019, 7, 26)
    counts = status_counts(demo_store, Scope(as_of))
    assert set(counts) == set(status.CODES)
    assert all(n > 0 for n in counts.values())


def test_the_due_soon_window_is_the_setting_the_sql_reads(plan_store):
    from tracker.usecases.settings import due_soon_days, set_due_soon_days

    five_days_before = date(2019, 6, 25)
    assert due_soon_days(plan_store) == 7
    assert _status(plan_store, five_days_before)[0] == "due_soon"
    set_due_soon_days(plan_store, STAFF, 3)  # what the trackers offices use today warn at
    assert due_soon_days(plan_store) == 3
    assert _status(plan_store, five_days_before)[0] == "not_reported"
    assert _status(plan_store, date(2019, 6, 27))[0] == "due_soon"
    with pytest.raises(ValueError):
        set_due_soon_days(plan_store, STAFF, -1)


def test_the_status_rules_are_written_once_in_sql():
    """The classification lives in one macro; no other SQL file spells it again."""
    from pathlib import Path

    store_dir = Path(__file__).resolve().parents[2] / "store"
    spelled = [p.name for p in store_dir.rglob("*.sql") if "'done_late'" in p.read_text()]
    assert sorted(spelled) == ["004_status_rules.sql"] * 2  # DuckDB's and PostgreSQL's


def test_a_database_made_before_the_status_rules_moved_upgrades(tmp_path):
    from store.settings import set_due_soon_days

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TIMESTAMP NOT NULL)"
    )
    for version, name, text in migrations()[:2]:
        con.execute(text)
        con.execute("INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [version, name])
    # what 002 used to create: a macro of the same name with its own rules
    con.execute(
        "CREATE MACRO obligation_status(as_of_date, soon_days := 7) AS TABLE "
        "SELECT *, 'stale' AS status FROM obligation"
    )
    con.close()
    with Store(path) as store:
        set_due_soon_days(store, 3)
        _plan(store)
        assert store.version == max(v for v, _n, _t in migrations())
        assert _status(store, date(2019, 6, 25)) == ("not_reported", False)
        assert _status(store, date(2019, 6, 28)) == ("due_soon", False)
