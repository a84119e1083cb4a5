"""What ingestion does to the store: one transaction per batch (or file), duplicates
change nothing, later reports supersede earlier ones with history kept, uploads can be
withdrawn, original bytes are kept by hash, threads lose and duplicate nothing, and a
failure mid-file leaves the database as it was."""

from __future__ import annotations

import hashlib
import threading
from datetime import date
from pathlib import Path

import pytest
from actors import STAFF
from ingest_builders import PLAN, count, good_rows, long_report, make_store, xlsx

from store.reports import read_blob
from tracker.usecases.ingest import ingest_files, list_reports, prepare_files, withdraw_report

SQL = Path(__file__).resolve().parents[1] / "data" / "sql"


@pytest.fixture
def store(db_target):
    with make_store(db_target) as s:
        yield s


def report(unit="Sở Ngoại vụ", on="ngày 25 tháng 7 năm 2019", rows=None) -> bytes:
    return xlsx(long_report(rows or good_rows(), unit=unit, on=on))


def status_of(store, unit: str, task: str, as_of: str = "2019-12-31") -> str:
    rows = store.frame("status_list", as_of=date.fromisoformat(as_of), plan=PLAN)
    [found] = rows.loc[
        (rows.unit == unit) & (rows.task_code == task) & (rows.period == ""), "status"
    ]
    return found


def test_the_same_bytes_twice_change_nothing_and_say_so(store):
    data = report()
    [first] = ingest_files(store, STAFF, PLAN, [("a.xlsx", data)])
    [again] = ingest_files(store, STAFF, PLAN, [("a (1).xlsx", data)])
    assert first.accepted and not first.duplicate
    assert again.accepted and again.duplicate and again.rows == 0
    assert again.report_id == first.report_id and again.unit == "Sở Ngoại vụ"
    assert "không thay đổi" in again.summary
    assert count(store, "report") == 1 and count(store, "report_row") == 3


def test_the_same_file_twice_in_one_batch_is_loaded_once(store):
    data = report()
    preview = prepare_files(store, PLAN, [("a.xlsx", data), ("b.xlsx", data)]).results()
    assert [r.summary for r in preview] == [
        "Sẽ nạp 3 dòng.",  # a preview speaks of what will be written
        "Trùng nội dung với một tệp khác trong lần tải này: không xét lại.",
    ]
    results = ingest_files(store, STAFF, PLAN, [("a.xlsx", data), ("b.xlsx", data)])
    assert [r.duplicate for r in results] == [False, True]
    assert results[0].summary == "Đã nạp 3 dòng."
    assert count(store, "report") == 1


def test_a_later_report_supersedes_an_earlier_one_and_history_is_kept(store):
    early = [[1, "NV03", "", "Đang thực hiện", None, "", ""]]
    late = [[1, "NV03", "", "Hoàn thành", "20/9/2019", "", ""]]
    ingest_files(
        store, STAFF, PLAN, [("t7.xlsx", report(rows=early, on="ngày 25 tháng 7 năm 2019"))]
    )
    assert status_of(store, "Sở Ngoại vụ", "NV03", "2019-08-01") == "in_progress"
    ingest_files(
        store, STAFF, PLAN, [("t9.xlsx", report(rows=late, on="ngày 25 tháng 9 năm 2019"))]
    )
    assert status_of(store, "Sở Ngoại vụ", "NV03") == "done_on_time"
    assert status_of(store, "Sở Ngoại vụ", "NV03", "2019-08-01") == "in_progress"
    assert count(store, "report") == 2


def test_an_upload_can_be_withdrawn_and_history_is_kept(store):
    data = report()  # built once: openpyxl stamps the creation time into the bytes
    [result] = ingest_files(store, STAFF, PLAN, [("a.xlsx", data)])
    assert status_of(store, "Sở Ngoại vụ", "NV01") == "done_on_time"
    assert withdraw_report(store, STAFF, result.report_id)
    assert not withdraw_report(store, STAFF, result.report_id)
    assert status_of(store, "Sở Ngoại vụ", "NV01") == "overdue"
    uploads = list_reports(store, PLAN)
    assert uploads["withdrawn_by"][0] == STAFF.login and uploads["uploaded_by"][0] == STAFF.login
    assert count(store, "report_row") == 3
    [again] = ingest_files(store, STAFF, PLAN, [("a.xlsx", data)])
    assert again.duplicate and again.reinstated  # the same bytes again bring it back
    assert status_of(store, "Sở Ngoại vụ", "NV01") == "done_on_time"


def test_the_original_bytes_are_kept_by_their_hash(store):
    data = report()
    [result] = ingest_files(store, STAFF, PLAN, [("a.xlsx", data)])
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert read_blob(store, result.sha256) == data
    uploads = list_reports(store, PLAN)
    assert uploads["sha256"][0] == result.sha256 and uploads["size_bytes"][0] == len(data)


