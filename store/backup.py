"""What a backup holds, as the store sees it: the database file, the kept original report
files (``blobs/`` beside it) and the row counts that say what was copied.

A backup folder is::

    tracker.duckdb      the database file, copied consistently (Store.copy_file)
    blobs/<sha256>      every kept original file, under its own hash
    manifest.json       when, by whom, schema version, the database's sha256, the counts

Only this module and :meth:`store.database.Store.copy_file` know the database is
one DuckDB file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from store.database import Store
from store.reports import blob_dir

DATABASE = "tracker.duckdb"
BLOBS = "blobs"
MANIFEST = "manifest.json"


def counts(store: Store) -> dict[str, int]:
    """Rows of plans, tasks, units, reports, report rows, remembered names, accounts and
    audit rows."""
    return {what: int(n) for what, n in store.rows("backup_counts")}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_blob(path: Path) -> bool:
    name = path.name
    return path.is_file() and len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def copy_blobs(source: Path | None, target: Path) -> int:
    """Copy every kept original file of `source` to `target` (one not already there, whose
    bytes match its name); returns how many files `target` holds from `source`."""
    target.mkdir(parents=True, exist_ok=True)
    if source is None or not source.is_dir():
        return 0
    copied = 0
    for blob in sorted(source.iterdir()):
        if not _is_blob(blob):
            continue
        if file_sha256(blob) != blob.name:
            raise ValueError(f"tệp gốc {blob} không khớp mã băm của nó")
        there = target / blob.name
        if not there.exists():
            tmp = target / f".incoming-{blob.name}"
            shutil.copyfile(blob, tmp)
            os.replace(tmp, there)
        copied += 1
    return copied


def write_backup(store: Store, folder: Path, manifest: dict) -> dict:
    """Copy the database and the kept files into `folder` (which must be empty) and write
    the manifest; returns the manifest as written."""
    folder.mkdir(parents=True, exist_ok=True)
    store.copy_file(folder / DATABASE)
    blobs = copy_blobs(blob_dir(store), folder / BLOBS)
    with Store(folder / DATABASE, read_only=True) as copy:
        copied = counts(copy)
    written = {
        **manifest,
        "schema_version": store.version,
        "database": DATABASE,
        "database_sha256": file_sha256(folder / DATABASE),
        "blobs": blobs,
        "counts": copied,
    }
    (folder / MANIFEST).write_text(
        json.dumps(written, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    return written


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a backup folder; None when there is none (not a backup)."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def put_back(folder: Path, target: Path) -> int:
    """Put the backup's database at `target` (through a temporary file and a rename) and
    its kept files beside it; returns how many kept files the target has from it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".restoring-{target.name}")
    shutil.copyfile(folder / DATABASE, tmp)
    os.replace(tmp, target)
    wal = target.with_name(target.name + ".wal")
    if wal.exists():
        wal.unlink()  # a log left by the replaced database belongs to it, not to the copy
    return copy_blobs(folder / BLOBS, target.parent / BLOBS)


def check_not_in_use(path: Path) -> None:
    """Raise RuntimeError when another process holds the database file `path` open (the
    running app): replacing it under that process would lose whatever it writes next."""
    try:
        Store(path, read_only=True).close()
    except Exception as exc:  # DuckDB's lock error is an IOException; re-raised as ours
        raise RuntimeError(
            f"Cơ sở dữ liệu {path} đang được mở (ứng dụng đang chạy?): hãy dừng ứng dụng rồi "
            f"khôi phục. ({exc})"
        ) from exc
