"""The Word draft of the consolidated report, read back with python-docx."""

from __future__ import annotations

from datetime import date

import docx
import pytest

from domain import status
from domain.labels import labelled
from domain.scope import Scope
from tracker.exports import draft, report
from tracker.views import summary, tables

AS_OF = date(2019, 7, 26)
PLAN = "84-KH/BTGTU"


@pytest.fixture
def export(demo_store):
    return report.collect(demo_store, Scope(AS_OF, PLAN))


@pytest.fixture
def document(export, tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(draft.report_draft(export))
    return docx.Document(str(path))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _table(document, heading: str):
    """The appendix table whose name column is `heading` ("Đơn vị", "Nhiệm vụ")."""
    return next(t for t in document.tables if t.rows[0].cells[1].text == heading)


def test_the_draft_is_titled_as_a_report_on_the_plan(document):
    texts = _texts(document)
    title = texts.index("BÁO CÁO")
    assert texts[title + 1] == (
        "Kết quả thực hiện Kế hoạch số 84-KH/BTGTU, ngày 21/06/2019 "
        "của Ban Tuyên giáo Tỉnh ủy Lạng Sơn"
    )
    assert texts[title + 2] == "(Số liệu tính đến ngày 26/07/2019)"
    letterhead = document.tables[0].rows[0].cells
    assert "TỈNH ỦY LẠNG SƠN\nBAN TUYÊN GIÁO\n*\nSố" in letterhead[0].text
    assert "-BC/BTGTU" in letterhead[0].text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in letterhead[1].text
    assert "Lạng Sơn, ngày … tháng … năm …" in letterhead[1].text


def test_the_summary_paragraph_carries_the_overview_figures(document, demo_store):
    k = summary.kpis(demo_store, Scope(AS_OF, PLAN))
    sentence = next(t for t in _texts(document) if t.startswith("Tính đến ngày 26/07/2019"))
    assert f"có {k.obligations} lượt nhiệm vụ phải thực hiện" in sentence
    assert f"Đã hoàn thành {k.done} lượt ({k.done_pct:.1f}%)".replace(".", ",") in sentence
    assert f"đúng hạn {k.done_on_time} lượt ({k.on_time_pct:.1f}%".replace(".", ",") in sentence
    assert f"quá hạn {k.overdue} lượt; chưa đến hạn và chưa nhận báo cáo {k.not_reported}" in (
        sentence
    )
    assert "nghĩa vụ" not in sentence
    assert "27 đơn vị" in sentence and "6 nhiệm vụ" in sentence


def test_the_summary_table_lists_every_unit_and_a_total(document, demo_store):
    page = labelled(tables.by_unit(demo_store, Scope(AS_OF, PLAN)))
    table = _table(document, "Đơn vị")
    header = [c.text for c in table.rows[0].cells]
    assert header == [
        "STT",
        "Đơn vị",
        "Tổng số",
        *(draft.TABLE_HEADS[s.code] for s in status.STATUSES),
        "% hoàn thành",
        "% đúng hạn",
    ]
    body = table.rows[1:-1]
    assert [r.cells[1].text for r in body] == page["Đơn vị"].tolist()
    first = [c.text for c in body[0].cells]
    assert first[2] == str(page["Tổng số"][0])
    assert first[-1] == f"{page['% đúng hạn'][0]:.1f}%".replace(".", ",")
    total = [c.text for c in table.rows[-1].cells]
    k = summary.kpis(demo_store, Scope(AS_OF, PLAN))
    assert total[1] == "Tổng cộng" and total[2] == str(k.obligations)
    assert total[-1] == f"{k.on_time_pct:.1f}%".replace(".", ",")
    assert len(_table(document, "Nhiệm vụ").rows) == 1 + 6 + 1  # header, 6 tasks, total


def test_the_overdue_units_are_listed_and_unreported_only_for_tasks_overdue(document, demo_store):
    reminders = tables.reminders(demo_store, Scope(AS_OF, PLAN))
    texts = _texts(document)
    start = texts.index("II. CÁC ĐƠN VỊ CÒN NHIỆM VỤ QUÁ HẠN, CHƯA HOÀN THÀNH")
    middle = texts.index("III. CÁC ĐƠN VỊ CHƯA BÁO CÁO NHIỆM VỤ ĐÃ QUÁ HẠN")
    end = texts.index("IV. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ, ĐỀ XUẤT")
    overdue = reminders[reminders["status"] == "overdue"]
    expected = list(dict.fromkeys(overdue["unit_name"]))
    listed = [t[2:].split(":")[0] for t in texts[start + 1 : middle]]
    assert listed == expected
    counts = overdue.groupby("unit_name").size()
    assert texts[start + 1] == (
        f"- {expected[0]}: {counts[expected[0]]} lượt nhiệm vụ quá hạn, lâu nhất 26 ngày."
    )
    detail = tables.detail(demo_store, Scope(AS_OF, PLAN))
    silent = detail[(detail["status"] == "overdue") & (detail["file_name"].fillna("") == "")]
    listed = [t[2:].split(":")[0] for t in texts[middle + 1 : end]]
    assert listed == list(dict.fromkeys(silent["unit_name"]))
    # a unit whose only missing reports are for periods not yet due is not listed
    waiting = set(reminders.loc[reminders["status"] == "not_reported", "unit_name"])
    assert waiting - set(listed)


def test_staff_find_placeholders_to_complete(document):
    texts = _texts(document)
    assert any(t.startswith("[Kiến nghị, đề xuất") for t in texts)
    signature = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    signature = signature.rows[0].cells
    assert signature[0].text.startswith("Nơi nhận:") and signature[1].text.startswith("T/M")
    assert "Ban Tuyên giáo Trung ương" in signature[0].text


def test_a_draft_for_every_plan_names_them_all(demo_store, tmp_path):
    export = report.collect(demo_store, Scope(AS_OF))
    path = tmp_path / "tat-ca.docx"
    path.write_bytes(draft.report_draft(export))
    texts = _texts(docx.Document(str(path)))
    assert "Kết quả thực hiện các Kế hoạch số TUHD-32/2019, 84-KH/BTGTU" in texts
    assert any("có 494 lượt nhiệm vụ" in t for t in texts)


@pytest.mark.parametrize("heading", ["Đơn vị", "Nhiệm vụ"])
def test_summary_tables_give_names_room_and_repeat_their_header_on_every_page(document, heading):
    """Word ignores cell widths of an autofit table: the layout must be fixed, the grid
    must carry the widths, and the header row must be marked to repeat."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = _table(document, heading)
    layout = table._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    twips = Cm(1).twips if hasattr(Cm(1), "twips") else 567
    assert grid[1] >= 5 * twips  # the unit or task name column
    assert sum(grid) <= 25.2 * twips + len(grid)  # fits a landscape page's margins
    header_flags = table.rows[0]._tr.trPr.findall(qn("w:tblHeader"))
    assert [f.get(qn("w:val")) for f in header_flags] == ["true"]
    assert table.rows[1]._tr.trPr is None or not table.rows[1]._tr.trPr.findall(qn("w:tblHeader"))
