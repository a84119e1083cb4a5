"""Every named statement the code calls exists, and every statement file is called.

Names are read from the code, not run: a literal first argument of the store's reads and
writes (``store.frame("status_counts", …)``, ``sql("migration_lock", …)``), and any string
constant equal to a statement's name (the store also loops over tuples of names). A file
nobody names is dead; a name without a file fails only when it runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "store" / "sql"
CALLS = {"frame", "arrow", "rows", "scalar", "run", "run_many", "sql", "statement"}
CODE = ("tracker", "store", "domain", "loaders", "ui", "bench")


def _constants_and_calls() -> tuple[set[str], set[str]]:
    constants: set[str] = set()
    called: set[str] = set()
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    constants.add(node.value)
                if isinstance(node, ast.Call) and node.args:
                    func = node.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    first = node.args[0]
                    if (
                        name in CALLS
                        and isinstance(first, ast.Constant)
                        and isinstance(first.value, str)
                        and first.value.isidentifier()
                    ):
                        called.add(first.value)
    return constants, called


def _statement_names() -> tuple[set[str], set[str]]:
    shared = {p.stem for p in SQL.glob("*.sql")}
    postgresql_only = {p.stem for p in (SQL / "postgresql").glob("*.sql")} - shared
    return shared, postgresql_only


def test_every_statement_the_code_calls_has_its_file():
    shared, postgresql_only = _statement_names()
    _constants, called = _constants_and_calls()
    assert "status_counts" in called  # the walk sees the real calls
    assert sorted(called - shared - postgresql_only) == []


def test_every_statement_file_is_named_by_the_code():
    shared, postgresql_only = _statement_names()
    constants, _called = _constants_and_calls()
    assert sorted((shared | postgresql_only) - constants) == []


def test_every_postgresql_file_says_why_it_is_postgresqls_own():
    """Its opening comment names PostgreSQL and what differs (or that DuckDB has no such
    statement): a copy that says nothing is a copy nobody can tell to remove."""
    silent = []
    for path in sorted((SQL / "postgresql").glob("*.sql")):
        lines = path.read_text(encoding="utf-8").lstrip().splitlines()
        opening = " ".join(
            line
            for line in lines[
                : next((i for i, line in enumerate(lines) if not line.startswith("--")), len(lines))
            ]
        )
        if "PostgreSQL" not in opening:
            silent.append(path.name)
    assert silent == []
