"""Moving an office's data to a PostgreSQL server (``python -m tracker migrate-store``):
an administrator's write, audited in the target like every other."""

from __future__ import annotations

from domain.access import Action, Actor
from store.database import Store
from store.tables import count_rows
from store.transfer import Copied, TransferRefused, check_target, copy_tables
from tracker.usecases.acting import acting

__all__ = ["Copied", "TransferRefused", "move_store"]


def move_store(source: Store, target: Store, actor: Actor) -> list[Copied]:
    """Copy every table and kept file of `source` into the empty `target` in one
    transaction, the counts compared inside it; returns the counts as read back from both
    sides after the commit (the target's audit holds one more row: this move's own).
    Raises TransferRefused (nothing written) or Forbidden."""
    tables = check_target(source, target)
    with acting(target, actor, Action.RESTORE, "store", source.target) as act:
        copied = copy_tables(source, target, act.tx, tables)
        act.after = {c.table: c.target for c in copied}
    target.after_bulk_load()
    own = {"audit": 1}
    after = [
        Copied(c.table, c.source, count_rows(target, c.table) - own.get(c.table, 0)) for c in copied
    ]
    if any(c.source != c.target for c in after):
        raise TransferRefused("Số dòng đọc lại sau khi ghi không khớp với nguồn.")
    return after
