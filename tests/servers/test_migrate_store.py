"""``python -m tracker migrate-store``: a DuckDB office moved to a real PostgreSQL, every
table and kept file, counts equal on both sides, the same statuses, and a target that
already holds data refused with nothing written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from actors import STAFF
from commands import cli
from ingest_builders import PLAN, good_rows, long_report, make_store, xlsx

from store import audit
from store.database import Store
from store.tables import row_counts
from tracker.usecases.ingest import ingest_files


@pytest.fixture
def office(tmp_path) -> tuple[Path, bytes]:
    """A DuckDB office with one loaded report (and its original file kept)."""
    path = tmp_path / "office.duckdb"
    data = xlsx(long_report(good_rows()))
    with make_store(path) as store:
        [result] = ingest_files(store, STAFF, PLAN, [("snv.xlsx", data)])
        assert result.accepted
    return path, data


def test_every_table_and_kept_file_moves_with_equal_counts(office, pg):
    path, data = office
    url = pg.new_database("moved")
    done = cli("migrate-store", "--from", path, "--to", url)
    assert done.returncode == 0, done.stderr
    assert "số dòng khớp" in done.stdout
    with Store(path) as source, Store(url) as target:
        before, after = row_counts(source), row_counts(target)
        for table, rows in before.items():
            if table not in ("schema_version", "data_version", "audit"):
                assert after[table] == rows, table
        assert after["audit"] == before["audit"] + 1  # the move's own row
        # the trail's hash chain survives the move (it does not cover the ids)
        assert audit.verify(source).broken_at is None and audit.verify(source).head is not None
        assert audit.verify(target).broken_at is None
        assert audit.verify(target).checked == audit.verify(source).checked + 1
        assert after["report_row"] == 3 and after["blob"] == 1
        as_of = date(2019, 12, 31)
        assert source.rows("status_list", as_of=as_of, plan=PLAN) == target.rows(
            "status_list", as_of=as_of, plan=PLAN
        )
        [(sha,)] = target.rows("report_hashes")
        assert target.read_blob(sha) == data


def test_ids_go_on_after_the_moved_ones(office, pg):
    path, _ = office
    url = pg.new_database("moved_ids")
    assert cli("migrate-store", "--from", path, "--to", url).returncode == 0
    with Store(url) as target:
        other = xlsx(long_report(good_rows(), unit="Sở TT&TT"))
        [result] = ingest_files(target, STAFF, PLAN, [("tt.xlsx", other)])
        assert result.accepted and result.report_id == 2


def test_a_target_holding_data_is_refused_and_left_as_it_was(office, pg):
    path, _ = office
    url = pg.new_database("moved_twice")
    assert cli("migrate-store", "--from", path, "--to", url).returncode == 0
    with Store(url) as target:
        before = row_counts(target)
    again = cli("migrate-store", "--from", path, "--to", url)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "đã có dữ liệu" in again.stderr
    with Store(url) as target:
        assert {k: v for k, v in row_counts(target).items() if k != "data_version"} == {
            k: v for k, v in before.items() if k != "data_version"
        }