def test_rejected_files_keep_no_bytes(store, tmp_path):
    ingest_files(
        store, STAFF, PLAN, [("bad.xlsx", report(rows=[[1, "NV9", "", "HT", None, "", ""]]))]
    )
    if store.dialect == "postgresql":
        assert count(store, "blob") == 0
    else:
        assert not (tmp_path / "blobs").exists() or not list((tmp_path / "blobs").iterdir())


def test_original_bytes_that_cannot_be_kept_leave_no_report(tmp_path):
    with make_store(tmp_path / "t.duckdb") as store:
        (tmp_path / "blobs").write_text("a file where the folder of originals should be")
        [result] = ingest_files(store, STAFF, PLAN, [("a.xlsx", report())])
        assert not result.accepted
        assert "Lỗi khi ghi vào cơ sở dữ liệu" in result.errors[0].message
        assert count(store, "report") == 0 and count(store, "report_row") == 0


def test_concurrent_ingestion_from_several_threads_loses_and_duplicates_nothing(store):
    units = ["Sở Ngoại vụ", "Sở TT&TT", "HU Bắc Sơn", "Sở Tư pháp"]
    files = [
        (f"{u}-{d}.xlsx", report(unit=u, on=f"ngày {d} tháng 7 năm 2019", rows=good_rows()[:1]))
        for u in units
        for d in range(1, 11)
    ]
    errors = []

    def work(batch):
        try:
            for result in ingest_files(store, STAFF, PLAN, batch):
                assert result.accepted, result.problems
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    # every file is sent twice, by different threads
    batches = [files[i::4] for i in range(4)] + [files[i::3] for i in range(3)]
    threads = [threading.Thread(target=work, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert count(store, "report") == len(files)
    assert count(store, "report_row") == len(files)


def _block_row(store, report_id: int, row_no: int, task: str, unit: str) -> None:
    """Put a row where an upcoming report's row will go, so that its insert fails inside
    the writing transaction (after the report and its earlier rows were written).

    report_row has no unique key in the schema (validation rules duplicates out, and the
    index slowed ingestion), so the test adds one to its own database to make the clash."""
    store.run_file(SQL / "report_row_clash_index.sql")
    store.run_file(SQL / "report_row_block.sql", r=report_id, n=row_no, t=task, u=unit)


def test_a_failure_injected_mid_file_leaves_the_database_as_it_was(store, tmp_path):
    ingest_files(store, STAFF, PLAN, [("first.xlsx", report(unit="Sở TT&TT"))])
    next_id = store.scalar("report_next_ids", n=1) + 1
    for report_id in (next_id, next_id + 1):  # the batch attempt and the retry alone
        _block_row(store, report_id, 8, "NV03", "Sở Ngoại vụ")
    before = (count(store, "report"), count(store, "report_row"))
    [result] = ingest_files(store, STAFF, PLAN, [("second.xlsx", report())])
    assert not result.accepted
    assert "Lỗi khi ghi" in result.errors[0].message
    assert (count(store, "report"), count(store, "report_row")) == before
    [ok] = ingest_files(store, STAFF, PLAN, [("third.xlsx", report(unit="HU Bắc Sơn"))])
    assert ok.accepted  # and the database still works


def test_a_batch_write_failure_falls_back_to_one_transaction_per_file(store):
    next_id = store.scalar("report_next_ids", n=1) + 1
    _block_row(store, next_id, 6, "NV01", "Sở Ngoại vụ")
    results = ingest_files(
        store, STAFF, PLAN, [("a.xlsx", report()), ("b.xlsx", report(unit="Sở TT&TT"))]
    )
    # the batch transaction failed on a.xlsx's first row and was rolled back whole; each
    # file then loaded in a transaction of its own
    assert [r.accepted for r in results] == [True, True]
    assert count(store, "report") == 2 and count(store, "report_row") == 6 + 1


def test_ingested_rows_keep_what_was_written_and_where(store):
    [result] = ingest_files(
        store, STAFF, PLAN, [("a.xlsx", report())], reported_on=date(2019, 7, 1)
    )
    rows = store.frame("report_rows", report_id=result.report_id)
    assert list(rows["row_no"]) == [6, 7, 8]
    assert list(rows["raw_status"]) == ["Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện"]
    assert rows["note"][2] == "Chờ hướng dẫn"


def test_the_database_is_the_real_thing_here(store, backend, tmp_path):
    assert store.dialect == backend
    if backend == "duckdb":
        assert (tmp_path / "t.duckdb").read_bytes()[8:12] == b"DUCK"  # DuckDB's file header
    else:
        import psycopg

        with psycopg.connect(store.target) as con:
            assert "PostgreSQL 15" in con.execute("SELECT version()").fetchone()[0]
