"""Which task a report's cell means, when the code, section and exact-title columns did not
settle it: the cascade the loaders apply to each *distinct* unmatched text of a batch.

In order: a task code anywhere in the cell ("NV01", "nv 1", "NV-001 Tổ chức ..."); a
leading section number as the plan writes it ("III.1. ..."); the exact folded title (or a
remembered alias); then a close title: a unique prefix ("Tổ chức quán triệt"), containment
either way on *significant words* (the cell's all in one task's title, or one task's all in
the cell), then rapidfuzz token similarity above :data:`MIN_SCORE` with :data:`MARGIN` over
the runner-up. Significant words leave out list numbers, parenthetical references ("(theo
Kế hoạch số 78-KH/BTGTU)") and the fillers in :data:`FILLERS`.

Surprises: rapidfuzz applies no processor by default, so texts are folded here first; a
similarity match must still share a significant word with the task (a title never matches
a task it has no significant word in common with); several candidates are an ambiguity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from domain.text import clean
from loaders.reports.catalog import Catalog, code_key, folded, section_key, title_key

MIN_SCORE = 80.0
"""rapidfuzz token_set_ratio (0-100) a similarity match needs."""
MARGIN = 8.0
"""How far the best task must score above the second for a similarity match."""
FILLERS = ("cong tac", "cac", "va", "cua", "so", "viec", "nhiem vu")
"""Folded words that say nothing about which task is meant."""
EXACT_KINDS = ("code", "section", "title")
"""Kinds of match that need no warning."""

_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_FILLER = re.compile(r"(?<!\S)(" + "|".join(FILLERS) + r")(?!\S)")
_CODE = re.compile(r"(?<![a-z0-9])([a-z]{1,4}) ?0*(\d{1,3})(?![0-9])")
_LEADING_SECTION = re.compile(r"^\s*([IVXLivxl]+|\d+)((?:\s*\.\s*\d+)*)\s*[.):\-–]?\s+(?=\S)")


@dataclass(frozen=True)
class TaskMatch:
    """`ids`: one task (a match), several (ambiguous, best first) or none; `how`: code,
    section, title, prefix, contains, similar or none."""

    ids: tuple[int, ...] = ()
    how: str = "none"

    @property
    def exact(self) -> bool:
        return self.how in EXACT_KINDS


@lru_cache(maxsize=65536)
def title_words(text: str) -> str:
    """A title's folded words without parenthetical references or a list number."""
    return title_key(_PARENS.sub(" ", clean(text)))


@lru_cache(maxsize=65536)
def significant_words(text: str) -> frozenset[str]:
    """The words of a title that tell tasks apart (see the module)."""
    return frozenset(_FILLER.sub(" ", title_words(text)).split())


class _Titles:
    """One catalog's task titles, keyed for the close steps (built once per catalog)."""

    def __init__(self, catalog: Catalog) -> None:
        self.ids = [t.task_id for t in catalog.tasks]
        names = [[t.title, *t.aliases] for t in catalog.tasks]
        self.keys = [[title_words(n) for n in group] for group in names]
        self.words = [[significant_words(n) for n in group] for group in names]
        self.strings = [" ".join(sorted(w[0])) for w in self.words]


_TITLES: dict[int, tuple[Catalog, _Titles]] = {}


def _titles(catalog: Catalog) -> _Titles:
    found = _TITLES.get(id(catalog))
    if found is None or found[0] is not catalog:
        if len(_TITLES) > 16:
            _TITLES.clear()
        found = (catalog, _Titles(catalog))
        _TITLES[id(catalog)] = found
    return found[1]


def task_label(task) -> str:
    """ "NV01 — Tổ chức quán triệt, triển khai học tập …" (a long title shortened)."""
    title = task.title if len(task.title) <= 60 else task.title[:58].rsplit(" ", 1)[0] + " …"
    return f"{task.code} — {title}"


