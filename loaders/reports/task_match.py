"""Which task a report's title cell means when no code, section or exact title settles it."""

from __future__ import annotations

import difflib

from loaders.reports.catalog import Catalog, title_key

FUZZY_MIN_RATIO = 0.88
FUZZY_MARGIN = 0.04
FUZZY_MAX_TITLES = 300
"""Close matching costs ~0.2 ms per title and task; past this many distinct unmatched
titles in a batch the rest are simply reported unmatched."""

def close_tasks(text: str, catalog: Catalog) -> list[int]:
    """Tasks whose title is close to `text`: one (a match), two (ambiguous) or none."""
    key = title_key(text)
    scored = []
    for task in catalog.tasks:
        candidate = title_key(task.title)
        if not candidate:
            continue
        matcher = difflib.SequenceMatcher(None, key, candidate, autojunk=False)
        if matcher.real_quick_ratio() >= FUZZY_MIN_RATIO and (
                matcher.quick_ratio() >= FUZZY_MIN_RATIO):
            scored.append((matcher.ratio(), task.task_id))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < FUZZY_MIN_RATIO:
        return []
    if len(scored) > 1 and scored[0][0] - scored[1][0] < FUZZY_MARGIN:
        return [scored[0][1], scored[1][1]]
    return [scored[0][1]]
