"""Backups for the quản trị: a consistent copy of the database and of the kept original
report files into a folder, and bringing such a folder back.

:func:`backup` (Action.BACKUP) writes into an empty folder and appends its audit row to the
live database once the copy is made (so the copy itself holds every row before it).
:func:`restore` (Action.RESTORE) refuses to replace an existing database unless `force`,
keeps the replaced file beside it, checks the copy against its manifest (hash and row
counts), and appends the restore's audit row to the restored database. Going back to a
backup does not go back on the audit trail: the rows the replaced database wrote since the
backup are appended to the restored one (marked ``restored_from``, chained anew; all its
rows when it was another database), and a backup whose chain is broken, or whose trail
parts from the replaced database's after the same first row (a row edited, removed or
inserted, its manifest recomputed or not), is refused, the replaced database put back.
Nothing here knows the database is a DuckDB file: :mod:`store.backup` does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from domain.access import Action, Actor, require
from domain.errors import Rejected
from domain.problems import file_problem
from store import audit
from store import backup as stored
from store.database import Store
from tracker.usecases.acting import acting

__all__ = ["Restored", "backup", "describe_counts", "restore"]

WHAT = {
    "plan": "kế hoạch",
    "report": "báo cáo",
    "report_row": "dòng báo cáo",
    "unit": "đơn vị",
    "name_alias": "tên gọi ghi nhớ",
    "account": "tài khoản",
    "audit": "dòng nhật ký",
}


def describe_counts(counts: dict[str, int], blobs: int) -> str:
    """``3 kế hoạch, 12 báo cáo, …; 12 tệp gốc``."""
    parts = [f"{counts.get(key, 0)} {label}" for key, label in WHAT.items()]
    return ", ".join(parts) + f"; {blobs} tệp gốc"


def _refuse(where: Path | str, message: str) -> Rejected:
    return Rejected([file_problem(str(where), message)])


def backup(store: Store, actor: Actor, folder: str | Path) -> dict:
    """Copy the database and the kept files into `folder` (new or empty); returns the
    manifest (``made_at``, ``counts``, ``blobs``, ``database_sha256`` …). Raises Rejected
    for a folder that already holds files."""
    require(actor, Action.BACKUP)
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise _refuse(
            folder,
            f"Thư mục {folder} đã có tệp: mỗi bản sao lưu cần một thư mục mới hoặc trống. "
            "Hãy chọn thư mục khác; không ghi gì.",
        )
    manifest = {
        "made_at": datetime.now().isoformat(timespec="seconds"),
        "made_by": actor.login,
        "origin": actor.origin,
        "source": str(store.path),
        "audit_head": audit.verify(store).head,
    }
    written = stored.write_backup(store, folder, manifest)
    with acting(store, actor, Action.BACKUP, "database", str(folder)) as act:
        act.after = {k: written[k] for k in ("made_at", "counts", "blobs", "database_sha256")}
    return written


@dataclass(frozen=True)
class Restored:
    """What :func:`restore` brought back."""

    database: Path
    manifest: dict
    counts: dict[str, int]
    blobs: int
    kept_as: Path | None  # where the replaced database was moved, if there was one

    @property
    def summary(self) -> str:
        made = datetime.fromisoformat(self.manifest["made_at"]).strftime("%H:%M ngày %d/%m/%Y")
        kept = f" Cơ sở dữ liệu cũ được giữ ở {self.kept_as}." if self.kept_as else ""
        return (
            f"Đã khôi phục bản sao lưu lập lúc {made} (người lập: {self.manifest['made_by']}) "
            f"vào {self.database}: {describe_counts(self.counts, self.blobs)}.{kept}"
        )


def restore(folder: str | Path, target: str | Path, actor: Actor, force: bool = False) -> Restored:
    """Bring the backup in `folder` back as the database `target` (nobody may have it
    open). Raises Rejected, changing nothing, when `folder` is not a whole backup or
    `target` exists and `force` is not given."""
    require(actor, Action.RESTORE)
    folder, target = Path(folder), Path(target)
    manifest = stored.read_manifest(folder)
    if manifest is None or not (folder / stored.DATABASE).is_file():
        raise _refuse(
            folder,
            f"{folder} không phải một bản sao lưu (cần {stored.MANIFEST} và "
            f"{stored.DATABASE}). Hãy chỉ đúng thư mục mà lệnh backup đã tạo.",
        )
    if stored.file_sha256(folder / stored.DATABASE) != manifest["database_sha256"]:
        raise _refuse(
            folder / stored.DATABASE,
            "Tệp cơ sở dữ liệu trong bản sao lưu không khớp mã băm ghi trong manifest.json "
            "(tệp đã bị sửa hoặc hỏng); không khôi phục gì.",
        )
    kept, live = None, None
    if target.exists():
        if not force:
            raise _refuse(
                target,
                f"Đã có cơ sở dữ liệu {target}; khôi phục sẽ thay nó. Thêm --force nếu chắc "
                "chắn (bản hiện tại sẽ được giữ lại bên cạnh, không bị xoá).",
            )
        stored.check_not_in_use(target)
        with Store(target) as replaced:
            live = audit.rows_after(replaced)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = target.with_name(f"{target.stem}.truoc-khoi-phuc-{stamp}{target.suffix}")
        os.replace(target, kept)
    blobs = stored.put_back(folder, target)
    with Store(target) as store:
        found = stored.counts(store)
        if found != manifest["counts"]:
            raise RuntimeError(f"restored counts {found} differ from the backup's {manifest}")
        since = _since_backup(store, live) if live is not None else []
    if since is None:
        assert kept is not None
        os.replace(kept, target)
        raise _refuse(
            folder,
            "Nhật ký thao tác trong bản sao lưu không khớp phần đầu nhật ký của cơ sở dữ liệu "
            "đang dùng (có dòng bị sửa, xoá hoặc chèn); không khôi phục, cơ sở dữ liệu cũ "
            "được giữ nguyên.",
        )
    with Store(target) as store:
        before = {"kept_as": str(kept)} if kept else None
        with acting(store, actor, Action.RESTORE, "database", str(folder), before=before) as act:
            origin = kept.name if kept else ""
            for row in since:
                audit.append_restored(act.tx, row, f"{origin}#{row['audit_id']}")
            act.after = {
                "made_at": manifest["made_at"],
                "counts": found,
                "blobs": blobs,
                "audit_rows_kept": len(since),
            }
    return Restored(target, manifest, found, blobs, kept)


_SAME = ("audit_id", "row_hash", *audit.FIELDS)


def _since_backup(restored: Store, live: list[dict]) -> list[dict] | None:
    """The replaced database's audit rows to keep: those written after the backup when the
    backup was made from it (same first row); all of them when it is another database;
    None when the backup's chain is broken or its trail parts from the replaced one's."""
    backed = audit.rows_after(restored)
    if audit.verify(restored).broken_at is not None:
        return None
    if not backed or not live or any(backed[0][f] != live[0][f] for f in _SAME):
        return live  # another database's trail: kept whole
    if len(backed) > len(live):
        return None
    for ours, theirs in zip(backed, live, strict=False):
        if any(ours[f] != theirs[f] for f in _SAME):
            return None
    return live[len(backed) :]
