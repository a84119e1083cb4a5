"""What a backend gives the Store (:mod:`store.database`): sessions to read and to
write on, kept originals, and the one error of a database that cannot be had in time."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import pandas as pd
import pyarrow as pa

from domain.errors import TrackerError


class StoreBusy(TrackerError):
    """The database could not be had within the wait: another process holds the DuckDB
    file, or the PostgreSQL server does not answer. ``str()`` is a Vietnamese message
    saying what to do."""

    exit_code = 75
    """EX_TEMPFAIL: try again later."""


class ConstraintViolation(Exception):
    """A write broke a key or a check of the schema (the same on both backends)."""


class Session(Protocol):
    """One backend cursor: what a read or a write transaction runs its statements on."""

    def rows(self, statement: str, params: dict[str, Any] | None) -> list[tuple]: ...
    def frame(self, statement: str, params: dict[str, Any] | None) -> pd.DataFrame: ...
    def arrow(self, statement: str, params: dict[str, Any] | None) -> pa.Table: ...
    def script(self, statement: str) -> None: ...
    def insert_arrow(self, table: str, data: pa.Table) -> None: ...
    def keep_blobs(self, blobs: list[tuple[str, bytes]]) -> None: ...


class Backend(Protocol):
    """A database the Store runs on (:mod:`store.duckdb_file`, :mod:`.postgres`)."""

    dialect: str
    path: Path | None  # the DuckDB file; None for a server

    def reading(self) -> Any: ...  # context manager -> Session
    def transaction(self) -> Any: ...  # context manager -> Session, committed on exit

    @property
    def blob_dir(self) -> Path | None: ...  # where kept files are files; None: they are rows

    def read_blob(self, sha256: str) -> bytes | None: ...
    def copy_file(self, target: Path) -> None: ...
    def close(self) -> None: ...
