"""Vietnamese deadline expressions -> due date, optional start, or a recurrence.

Plans (Kế hoạch) write deadlines as prose: "Thực hiện xong trước ngày 30/6/2019",
"hoàn thành trong tháng 7/2019", "1/2 ngày, ngày 11/6/2019", "Quý III/2020",
"từ ngày 10/8 đến ngày 05/9/2020", "thường xuyên, báo cáo định kỳ 6 tháng". General date
libraries read none of these, and a wrong guess is worse than no answer: a silently
mis-read deadline turns a unit red (or green) on the dashboard. So the parser is strict.

How it works:

1. The text is reduced to a key: NFC, odd spaces folded, lower case, tone marks and đ
   dropped (:mod:`domain.text`); "30-06-2019" and "30.06.2019" become "30/06/2019";
   durations such as "1/2 ngày" or "01 ngày" (half a day, one day: not dates) are removed;
   a remaining dash is a range ("tháng 6-7" is "tháng 6 đến 7"); other punctuation is
   dropped, and leading labels and verbs ("Thời gian:", "thực hiện xong") are skipped.
2. The key must match one rule of :data:`_RULES` *as a whole*: a sequence of recurrence
   words, a range "A đến B", a limit "trước / chậm nhất A", or a period "(trong) A". A
   period ("span") is itself one of :data:`_SPANS`: a day, a month, a quarter, a half
   year or a year; a missing year comes from the other end of a range or from
   `reference` (the plan's date).
3. Anything else (an impossible date, an unknown phrase, trailing words no rule knows)
   gives ``Deadline(text, unparsed=True)`` so that a person looks at it.

A limit ("trước ngày 30/6") has a due date only; a period has a start and a due date (a
single day is a one-day window, start == due). With several reporting cycles the most
frequent wins ("thường xuyên, báo cáo định kỳ 6 tháng" is half-yearly).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from domain.text import clean, strip_marks

Recurrence = Literal["continuous", "monthly", "quarterly", "half_yearly", "yearly"]
RECURRENCES: tuple[str, ...] = ("continuous", "monthly", "quarterly", "half_yearly", "yearly")


@dataclass(frozen=True)
class Deadline:
    """What a deadline text means. `unparsed` is True when a person must look at it."""

    text: str
    start: date | None = None
    due: date | None = None
    recurrence: Recurrence | None = None
    unparsed: bool = False


# --- 1. the key ----------------------------------------------------------------------

_DASHES = re.compile("[\u2010-\u2015\u2212]")
_BULLET = re.compile(r"^[\s\-+*•.]+")
_JOIN = re.compile(r"(?<=[0-9])\s*([/-])\s*(?=[0-9])")  # "30 / 6" -> "30/6", "6 - 7" -> "6-7"
_FULL_DATE = re.compile(r"\b([0-9]{1,2})[.-]([0-9]{1,2})[.-]([0-9]{4})\b")
_MONTH_YEAR = re.compile(r"\b([0-9]{1,2})[.-]([0-9]{4})\b")
_DURATION = re.compile(r"(?<![\w/.,])(?:[0-9]+(?:[/.,][0-9]+)?|nua|mot|hai|ba) ngay\b")
_PUNCT = re.compile(r"[^\w/]+")
_FILLER = re.compile(
    r"(?:thoi gian|thoi han|tien do|du kien|thuc hien|hoan thanh|xong|to chuc|trien khai)"
    r"(?: |$)"
)


def _key(text: str) -> str:
    key = strip_marks(clean(text)).lower().replace("ð", "d")
    key = _BULLET.sub("", _DASHES.sub("-", key))
    key = _JOIN.sub(r"\1", key)
    key = _MONTH_YEAR.sub(r"\1/\2", _FULL_DATE.sub(r"\1/\2/\3", key))
    key = _DURATION.sub(" ", key).replace("-", " den ")
    key = _PUNCT.sub(" ", key).strip()
    while match := _FILLER.match(key):
        key = key[match.end() :]
    return key


# --- 2. spans: a day, a month, a quarter, a half year, a year --------------------------


@dataclass(frozen=True)
class _Span:
    kind: str
    start: date
    end: date
    explicit_year: bool


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def _quarter(numeral: str) -> int:
    return {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(numeral) or int(numeral)


_YEAR = r"(?:(?:/| nam )(?P<y>[0-9]{4}))?"  # "/2019" or " năm 2019", optional
_Builder = Callable[[dict[str, str], int], tuple[date, date]]
_SPANS: list[tuple[str, re.Pattern[str], _Builder]] = [
    (
        "day",
        re.compile(r"(?:ngay )?(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})(?:/(?P<y>[0-9]{4}))?"),
        lambda g, y: (date(y, int(g["m"]), int(g["d"])),) * 2,
    ),
    (
        "day",
        re.compile(r"(?:ngay )?(?P<d>[0-9]{1,2}) thang (?P<m>[0-9]{1,2})(?: nam (?P<y>[0-9]{4}))?"),
        lambda g, y: (date(y, int(g["m"]), int(g["d"])),) * 2,
    ),
    (
        "month",
        re.compile(r"thang (?P<m>[0-9]{1,2})" + _YEAR),
        lambda g, y: _months(y, int(g["m"]), int(g["m"])),
    ),
    (
        "month",
        re.compile(r"(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})"),
        lambda g, y: _months(y, int(g["m"]), int(g["m"])),
    ),
    (
        "quarter",
        re.compile(r"quy (?P<q>iv|i{1,3}|0?[1-4])" + _YEAR),
        lambda g, y: _months(y, 3 * _quarter(g["q"]) - 2, 3 * _quarter(g["q"])),
    ),
    (
        "half",
        re.compile(r"(?:6 thang|nua) (?P<h>dau|cuoi) nam(?: (?P<y>[0-9]{4}))?"),
        lambda g, y: _months(y, *((1, 6) if g["h"] == "dau" else (7, 12))),
    ),
    ("year", re.compile(r"nam (?P<y>[0-9]{4})"), lambda g, y: _months(y, 1, 12)),
]


def _span(text: str, year: int) -> _Span | None:
    """The period `text` names, with `year` where it gives none; None if none or impossible."""
    for kind, pattern, build in _SPANS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        try:
            start, end = build(groups, int(groups["y"]) if groups.get("y") else year)
        except ValueError:  # 31/02, month 13, year 0
            return None
        return _Span(kind, start, end, bool(groups.get("y")))
    return None


# --- 3. rules on the whole key ----------------------------------------------------------

_Result = tuple[date | None, date | None, str | None]  # start, due, recurrence

_CYCLES = re.compile(
    r"\b(?:(?P<monthly>(?:dinh ky )?(?:hang|moi) thang|dinh ky (?:1 |mot )?thang)"
    r"|(?P<quarterly>(?:dinh ky )?(?:hang|moi) quy|dinh ky (?:3 thang|quy))"
    r"|(?P<half_yearly>dinh ky (?:6 thang|nua nam)|(?:hang|moi) 6 thang|6 thang (?:1|mot) lan)"
    r"|(?P<yearly>(?:dinh ky )?(?:hang|moi) nam|dinh ky (?:1 |mot )?nam)"
    r"|(?P<continuous>thuong xuyen|lien tuc))\b"
)
_CONNECTORS = r"thuc hien|tien hanh|bao cao|va|theo"


def _recurring(match: re.Match[str], reference: date) -> _Result | None:
    found = {m.lastgroup for m in _CYCLES.finditer(match.group(0))}
    for cycle in ("monthly", "quarterly", "half_yearly", "yearly", "continuous"):
        if cycle in found:
            return None, None, cycle
    return None


def _between(match: re.Match[str], reference: date) -> _Result | None:
    """ "A đến B": A may borrow B's year, month or kind ("11-12/6", "tháng 6-7/2019")."""
    head, tail = match["a"], match["b"]
    last = _span(tail, reference.year)
    guess = _span(head, reference.year)
    if last is None and guess is not None and guess.kind in ("month", "quarter"):
        last = _span(("thang " if guess.kind == "month" else "quy ") + tail, reference.year)
    if last is None:
        return None
    prefix = {"month": "thang ", "quarter": "quy "}.get(last.kind, "")
    borrowed = f"{head}/{last.start.month}" if last.kind == "day" else prefix + head
    year = last.start.year
    first = _span(head, year) or _span(borrowed, year)
    if first is not None and first.start > last.end and not first.explicit_year:
        first = _span(head, year - 1) or _span(borrowed, year - 1)  # "tháng 11 đến tháng 2/2020"
    return None if first is None else (first.start, last.end, None)


