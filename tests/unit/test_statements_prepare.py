"""Every named statement compiles against a freshly migrated database on both backends.

DuckDB prepares each one (``PREPARE s AS …``: parsed and bound against the schema, its
``$name`` parameters left open). PostgreSQL plans each one without running it
(``EXPLAIN …``) with every parameter bound as NULL, the way the store binds values
client-side (:func:`store.postgres.translate`); a server-side ``PREPARE`` would instead
have to guess one type per parameter for its every use (``$as_of IS NULL`` beside
``due_on <= $as_of``), which the store never asks of it. A NULL has no type where nothing
around it gives one (``least($period_at, $as_of)``, ``$offset + $limit``): those few
parameters are bound to a value of their type (:data:`TYPED`). On PostgreSQL a
statement's own file (``NAME.postgresql.sql``) is compiled where it has one, the shared file
otherwise.

Some statements cannot be prepared or planned, so they are run instead, on the same
fresh database: the scripts of :data:`RUN` and the three steps of
:func:`store.reports.supersede`, in order, in one transaction that is rolled back.
Statements formatted with ``{table}`` are compiled with a real table's quoted name.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb
import psycopg
import pytest

from store.database import Store
from store.postgres import translate
from store.statements import names as _names
from store.statements import sql

RUN = ("store_bootstrap", "after_bulk_load", "connection_setup", "sequences_past_ids")
"""Scripts (CREATE, ANALYZE, SET, DO) that neither backend prepares or plans: run."""
SUPERSEDE = (
    "report_rows_supersede_prepare",
    "report_rows_supersede_apply",
    "report_rows_supersede_done",
)
"""A temporary table made by the first, read by the second, dropped by the third: run."""
TABLE = '"report_row"'
"""What ``{table}`` becomes (store.tables and store.transfer pass a quoted name)."""
TYPED = {"as_of": date(2025, 6, 30), "period_at": date(2025, 6, 30), "offset": 0, "limit": 40}
"""Parameters bound to a value rather than NULL on PostgreSQL, as the store binds them."""
_PARAMETER = re.compile(r"%\((\w+)\)s")


def _duckdb_compile(con: duckdb.DuckDBPyConnection, text: str) -> None:
    con.execute(f"PREPARE s AS {text}")
    con.execute("DEALLOCATE s")


def _postgresql_compile(cursor: psycopg.ClientCursor, text: str) -> None:
    translated = translate(text)
    values = {name: TYPED.get(name) for name in _PARAMETER.findall(translated)}
    cursor.execute(cursor.mogrify("EXPLAIN " + translated, values).encode())


def _run_scripts(dialect: str, run, names: list[str]) -> dict[str, str]:
    failed = {}
    for name in RUN:
        if name in names:
            try:
                run(sql(name, dialect), None)
            except Exception as exc:  # noqa: BLE001 - every failure is reported by name
                failed[name] = str(exc).splitlines()[0]
    run("BEGIN", None)
    for name in SUPERSEDE:
        try:
            run(sql(name, dialect), {"report_ids": [1, 2]} if name == SUPERSEDE[0] else None)
        except Exception as exc:  # noqa: BLE001
            failed[name] = str(exc).splitlines()[0]
            break
    run("ROLLBACK", None)
    return failed


@pytest.mark.parametrize("backend", ["duckdb", "postgresql"], indirect=True)
def test_every_named_statement_compiles_on_a_fresh_database(backend, db_target):
    Store(db_target).close()  # migrated to the newest schema
    names = _names(backend)
    compiled, failed = [], {}
    if backend == "duckdb":
        con = duckdb.connect(db_target)
        compile_one = lambda text: _duckdb_compile(con, text)  # noqa: E731
        run = lambda text, params: con.execute(text, params)  # noqa: E731
    else:
        con = psycopg.connect(db_target, autocommit=True, cursor_factory=psycopg.ClientCursor)
        cursor = con.cursor()
        compile_one = lambda text: _postgresql_compile(cursor, text)  # noqa: E731
        run = lambda text, params: cursor.execute(  # noqa: E731
            cursor.mogrify(translate(text), params).encode() if params else text.encode()
        )
    try:
        for name in names:
            if name in RUN or name in SUPERSEDE:
                continue
            try:
                compile_one(sql(name, backend).replace("{table}", TABLE))
                compiled.append(name)
            except Exception as exc:  # noqa: BLE001
                failed[name] = str(exc).splitlines()[0]
        failed |= _run_scripts(backend, run, names)
    finally:
        con.close()
    assert failed == {}
    assert len(compiled) > 100  # the folder was read
