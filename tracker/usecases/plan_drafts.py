"""What the plan and unit pages read with: the parser of plan documents and the editor's
row shapes, offered at the use-case layer so that pages never reach into ``loaders``
themselves (tests/unit/test_layers.py holds that)."""

from __future__ import annotations

from domain.names import unit_key
from loaders.plans.document import SUPPORTED as DOCUMENT_SUFFIXES
from loaders.plans.document import parse_plan_text, read_plan_document
from loaders.plans.rows import (
    TASK_COLUMNS,
    TASK_LABELS,
    PlanFields,
    Registry,
    check_rows,
    fields_from_draft,
    rows_from_draft,
    split_cell,
)

__all__ = [
    "DOCUMENT_SUFFIXES",
    "TASK_COLUMNS",
    "TASK_LABELS",
    "PlanFields",
    "Registry",
    "check_rows",
    "fields_from_draft",
    "parse_plan_text",
    "read_plan_document",
    "rows_from_draft",
    "split_cell",
    "unit_key",
]
