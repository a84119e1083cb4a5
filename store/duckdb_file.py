"""The embedded backend: one DuckDB file, held only while the process works on it.

DuckDB lets one process at a time open a file (a second one gets "Could not set lock on
file"), so the app and a command line take turns: the file is opened for an operation,
shared by the process's threads while any of them works, and closed when the last one
leaves, after a short linger so that the dozen queries of one page rerun share one opening
(about 13 ms each). Opening retries on the lock until the Store's wait runs out, then
raises :class:`~store.database.StoreBusy`.

Original files are kept content-addressed as ``blobs/<sha256>`` beside the database file:
the name is the hash, so nothing a user sends can choose a path, and an orphan blob left by
a failed write is harmless.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from store.backend import ConstraintViolation, StoreBusy

LINGER = 0.25
"""Seconds the file stays open after the last operation ends."""
_RETRY = 0.05
_HOLDER = re.compile(r"PID (\d+)")


class DuckDBSession:
    """A DuckDB cursor with the Session methods."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, blobs: Path | None) -> None:
        self._cursor = cursor
        self._blobs = blobs

    def rows(self, statement: str, params: dict[str, Any] | None) -> list[tuple]:
        try:
            return self._cursor.execute(statement, params).fetchall()
        except duckdb.ConstraintException as exc:
            raise ConstraintViolation(str(exc)) from exc

    def frame(self, statement: str, params: dict[str, Any] | None) -> pd.DataFrame:
        return self._cursor.execute(statement, params).df()

    def arrow(self, statement: str, params: dict[str, Any] | None) -> pa.Table:
        return self._cursor.sql(statement, params=params).to_arrow_table()

    def script(self, statement: str) -> None:
        self._cursor.execute(statement).fetchall()

    def insert_arrow(self, table: str, data: pa.Table) -> None:
        columns = ", ".join(data.column_names)
        self._cursor.register("_incoming", data)
        try:
            self._cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _incoming"
            ).fetchall()
        finally:
            self._cursor.unregister("_incoming")

    def keep_blobs(self, blobs: list[tuple[str, bytes]]) -> None:
        """Write the files not kept yet; all are on disk when this returns, before the
        transaction commits. One thread, no ``tempfile``: for an upload's small files a thread
        pool and ``tempfile`` cost more than the writes themselves."""
        if self._blobs is None or not blobs:
            return
        self._blobs.mkdir(parents=True, exist_ok=True)
        folder = os.fspath(self._blobs)
        for sha256, data in blobs:
            _keep_blob(folder, sha256, data)


