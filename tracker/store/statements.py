"""The named statements and migrations, per backend dialect: ``sql/NAME.sql`` shared,
``sql/postgresql/NAME.sql`` beside it where PostgreSQL's dialect differs; migrations in
``migrations/`` (DuckDB) and ``migrations/postgresql/`` (the same version numbers)."""

from __future__ import annotations

from functools import cache
from importlib import resources

_SQL = resources.files("tracker.store") / "sql"
_MIGRATIONS = resources.files("tracker.store") / "migrations"
DIALECTS = ("duckdb", "postgresql")


@cache
def sql(name: str, dialect: str = "duckdb") -> str:
    """Text of the named statement: ``sql/<dialect>/<name>.sql`` when that override exists,
    else ``sql/<name>.sql``; raises FileNotFoundError if unknown."""
    if dialect != "duckdb":
        override = _SQL / dialect / f"{name}.sql"
        if override.is_file():
            return override.read_text(encoding="utf-8")
    return (_SQL / f"{name}.sql").read_text(encoding="utf-8")


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
