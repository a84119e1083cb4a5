"""Cells corrected in the upload preview: a refused file read again with them.

The upload page shows the rows of a refused file that have a located problem in an
editable grid; what the person types there comes here as
:class:`~loaders.reports.corrections.Correction` and the file is validated again by the
same readers (:func:`loaders.reports.pipeline.prepare`), whole. Nothing is written here:
the corrected file is written with the batch (:func:`tracker.usecases.ingest.commit_prepared`),
its original bytes kept as sent, each corrected cell stored beside the report's rows
(``report_correction``) and listed in the upload's audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from domain.access import Action, Actor, require
from loaders.reports.corrections import Correction
from loaders.reports.pipeline import prepare
from store.database import Store
from store.reports import known_hashes, report_corrections
from tracker.usecases.ingest import Preparation, plan_codes

__all__ = ["Correction", "correct_file", "corrections_of_plan", "problem_cells"]


def problem_cells(preparation: Preparation, index: int) -> list[dict]:
    """The cells of file `index` that carry a located error (sheet, row and column
    letter), one entry per cell: what the grid offers to correct. Corrections already made
    to the file come first, with the text they put there."""
    prepared = preparation.files[index]
    cells: dict[tuple[str, int, str], dict] = {}
    for fix in prepared.corrections:
        cells[(fix.sheet, fix.row, fix.column)] = {
            "sheet": fix.sheet,
            "row": fix.row,
            "column": fix.column,
            "value": fix.after,
            "message": "Đã sửa (trong tệp: " + (fix.before or "ô trống") + ")",
        }
    for p in prepared.errors:
        if p.sheet is None or p.row is None or not p.column or not p.column.isalpha():
            continue
        key = (p.sheet, p.row, p.column)
        if key in cells:
            cells[key]["message"] = p.message
            continue
        cells[key] = {
            "sheet": p.sheet,
            "row": p.row,
            "column": p.column,
            "value": p.value or "",
            "message": p.message,
        }
    return list(cells.values())


def correct_file(
    store: Store,
    actor: Actor,
    preparation: Preparation,
    index: int,
    corrections: Sequence[Correction],
) -> Preparation:
    """`preparation` with file `index` validated again, its cells read as `corrections`
    say (with the corrections made before, unless a new one names the same cell). Nothing is
    written. Raises Forbidden unless `actor` may upload the file: a unit account only a
    file of its own unit, before and after the correction."""
    require(actor, Action.UPLOAD)
    old = preparation.files[index]
    for unit_id in old.unit_ids:
        require(actor, Action.UPLOAD, unit_id)
    wanted = {(c.sheet, c.row, c.column): c for c in old.corrections}
    wanted |= {(c.sheet, c.row, c.column): replace(c, before=None) for c in corrections}
    again = prepare(
        [(old.file, old.data)],
        preparation.catalog,
        preparation.unit,
        preparation.reported_on,
        known=known_hashes(store, preparation.catalog.plan_id),
        plan_codes=plan_codes(store),
        corrections={0: [replace(c, before=None) for c in wanted.values()]},
    )[0]
    for unit_id in again.unit_ids:
        require(actor, Action.UPLOAD, unit_id)
    files = list(preparation.files)
    files[index] = again
    return replace(preparation, files=files)


def corrections_of_plan(store: Store, plan_code: str) -> pd.DataFrame:
    """Every cell corrected in the upload preview of the plan's reports."""
    return report_corrections(store, plan_code)
