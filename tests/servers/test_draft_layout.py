"""The Word draft as an office will see it: rendered by LibreOffice, read page by page.

`soffice --headless --convert-to pdf` lays the .docx out as Word would (Liberation Serif
stands in for Times New Roman with the same metrics); `pdftotext -layout` gives each page's
text. Checked on the demo's Lạng Sơn plan: the body pages are portrait and the appendix
landscape; every word of a table header is whole on its line (no "ST/T", no "Đún/g"); the
page holding «Nơi nhận» and "- Lưu" holds the last body paragraph too (never the
recipients' tail alone); the prose uses office words (no "nghĩa vụ").
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from domain import labels
from domain.scope import Scope
from tracker.exports import draft, report

AS_OF = date(2019, 7, 26)
PLAN = "84-KH/BTGTU"


def _require(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is absent (make doc-deps installs it)")


@pytest.fixture
def pages(demo_store, tmp_path) -> list[str]:
    _require("soffice")
    _require("pdftotext")
    export = report.collect(demo_store, Scope(AS_OF, PLAN))
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(draft.report_draft(export))
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    pdf = tmp_path / "bao-cao.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        shapes = [(page.width, page.height) for page in document.pages]
    found = text.split("\f")[: len(shapes)]
    return [f"{'L' if w > h else 'P'}\n{body}" for (w, h), body in zip(shapes, found, strict=True)]


def _header_words() -> set[str]:
    heads = ["STT", "Đơn vị", "Nhiệm vụ", labels.header("total"), *draft.TABLE_HEADS.values(),
             *(labels.header(c) for c in labels.PERCENTS)]  # fmt: skip
    return {word for head in heads for word in head.split()}


def test_the_rendered_draft_keeps_words_whole_and_its_signature_with_the_body(pages):
    assert len(pages) >= 3
    body = [p for p in pages if "Phụ lục" not in p]
    appendix = [p for p in pages if "Phụ lục" in p or p.split("\n", 2)[1].strip().startswith("STT")]
    assert body and appendix
    assert all(p.startswith("P") for p in body)  # portrait A4 for the report
    assert all(p.startswith("L") for p in appendix)  # landscape for the wide tables
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in body[0] and "-BC/BTGTU" in body[0]

    allowed = _header_words()
    headers = 0
    for page in appendix:
        lines = page.splitlines()
        for start, line in enumerate(lines):
            if not line.strip().startswith("STT"):
                continue
            headers += 1
            for row in lines[start:]:
                if re.match(r"\s*(\d+\s{2,}|Tổng cộng)", row):
                    break  # the first data row: the header is over
                broken = [w for w in row.split() if w not in allowed]
                assert not broken, (row, broken)  # a word cut across lines reads as two
    assert headers >= 2  # both appendix tables, their repeated headers too

    [last] = [p for p in pages if "- Lưu" in p]
    assert "Nơi nhận:" in last and "T/M" in last
    assert "[Kiến nghị, đề xuất" in last  # the body's last paragraph came along

    text = "\n".join(pages)
    assert "nghĩa vụ" not in text  # office prose, not the app's word
