"""The named statements and migrations, per backend dialect.

A statement is ``sql/<folder>/NAME.sql``, one text for both backends, with
``NAME.postgresql.sql`` beside it where PostgreSQL's text must differ (or PostgreSQL alone
has the statement). The folder is the module that runs it, its path without ``store/``
(``sql/accounts/`` for store/accounts.py, ``sql/tracker/views/heatmap/`` for
tracker/views/heatmap.py), ``sql/shared/`` for a statement several modules run. Callers
name a statement, never its folder: names are unique over the whole tree, and a second file
of the same name is refused when the index is built. Migrations are ``migrations/``
(shared) and ``migrations/postgresql/`` (the same version numbers, PostgreSQL's own).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

_SQL = resources.files("store") / "sql"
SHARED = "shared"
"""The dialect key of a statement's shared text in :func:`files`."""
_MIGRATIONS = resources.files("store") / "migrations"
DIALECTS = ("duckdb", "postgresql")
"""The dialects a ``NAME.<dialect>.sql`` file may be written for."""

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
            raise PermissionError(f"statement {name} changes {table}, which is append-only")
    return text


@cache
def files() -> dict[str, dict[str, Traversable]]:
    """Every named statement's files by name: ``{name: {"shared" | dialect: file}}``; raises
    ValueError for a name that two files of one dialect share, wherever they sit."""
    return index(_SQL)


def index(root: Traversable) -> dict[str, dict[str, Traversable]]:
    """:func:`files` of the statement tree under `root`."""
    found: dict[str, dict[str, Traversable]] = {}
    clashes: list[str] = []

    def walk(folder: Traversable, where: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                walk(entry, f"{where}{entry.name}/")
            elif entry.name.endswith(".sql"):
                stem = entry.name.removesuffix(".sql")
                name, _, dialect = stem.partition(".")
                kinds = found.setdefault(name, {})
                key = dialect or SHARED
                if key in kinds or (dialect and dialect not in DIALECTS):
                    clashes.append(f"sql/{where}{entry.name}")
                kinds[key] = entry

    walk(root, "")
    if clashes:
        raise ValueError(f"statement files named twice or for no backend: {clashes}")
    return found


def names(dialect: str = "duckdb") -> list[str]:
    """Every statement the backend `dialect` can run, sorted."""
    return sorted(n for n, kinds in files().items() if SHARED in kinds or dialect in kinds)


@cache
def sql(name: str, dialect: str = "duckdb") -> str:
    """Text of the named statement: its ``<name>.<dialect>.sql`` where that file exists, else
    its shared ``<name>.sql``; raises FileNotFoundError if the backend has no such statement
    and PermissionError for one that changes an append-only table."""
    kinds = files().get(name, {})
    found = kinds.get(dialect) or kinds.get(SHARED)
    if found is None:
        raise FileNotFoundError(f"no statement {name!r} for {dialect} under store/sql")
    return check_append_only(name, found.read_text(encoding="utf-8"))


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
