"""The report template units fill in, and the status words it explains.

Pages and the command line get the workbook from here, so neither reaches into the parsers.
"""

from __future__ import annotations

import re

from domain.errors import NotFound
from domain.text import fold
from loaders.reports.vocabulary import PROGRESS_LABELS, STATUS_WORDS
from loaders.templates.report import Answer, build_template
from store.database import Store
from store.reports import latest_answers
from tracker.usecases.ingest import load_catalog


def report_template(store: Store, plan_code: str, unit_id: int | None = None) -> bytes:
    """The .xlsx form of the plan for one unit, pre-filled with the unit's newest counted
    answer per obligation, or the blank form for every unit (with a unit column).
    Raises NotFound for an unknown plan."""
    catalog = load_catalog(store, plan_code)
    if catalog is None:
        raise NotFound("plan", plan_code)
    answers: dict[tuple[int, str], Answer] = {}
    if unit_id is not None:
        for task_id, period, progress, completed_on, result_text, note in latest_answers(
            store, catalog.plan_id, unit_id
        ):
            answers.setdefault((task_id, period), Answer(progress, completed_on, result_text, note))
    return build_template(catalog, unit_id, answers)


def template_file_name(plan_code: str, unit_name: str | None = None) -> str:
    """``mau_bao_cao_84-KH-BTGTU_so-ngoai-vu.xlsx``: each unit's form under its own name, in
    ASCII so every mail client and old Windows keeps it."""
    name = f"mau_bao_cao_{plan_code.replace('/', '-')}"
    if unit_name:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(unit_name)).strip("-")
        name += f"_{slug}"
    return name + ".xlsx"


def progress_label(progress: str | None) -> str:
    """The Vietnamese name of a progress code read from a report ("done" -> "Đã hoàn thành")."""
    return PROGRESS_LABELS.get(progress or "", "")


def status_words() -> list[tuple[str, str, str]]:
    """(how people write it, what it is read as, "bắt đầu bằng" or "đúng như vậy")."""
    return [
        (word, PROGRESS_LABELS[progress], "bắt đầu bằng" if kind == "prefix" else "đúng như vậy")
        for word, progress, kind in STATUS_WORDS
    ]
