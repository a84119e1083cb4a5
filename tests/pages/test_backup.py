"""Backups: a database with plans, reports, remembered names, accounts and audit rows is
backed up, restored into a fresh place, and found as it was; restore refuses to replace a
database without --force; only the quản trị may do either; the command line and the page."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from domain.access import Actor, Forbidden, Role
from domain.errors import Rejected
from store import audit
from store.database import Store
from store.reports import read_blob
from store.tables import read_table
from tests.app_pages import open_page
from tests.ingest_builders import PLAN, good_rows, long_report, make_store, xlsx
from tracker.usecases import aliases, backup
from tracker.usecases.ingest import ingest_files

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "tests" / "data" / "sql"
ADMIN = Actor("qt", Role.QUAN_TRI)
STAFF = Actor("cb", Role.CAN_BO)
TABLES = (
    "plan", "task", "unit", "unit_alias", "assignment", "obligation", "report", "report_row",
    "name_alias", "setting", "account", "account_unit", "audit",
)  # fmt: skip


def rows(store: Store, table: str) -> list[tuple]:
    """Every row of `table`, ordered by all its columns (NULLs last)."""
    found = [tuple(r.values()) for r in read_table(store, table).to_pylist()]
    return sorted(found, key=lambda r: tuple((v is None, 0 if v is None else v) for v in r))


def build(path: Path) -> Store:
    """A database holding every kind of thing a backup must keep."""
    store = make_store(path)
    files = [
        (f"{unit}.xlsx", xlsx(long_report(good_rows(), unit=unit)))
        for unit in ("Sở Ngoại vụ", "Sở Tư pháp")
    ]
    assert all(r.accepted for r in ingest_files(store, STAFF, PLAN, files))
    aliases.remember_task(store, STAFF, PLAN, "NV01", "Quán triệt chỉ thị")
    aliases.remember_unit(store, STAFF, "Sở Ngoại vụ", "Sở NV tỉnh", plan_code=PLAN)
    store.run_file(SQL / "accounts_two.sql", at=datetime(2026, 1, 5, 8, 0))
    store.run_file(SQL / "account_unit_bind.sql", account=2, unit=1)
    return store


@pytest.fixture
def original(tmp_path):
    with build(tmp_path / "live" / "tracker.duckdb") as store:
        yield store


def test_a_restored_backup_holds_everything_as_it_was(original, tmp_path):
    before = {t: rows(original, t) for t in TABLES}
    assert all(before[t] for t in ("plan", "report", "name_alias", "account", "audit"))
    made = backup.backup(original, ADMIN, tmp_path / "bk")
    assert made["blobs"] == 2 and made["counts"]["report"] == 2
    assert made["counts"]["audit"] == len(before["audit"])
    # the live database records the backup (after the copy was made)
    assert [r[5] for r in rows(original, "audit")].count("backup") == 1
    target = tmp_path / "fresh" / "tracker.duckdb"
    done = backup.restore(tmp_path / "bk", target, ADMIN)
    assert done.kept_as is None and done.blobs == 2
    assert "2 báo cáo" in done.summary and "2 tài khoản" in done.summary
    with Store(target) as restored:
        for table in TABLES:
            found = rows(restored, table)
            if table == "audit":
                assert found[: len(before["audit"])] == before["audit"]
                [extra] = found[len(before["audit"]) :]
                assert extra[2:6] == ("qt", "quan_tri", "app", "restore")
            else:
                assert found == before[table], table
        shas = read_table(restored, "report")["sha256"].to_pylist()
        for sha in shas:
            assert read_blob(restored, sha) == read_blob(original, sha) is not None
        # the sequences go on where they were: a new report gets a new id
        next_id = restored.scalar("report_next_ids", n=1)
        assert next_id > max(r[0] for r in before["report"])


def test_restore_refuses_to_replace_a_database_without_force(original, tmp_path):
    backup.backup(original, ADMIN, tmp_path / "bk")
    target = tmp_path / "other.duckdb"
    Store(target).close()
    size = target.stat().st_size
    with pytest.raises(Rejected, match="--force"):
        backup.restore(tmp_path / "bk", target, ADMIN)
    assert target.stat().st_size == size
    done = backup.restore(tmp_path / "bk", target, ADMIN, force=True)
    assert done.kept_as is not None and done.kept_as.exists()
    assert "được giữ ở" in done.summary


def test_backup_wants_an_empty_folder_and_restore_a_whole_backup(original, tmp_path):
    full = tmp_path / "full"
    full.mkdir()
    (full / "note.txt").write_text("x")
    with pytest.raises(Rejected, match="đã có tệp"):
        backup.backup(original, ADMIN, full)
    with pytest.raises(Rejected, match="không phải một bản sao lưu"):
        backup.restore(full, tmp_path / "new.duckdb", ADMIN)
    backup.backup(original, ADMIN, tmp_path / "bk")
    with open(tmp_path / "bk" / "tracker.duckdb", "r+b") as damaged:
        damaged.seek(5000)
        damaged.write(b"\xff" * 16)
    with pytest.raises(Rejected, match="không khớp mã băm"):
        backup.restore(tmp_path / "bk", tmp_path / "new.duckdb", ADMIN)
    assert not (tmp_path / "new.duckdb").exists()


@pytest.mark.parametrize("role", [Role.CAN_BO, Role.LANH_DAO, Role.DON_VI])
def test_only_the_administrator_backs_up_and_restores(original, tmp_path, role):
    who = Actor("x", role, frozenset({1}) if role is Role.DON_VI else frozenset())
    with pytest.raises(Forbidden):
        backup.backup(original, who, tmp_path / "bk")
    assert not (tmp_path / "bk").exists()
    backup.backup(original, ADMIN, tmp_path / "bk")
    with pytest.raises(Forbidden):
        backup.restore(tmp_path / "bk", tmp_path / "new.duckdb", who)


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, env=env, cwd=ROOT
    )


def test_the_command_line_backs_up_and_restores(tmp_path):
    db = tmp_path / "live" / "tracker.duckdb"
    build(db).close()
    made = _run("--by", "ops", "backup", str(tmp_path / "bk"), "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert "2 báo cáo" in made.stdout
    target = tmp_path / "fresh" / "tracker.duckdb"
    done = _run("restore", str(tmp_path / "bk"), "--db", str(target), "--by", "ops")
    assert done.returncode == 0, done.stderr
    assert "Đã khôi phục" in done.stdout and "2 tài khoản" in done.stdout
    again = _run("restore", str(tmp_path / "bk"), "--db", str(target))
    assert again.returncode == 1 and "--force" in again.stderr
    with Store(target) as restored:
        newest = audit.trail(restored).iloc[0]
    assert (newest["login"], newest["origin"], newest["action"]) == ("ops", "cli", "restore")
    with Store(db) as live:
        trail = audit.trail(live)[["login", "origin", "action"]]
        assert ("ops", "cli", "backup") in list(trail.itertuples(index=False, name=None))


def test_the_page_backs_up_for_the_administrator_only(original, tmp_path, monkeypatch):
    db = original.path
    original.close()
    at = open_page(db, monkeypatch, "pages/backup.py", actor=ADMIN)
    assert not at.exception
    at.text_input(key="backup.folder").set_value(str(tmp_path / "from-page")).run()
    at.button(key="backup.run").click().run()
    assert not at.exception
    assert "Đã sao lưu" in at.success[0].value
    assert (tmp_path / "from-page" / "manifest.json").is_file()
    # the same backup, offered as a .zip to keep on another machine
    assert [b for b in at.download_button if b.label.startswith("Tải bản sao lưu")]
    from tracker.exports.archive import folder_zip

    names = zipfile.ZipFile(io.BytesIO(folder_zip(tmp_path / "from-page"))).namelist()
    assert "manifest.json" in names and len(names) >= 2
    staff = open_page(db, monkeypatch, "pages/backup.py", actor=STAFF)
    assert "không có quyền" in staff.error[0].value
