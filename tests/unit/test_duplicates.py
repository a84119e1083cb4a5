"""Duplicate rows of a batch (loaders.reports.duplicates) against DuckDB's window over the
same rows: the rule the resolve statement used to apply itself."""

from __future__ import annotations

import random

import duckdb
import pyarrow as pa

from loaders.reports.duplicates import DUPLICATE_BIT, mark_duplicates


def _rows(seed: int, n: int) -> pa.Table:
    """Rows with few distinct keys (many duplicates), nulls, skipped rows, other error bits,
    and rows not in sheet and row order."""
    rng = random.Random(seed)

    def maybe(value):
        return None if rng.random() < 0.1 else value

    rows = [
        {
            "skip": rng.random() < 0.1,
            "task_id": maybe(rng.randrange(4)),
            "unit_id": maybe(rng.randrange(3)),
            "period": maybe(rng.choice(["", "2019-Q3", "2019-Q4"])),
            "file_no": rng.randrange(3),
            "sheet_no": rng.randrange(2),
            "row_no": rng.randrange(6, 400),
            "error_bits": rng.choice([0, 0, 1, 16384]),
        }
        for _ in range(n)
    ]
    return pa.Table.from_pylist(
        rows,
        pa.schema(
            [
                ("skip", pa.bool_()),
                ("task_id", pa.int32()),
                ("unit_id", pa.int32()),
                ("period", pa.string()),
                ("file_no", pa.int32()),
                ("sheet_no", pa.int32()),
                ("row_no", pa.int32()),
                ("error_bits", pa.int32()),
            ]
        ),
    )


def _by_window(rows: pa.Table) -> tuple[list, list]:
    con = duckdb.connect()
    con.register("rows_in", rows.append_column("pos", pa.array(range(rows.num_rows))))
    keyed = "NOT skip AND task_id IS NOT NULL AND unit_id IS NOT NULL AND period IS NOT NULL"
    # ties on (sheet, row) are broken by position; the generator keeps them rare
    found = con.sql(
        f"""SELECT error_bits | CASE WHEN {keyed} AND row_number() OVER w > 1
                    THEN {DUPLICATE_BIT} ELSE 0 END,
                   CASE WHEN {keyed} THEN first_value(row_no) OVER w END
            FROM rows_in
            WINDOW w AS (PARTITION BY file_no, task_id, unit_id, period, skip
                         ORDER BY sheet_no, row_no, pos)
            ORDER BY pos"""
    ).fetchall()
    return [f[0] for f in found], [f[1] for f in found]


def test_the_same_task_unit_and_period_twice_in_a_file_is_marked_after_its_first_row():
    for seed in range(5):
        rows = _rows(seed, 600)
        marked = mark_duplicates(rows)
        bits, first = _by_window(rows)
        assert marked["error_bits"].to_pylist() == bits
        assert marked["dup_first_row"].to_pylist() == first
        assert any(b & DUPLICATE_BIT for b in bits)


def test_rows_without_a_full_key_are_never_duplicates():
    rows = _rows(7, 50)
    none = rows.set_column(1, "task_id", pa.nulls(50, pa.int32()))
    marked = mark_duplicates(none)
    assert marked["error_bits"] == none["error_bits"]
    assert marked["dup_first_row"].null_count == 50
