"""Streamlit's built-in widget texts: turned off where Streamlit lets us, documented where not.

Streamlit 1.67 writes some texts into its front-end bundle with no option to change them
(the uploader's "Upload", "Drag and drop files here", "… per file"; the date field's
screen-reader hints). Those are checked here against the installed bundle, so that a
Streamlit upgrade which makes them configurable (the texts vanish from the bundle) fails
this test and points back at docs/staff-guide.md's note. The multiselect's English "Select all" is
switched off on every page (``select_all=False``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit
from app_pages import open_page

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"
HARD_CODED = {
    "FileUploader": ("`Upload`", "Drag and drop files here", "per file"),
    "DateInput": ("Use arrow keys to navigate dates",),
}


def _bundle(prefix: str) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in BUNDLE.glob(f"{prefix}*.js"))


@pytest.mark.parametrize("component", sorted(HARD_CODED))
def test_the_english_texts_the_readme_names_are_still_fixed_in_streamlits_bundle(component):
    code = _bundle(component)
    assert code, f"no {component} bundle in {BUNDLE}"
    for text in HARD_CODED[component]:
        assert text in code, f"{text!r} no longer fixed in {component}: see docs/staff-guide.md"


def test_the_staff_guide_says_which_texts_stay_english_and_how_that_was_checked():
    readme = (ROOT / "docs" / "staff-guide.md").read_text(encoding="utf-8")
    for text in ("Upload", "Drag and drop files here", "per file", "test_widget_strings.py"):
        assert text in readme


@pytest.mark.parametrize("page", ["pages/heatmap.py", "pages/reminders.py"])
def test_no_multiselect_offers_streamlits_english_select_all(demo_db, monkeypatch, page):
    at = open_page(demo_db, monkeypatch, page)
    assert not at.exception
    boxes = at.get("multiselect")
    assert boxes
    assert all(box.proto.select_all == 0 for box in boxes)  # 0: never shown
