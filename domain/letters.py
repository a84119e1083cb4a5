"""What a công văn đôn đốc says and how its issuer's kind of document lays it out, once.

Two layouts (the templates under ``tracker/exports/templates/`` draw them):

- a party body's, Hướng dẫn 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM" at the top right, the
  issuing body at the top left with "*" under it, "Số 12-CV/BTGTU", signing "T/M" or "K/T";
- a state body's, Nghị định 30/2020/NĐ-CP: Quốc hiệu and Tiêu ngữ at the top right,
  "Số: 12/UBND-VP", "V/v …", signing "TM." or "KT.".

The kind is read from the plan's own number when it has one ("84-KH/BTGTU" is a party
number, "12/KH-UBND" a state one), else from its issuer's name; an office that is neither
sets it in the template it keeps. A draft has no number ("Số     -CV/BTGTU"): văn thư gives
one to what is issued, and a sent letter takes the next of the office's numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from domain.text import clean, fold, strip_marks

Kind = Literal["party", "state"]

_PARTY_NUMBER = re.compile(r"^\s*\d+\s*-\s*[A-ZĐa-zđ]+\s*/\s*([A-ZĐa-zđ0-9]+)")
_STATE_NUMBER = re.compile(r"^\s*\d+\s*/\s*[A-ZĐa-zđ]+\s*-\s*([A-ZĐa-zđ0-9]+)")
_STATE_WORDS = ("uy ban nhan dan", "ubnd", "so ", "hoi dong nhan dan", "chu tich")
_PARTY_WORDS = ("tinh uy", "thanh uy", "huyen uy", "dang uy", "ban tuyen giao", "ban thuong vu")
_PARENTS = re.compile(r"^(.*?)\s+((?:Tỉnh|Thành|Huyện|Thị|Đảng)\s+ủy\b.*)$", re.IGNORECASE)


def issuer_kind(plan_code: str, issuer: str) -> Kind:
    """ "party" or "state": by the plan number's shape, else by the issuer's name; a party
    body when neither tells (the plans this product tracks come from party bodies first)."""
    if _STATE_NUMBER.match(plan_code):
        return "state"
    if _PARTY_NUMBER.match(plan_code):
        return "party"
    key = fold(issuer) + " "
    if any(word in key for word in _STATE_WORDS) and not any(w in key for w in _PARTY_WORDS):
        return "state"
    return "party"


def issuer_abbreviation(plan_code: str, kind: Kind, issuer: str = "") -> str:
    """The issuer's letters in the plan's number: "BTGTU" of "84-KH/BTGTU", "UBND" of
    "12/KH-UBND"; when the number has none, the initials of the issuer's name up to its
    "ủy" ("Ban Thường vụ Tỉnh ủy Hải Dương" gives "BTVTU"), else ""."""
    found = (_STATE_NUMBER if kind == "state" else _PARTY_NUMBER).match(plan_code)
    if found:
        return found.group(1)
    words = clean(issuer).split()
    ends = [i for i, w in enumerate(words) if fold(w) == "uy"] if kind == "party" else []
    chosen = words[: ends[0] + 1] if ends else []
    return "".join(strip_marks(w)[0].upper() for w in chosen)


def issuer_lines(issuer: str) -> tuple[str, str]:
    """(the body above, the issuing body) as a letterhead prints them, upper case:
    "Ban Tuyên giáo Tỉnh ủy Lạng Sơn" gives ("TỈNH ỦY LẠNG SƠN", "BAN TUYÊN GIÁO");
    a name without a body above gives ("", the name)."""
    name = clean(issuer)
    found = _PARENTS.match(name)
    if found and found.group(1):
        return found.group(2).upper(), found.group(1).upper()
    return "", name.upper()


def letter_number(number: int | None, kind: Kind, abbreviation: str) -> str:
    """ "Số 12-CV/BTGTU" (party) or "Số: 12/BTGTU-VP" (state); the number left blank for a
    draft (`number` None), for văn thư to write."""
    shown = str(number) if number else " " * 6
    if kind == "state":
        return f"Số: {shown}/{abbreviation or '...'}-VP"
    return f"Số {shown}-CV/{abbreviation or '...'}"


def place_date(place: str, day: date) -> str:
    """ "Lạng Sơn, ngày 05 tháng 8 năm 2019": days below 10 with a leading zero, months
    1 and 2 too (Nghị định 30/2020), as a letter dates itself."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{clean(place)}, ngày {day.day:02d} tháng {month} năm {day.year}"


def days_text(status: str, days_late: int | None, due_on: date | None, as_of: date) -> str:
    """What a letter's and the page's last column say of an obligation: "Quá hạn 26 ngày",
    "Sắp đến hạn, còn 3 ngày", "Đến hạn hôm nay"."""
    if status == "overdue" and days_late:
        return f"Quá hạn {days_late} ngày"
    if due_on is None:
        return ""
    left = (due_on - as_of).days
    return "Đến hạn hôm nay" if left == 0 else f"Sắp đến hạn, còn {left} ngày"


@dataclass(frozen=True)
class Obligation:
    """One row of a letter's table."""

    section: str
    task: str
    period: str
    due_on: date | None
    status: str  # overdue | due_soon
    days_late: int | None

    def as_record(self) -> dict:
        return {
            "section": self.section,
            "task": self.task,
            "period": self.period,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "status": self.status,
            "days_late": self.days_late,
        }


@dataclass(frozen=True)
class Letter:
    """One công văn đôn đốc to one unit about one plan: everything its template prints."""

    kind: Kind
    plan: str  # the plan's number, "84-KH/BTGTU"
    plan_id: int
    plan_title: str
    plan_issued_on: date
    issuer: str
    directive: str  # "Chỉ thị số 32-CT/TW, ngày 18/02/2019 của Bộ Chính trị"
    unit_id: int
    unit: str
    head: str
    address: str
    emails: tuple[str, ...]
    as_of: date
    day: date  # the letter's date
    reply_by: date
    place: str
    obligations: tuple[Obligation, ...]
    number: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def overdue(self) -> tuple[Obligation, ...]:
        return tuple(o for o in self.obligations if o.status == "overdue")

    @property
    def due_soon(self) -> tuple[Obligation, ...]:
        return tuple(o for o in self.obligations if o.status != "overdue")

    @property
    def abbreviation(self) -> str:
        return issuer_abbreviation(self.plan, self.kind, self.issuer)

    @property
    def number_text(self) -> str:
        return letter_number(self.number, self.kind, self.abbreviation)

    @property
    def subject(self) -> str:
        """The "V/v" line and the e-mail's subject."""
        return f"V/v đôn đốc thực hiện Kế hoạch số {self.plan}"
