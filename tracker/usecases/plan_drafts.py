"""A plan before it is saved: a document or pasted text read into a draft, the draft's own
fields and task rows for the editor, and the editor's rows checked as they are typed.

Nothing here writes (saving is :func:`tracker.usecases.plans.save_rows`), so no role is
checked; the page that calls these is open to those who may register plans.
"""

from __future__ import annotations

from datetime import date

from domain.model import PlanFields
from domain.problems import Problem, file_problem
from domain.settings import MAX_UPLOAD_MB
from loaders.plans.document import SUPPORTED, PlanDraft, parse_plan_text, read_plan_document
from loaders.plans.files import Progress
from loaders.plans.rows import CheckedRow, Registry, check_rows, fields_from_draft, rows_from_draft
from store.database import Store
from tracker.usecases.plans import guess_province

DOCUMENT_TYPES = tuple(suffix.lstrip(".") for suffix in SUPPORTED)
"""What a plan document may be, as an uploader lists it: docx, doc, pdf, scans, text."""
PASTED = "văn bản dán"


def read_document(data: bytes, name: str, progress: Progress | None = None) -> PlanDraft:
    """A plan document's bytes read into a draft (`progress` hears of OCR pages). A file over
    the upload limit is refused whole, before any reader sees it."""
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        refused = file_problem(name, f"Tệp lớn hơn {MAX_UPLOAD_MB} MB: hãy tách hoặc nén bớt.")
        return PlanDraft(problems=[refused], source_name=name)
    return read_plan_document(data, name, progress=progress)


def read_pasted(text: str) -> PlanDraft:
    """Text pasted into the page, read as a plan document."""
    return parse_plan_text(text, PASTED)


def new_plan(province: str) -> PlanFields:
    """Empty fields for a plan typed from scratch, in `province`."""
    return PlanFields("", "", None, "", province)


def draft_fields(store: Store, draft: PlanDraft, provinces: list[str]) -> PlanFields:
    """The draft's own fields, its province guessed from its place or its units' names (the
    first of `provinces` when that is a tie or nothing matches)."""
    guessed = guess_province(store, draft.plan.place, [u.name for u in draft.units])
    return fields_from_draft(draft, guessed or (provinces[0] if provinces else ""))


def draft_rows(draft: PlanDraft) -> list[dict]:
    """The draft's tasks as editor rows, unit names as the document writes them."""
    return rows_from_draft(draft)


def check_editor_rows(
    rows: list[dict], registry: Registry, issued_on: date | None
) -> tuple[list[CheckedRow], list[Problem]]:
    """The editor's rows checked as a save will check them (deadlines read against the
    plan's date, or today's while it has none). No problem is reported for a table with no
    task yet: the user has not started."""
    checked, problems = check_rows(rows, registry, issued_on or date.today(), plan_date=issued_on)
    return checked, problems if checked else []
