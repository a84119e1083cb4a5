"""A decision that issues a plan: "QUYẾT ĐỊNH Ban hành Kế hoạch ..." with the plan attached
("Ban hành kèm theo Quyết định này Kế hoạch ..."), as People's Committees and the Prime
Minister issue theirs (a Nghị quyết may attach a "CHƯƠNG TRÌNH HÀNH ĐỘNG" the same way).

The plan is the attached part, from its own "KẾ HOẠCH" title on; the number and the date it
is known by are the decision's ("773/QĐ-TTg", 26/6/2018), and the draft says so.
"""

from __future__ import annotations

import re

from domain.problems import Problem
from domain.text import fold
from loaders.plans.header import (
    find_directive,
    issued_line,
    left_cell,
    name_case,
    table_issuer,
    title_case,
)
from loaders.plans.model import DirectiveRef, PlanHeader, at_line
from loaders.plans.text import Line

_TITLES = ("ke hoach", "ke hoach hanh dong", "chuong trinh hanh dong", "chuong trinh")
_OWN_TITLES = ("chuong trinh hanh dong cua", "ke hoach cua")
_ISSUES = re.compile(r"\b(?:ban ?hanh|kem theo|phe ?duyet).*(?:ke ?hoach|chuong trinh)\b")
"""Web copies glue words ("BANHÀNH KẾ HOẠCH", "kèm theoQuyết định"); the test allows it."""
_DECISION_CODE = re.compile(
    r"(?:Số|SỐ)\s*:?\s*(\d{1,5}(?:\s*/\s*\d{4})?)\s*/\s*((?:QĐ|NQ|CT)\s*[-–]\s*[A-ZĐ][\wĐ.&-]*)"
)


def attached_plan(lines: list[Line]) -> int:
    """Index of the attached plan's own title line when `lines` are a decision issuing a
    plan; 0 when they are not."""
    head = " ".join(fold(line.text) for line in lines[:40])
    if not _ISSUES.search(head) or not any(
        fold(line.text) in ("quyet dinh", "nghi quyet") for line in lines[:15]
    ):
        return 0
    for index, line in enumerate(lines):
        key = fold(line.text)
        if index > 5 and line.text.isupper() and (key in _TITLES or key.startswith(_OWN_TITLES)):
            return index
    return 0


_ARTICLE = re.compile(r"^Điều\s+(\d{1,2})\s*[.:]\s*(.*)$", re.IGNORECASE)
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def articles_as_parts(lines: list[Line]) -> list[Line]:
    """The lines of a decision that is itself the plan ("QUYẾT ĐỊNH Ban hành Kế hoạch thời
    gian năm học ..." with no plan attached: its "Điều 1." lists the plan's items), its
    articles made parts I, II, III; [] when `lines` are not such a decision."""
    head = " ".join(fold(line.text) for line in lines[:40])
    if not _ISSUES.search(head) or not any(fold(line.text) == "quyet dinh" for line in lines[:15]):
        return []
    out: list[Line] = []
    for line in lines:
        found = _ARTICLE.match(line.text)
        number = int(found.group(1)) if found else 0
        if found and 0 < number <= len(_ROMANS):
            out.append(
                Line(line.no, found.group(2) or f"Điều {number}", "roman", _ROMANS[number - 1])
            )
        else:
            out.append(line)
    numbered = [line for line in out if line.kind == "number"]
    return out if any(line.kind == "roman" for line in out) and numbered else []


def with_decision(header: PlanHeader, decision: list[Line], problems: list[Problem]) -> list:
    """Fill the plan's number, date, place and issuer from the decision that issues it;
    the problems about a missing number or date go when the decision gives them."""
    code = next((m for line in decision if (m := _decision_code(line.text))), "")
    kept = list(problems)
    if code and not header.code:
        header.code = code
        kept = [p for p in kept if "số hiệu" not in p.message]
        kept.append(
            at_line(
                f"Kế hoạch ban hành kèm theo văn bản số {code}: dùng số hiệu này cho kế "
                "hoạch; hãy sửa nếu kế hoạch có số riêng.",
                severity="info",
            )
        )
    if header.issued_on is None:
        place, issued = issued_line(decision)
        if issued:
            header.issued_on, header.place = issued, header.place or place
            kept = [p for p in kept if "ngày ban hành" not in p.message]
    if code and header.directive.code in ("", code):
        # "(Ban hành kèm theo Quyết định số 1528/QĐ-UBND)" names the decision, not the
        # document the plan carries out: that one is in the decision's "Căn cứ" lines.
        bases = " ".join(line.text for line in decision if fold(line.text).startswith("can cu"))
        header.directive = find_directive(bases) or DirectiveRef()
        if header.directive.code:
            kept = [p for p in kept if "văn bản cấp trên" not in p.message]
    issuer = table_issuer(decision)
    if issuer:
        header.issuer = issuer  # the body that decides is the plan's issuer
    elif not header.issuer or fold(header.issuer) in ("quyet dinh", "nghi quyet"):
        uppers = [
            cell
            for line in decision[:6]
            if (cell := left_cell(line.text)).isupper()  # the header row may be one line
            and not fold(cell).startswith(("cong hoa", "doc lap"))
        ]
        if len(uppers) > 1 and fold(uppers[0]) in ("uy ban nhan dan", "hoi dong nhan dan"):
            uppers[0] = name_case(f"{uppers[0]} {uppers[1]}")  # ỦY BAN NHÂN DÂN / TỈNH X
        if uppers:
            header.issuer = title_case(uppers[0])
    return kept


def _decision_code(text: str) -> str:
    found = _DECISION_CODE.search(text)
    if not found:
        return ""
    return re.sub(r"\s+", "", found.group(1)) + "/" + re.sub(r"\s+", "", found.group(2))
