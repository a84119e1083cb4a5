"""The status words people write, and what each means: the one table staff can read.

The upload page shows :data:`STATUS_WORDS` as it is, the template's dropdown offers
:data:`TEMPLATE_CHOICES`, and :mod:`loaders.reports.normalize` matches cells against the folded
words (exact match first, then the longest matching prefix), all from here. Add a word
here and every path learns it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Literal

from domain.text import fold

Progress = Literal["done", "in_progress", "not_started"]

PROGRESS_LABELS: dict[str, str] = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
}

STATUS_WORDS: tuple[tuple[str, Progress, str], ...] = (
    # (word as people write it, meaning, "exact" or "prefix")
    ("Hoàn thành", "done", "exact"),
    ("Đã hoàn thành", "done", "exact"),
    ("HT", "done", "exact"),
    ("Đã HT", "done", "exact"),
    ("Xong", "done", "exact"),
    ("Đã xong", "done", "exact"),
    ("x", "done", "exact"),
    ("✓", "done", "exact"),
    ("✔", "done", "exact"),
    ("Hoàn tất", "done", "exact"),
    ("Đã hoàn tất", "done", "exact"),
    ("Đã thực hiện", "done", "exact"),
    ("Đã triển khai", "done", "exact"),
    ("Hoàn thành đúng hạn", "done", "exact"),
    ("Hoàn thành quá hạn", "done", "exact"),
    ("Hoàn thành chậm", "done", "exact"),
    ("Hoàn thành …", "done", "prefix"),
    ("Đã …", "done", "prefix"),
    ("Đang thực hiện", "in_progress", "exact"),
    ("Đang triển khai", "in_progress", "exact"),
    ("Đang làm", "in_progress", "exact"),
    ("Đang tiến hành", "in_progress", "exact"),
    ("Đang TH", "in_progress", "exact"),
    ("Đang …", "in_progress", "prefix"),
    ("Chưa thực hiện", "not_started", "exact"),
    ("Chưa triển khai", "not_started", "exact"),
    ("Chưa hoàn thành", "not_started", "exact"),
    ("Chưa", "not_started", "exact"),
    ("Chưa …", "not_started", "prefix"),
)

TEMPLATE_CHOICES: tuple[str, ...] = ("Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện")
"""What the template's status dropdown offers (one word per meaning)."""


def _key(word: str) -> str:
    return fold(word.replace("…", ""))


_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")


@cache
def _folded() -> tuple[dict[str, Progress], tuple[tuple[str, Progress], ...]]:
    """The exact words by folded key (the first meaning wins) and the folded prefixes."""
    exact: dict[str, Progress] = {}
    for word, progress, kind in STATUS_WORDS:
        if kind == "exact":
            exact.setdefault(_key(word), progress)
    prefixes = tuple((_key(w), p) for w, p, kind in STATUS_WORDS if kind == "prefix")
    return exact, prefixes


@lru_cache(maxsize=8192)
def progress_of(text: str) -> Progress | None:
    """The progress a status text says, or None. Remembered per text: the same words and
    headers come back in every file of a batch.

    A share written alone is the status ("100%" done, "0%" not started, "50 %" in
    progress); a "done" word with a share below 100% ("Hoàn thành 50%", "Đã triển khai
    đến 80% chi bộ") is in progress, not done."""
    key = fold(text)
    if not key:
        return None
    shares = [float(s.replace(",", ".")) for s in _PERCENT.findall(text)]
    if shares and _PERCENT.fullmatch(text.strip()):
        share = shares[0]
        if share > 100:
            return None
        return "done" if share == 100 else "not_started" if share == 0 else "in_progress"
    found = _word_progress(key)
    if found == "done" and any(share < 100 for share in shares):
        return "in_progress"
    return found


def _word_progress(key: str) -> Progress | None:
    exact, prefixes = _folded()
    if key in exact:
        return exact[key]
    best = None
    for prefix, progress in prefixes:
        if key == prefix or key.startswith(prefix + " "):
            if best is None or len(prefix) > best[0]:
                best = (len(prefix), progress)
    return best[1] if best else None
