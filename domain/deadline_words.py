"""Where the time phrases of a sentence are: the lexer under :mod:`domain.deadlines`.

A deadline is often one phrase of a longer sentence ("Xây dựng kế hoạch chậm nhất ngày
15/3/2024, triển khai trong quý II"). :func:`time_phrases` finds every day, month, quarter,
half year and year phrase in it, with the cue words before it ("trước", "chậm nhất", "từ")
and the recurrence after it ("hằng tháng", "tháng cuối quý", "năm liền kề"), and the slice
of the original text each phrase came from, so that the reader can say which words it read.

The search runs on a folded copy of the text that has exactly one character per character
of the cleaned text (lower case, marks dropped, dashes made "-"), so positions found in
the copy are positions in the text. Dates inside a citation ("Luật số 85/2015/QH13, ngày
25/6/2015") are not time phrases of the task and are skipped. A time of day ("14 giờ 00",
"8h30") is not a date and is never read as one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.text import clean


@dataclass(frozen=True)
class Phrase:
    """One time phrase: its kind (day, month, quarter, half, year, weekday-free "dayonly"),
    the numbers it gives, the cue before it, the cycle after it, where it is."""

    kind: str
    groups: dict[str, str | None]
    cue: str  # "before" (trước), "by" (chậm nhất, đến hết ...), "from" (từ), "in" (trong,
    # hoàn thành), "" (none)
    cycle: str  # "", "monthly", "next_month", "quarter_last", "quarter_next", "yearly", "next_year"
    start: int  # where its cue words start, else the phrase
    end: int
    joined: bool  # "đến"/"-" links it to the phrase before: the two make one window


def fold_same_length(text: str) -> str:
    """`text` lower case without marks, one character for each character of `text`."""
    out = []
    for ch in text:
        bare = "".join(
            c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn"
        )
        bare = bare.lower().replace("đ", "d").replace("ð", "d")
        if "\u2010" <= ch <= "\u2015" or ch == "\u2212":
            bare = "-"
        out.append(bare if len(bare) == 1 else ch.lower()[:1] or " ")
    return "".join(out)


_Y = r"(?:\s*[/.-]\s*(?P<{0}>[0-9]{{4}})|\s+nam\s+(?P<{1}>[0-9]{{4}}))?"
_PHRASES = re.compile(
    "|".join(
        [
            r"(?P<dayw>ngay\s+(?P<dw_d>[0-9]{1,2})\s+thang\s+(?P<dw_m>[0-9]{1,2})"
            + _Y.format("dw_y", "dw_y2")
            + ")",
            r"(?P<day>(?<![0-9/.,-])(?:ngay\s+)?(?P<d_d>[0-9]{1,2})\s*[/.-]\s*(?P<d_m>[0-9]{1,2})"
            r"(?:\s*[/.-]\s*(?P<d_y>[0-9]{4}))?(?![0-9]|\s*[/.]\s*[0-9]|\s+ngay\b|\s*(?:gio|h)\b))",
            r"(?P<half>(?:6\s+thang|nua)\s+(?P<h_h>dau|cuoi)\s+nam(?:\s+(?P<h_y>[0-9]{4}))?)",
            r"(?P<quarter>\bquy\s+(?P<q_q>iv|i{1,3}|0?[1-4])\b" + _Y.format("q_y", "q_y2") + ")",
            r"(?P<month>\bthang\s+(?P<m_m>[0-9]{1,2})(?![0-9])" + _Y.format("m_y", "m_y2") + ")",
            r"(?P<monthyear>(?<![0-9/.,-])(?P<my_m>[0-9]{1,2})\s*[/.-]\s*(?P<my_y>[0-9]{4})"
            r"(?![0-9/]))",
            r"(?P<dayonly>\bngay\s+(?P<do_d>[0-9]{1,2})(?=\s+(?:cua\s+)?(?:hang|moi|thang\s+"
            r"(?:sau|tiep|ke|cuoi|dau))))",
            r"(?P<year>\bnam\s+(?P<y_y>[0-9]{4})(?![0-9/]))",
        ]
    )
)
_CYCLE_AFTER = [
    ("monthly", re.compile(r"\s*(?:cua\s+)?(?:hang|moi)\s+thang\b")),
    ("next_month", re.compile(r"\s*(?:cua\s+)?thang\s+(?:sau|tiep\s+theo|ke\s+tiep)\b")),
    ("quarter_last", re.compile(r"\s*(?:cua\s+)?thang\s+cuoi\s+(?:cua\s+)?(?:moi\s+|hang\s+)?quy")),
    ("quarter_next", re.compile(r"\s*(?:cua\s+)?thang\s+dau\s+(?:cua\s+)?quy\s+(?:sau|tiep|ke)")),
    ("yearly", re.compile(r"\s*(?:cua\s+)?(?:hang|moi)\s+nam\b")),
    ("next_year", re.compile(r"\s*(?:cua\s+)?nam\s+(?:lien\s+ke|sau|tiep\s+theo|ke\s+tiep)\b")),
]
_CUE_BEFORE = re.compile(r"\btruoc\s*(?:ngay\s*)?$")
_CUE_BY = re.compile(
    r"(?:(?:hoan\s+thanh|xong)\s+)?(?:cham\s+nhat|khong\s+muon\s+hon|han\s+chot|den\s+het|muon\s+nhat|den)"
    r"(?:\s+(?:la|vao|trong|den|het))*\s*(?:ngay\s*)?$"
)
_CUE_FROM = re.compile(r"\btu\s*(?:ngay\s*)?$")
_CUE_IN = re.compile(
    r"\b(?:(?:hoan\s+thanh|xong)(?:\s+(?:trong|vao))?|(?:ngay\s+)?(?:trong|vao))\s*(?:ngay\s*)?$"
)
_JOIN = re.compile(r"^\s*(?:den|toi|-)\s*(?:het\s+)?(?:ngay\s+)?(?:[a-z]+\s+){0,3}$")
"""What links two phrases into one window: "đến", "-", also "đến ngày bầu cử 15/3/2026"."""
_CITATION = re.compile(
    r"(?:\bso\s*:?\s*[0-9]+[^\s,;]*|[0-9]+\s*/\s*[0-9]{4}\s*/\s*[a-z]+[0-9]*|"
    r"[0-9]+\s*[/-]\s*[a-z]{1,8}[-/][a-z0-9-]+)\s*,?\s*(?:ban\s+hanh\s+)?(?:ngay\s*)?$"
)


def time_phrases(text: str) -> tuple[str, list[Phrase]]:
    """(the cleaned text, its time phrases in reading order)."""
    value = clean(text)
    folded = fold_same_length(value)
    found: list[Phrase] = []
    for match in _PHRASES.finditer(folded):
        kind = next(k for k in _KINDS if match.group(k) is not None)
        before = folded[max(0, match.start() - 40) : match.start()]
        if _CITATION.search(before):
            continue
        if re.search(r"\bquy\s*$", before):
            kind = "impossible"  # "Quý 7/2020": no quarter 7, and not July either
        cycle, end = "", match.end()
        for name, pattern in _CYCLE_AFTER:
            after = pattern.match(folded, match.end())
            if after:
                cycle, end = name, after.end()
                break
        if kind == "dayonly" and cycle in ("", "yearly", "next_year"):
            continue
        cue, cue_at = "", match.start()
        for name, pattern in (
            ("before", _CUE_BEFORE),
            ("by", _CUE_BY),
            ("from", _CUE_FROM),
            ("in", _CUE_IN),
        ):
            if found_cue := pattern.search(before):
                if found_cue.group(0).strip() == "den" and kind not in ("day", "dayw"):
                    break  # "đến năm 2030" is a horizon, "đến ngày 31/12" a due date
                cue, cue_at = name, match.start() - len(before) + found_cue.start()
                break
        joined = bool(found) and bool(_JOIN.match(folded[found[-1].end : match.start()]))
        prefix = _PREFIX.get(kind, "-")
        groups = {k: v for k, v in match.groupdict().items() if k.startswith(prefix)}
        found.append(Phrase(kind, groups, cue, cycle, cue_at, end, joined))
    return value, found


_KINDS = ("dayw", "day", "half", "quarter", "month", "monthyear", "dayonly", "year")
_PREFIX = {
    "dayw": "dw_",
    "day": "d_",
    "half": "h_",
    "quarter": "q_",
    "month": "m_",
    "monthyear": "my_",
    "dayonly": "do_",
    "year": "y_",
}
