"""The server backend: PostgreSQL through psycopg 3, for several app servers on one
database.

- Named parameters (``$plan_id``) become psycopg's ``%(plan_id)s`` once per statement text
  (a literal ``%`` is doubled); values are bound client-side (``ClientCursor``), so a None
  or a list needs no declared type where the statement only tests it (``$groups IS NULL``).
- Each operation takes a connection of a small pool and gives it back; reads autocommit,
  a write is one transaction.
- A new connection first runs ``sql/postgres/connection_setup.postgresql.sql``: JIT without LLVM
  inlining and optimisation, whose compiling cost more than a page's query.
- Frames and Arrow tables come out typed as the DuckDB backend's do: rows are typed into
  Arrow by the column types PostgreSQL reports, and an in-memory DuckDB turns Arrow into
  pandas exactly as the embedded backend does (nullable integers, ``datetime64`` dates), so
  nothing above the store can tell the backends apart.
- Arrow tables are appended with COPY; original files are rows of the ``blob`` table.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import psycopg
import pyarrow as pa
from psycopg.adapt import Loader

from store.backend import ConstraintViolation, StoreBusy
from store.statements import sql

_NAMED = re.compile(r"(?<![\w$])\$([A-Za-z_]\w*)")
_QUOTED = re.compile(r"(--[^\n]*|'(?:[^']|'')*')")  # comments and quoted text
_POOL = 8
_ARROW: dict[str, pa.DataType] = {
    "bool": pa.bool_(),
    "int2": pa.int16(),
    "int4": pa.int32(),
    "int8": pa.int64(),
    "float4": pa.float32(),
    "float8": pa.float64(),
    "numeric": pa.float64(),
    "text": pa.string(),
    "varchar": pa.string(),
    "bpchar": pa.string(),
    "name": pa.string(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
    "timestamptz": pa.timestamp("us", tz="UTC"),
    "bytea": pa.binary(),
    "_text": pa.list_(pa.string()),
    "_varchar": pa.list_(pa.string()),
    "_int4": pa.list_(pa.int32()),
    "_int8": pa.list_(pa.int64()),
}
_pandas = threading.local()


@cache
def translate(statement: str) -> str:
    """``$name`` placeholders as psycopg's ``%(name)s``; a literal ``%`` doubled. Text in
    single quotes and comments is left as it is (a ``$`` there is not a parameter)."""
    parts = _QUOTED.split(statement.replace("%", "%%"))
    return "".join(p if i % 2 else _NAMED.sub(r"%(\1)s", p) for i, p in enumerate(parts))


class _FloatNumeric(Loader):
    """numeric as float, as DuckDB gives a sum or an average."""

    def load(self, data: Any) -> float:
        return float(Decimal(bytes(data).decode()))


def _converter() -> duckdb.DuckDBPyConnection:
    con = getattr(_pandas, "con", None)
    if con is None:
        con = _pandas.con = duckdb.connect(":memory:")
    return con


class PostgresSession:
    """A psycopg client-side cursor with the Session methods."""

    def __init__(self, cursor: psycopg.Cursor) -> None:
        self._cursor = cursor

    def rows(self, statement: str, params: dict[str, Any] | None) -> list[tuple]:
        try:
            self._cursor.execute(translate(statement), params or {})
        except psycopg.errors.IntegrityError as exc:
            raise ConstraintViolation(str(exc)) from exc
        return self._cursor.fetchall() if self._cursor.description else []

    def arrow(self, statement: str, params: dict[str, Any] | None) -> pa.Table:
        self._cursor.execute(translate(statement), params or {})
        description = self._cursor.description or []
        rows = self._cursor.fetchall()
        types = self._cursor.connection.adapters.types
        columns = {}
        for i, column in enumerate(description):
            info = types.get(column.type_code)
            kind = _ARROW.get(info.name if info else "", None)
            values = [row[i] for row in rows]
            if kind is None:
                values = [None if v is None else str(v) for v in values]
                kind = pa.string()
            columns[column.name] = pa.array(values, type=kind)
        return pa.table(columns) if columns else pa.table({})

    def frame(self, statement: str, params: dict[str, Any] | None) -> pd.DataFrame:
        table = self.arrow(statement, params)
        return _converter().from_arrow(table).df()

    def script(self, statement: str) -> None:
        self._cursor.execute(statement.encode())  # no parameters: as written, several at once

    def insert_arrow(self, table: str, data: pa.Table) -> None:
        columns = ", ".join(data.column_names)
        values = [column.to_pylist() for column in data.columns]
        with self._cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in zip(*values, strict=True):
                copy.write_row(row)

    def keep_blobs(self, blobs: list[tuple[str, bytes]]) -> None:
        statement = translate(sql("blob_keep", "postgresql"))
        self._cursor.executemany(statement, [{"sha256": s, "data": d} for s, d in blobs])


def unreachable_message(url: str, waited: float, error: str) -> str:
    where = url.split("@")[-1]
    return (
        f"Không kết nối được máy chủ PostgreSQL {where} sau {waited:g} giây ({error.strip()}). "
        "Hãy kiểm tra máy chủ đang chạy và địa chỉ trong TRACKER_DB hoặc --db, rồi chạy lại."
    )


class PostgresBackend:
    """A PostgreSQL database named by a ``postgresql://`` URL."""

    dialect = "postgresql"
    path: Path | None = None

    @property
    def blob_dir(self) -> Path | None:
        """None: the kept files are rows of the table blob."""
        return None

    def __init__(self, url: str, read_only: bool = False, wait: float = 30.0) -> None:
        self._url = url
        self._wait = wait
        self._read_only = read_only
        self._idle: list[psycopg.Connection] = []
        self._lock = threading.Lock()

    def _connect(self) -> psycopg.Connection:
        deadline = time.monotonic() + self._wait
        while True:
            try:
                con = psycopg.connect(
                    self._url,
                    autocommit=True,
                    cursor_factory=psycopg.ClientCursor,
                    connect_timeout=max(1, int(self._wait)),
                    application_name="tracker",
                )
                con.adapters.register_loader("numeric", _FloatNumeric)
                con.execute(sql("connection_setup", "postgresql").encode())
                return con
            except psycopg.OperationalError as exc:
                if time.monotonic() >= deadline:
                    raise StoreBusy(unreachable_message(self._url, self._wait, str(exc))) from None
                time.sleep(0.2)

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        with self._lock:
            con = self._idle.pop() if self._idle else None
        if con is None or con.closed:
            con = self._connect()
        try:
            yield con
        finally:
            healthy = not con.closed and con.info.transaction_status == 0  # IDLE
            with self._lock:
                if healthy and len(self._idle) < _POOL:
                    self._idle.append(con)
                    con = None
            if con is not None:
                con.close()

    @contextmanager
    def reading(self) -> Iterator[PostgresSession]:
        with self._connection() as con, con.cursor() as cursor:
            yield PostgresSession(cursor)

    @contextmanager
    def transaction(self) -> Iterator[PostgresSession]:
        if self._read_only:
            raise PermissionError("read-only store")
        with self._connection() as con, con.transaction(), con.cursor() as cursor:
            yield PostgresSession(cursor)

    def read_blob(self, sha256: str) -> bytes | None:
        with self.reading() as session:
            found = session.rows(sql("blob_read", "postgresql"), {"sha256": sha256})
        return bytes(found[0][0]) if found else None

    def copy_file(self, target: Path) -> None:
        raise ValueError(
            "Cơ sở dữ liệu PostgreSQL không phải một tệp: hãy sao lưu bằng pg_dump của máy chủ."
        )

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for con in idle:
            con.close()
