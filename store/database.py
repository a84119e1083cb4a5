"""The store's one way in: named statements, migrations, reads and serialised writes, on
whichever backend the target names.

Every SQL statement lives in a named file under ``sql/``, in the folder of the module
that runs it (``sql/tracker/views/summary/status_counts.sql`` is run as
``store.frame("status_counts", ...)``), or in ``migrations/``. Where PostgreSQL's text
must differ, ``NAME.postgresql.sql`` stands beside the shared file and wins on that
backend (:mod:`store.statements`); PostgreSQL's migrations are ``migrations/postgresql/``
(the same versions).
Named parameters (``$plan_id``) are passed as keyword arguments on both backends.

A target is a DuckDB file path (the embedded default) or a ``postgresql://`` URL
(:mod:`store.duckdb_file`, :mod:`store.postgres`). Callers above the store
never see which one runs.

Every write bumps a data version (one row of ``data_version``), which readers use to key
their caches: :meth:`Store.data_version` is cheap and changes with every committed write,
whichever process made it; a write of sign-in bookkeeping (``write(data=False)``) keeps it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from store.backend import Backend, ConstraintViolation, Session, StoreBusy
from store.statements import APPEND_ONLY, check_append_only, migrations, sql

__all__ = [
    "APPEND_ONLY",
    "ConstraintViolation",
    "Store",
    "StoreBusy",
    "Writer",
    "check_append_only",
    "is_server",
    "migrations",
    "sql",
]

DEFAULT_WAIT = 30.0
"""Seconds a Store waits for a DuckDB file another process holds (or a server that is down)."""


def is_server(target: str | Path) -> bool:
    """Whether `target` names a PostgreSQL server rather than a DuckDB file."""
    return str(target).startswith(("postgresql://", "postgres://"))


class Writer:
    """The cursor of one write transaction; only :meth:`Store.write` makes one."""

    def __init__(self, session: Session, dialect: str) -> None:
        self._session = session
        self._dialect = dialect

    def run(self, query: str, /, **params: Any) -> list[tuple]:
        """Run the named statement and return whatever rows it produces."""
        return self._session.rows(sql(query, self._dialect), params or None)

    def run_many(self, query: str, /, rows: list[dict[str, Any]]) -> None:
        """Run the named statement once per parameter dict."""
        statement = sql(query, self._dialect)
        for params in rows:
            self._session.rows(statement, params)

    def insert_arrow(self, table: str, data: pa.Table) -> None:
        """Append an Arrow table to `table`; the columns are matched by name."""
        self._session.insert_arrow(table, data)

    def keep_blobs(self, blobs: list[tuple[str, bytes]]) -> None:
        """Keep original files, ``(sha256, bytes)``, content-addressed; an existing one is
        kept as it is. Raises ValueError for a name that is not a sha256 hex digest."""
        for sha256, _ in blobs:
            if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
                raise ValueError("not a sha256 hex digest")
        self._session.keep_blobs(blobs)

    def frame(self, query: str, /, **params: Any) -> pd.DataFrame:
        """Read inside the transaction (sees its own uncommitted writes)."""
        return self._session.frame(sql(query, self._dialect), params or None)


def _backend(target: str | Path, read_only: bool, wait: float) -> Backend:
    if is_server(target):
        from store.postgres import PostgresBackend

        return PostgresBackend(str(target), read_only=read_only, wait=wait)
    from store.duckdb_file import DuckDBBackend

    return DuckDBBackend(Path(target), read_only=read_only, wait=wait)


class Store:
    """One database (a DuckDB file or a PostgreSQL server), migrated to the newest schema
    on open unless `read_only`. `wait` is how many seconds an operation waits for the
    database before raising :class:`StoreBusy`."""

    def __init__(
        self, target: str | Path, read_only: bool = False, wait: float = DEFAULT_WAIT
    ) -> None:
        self._backend = _backend(target, read_only, wait)
        self.dialect = self._backend.dialect
        self.path = self._backend.path
        self.target = str(target)
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self.version = 0
        if not read_only:
            self._migrate()

    def close(self) -> None:
        self._backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads ---------------------------------------------------------------------------

    @contextmanager
    def _reader(self) -> Iterator[Session]:
        """A session of its own; inside a write on this thread, the write's, so that code
        called from within a transaction reads what the transaction has written."""
        writer = getattr(self._local, "writer", None)
        if writer is not None:
            yield writer._session
            return
        with self._backend.reading() as session:
            yield session

    def frame(self, query: str, /, **params: Any) -> pd.DataFrame:
        """Run the named query and return a DataFrame."""
        with self._reader() as session:
            return session.frame(sql(query, self.dialect), params or None)

    def arrow(self, query: str, /, **params: Any) -> pa.Table:
        """Run the named query and return an Arrow table (cheaper for long lists)."""
        with self._reader() as session:
            return session.arrow(sql(query, self.dialect), params or None)

    def rows(self, query: str, /, **params: Any) -> list[tuple]:
        """Run the named query and return its rows as tuples."""
        with self._reader() as session:
            return session.rows(sql(query, self.dialect), params or None)

    def scalar(self, query: str, /, **params: Any) -> Any:
        """The first column of the first row, or None when there is no row."""
        found = self.rows(query, **params)
        return found[0][0] if found else None

    @contextmanager
    def held(self) -> Iterator[None]:
        """Keep the database open for the block. A DuckDB file is otherwise closed once idle
        for a short linger: a batch that reads, then computes for longer than that (an
        upload's files being read), then writes would pay for closing the file (a
        checkpoint) and opening it again. Nothing on PostgreSQL, whose connections are pooled."""
        if self.dialect != "duckdb":
            yield
            return
        with self._backend.reading():
            yield

    def data_version(self) -> int:
        """A number every committed write changes (in any process): a cache key."""
        return int(self.scalar("data_version"))

    def read_blob(self, sha256: str) -> bytes | None:
        """The original bytes kept under `sha256`, or None."""
        return self._backend.read_blob(sha256)

    def after_bulk_load(self) -> None:
        """Refresh the planner's statistics after many rows came in at once (PostgreSQL's
        ANALYZE; nothing on DuckDB, which keeps its statistics as it writes)."""
        with self._backend.reading() as session:
            session.script(sql("after_bulk_load", self.dialect))

    def run_file(self, path: Path, /, **params: Any) -> list[tuple]:
        """Run the statement in `path` inside a write (tests that stage a fault, tools):
        the product's own statements are named files under ``sql/``."""
        with self.write() as tx:
            return tx._session.rows(path.read_text(encoding="utf-8"), params or None)

    # -- writes --------------------------------------------------------------------------

    @contextmanager
    def write(self, data: bool = True) -> Iterator[Writer]:
        """One transaction: committed when the block ends, rolled back on error. It bumps
        the data version first, which also queues it behind any other write (the row's
        lock on PostgreSQL, the file's on DuckDB). With ``data=False`` (sign-in
        bookkeeping: attempts, tickets, sessions, their audit rows, nothing a cached view
        reads) it queues the same way but keeps the version, so a sign-in leaves every
        session's cached pages and charts in place.

        A ``write()`` opened inside another on the same thread joins it, so functions that
        each write can be composed into one all-or-nothing change; only the outermost block
        commits or rolls back.
        """
        current = getattr(self._local, "writer", None)
        if current is not None:
            yield current
            return
        with self._write_lock, self._backend.transaction() as session:
            self._local.writer = Writer(session, self.dialect)
            try:
                first = "data_version_bump" if data else "data_version_hold"
                session.rows(sql(first, self.dialect), None)
                yield self._local.writer
            finally:
                self._local.writer = None

    def copy_file(self, target: Path) -> None:
        """Write a consistent copy of the database file to `target`, under the write lock so
        that no write runs (readers carry on); see the backend's ``copy_file``. Raises
        ValueError on a backend without a file (in memory, PostgreSQL: pg_dump's job)."""
        with self._write_lock:
            self._backend.copy_file(target)

    @property
    def blob_dir(self) -> Path | None:
        """Where a DuckDB store keeps the original files (None in memory or on a server,
        which keeps them in its ``blob`` table)."""
        return self._backend.blob_dir

    def _migrate(self) -> None:
        """Create the store's own tables if missing, then apply every migration not yet
        applied, in one transaction (on PostgreSQL behind an advisory lock, so servers
        starting together migrate once)."""
        with self._write_lock, self._backend.transaction() as session:
            session.rows(sql("migration_lock", self.dialect), None)
            session.script(sql("store_bootstrap", self.dialect))
            tx = Writer(session, self.dialect)
            applied = {row[0] for row in tx.run("schema_versions")}
            for version, name, text in migrations(self.dialect):
                if version in applied:
                    continue
                session.script(text)
                tx.run("schema_version_insert", version=version, name=name)
            tx.run("data_version_bump")
            self.version = max([v for v, _, _ in migrations(self.dialect)], default=0)
