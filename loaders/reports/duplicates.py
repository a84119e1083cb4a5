"""Rows that report a task of a unit for a period a file already reported: an error on
every such row after the first, naming the first one's row.

One sort of the matched rows' keys in numpy, after the resolve statement
(``ingest_resolve.sql``) has matched tasks, units and periods (cheaper than a window
partitioned by those keys in the statement). "First" is in sheet then row order within a
file; files of one batch never duplicate each other here (that is the store's
supersession).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from loaders.reports.messages import ERRORS

DUPLICATE_BIT = 1 << ERRORS.index("duplicate")


def _numbers(column: pa.ChunkedArray | pa.Array, rows: np.ndarray) -> np.ndarray:
    return pc.take(column, pa.array(rows)).to_numpy(zero_copy_only=False)


def mark_duplicates(resolved: pa.Table) -> pa.Table:
    """`resolved` (one row per staged row, with skip, task_id, unit_id, period, file_no,
    sheet_no, row_no and error_bits) with the duplicate bit set in ``error_bits`` and a
    ``dup_first_row`` column: for every row not skipped with a task, a unit and a period, the row
    number of the first row of its file with the same three (its own when it is the
    first); null for the others."""
    n = resolved.num_rows
    keyed = pc.and_(
        pc.and_(pc.invert(pc.fill_null(resolved["skip"], True)), pc.is_valid(resolved["task_id"])),
        pc.and_(pc.is_valid(resolved["unit_id"]), pc.is_valid(resolved["period"])),
    )
    rows = np.flatnonzero(keyed.to_numpy(zero_copy_only=False))
    row_type = resolved.schema.field("row_no").type
    if len(rows) == 0:
        return resolved.append_column("dup_first_row", pa.nulls(n, row_type))
    periods = pc.take(resolved["period"], pa.array(rows)).combine_chunks()
    keys = [
        _numbers(resolved["file_no"], rows),
        _numbers(resolved["task_id"], rows),
        _numbers(resolved["unit_id"], rows),
        pc.dictionary_encode(periods).indices.to_numpy(zero_copy_only=False),
    ]
    row_no = _numbers(resolved["row_no"], rows)
    # np.lexsort sorts by its last key first: file, task, unit, period, then sheet and row
    order = np.lexsort((row_no, _numbers(resolved["sheet_no"], rows), *reversed(keys)))
    first = np.zeros(len(rows), bool)
    first[0] = True
    for key in keys:
        ranked = key[order]
        first[1:] |= ranked[1:] != ranked[:-1]
    starts = np.maximum.accumulate(np.where(first, np.arange(len(rows)), 0))
    first_row = np.zeros(n, row_no.dtype)
    first_row[rows[order]] = row_no[order][starts]
    mask = np.ones(n, bool)
    mask[rows] = False
    bits = resolved["error_bits"].to_numpy().copy()
    bits[rows[order][~first]] |= DUPLICATE_BIT
    at = resolved.schema.get_field_index("error_bits")
    return resolved.set_column(
        at, "error_bits", pa.array(bits, resolved.schema.field("error_bits").type)
    ).append_column("dup_first_row", pa.array(first_row, row_type, mask=mask))
