"""Type, clean and match a whole batch of staged rows at once, in DuckDB.

Measured: reading with fastexcel is fast; what made a Python sketch slow (3.6-4.1x instead of
6-8x over pandas+openpyxl) was per-cell Python work. So the per-cell work is SQL over Arrow
(``tracker/store/sql/ingest_*.sql``): NFC and space cleaning, folded keys, the status
vocabulary, date parsing (ISO cells, Excel serials in either date system, d/m/yyyy,
dd-mm-yyyy, dd.mm.yyyy, d/m with the plan's year), unit and task joins on folded keys,
periods, assignments and duplicates. Python only looks at the few distinct titles that
match nothing exactly (close matches) and at rows that have a problem (messages).

Runs on a private in-memory DuckDB connection per thread: no database file is touched.
"""

from __future__ import annotations

import difflib
import threading
from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from loaders import periods
from loaders.catalog import Catalog
from loaders.messages import row_problems
from loaders.problems import Problem
from loaders.vocabulary import vocabulary_table
from tracker.store.database import sql

FUZZY_MIN_RATIO = 0.88
FUZZY_MARGIN = 0.04
_EXCEL_1900 = date(1899, 12, 30)
_EXCEL_1904 = date(1904, 1, 1)
_local = threading.local()


def connection() -> duckdb.DuckDBPyConnection:
    """This thread's in-memory connection, with the ingestion macros defined."""
    con = getattr(_local, "con", None)
    if con is None:
        con = duckdb.connect(":memory:")
        con.execute(sql("ingest_macros")).fetchall()
        _local.con = con
    return con


@dataclass
class SheetRef:
    """What messages need to know about a staged sheet."""

    file_no: int
    file: str
    sheet: str
    kind: str
    letters: dict[str, str]
    unit_source: str | None
    unit_at: tuple[int, str] | None


@dataclass
class FileInput:
    file_no: int
    reported_on: date
    date1904: bool


def resolve(
    staged: pa.Table, sheets: list[SheetRef], files: list[FileInput], catalog: Catalog
) -> tuple[pa.Table, dict[int, list[Problem]]]:
    """Match every staged row. Returns the resolved rows (one per staged row, `skip` marks
    rows that report nothing) and the problems found, by file number."""
    con = connection()
    files_table = pa.table({
        "file_no": pa.array([f.file_no for f in files], pa.int32()),
        "reported_on": pa.array([f.reported_on for f in files], pa.date32()),
        "serial_base": pa.array([_EXCEL_1904 if f.date1904 else _EXCEL_1900 for f in files],
                                pa.date32()),
        "plan_year": pa.array([catalog.plan_year] * len(files), pa.int32()),
    })
    inputs = {
        "staged": staged, "files": files_table, "unit_keys": catalog.unit_keys(),
        "task_keys": catalog.task_keys(), "tasks": catalog.task_table(),
        "units": catalog.unit_table(), "obligations": catalog.obligation_table(),
        "vocab": vocabulary_table(),
    }
    for name, table in inputs.items():
        con.register(name, table)
    try:
        con.execute(sql("ingest_keyed")).fetchall()
        fuzzy = _fuzzy_matches(con.execute(sql("ingest_unmatched_titles")).fetchall(), catalog)
        con.register("fuzzy", fuzzy)
        period_texts = [r[0] for r in con.execute(sql("ingest_period_texts")).fetchall()]
        codes = [periods.parse(t) for t in period_texts]
        con.register("period_map", pa.table({
            "period_c": pa.array(period_texts, pa.string()), "code": pa.array(codes, pa.string()),
        }))
        resolved = con.sql(sql("ingest_resolve")).to_arrow_table()
    finally:
        for name in (*inputs, "fuzzy", "period_map"):
            try:
                con.unregister(name)
            except Exception:  # noqa: BLE001 - it may not have been registered
                pass
        con.execute("DROP TABLE IF EXISTS keyed").fetchall()
    return resolved, _problems(resolved, sheets, catalog)


def _fuzzy_matches(unmatched: list[tuple[str, str]], catalog: Catalog) -> pa.Table:
    """Close title matches: the best task must be clearly better than the second, else the
    row stays unmatched (an error, never a guess)."""
    from loaders.catalog import title_key

    titles = [(t.task_id, title_key(t.title)) for t in catalog.tasks]
    keys, ids = [], []
    for key, _ in unmatched:
        scored = sorted(
            ((difflib.SequenceMatcher(None, key, tk, autojunk=False).ratio(), task_id)
             for task_id, tk in titles if tk),
            reverse=True,
        )
        if not scored or scored[0][0] < FUZZY_MIN_RATIO:
            continue
        if len(scored) > 1 and scored[0][0] - scored[1][0] < FUZZY_MARGIN:
            keys.append(key)
            ids.append([scored[0][1], scored[1][1]])  # ambiguous: reported as such
            continue
        keys.append(key)
        ids.append([scored[0][1]])
    return pa.table({"title_k": pa.array(keys, pa.string()),
                     "ids": pa.array(ids, pa.list_(pa.int32()))})


def _problems(
    resolved: pa.Table, sheets: list[SheetRef], catalog: Catalog
) -> dict[int, list[Problem]]:
    if resolved.num_rows == 0:
        return {}
    flagged = pc.or_(pc.greater(pc.list_value_length(resolved["errors"]), 0),
                     pc.greater(pc.list_value_length(resolved["warnings"]), 0))
    found: dict[int, list[Problem]] = {}
    for row in resolved.filter(flagged).to_pylist():
        ref = sheets[row["sheet_no"]]
        found.setdefault(ref.file_no, []).extend(row_problems(row, ref, catalog))
    return found
