"""Text normalisation shared by storage and matching.

Everything stored is Unicode NFC with odd spaces folded; everything *compared* (unit names,
task titles, header names, status words) goes through :func:`fold`, which also drops case,
tone marks and the đ/Đ distinction, so that "Sở TT&TT", "SỞ  TT&TT" and an NFD-encoded
"Sở TT&TT" all meet on one key.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

# Non-breaking, zero-width and other exotic spaces that Word and Excel leave in text.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_RUNS_OF_SPACE = re.compile(r"\s+")


def clean(text: object) -> str:
    """Return `text` as NFC with odd spaces folded to one plain space and ends stripped.

    `None` becomes the empty string; other objects go through `str()` first.
    """
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text))
    value = _ZERO_WIDTH.sub("", value)
    value = _ODD_SPACES.sub(" ", value)
    return _RUNS_OF_SPACE.sub(" ", value).strip()


def strip_marks(text: str) -> str:
    """Drop Vietnamese tone and vowel marks; đ/Đ become d/D."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def fold(text: object) -> str:
    """Return the comparison key of `text`: cleaned, lower case, without marks.

    Punctuation other than ``&`` and ``/`` is turned into spaces because offices write
    "Sở VHTT&DL", "Sở VH-TT&DL" and "Sở VH, TT và DL" for the same body.
    """
    value = strip_marks(clean(text)).lower()
    value = re.sub(r"[^\w&/]+", " ", value)
    return _RUNS_OF_SPACE.sub(" ", value).strip()


def vn_date(value: date | datetime | None) -> str:
    """A date as Vietnamese offices write it, ``26/07/2019``; empty for a missing one
    (None, NaT or NaN), so tables and hover texts never show "NaT"."""
    if not isinstance(value, date) or value != value:  # NaT is a date unequal to itself
        return ""
    return value.strftime("%d/%m/%Y")


def vn_percent(value: float) -> str:
    """A percentage as people read it, one decimal with the Vietnamese decimal comma:
    ``26,4%``. Every page, chart, document and CSV file shows percentages through this
    (the .xlsx export keeps numbers with a percent format)."""
    return f"{value:.1f}%".replace(".", ",")


def vn_int(value: int) -> str:
    """``21.914``: dot as the thousands separator."""
    return f"{int(value):,}".replace(",", ".")
