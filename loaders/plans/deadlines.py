"""Finding the deadline words of a task in a plan's prose; the meaning is domain.deadlines'.

A plan states a deadline in a "Thời gian:" line, inline ("hoàn thành trong tháng 7/2019",
"(Quý III/2020)"), in a section heading its tasks inherit ("Một số nhiệm vụ thực hiện
thường xuyên"), or not at all. Dates are everywhere in a plan ("Chỉ thị số 32-CT/TW, ngày
18/02/2019"), so an inline date counts only after a word that makes it a deadline
("trước", "hoàn thành", "trong", "từ ... đến"). Found phrases are ranked:

- FIELD: a "Thời gian:"/"Thời hạn:"/"Tiến độ:" line,
- SPECIFIC: an inline date, month, quarter, half-year, year or range,
- RECURRING: "hằng năm", "hằng quý", "định kỳ 6 tháng", or "thường xuyên" in a heading,
- WEAK: "thường xuyên"/"định kỳ" in running text, which usually describes manner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain import deadlines
from domain.deadline_words import time_phrases
from domain.text import fold

FIELD, SPECIFIC, RECURRING, WEAK = 4, 3, 2, 1

DEADLINE_LABELS = {
    "thoi gian",
    "thoi han",
    "thoi gian thuc hien",
    "thoi gian hoan thanh",
    "tien do",
    "tien do thuc hien",
    "thoi han hoan thanh",
    "hoan thanh",
    "han hoan thanh",
}

_DATE = r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
_DATE_WORDS = r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
_DAY = rf"(?:ngày\s+)?{_DATE}|{_DATE_WORDS}"
_QUARTER = r"quý\s+(?:IV|I{1,3}|[1-4])(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"
_MONTH = r"tháng\s+\d{1,2}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"
_HALF = r"6\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?"
_YEAR = r"năm\s+\d{4}"
_PERIOD = rf"{_QUARTER}|{_HALF}|{_MONTH}|{_YEAR}"

_PARENTHESIS = re.compile(r"\(([^()]{3,80})\)")
_ANY_DEADLINE = re.compile(
    rf"^(?:thời gian|thời hạn|tiến độ)?\s*:?\s*(?:trước\s+)?(?:{_DAY}|{_PERIOD}|"
    r"thường xuyên|hằng năm|hàng năm|hằng quý|hàng quý|định kỳ[^,;]*)\.?$",
    re.IGNORECASE,
)
_RECURRING = re.compile(
    r"(?:hằng|hàng)\s+(?:năm|quý|tháng)|định kỳ\s+(?:\d+\s+tháng|"
    r"(?:hằng|hàng)\s+(?:năm|quý|tháng)|quý|năm|tháng)|mỗi\s+(?:năm|quý)",
    re.IGNORECASE,
)
_INLINE_LABEL = re.compile(
    r"(?:^|[;,.(]\s*)(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành))?\s*:\s*"
    r"([^;()]+?)\s*(?:[;)]|\.?$)",
    re.IGNORECASE,
)
"""A labelled deadline inside a sentence: "Rà soát ...; thời gian thực hiện: năm 2022."."""
_AFTER_COLON = re.compile(
    rf":\s*((?:[Nn]gày\s+)(?:{_DATE}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}))"
)
"""A day right after an item's colon is when the item happens (a timetable's line)."""
RELATIVE = re.compile(
    r"(?:(?:chậm nhất|ít nhất)\s+)?\d+\s+ngày(?:\s+làm việc)?\s+(?:trước|sau|kể từ)\s+"
    r"(?:ngày|khi)\s+[^,;.()]{2,50}"
    r"|(?:trước|sau)\s+(?:ngày|khi)\s+[^,;.()\d]{2,40}?\s+\d+\s+ngày"
    r"|trong (?:vòng|thời hạn)\s+\d+\s+ngày(?:\s+làm việc)?\s*,?\s*(?:kể từ|sau)\s+"
    r"[^,;.()]{2,50}",
    re.IGNORECASE,
)
"""A deadline counted from an event ("trước ngày bầu cử 20 ngày", "trong vòng 15 ngày kể
từ ngày nhận được kế hoạch"): found so that it is flagged for a date, never guessed; the
enclosing section's own date, when it has one, is taken before it."""
_WEAK = re.compile(r"thường xuyên|liên tục|định kỳ", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A deadline phrase found in the text and how much it is to be trusted."""

    text: str
    strength: int
    line: int = 0


def split_field(text: str) -> tuple[str, str] | None:
    """("thoi gian", "1/2 ngày, ngày 11/6/2019") for "Thời gian: 1/2 ngày, ...", else None."""
    label, colon, value = text.partition(":")
    if not colon or len(label) > 40:
        return None
    return fold(label), value.strip()


def in_field(text: str, line: int = 0) -> Found | None:
    """The value of a deadline field line ("Thời gian: ..."), if `text` is one."""
    field = split_field(text)
    if field and field[0] in DEADLINE_LABELS and field[1]:
        return Found(field[1].rstrip(" .;"), FIELD, line)
    return None


def in_text(text: str, line: int = 0, heading: bool = False) -> list[Found]:
    """Every inline deadline phrase of `text`, strongest kinds first, then in reading order."""
    found: list[Found] = []
    for match in _PARENTHESIS.finditer(text):
        inner = match.group(1).strip()
        if _ANY_DEADLINE.match(inner):
            found.append(Found(_strip_label(inner), SPECIFIC, line))
    for match in _INLINE_LABEL.finditer(text):
        if _ANY_DEADLINE.match(match.group(1)):
            found.append(Found(match.group(1).rstrip(" ."), SPECIFIC, line))
    value, phrases = time_phrases(text)
    pieces: list[str] = []
    opened = -1  # where the piece that a joined phrase ("đến B") extends starts
    for index, phrase in enumerate(phrases):
        follows = index + 1 < len(phrases) and phrases[index + 1].joined
        if phrase.joined and opened >= 0:
            pieces[-1] = value[opened : phrase.end]
            opened = -1
        elif phrase.cue or phrase.cycle or follows:
            opened = phrase.start if follows else -1
            pieces.append(value[phrase.start : phrase.end])
    if pieces:
        found.append(Found("; ".join(pieces), SPECIFIC, line))
    for match in _AFTER_COLON.finditer(text):  # "Tựu trường các cấp học: Ngày 26/8/2024"
        found.append(Found(match.group(1), SPECIFIC, line))
    for match in RELATIVE.finditer(text):  # weak: a section's own date comes first
        found.append(Found(match.group(0).strip(), WEAK, line))
    for match in _RECURRING.finditer(text):
        found.append(Found(match.group(0).strip(), RECURRING, line))
    for match in _WEAK.finditer(text):
        found.append(Found(match.group(0).strip(), RECURRING if heading else WEAK, line))
    found.sort(key=lambda f: -f.strength)
    return found


def _strip_label(text: str) -> str:
    return re.sub(r"^(?:thời gian|thời hạn|tiến độ)\s*:?\s*", "", text, flags=re.IGNORECASE).rstrip(
        " ."
    )


def best(candidates: list[Found]) -> Found | None:
    """The strongest phrase; the first one found among equals."""
    if not candidates:
        return None
    top = max(c.strength for c in candidates)
    return next(c for c in candidates if c.strength == top)


def interpret(text: str, reference: date) -> deadlines.Deadline:
    """domain.deadlines' reading of `text`; anything it cannot read comes back unparsed."""
    try:
        return deadlines.parse_deadline(text, reference)
    except Exception:  # noqa: BLE001 - the grammar must never sink a whole document
        return deadlines.Deadline(text=text, unparsed=True)
