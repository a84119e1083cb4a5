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
3. Otherwise the phrases are found inside the sentence (:mod:`domain.deadline_words`):
   every window it names is read and the last end wins ("chậm nhất ngày 15/3/2024, triển
   khai trong quý II" is due 30/6/2024); "từ A đến B" is one window; a day followed by
   "hằng tháng", "tháng sau", "tháng cuối quý", "hằng năm" or "năm liền kề" is a
   recurrence with its due day; `read` says which words were read.
4. Anything else (an impossible date, "trước tháng 7" which could mean 30/6 or 31/7, a
   range that ends before it starts, no time phrase at all) gives
   ``Deadline(text, unparsed=True)`` so that a person looks at it.

A limit ("trước ngày 30/6") has a due date only; a period has a start and a due date (a
single day is a one-day window, start == due). With several reporting cycles the most
frequent wins ("thường xuyên, báo cáo định kỳ 6 tháng" is half-yearly).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from domain.deadline_words import Phrase, time_phrases
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
    day_in_period: tuple[int, int] | None = None
    """For a recurrence with a due day: (months after the period starts, day), e.g. (0, 5)
    for "trước ngày 05 hằng tháng", (2, 15) for "trước ngày 15 tháng cuối quý"."""
    read: str = field(default="", compare=False)
    """The words of `text` the reading rests on ("" when unparsed)."""


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
            return Deadline(text, unparsed=True)
        return Deadline(text, start, due, recurrence, read=clean(text).strip(" .;,"))  # type: ignore[arg-type]
    return _found_in_sentence(text, reference)


_PERIOD_CYCLE: dict[str, tuple[Recurrence, int]] = {
    "monthly": ("monthly", 0),
    "next_month": ("monthly", 1),
    "quarter_last": ("quarterly", 2),
    "quarter_next": ("quarterly", 3),
    "yearly": ("yearly", 0),
    "next_year": ("yearly", 12),
}


def _phrase_span(phrase: Phrase, year: int | None, reference: date) -> _Span | None:
    g = phrase.groups
    own = next((v for k, v in g.items() if k.endswith(("_y", "_y2")) and v), None)
    y = int(own) if own else (year or reference.year)
    try:
        if phrase.kind in ("day", "dayw"):
            day_m = (g.get("d_d") or g.get("dw_d"), g.get("d_m") or g.get("dw_m"))
            start = end = date(y, int(day_m[1] or 0), int(day_m[0] or 0))
        elif phrase.kind in ("month", "monthyear"):
            month = int(g.get("m_m") or g.get("my_m") or 0)
            start, end = _months(y, month, month)
        elif phrase.kind == "quarter":
            q = _quarter(str(g["q_q"]).lstrip("0"))
            start, end = _months(y, 3 * q - 2, 3 * q)
        elif phrase.kind == "half":
            start, end = _months(y, *((1, 6) if g["h_h"] == "dau" else (7, 12)))
        elif phrase.kind == "year":
            start, end = _months(y, 1, 12)
        else:
            return None
    except (ValueError, KeyError):
        return None
    return _Span(phrase.kind, start, end, bool(own))


def _cycle_of(phrase: Phrase) -> tuple[Recurrence, tuple[int, int]] | None:
    """ "ngày 05 hằng tháng" -> (monthly, (0, 5));
    "ngày 31/01 năm liền kề" -> (yearly, (12, 31))."""
    if not phrase.cycle:
        return None
    recurrence, offset = _PERIOD_CYCLE[phrase.cycle]
    g = phrase.groups
    day = int(g.get("do_d") or g.get("d_d") or g.get("dw_d") or 0)
    month = int(g.get("d_m") or g.get("dw_m") or 0)
    if recurrence == "yearly":
        if not month or month > 12:
            return None
        offset += month - 1
    if not 1 <= day <= 31:
        return None
    return recurrence, (offset, day)


def _found_in_sentence(text: str, reference: date) -> Deadline:
    """The time phrases inside a longer sentence; the last end of its windows."""
    value, phrases = time_phrases(text)
    for phrase in phrases:
        cycle = _cycle_of(phrase)
        if cycle:
            words = value[phrase.start : phrase.end]
            return Deadline(text, recurrence=cycle[0], day_in_period=cycle[1], read=words)
    windows: list[list[Phrase]] = []
    for phrase in phrases:
        if phrase.joined and windows and len(windows[-1]) == 1:
            windows[-1].append(phrase)
        else:
            windows.append([phrase])
    cycles = {m.lastgroup for m in _CYCLES.finditer(_key(text))}
    if _ONWARDS.search(_key(text)):  # "Năm 2025 và các năm tiếp theo": every year from then
        return Deadline(text, recurrence="yearly", read=value)
    if _FROM_ON.search(_key(text)):  # "Từ tháng 11/2013 trở đi": ongoing from then
        return Deadline(text, recurrence="continuous", read=value)
    if windows and cycles and not any(_explicit(p) for p in phrases):
        return _recurring_only(text, cycles, phrases, reference)
    read: list[str] = []
    best: tuple[date | None, date] | None = None
    year: int | None = None  # a phrase without a year takes the last year written before it
    for window in windows:
        last = _phrase_span(window[-1], year, reference)
        if last is None:
            return Deadline(text, unparsed=True)
        first: _Span | None = last
        if len(window) == 2:
            first = _phrase_span(window[0], last.start.year, reference)
            if first is not None and first.start > last.end and not first.explicit_year:
                first = _phrase_span(window[0], last.start.year - 1, reference)
        if first is None or first.start > last.end:
            return Deadline(text, unparsed=True)
        cue = window[0].cue
        if cue == "before" and (first.kind not in ("day", "dayw") or len(window) == 2):
            return Deadline(text, unparsed=True)  # "trước tháng 7": 30/6 or 31/7?
        start = None if cue in ("before", "by") and len(window) == 1 else first.start
        year = last.end.year if last.explicit_year else year
        read.append(value[window[0].start : window[-1].end])
        if best is None or last.end >= best[1]:
            best = (start, last.end)
    if best is None:
        if cycles:
            return _recurring_only(text, cycles, [], reference)
        return Deadline(text, unparsed=True)
    return Deadline(text, start=best[0], due=best[1], read="; ".join(read))


_ONWARDS = re.compile(r"\bva (?:cac|nhung) nam (?:tiep theo|sau)\b")
_FROM_ON = re.compile(r"\btro (?:di|ve sau)\b")


def _explicit(phrase: Phrase) -> bool:
    return any(v for k, v in phrase.groups.items() if k.endswith(("_y", "_y2")))


def _recurring_only(
    text: str, cycles: set[str | None], phrases: list[Phrase], reference: date
) -> Deadline:
    """A cycle word with, at most, yearless days: "Hằng năm, trước ngày 15/12"."""
    order: tuple[Recurrence, ...] = ("monthly", "quarterly", "half_yearly", "yearly", "continuous")
    for cycle in order:
        if cycle in cycles:
            day = None
            days = [p for p in phrases if p.kind in ("day", "dayw")]
            if cycle == "yearly" and len(days) == 1:
                span = _phrase_span(days[0], reference.year, reference)
                if span is not None:
                    day = (span.end.month - 1, span.end.day)
            words = [m.group(0) for m in re.finditer(_CYCLES, _key(text))]
            read = ", ".join(words)
            return Deadline(text, recurrence=cycle, day_in_period=day, read=read)
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
    """`d` as a JSON-ready dict: ISO dates or None, the recurrence, the unparsed flag, the
    due day of a recurrence and the words read."""
    return {
        "start": d.start.isoformat() if d.start else None,
        "due": d.due.isoformat() if d.due else None,
        "recurrence": d.recurrence,
        "unparsed": d.unparsed,
        "day_in_period": list(d.day_in_period) if d.day_in_period else None,
        "read": d.read,
    }
