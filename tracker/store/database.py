"""The one DuckDB file, its migrations, and the two ways in: reads and serialised writes.

Every SQL statement lives in a named file under ``sql/`` (``sql/status_counts.sql`` is
run as ``store.frame("status_counts", ...)``) or in ``migrations/``. Named parameters
(``$plan_id``) are passed as keyword arguments.

One :class:`Store` owns one connection. Reads each take their own cursor, so pages and
threads never trip over a half-fetched result (DuckDB 2.0 silently discards an unfinished
result on the next ``execute``). Writes take a process-wide lock and run in one
transaction: a failure anywhere rolls the whole write back.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

_SQL = resources.files("tracker.store") / "sql"
_MIGRATIONS = resources.files("tracker.store") / "migrations"


APPEND_ONLY = ("audit",)
"""Tables no named statement may change or remove rows of (DuckDB has no triggers or
grants to refuse it in the database itself)."""
_COMMENT = re.compile(r"--[^\n]*")


def _changes(table: str) -> re.Pattern[str]:
    name = rf'(?:"?\w+"?\.)?"?{table}\b'  # audit, "audit", main.audit
    return re.compile(
        rf"\b(?:UPDATE\s+{name}|DELETE\s+FROM\s+{name}|TRUNCATE\s+(?:TABLE\s+)?{name}"
        rf"|DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?{name}|ALTER\s+TABLE\s+{name})",
        re.IGNORECASE,
    )


_CHANGES = {table: _changes(table) for table in APPEND_ONLY}


def check_append_only(name: str, text: str) -> str:
    """`text` unchanged, or PermissionError when the statement `name` would update, delete,
    truncate, drop or alter an append-only table (comments are not read)."""
    code = _COMMENT.sub("", text)
    for table, pattern in _CHANGES.items():
        if pattern.search(code):
            raise PermissionError(f"sql/{name}.sql changes {table}, which is append-only")
    return text


@cache
def sql(name: str) -> str:
    """Text of the named statement ``sql/<name>.sql``; raises FileNotFoundError if unknown
    and PermissionError for one that changes an append-only table."""
    return check_append_only(name, (_SQL / f"{name}.sql").read_text(encoding="utf-8"))


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, text)`` of every migration file, in order."""
    found = []
    for entry in _MIGRATIONS.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Writer:
    """The cursor of one write transaction; only :meth:`Store.write` makes one."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self._cursor = cursor

    def run(self, query: str, /, **params: Any) -> list[tuple]:
        """Run the named statement and return whatever rows it produces."""
        return self._cursor.execute(sql(query), params or None).fetchall()

    def run_many(self, query: str, /, rows: list[dict[str, Any]]) -> None:
        """Run the named statement once per parameter dict."""
        statement = sql(query)
        for params in rows:
            self._cursor.execute(statement, params).fetchall()

    def insert_arrow(self, table: str, data: pa.Table) -> None:
        """Append an Arrow table to `table`; the columns are matched by name."""
        columns = ", ".join(data.column_names)
        self._cursor.register("_incoming", data)
        try:
            self._cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _incoming"
            ).fetchall()
        finally:
            self._cursor.unregister("_incoming")

    def frame(self, query: str, /, **params: Any) -> pd.DataFrame:
        """Read inside the transaction (sees its own uncommitted writes)."""
        return self._cursor.execute(sql(query), params or None).df()


class Store:
    """One DuckDB database file, migrated to the newest schema on open."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect(str(path), read_only=read_only)
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self.version = 0
        if not read_only:
            self._migrate()

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads ---------------------------------------------------------------------------

    def _reader(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor; inside a write on this thread, the write's own cursor, so that
        code called from within a transaction reads what the transaction has written."""
        writer = getattr(self._local, "writer", None)
        return writer._cursor if writer is not None else self._con.cursor()

    def frame(self, query: str, /, **params: Any) -> pd.DataFrame:
        """Run the named query and return a DataFrame."""
        return self._reader().execute(sql(query), params or None).df()

    def arrow(self, query: str, /, **params: Any) -> pa.Table:
        """Run the named query and return an Arrow table (cheaper for long lists)."""
        return self._reader().execute(sql(query), params or None).to_arrow_table()

    def rows(self, query: str, /, **params: Any) -> list[tuple]:
        """Run the named query and return its rows as tuples."""
        return self._reader().execute(sql(query), params or None).fetchall()

    def scalar(self, query: str, /, **params: Any) -> Any:
        """The first column of the first row, or None when there is no row."""
        found = self.rows(query, **params)
        return found[0][0] if found else None

    # -- writes --------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """One serialised transaction: committed when the block ends, rolled back on error.

        A ``write()`` opened inside another on the same thread joins it, so functions that
        each write can be composed into one all-or-nothing change; only the outermost block
        commits or rolls back.
        """
        current = getattr(self._local, "writer", None)
        if current is not None:
            yield current
            return
        with self._write_lock:
            cursor = self._con.cursor()
            cursor.execute("BEGIN TRANSACTION")
            self._local.writer = Writer(cursor)
            try:
                yield self._local.writer
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            else:
                cursor.execute("COMMIT")
            finally:
                self._local.writer = None
                cursor.close()

    def copy_file(self, target: Path) -> None:
        """Write a consistent copy of the database file to `target` (DuckDB's own way: under
        the write lock, so no write runs, a CHECKPOINT folds the write-ahead log into the
        file, which is then copied byte for byte; readers carry on meanwhile). Raises
        RuntimeError when the log was not folded in (the copy would miss writes)."""
        if str(self.path) == ":memory:":
            raise ValueError("an in-memory database has no file to copy")
        with self._write_lock:
            self._con.execute("CHECKPOINT").fetchall()
            wal = self.path.with_name(self.path.name + ".wal")
            if wal.exists() and wal.stat().st_size:
                raise RuntimeError(f"{wal.name} still holds writes after CHECKPOINT")
            shutil.copyfile(self.path, target)

    def _migrate(self) -> None:
        with self.write() as tx:
            tx._cursor.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
            )
            applied = {
                row[0]
                for row in tx._cursor.execute("SELECT version FROM schema_version").fetchall()
            }
            for version, name, text in migrations():
                if version in applied:
                    continue
                tx._cursor.execute(text)
                tx._cursor.execute(
                    "INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [version, name]
                )
            self.version = max([v for v, _, _ in migrations()], default=0)
