"""The plan page's use case before a save: a document read into a draft (refused whole when
too large), its fields with the province guessed, its rows checked as the editor checks them;
and the units page's table read into unit rows."""

from __future__ import annotations

import math
from pathlib import Path

from domain.settings import MAX_UPLOAD_MB
from tracker.usecases import plan_drafts, units

ROOT = Path(__file__).resolve().parents[2]
LANG_SON = ROOT / "data" / "samples" / "ke-hoach-84-KH-BTGTU-lang-son.txt"


def test_a_document_over_the_upload_limit_is_refused_before_any_reader_sees_it():
    draft = plan_drafts.read_document(b"%PDF-1.4\n" + bytes(MAX_UPLOAD_MB * 1024 * 1024), "kh.pdf")
    assert not draft.is_plan and draft.tasks == []
    [refused] = draft.errors
    assert refused.file == "kh.pdf" and f"{MAX_UPLOAD_MB} MB" in refused.message


def test_a_pasted_plan_gets_its_province_from_its_text_not_the_first_in_the_list(demo_store):
    draft = plan_drafts.read_pasted(LANG_SON.read_text(encoding="utf-8"))
    assert draft.is_plan and draft.source_name == plan_drafts.PASTED
    fields = plan_drafts.draft_fields(demo_store, draft, ["Hải Dương", "Lạng Sơn"])
    assert (fields.code, fields.province) == ("84-KH/BTGTU", "Lạng Sơn")
    registry = units.load_registry(demo_store, fields.province)
    rows = plan_drafts.draft_rows(draft)
    checked, problems = plan_drafts.check_editor_rows(rows, registry, fields.issued_on)
    assert len(checked) == len(rows) == 6
    assert [p for p in problems if p.is_error] == []


def test_an_editor_with_no_task_yet_reports_nothing():
    assert plan_drafts.check_editor_rows([{"code": "", "title": ""}], units.Registry([]), None) == (
        [],
        [],
    )


def test_the_units_table_is_read_into_rows_blank_rows_skipped_spellings_split():
    rows = units.rows_from_editor(
        [
            {"unit_id": 7.0, "name": " Sở Ngoại vụ ", "aliases": "SNgV; Sở NV\nNgoại vụ"},
            {"unit_id": math.nan, "name": None, "short_name": "", "aliases": math.nan},
            {"unit_id": None, "name": "Bảo tàng tỉnh", "group": "Sở, ban, ngành", "level": None},
        ]
    )
    first, new = rows
    assert (first.unit_id, first.name, first.row) == (7, "Sở Ngoại vụ", 1)
    assert first.aliases == ("SNgV", "Sở NV", "Ngoại vụ")
    assert (new.unit_id, new.row, new.level, new.group) == (None, 3, "Cấp tỉnh", "Sở, ban, ngành")