def match_tasks(texts: list[str], catalog: Catalog) -> dict[str, TaskMatch]:
    """The cascade for each of `texts` (distinct cell texts); similarity is scored for all
    the texts that reach it at once (rapidfuzz cdist, no cap on titles)."""
    titles = _titles(catalog)
    found: dict[str, TaskMatch] = {}
    pending: dict[str, tuple[int, ...]] = {}
    for text in texts:
        early = _early(text, catalog, titles)
        if isinstance(early, TaskMatch):
            found[text] = early
        else:
            pending[text] = early
    if pending and titles.strings:
        queries = [" ".join(sorted(significant_words(t))) for t in pending]
        scores = process.cdist(queries, titles.strings, scorer=fuzz.token_set_ratio)
        for (text, contained), row in zip(pending.items(), scores, strict=True):
            found[text] = _similar(text, contained, row, titles)
    for text in pending:
        found.setdefault(text, TaskMatch())
    return found


def match_task(text: str, catalog: Catalog) -> TaskMatch:
    """:func:`match_tasks` for one text."""
    return match_tasks([text], catalog)[text]


def _early(text: str, catalog: Catalog, titles: _Titles) -> TaskMatch | tuple[int, ...]:
    """The steps before similarity: a match, or the candidates containment left."""
    index = catalog._task_index
    key = folded(text)
    if not key:
        return TaskMatch()
    codes = {
        tid
        for m in _CODE.finditer(key)
        for tid in index.get(("code", code_key(m.group(1) + m.group(2))), ())
    }
    if len(codes) == 1:
        return TaskMatch(tuple(codes), "code")
    whole = index.get(("section", section_key(text)))
    if whole:
        return TaskMatch(tuple(sorted(whole)), "section")
    exact = index.get(("title", title_key(text))) or index.get(("title", title_words(text)))
    if exact:
        return TaskMatch(tuple(sorted(exact)), "title")
    rest = text
    section = _LEADING_SECTION.match(clean(text))
    if section:
        rest = clean(text)[section.end() :]
        ids = index.get(("section", section_key(section.group(1) + section.group(2))))
        if ids and len(ids) == 1:
            later = _early(rest, catalog, titles) if rest else TaskMatch(tuple(ids), "section")
            if not isinstance(later, TaskMatch) or not later.ids or later.ids == tuple(ids):
                return TaskMatch(tuple(ids), "section")
    words_key = title_words(rest)
    if len(words_key.split()) >= 2:
        prefixed = {
            titles.ids[i]
            for i, keys in enumerate(titles.keys)
            if any(k.startswith(words_key + " ") for k in keys)
        }
        if len(prefixed) == 1:
            return TaskMatch(tuple(prefixed), "prefix")
    words = significant_words(rest)
    if not words:
        return ()
    contained = [
        titles.ids[i]
        for i, group in enumerate(titles.words)
        if any(w and (words <= w or w <= words) for w in group)
    ]
    if len(contained) == 1:
        return TaskMatch(tuple(contained), "contains")
    return tuple(contained)


def _similar(text: str, contained: tuple[int, ...], row, titles: _Titles) -> TaskMatch:
    words = significant_words(text)
    order = sorted(range(len(row)), key=lambda i: -row[i])
    shared = [i for i in order if words & titles.words[i][0]]
    if contained:
        shared = [i for i in shared if titles.ids[i] in contained]
    if not shared or row[shared[0]] < MIN_SCORE:
        if len(contained) > 1:
            return TaskMatch(contained, "contains")
        return TaskMatch()
    best = shared[0]
    second = shared[1] if len(shared) > 1 else None
    if second is not None and row[best] - row[second] < MARGIN:
        return TaskMatch((titles.ids[best], titles.ids[second]), "similar")
    return TaskMatch((titles.ids[best],), "similar")


def closest_tasks(text: str, catalog: Catalog, limit: int = 3) -> list[int]:
    """The tasks most like `text`, best first (for a person to choose among)."""
    titles = _titles(catalog)
    if not titles.strings or not significant_words(text):
        return []
    query = " ".join(sorted(significant_words(text)))
    scores = process.cdist([query], titles.strings, scorer=fuzz.token_set_ratio)[0]
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    return [titles.ids[i] for i in order[:limit] if scores[i] > 0]
