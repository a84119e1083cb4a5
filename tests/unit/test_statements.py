"""Every named statement the code calls exists, every statement file is called, and each
file sits in the folder of the module that runs it.

Names are read from the code, not run: a literal first argument of the store's reads and
writes (``store.frame("status_counts", …)``, ``sql("migration_lock", …)``), and any string
constant equal to a statement's name (the store also loops over tuples of names). A file
nobody names is dead; a name without a file fails only when it runs.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from store.statements import SHARED, files, index

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "store" / "sql"
CALLS = {"frame", "arrow", "rows", "scalar", "run", "run_many", "sql", "statement"}
CODE = ("tracker", "store", "domain", "loaders", "ui", "bench")


@cache
def _constants_and_calls() -> tuple[dict[str, set[str]], set[str]]:
    """(the modules naming each string constant, the names passed to a store call)."""
    constants: dict[str, set[str]] = defaultdict(set)
    called: set[str] = set()
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            module = path.relative_to(ROOT).with_suffix("").as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    constants[node.value].add(module)
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


def _postgresql_files() -> list[Path]:
    return sorted(SQL.rglob("*.postgresql.sql"))


def test_every_statement_the_code_calls_has_its_file():
    _constants, called = _constants_and_calls()
    assert "status_counts" in called  # the walk sees the real calls
    assert sorted(called - set(files())) == []


def test_every_statement_file_is_named_by_the_code():
    constants, _called = _constants_and_calls()
    assert len(files()) > 100  # the tree was read
    assert sorted(set(files()) - set(constants)) == []


def test_each_statement_sits_in_the_folder_of_the_module_that_runs_it():
    """``sql/<caller's path without store/>/``, or ``sql/shared/`` when several modules
    name it: the folder tells a reader which code to open."""
    constants, _called = _constants_and_calls()
    misplaced = {}
    for path in sorted(SQL.rglob("*.sql")):
        name = path.name.split(".", 1)[0]
        callers = constants.get(name, set())
        folder = path.parent.relative_to(SQL).as_posix()
        expected = next(iter(callers)).removeprefix("store/") if len(callers) == 1 else SHARED
        if folder != expected:
            misplaced[path.relative_to(SQL).as_posix()] = f"sql/{expected}/"
    assert misplaced == {}


def test_a_name_given_to_two_files_is_refused_wherever_they_sit(tmp_path):
    for folder in ("plans", "shared"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan_tasks.sql").write_text("SELECT 1;\n")
    with pytest.raises(ValueError, match="plan_tasks.sql"):
        index(tmp_path)
    (tmp_path / "shared" / "plan_tasks.sql").unlink()
    (tmp_path / "shared" / "plan_tasks.postgresql.sql").write_text("SELECT 2;\n")
    assert set(index(tmp_path)["plan_tasks"]) == {SHARED, "postgresql"}


def test_every_postgresql_file_says_why_it_is_postgresqls_own():
    """Its opening comment names PostgreSQL and what differs (or that DuckDB has no such
    statement): a copy that says nothing is a copy nobody can tell to remove."""
    assert _postgresql_files()
    silent = []
    for path in _postgresql_files():
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