def _keep_blob(folder: str, sha256: str, data: bytes) -> None:
    """Store `data` as ``folder/<sha256>`` once: written under a name of this thread's,
    then renamed (atomic), so a blob is never seen half written; an existing one is kept."""
    target = os.path.join(folder, sha256)
    if os.path.exists(target):
        return
    tmp = os.path.join(folder, f".incoming-{os.getpid()}-{threading.get_ident()}-{sha256}")
    try:
        with open(tmp, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def busy_message(path: Path, waited: float, error: str) -> str:
    """What a user is told when the file stayed locked for the whole wait."""
    holder = _HOLDER.search(error)
    who = f" (tiến trình PID {holder.group(1)})" if holder else ""
    return (
        f"Cơ sở dữ liệu {path} đang được một chương trình khác giữ{who}; "
        f"đã chờ {waited:g} giây mà chưa được dùng. Hãy đợi chương trình đó làm xong "
        "(ví dụ một lần nạp báo cáo đang chạy) rồi chạy lại lệnh, hoặc chờ lâu hơn với "
        "--wait GIÂY (hay biến môi trường TRACKER_DB_WAIT)."
    )


class DuckDBBackend:
    """One DuckDB file, opened per operation (see the module docstring)."""

    dialect = "duckdb"

    def __init__(
        self, path: Path, read_only: bool = False, wait: float = 30.0, linger: float = LINGER
    ) -> None:
        self.path: Path | None = path
        self._memory = str(path) == ":memory:"
        if not self._memory:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._read_only = read_only
        self._wait = wait
        self._linger = 0.0 if self._memory else linger
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._idle_since = 0.0
        self._reaper: threading.Thread | None = None
        self._held: duckdb.DuckDBPyConnection | None = None
        if self._memory:  # nothing to share: keep it for the Store's life
            self._held = duckdb.connect(":memory:")

    @property
    def blob_dir(self) -> Path | None:
        """``blobs/`` beside the database file (None in memory)."""
        return None if self._memory or self.path is None else self.path.parent / "blobs"

    def copy_file(self, target: Path) -> None:
        """A consistent copy of the file at `target`: a CHECKPOINT folds the write-ahead log
        into the file, which is then copied byte for byte (the caller holds the write lock).
        Raises RuntimeError when the log was not folded in (the copy would miss writes)."""
        if self._memory or self.path is None:
            raise ValueError("an in-memory database has no file to copy")
        with self.connection() as con:
            con.execute("CHECKPOINT").fetchall()
            wal = self.path.with_name(self.path.name + ".wal")
            if wal.exists() and wal.stat().st_size:
                raise RuntimeError(f"{wal.name} still holds writes after CHECKPOINT")
            shutil.copyfile(self.path, target)

    def _open(self) -> duckdb.DuckDBPyConnection:
        if self._held is not None:
            return self._held
        deadline = time.monotonic() + self._wait
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self._read_only)
            except duckdb.IOException as exc:
                if "Could not set lock" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    assert self.path is not None
                    raise StoreBusy(busy_message(self.path, self._wait, str(exc))) from None
                time.sleep(_RETRY)

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open file, shared by every thread working now; closed after the linger.

        One reaper thread per opening closes it (:meth:`_reap`), not a timer per
        operation: starting a thread waits for it to be scheduled, which on two busy cores
        cost more than the query it followed (a page runs a dozen)."""
        with self._lock:
            if self._con is None:
                self._con = self._open()
            self._users += 1
            con = self._con
        try:
            yield con
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0 and self._held is None:
                    if self._linger <= 0:
                        self._close_now()
                    else:
                        self._idle_since = time.monotonic()
                        if self._reaper is None:
                            self._reaper = threading.Thread(
                                target=self._reap, name="duckdb-linger", daemon=True
                            )
                            self._reaper.start()

    def _reap(self) -> None:
        """Close the file once it has been idle for the linger, then exit (the next
        opening starts another); while the file is in use, look again a linger later."""
        while True:
            with self._lock:
                if self._con is None or self._con is self._held:
                    self._reaper = None
                    return
                left = self._idle_since + self._linger - time.monotonic()
                if self._users:
                    left = self._linger
                elif left <= 0:
                    self._reaper = None
                    self._close_now()
                    return
            time.sleep(left)

    def _close_now(self) -> None:
        if self._con is not None and self._con is not self._held:
            self._con.close()
        self._con = None

    @contextmanager
    def reading(self) -> Iterator[DuckDBSession]:
        with self.connection() as con:
            cursor = con.cursor()
            try:
                yield DuckDBSession(cursor, self.blob_dir)
            finally:
                cursor.close()

    @contextmanager
    def transaction(self) -> Iterator[DuckDBSession]:
        with self.connection() as con:
            cursor = con.cursor()
            cursor.execute("BEGIN TRANSACTION")
            try:
                yield DuckDBSession(cursor, self.blob_dir)
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            else:
                cursor.execute("COMMIT")
            finally:
                cursor.close()

    def read_blob(self, sha256: str) -> bytes | None:
        folder = self.blob_dir
        if folder is None or not (folder / sha256).is_file():
            return None
        return (folder / sha256).read_bytes()

    def close(self) -> None:
        """Close the file now (a Store used again after this reopens it)."""
        with self._lock:
            if self._held is not None:
                self._held.close()
                self._held = None
            self._close_now()
