"""The audit trail as evidence: each row carries the hash of the one before and
``python -m tracker audit verify`` finds an edited row; a restore keeps the rows written
since the backup (appended, marked) and refuses a backup whose trail was edited, even with
its chain and manifest recomputed; the command line checks ``--by``'s role for backup,
restore and audit."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from actors import ADMIN
from commands import cli
from ingest_builders import make_store

from domain.access import Role
from domain.errors import Rejected
from store import audit
from store import backup as stored
from store.database import Store
from store.tables import read_table
from tracker.usecases import accounts, backup

SECRET = "mật-khẩu-dài-đủ-9"


@pytest.fixture
def live(tmp_path) -> Path:
    path = tmp_path / "live" / "tracker.duckdb"
    path.parent.mkdir()
    with make_store(path) as store:
        accounts.add_user(store, ADMIN, "lanhdao", Role.LANH_DAO, SECRET)
        accounts.add_user(store, ADMIN, "quantri", Role.QUAN_TRI, SECRET)
    return path


def _tamper(path: Path, audit_id: int, rechain: bool) -> None:
    """What someone with the file can do: edit a row, and recompute every hash after it."""
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE audit SET login = 'ai-đó' WHERE audit_id = ?", [audit_id])
        if not rechain:
            return
        prev = None
        for (audit_id_,) in con.execute("SELECT audit_id FROM audit ORDER BY audit_id").fetchall():
            cursor = con.execute(
                f"SELECT {', '.join(audit.FIELDS)} FROM audit WHERE audit_id = ?", [audit_id_]
            )
            values = dict(zip(audit.FIELDS, cursor.fetchone(), strict=True))
            new = audit.row_hash(prev, values)
            con.execute(
                "UPDATE audit SET prev_hash = ?, row_hash = ? WHERE audit_id = ?",
                [prev, new, audit_id_],
            )
            prev = new


def test_the_command_line_verifies_the_chain_and_finds_an_edited_row(live):
    whole = cli("audit", "verify", "--db", live)
    assert whole.returncode == 0, whole.stderr
    assert "2 dòng" in whole.stdout
    _tamper(live, 1, rechain=False)
    broken = cli("audit", "verify", "--db", live)
    assert broken.returncode == 1 and "#1" in broken.stderr
    refused = cli("audit", "verify", "--db", live, "--by", "lanhdao")
    assert refused.returncode == 1 and "#1" not in refused.stderr  # a leader may not read it


def test_restore_keeps_what_was_recorded_since_the_backup(live, tmp_path):
    with Store(live) as store:
        backup.backup(store, ADMIN, tmp_path / "bk")
        accounts.set_password(store, ADMIN, "lanhdao", SECRET + "-mới")
        since = [r["action"] for r in audit.rows_after(store)][2:]
    assert since == ["backup", "user_passwd"]
    backup.restore(tmp_path / "bk", live, ADMIN, force=True)
    with Store(live) as store:
        rows = audit.rows_after(store)
        assert audit.verify(store).broken_at is None
    assert [r["action"] for r in rows] == [
        "user_add", "user_add", "backup", "user_passwd", "restore",
    ]  # fmt: skip
    assert [bool(r["restored_from"]) for r in rows] == [False, False, True, True, False]
    assert json.loads(rows[-1]["after_json"])["audit_rows_kept"] == 2


def test_restore_refuses_a_backup_whose_trail_was_edited_and_rechained(live, tmp_path):
    with Store(live) as store:
        backup.backup(store, ADMIN, tmp_path / "bk")
    copy = tmp_path / "bk" / stored.DATABASE
    _tamper(copy, 2, rechain=True)
    manifest = json.loads((tmp_path / "bk" / stored.MANIFEST).read_text())
    manifest["database_sha256"] = stored.file_sha256(copy)  # the manifest recomputed too
    (tmp_path / "bk" / stored.MANIFEST).write_text(json.dumps(manifest))
    with Store(live) as store:
        before = [r["row_hash"] for r in audit.rows_after(store)]
    with pytest.raises(Rejected, match="không khớp phần đầu nhật ký"):
        backup.restore(tmp_path / "bk", live, ADMIN, force=True)
    with Store(live) as store:  # the replaced database is back as it was
        assert [r["row_hash"] for r in audit.rows_after(store)] == before


def test_backup_and_restore_on_the_command_line_check_the_role_of_by(live, tmp_path):
    made = cli("backup", tmp_path / "bk", "--db", live, "--by", "lanhdao")
    assert made.returncode == 1 and not (tmp_path / "bk").exists()
    assert cli("backup", tmp_path / "bk", "--db", live, "--by", "quantri").returncode == 0
    back = cli("restore", tmp_path / "bk", "--db", live, "--force", "--by", "lanhdao")
    assert back.returncode == 1
    with Store(live) as store:
        assert audit.rows_after(store)[-1]["action"] == "backup"  # nothing restored


def test_an_export_on_the_command_line_checks_the_role_and_leaves_an_audit_row(live, tmp_path):
    with Store(live) as store:
        unit = read_table(store, "unit").to_pylist()[0]["unit_id"]
        accounts.add_user(store, ADMIN, "donvi", Role.DON_VI, SECRET, (unit,))
    out = tmp_path / "tong-hop.csv"
    refused = cli("export", "-o", out, "--db", live, "--by", "donvi")
    assert refused.returncode == 1 and not out.exists()
    done = cli("export", "-o", out, "--db", live, "--by", "lanhdao")
    assert done.returncode == 0, done.stderr
    with Store(live) as store:
        row = audit.rows_after(store)[-1]
    assert (row["login"], row["action"], row["object_key"]) == ("lanhdao", "download", str(out))
    assert json.loads(row["after_json"])["bytes"] == out.stat().st_size
