"""The named statements and migrations, per backend dialect: ``sql/NAME.sql`` shared,
``sql/postgresql/NAME.sql`` beside it where PostgreSQL's dialect differs; migrations in
``migrations/`` (DuckDB) and ``migrations/postgresql/`` (the same version numbers)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_SQL = resources.files("store") / "sql"
_MIGRATIONS = resources.files("store") / "migrations"

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
def sql(name: str, dialect: str = "duckdb") -> str:
    """Text of the named statement: ``sql/<dialect>/<name>.sql`` when that override exists,
    else ``sql/<name>.sql``; raises FileNotFoundError if unknown and PermissionError for one
    that changes an append-only table."""
    if dialect != "duckdb":
        override = _SQL / dialect / f"{name}.sql"
        if override.is_file():
            return check_append_only(name, override.read_text(encoding="utf-8"))
    return check_append_only(name, (_SQL / f"{name}.sql").read_text(encoding="utf-8"))


def migrations(dialect: str = "duckdb") -> list[tuple[int, str, str]]:
    """``(version, name, text)`` of every migration of the backend, in order: the shared
    files of ``migrations/``, each replaced by the dialect's file of the same version where
    there is one, plus the dialect's own versions."""
    found: dict[int, tuple[int, str, str]] = {}
    folders = [_MIGRATIONS] if dialect == "duckdb" else [_MIGRATIONS, _MIGRATIONS / dialect]
    for folder in folders:
        for entry in folder.iterdir():
            if entry.name.endswith(".sql"):
                version = int(entry.name.split("_", 1)[0])
                found[version] = (version, entry.name, entry.read_text(encoding="utf-8"))
    return sorted(found.values())