def _by(match: re.Match[str], reference: date) -> _Result | None:
    """ "trước ngày D" is due D; "chậm nhất / đến hết P" is due at the end of period P."""
    span = _span(match["p"], reference.year)
    if span is None or (match["w"] == "truoc" and span.kind != "day"):
        return None  # "trước tháng 7" could mean 30/6 or 31/7: a person decides
    return None, span.end, None


def _within(match: re.Match[str], reference: date) -> _Result | None:
    span = _span(match["p"], reference.year)
    return None if span is None else (span.start, span.end, None)


_LIMIT = r"(?P<w>truoc|cham nhat|han chot|den)(?: la)?(?: den)?(?: het| trong)?"
_Rule = Callable[[re.Match[str], date], "_Result | None"]
_RULES: list[tuple[re.Pattern[str], _Rule]] = [
    (re.compile(rf"(?:(?:{_CYCLES.pattern}|\b(?:{_CONNECTORS})\b)(?: |$))+"), _recurring),
    (re.compile(r"(?:tu |trong )?(?P<a>.+?) (?:den|toi) (?:het )?(?P<b>.+)"), _between),
    (re.compile(_LIMIT + r" (?P<p>.+)"), _by),
    (re.compile(r"(?:(?:trong|vao|ca) )?(?P<p>.+)"), _within),
]


def parse_deadline(text: str, reference: date) -> Deadline:
    """Parse a deadline expression; `reference` (the plan's date) gives a missing year.

    Never raises; returns ``Deadline(text, unparsed=True)`` for what it cannot read.
    """
    key = _key(text)
    for pattern, rule in _RULES:
        match = pattern.fullmatch(key)
        result = rule(match, reference) if match else None
        if result is None:
            continue
        start, due, recurrence = result
        if start is not None and due is not None and due < start:
            break
        return Deadline(text, start=start, due=due, recurrence=recurrence)  # type: ignore[arg-type]
    return Deadline(text, unparsed=True)


def before_plan(deadline: Deadline, plan_date: date | None) -> str | None:
    """A warning when `deadline` falls due before the plan's own date (most often a
    mistyped year: a task cannot be due before the plan that sets it); None otherwise,
    and for a recurring or unread deadline."""
    if plan_date is None or deadline.due is None or deadline.due >= plan_date:
        return None
    return (
        f"Thời hạn {deadline.due:%d/%m/%Y} trước ngày ban hành kế hoạch "
        f"({plan_date:%d/%m/%Y}): hãy kiểm tra lại (thường là ghi nhầm năm)."
    )


def deadline_json(d: Deadline) -> dict[str, object]:
    """`d` as a JSON-ready dict: ISO dates or None, the recurrence, the unparsed flag."""
    return {
        "start": d.start.isoformat() if d.start else None,
        "due": d.due.isoformat() if d.due else None,
        "recurrence": d.recurrence,
        "unparsed": d.unparsed,
    }
