"""Moving an office's data from one store to another (a DuckDB file to a PostgreSQL
server): every table copied in the target's one transaction, the kept original files with
them, the target's id sequences moved past the copied ids, and the row counts compared on
both sides before the transaction commits.

Rows the migrations themselves insert (unit groups, settings) are replaced by the source's,
so an office's changed settings move too; the store's own tables (schema and data
versions) stay the target's.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import TrackerError
from store.database import Store, Writer, sql
from store.tables import count_rows, read_table, table_names

OWN = frozenset({"schema_version", "data_version"})
SEEDED = frozenset({"unit_group", "setting"})


@dataclass(frozen=True)
class Copied:
    table: str
    source: int  # rows in the source
    target: int  # rows in the target after the copy, read inside its transaction


class TransferRefused(TrackerError):
    """The target cannot take the copy; ``str()`` says why, in Vietnamese."""


def check_target(source: Store, target: Store) -> list[str]:
    """The tables to copy; raises TransferRefused when the target lacks one or already
    holds data of its own."""
    if target.dialect != "postgresql":
        raise TransferRefused("Đích phải là một máy chủ PostgreSQL (postgresql://…).")
    tables = [t for t in table_names(source) if t not in OWN]
    present = set(table_names(target))
    missing = [t for t in tables if t not in present]
    if missing:
        raise TransferRefused(f"Cơ sở dữ liệu đích thiếu bảng: {', '.join(missing)}.")
    filled = [t for t in tables if t not in SEEDED and count_rows(target, t) > 0]
    if filled:
        raise TransferRefused(
            f"Cơ sở dữ liệu đích đã có dữ liệu (bảng {', '.join(filled)}): hãy chuyển vào một "
            "cơ sở dữ liệu PostgreSQL mới, trống."
        )
    return tables


def copy_tables(source: Store, target: Store, tx: Writer, tables: list[str]) -> list[Copied]:
    """Copy `tables` and the kept files of `source` inside the target's transaction `tx`;
    raises TransferRefused (the caller's transaction then rolls back) when a count differs."""
    session = tx._session
    for table in tables:
        if table in SEEDED:
            session.rows(sql("schema_table_clear", target.dialect).format(table=f'"{table}"'), None)
        data = read_table(source, table)
        if data.num_rows:
            tx.insert_arrow(table, data)
    session.script(sql("sequences_past_ids", target.dialect))
    hashes = [row[0] for row in source.rows("report_hashes")]
    kept = [(sha, data) for sha in hashes if (data := source.read_blob(sha)) is not None]
    tx.keep_blobs(kept)
    copied = [Copied(t, count_rows(source, t), count_rows(target, t)) for t in tables]
    copied.append(Copied("blob", len(kept), count_rows(target, "blob")))
    wrong = [c for c in copied if c.source != c.target]
    if wrong:
        raise TransferRefused(
            "Số dòng không khớp, không ghi gì: "
            + "; ".join(f"{c.table} {c.source} → {c.target}" for c in wrong)
        )
    return copied
