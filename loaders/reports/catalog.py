"""The plan's reference data that report rows are matched against.

Built once per batch (by :mod:`tracker.usecases.ingest` from the store, or by hand in
tests), so that the loaders never touch the database file. The Arrow tables are joined in
DuckDB; the small Python indexes serve the few lookups done while looking at headers and
title blocks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

import pyarrow as pa
from rapidfuzz import fuzz, process

from domain import periods
from domain.names import unit_key
from domain.text import fold

_FILE_WORD_SPLIT = re.compile(r"[_\-.\s]+")
_FILE_NOISE = re.compile(
    r"^(bc|baocao|bao|cao|report|thang\d*|t\d{1,2}|quy\d*|q\d|nam\d*|"
    r"ky\d*|\d+|v\d+|ban|final|moi|new|copy)$"
)
_LIST_NUMBER = re.compile(r"^(\d+ )+")
_LEADING_ZEROS = re.compile(r"(^|[^0-9])0+([0-9])")


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """:func:`domain.text.fold`, remembered: report columns repeat the same few texts."""
    return fold(text)


@lru_cache(maxsize=65536)
def code_key(text: str) -> str:
    """ "NV01", "nv 1" and "NV-001" meet on "nv1"."""
    return _LEADING_ZEROS.sub(r"\1\2", folded(text).replace(" ", ""))


@lru_cache(maxsize=65536)
def section_key(text: str) -> str:
    """ "III.1", "III. 1" and "iii.1." meet on "iii.1"; "2.1" stays apart from "21"."""
    return folded(text).replace(" ", ".").strip(".")


@lru_cache(maxsize=65536)
def title_key(text: str) -> str:
    """A task title's key: folded, without a leading list number ("1.", "2.1.")."""
    return _LIST_NUMBER.sub("", folded(text))


@dataclass
class Unit:
    unit_id: int
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class Task:
    task_id: int
    code: str
    title: str
    section: str = ""
    recurrence: str | None = None
    due_on: date | None = None
    deadline_text: str = ""
    sort_order: int = 0
    aliases: tuple[str, ...] = ()
    """Other names staff confirmed for this task (remembered aliases): matched exactly."""


@dataclass
class Obligation:
    task_id: int
    unit_id: int
    period: str = ""
    due_on: date | None = None


@dataclass
class Catalog:
    """Everything about one plan that matching needs."""

    plan_id: int
    plan_code: str
    plan_title: str
    issued_on: date
    units: list[Unit]
    tasks: list[Task]
    obligations: list[Obligation]
    province: str = ""
    directive_on: date | None = None
    """The directive's date; None when the plan names no registered directive."""
    _unit_index: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _unit_keys: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _task_index: dict[tuple[str, str], set[int]] = field(default_factory=dict, repr=False)
    code_keys: frozenset[str] = field(default_factory=frozenset, repr=False)
    """Every task's :func:`code_key`, for the checks that look at a whole column of codes."""

    def __post_init__(self) -> None:
        units: dict[str, set[int]] = defaultdict(set)
        keyed: dict[str, set[int]] = defaultdict(set)
        for unit in self.units:
            for alias in (unit.name, unit.short_name, *unit.aliases):
                if folded(alias or ""):
                    units[folded(alias)].add(unit.unit_id)
                    keyed[unit_key(alias, self.province)].add(unit.unit_id)
        self._unit_index = dict(units)
        self._unit_keys = dict(keyed)
        tasks: dict[tuple[str, str], set[int]] = defaultdict(set)
        for task in self.tasks:
            for kind, key in (
                ("code", code_key(task.code or "")),
                ("section", section_key(task.section or "")),
                ("title", title_key(task.title or "")),
                *(("title", title_key(a)) for a in task.aliases),
            ):
                if key:
                    tasks[(kind, key)].add(task.task_id)
        self._task_index = dict(tasks)
        self.code_keys = frozenset(code_key(t.code) for t in self.tasks)

    @property
    def plan_year(self) -> int:
        return self.issued_on.year

    @property
    def earliest_work(self) -> date:
        """The first day work for this plan can have been done: the directive's date, or a
        year before the plan when no directive is registered."""
        if self.directive_on is not None:
            return self.directive_on
        try:
            return self.issued_on.replace(year=self.issued_on.year - 1)
        except ValueError:  # 29 February
            return self.issued_on.replace(year=self.issued_on.year - 1, day=28)

    def unit_ids(self, text: object) -> set[int]:
        """Units a name, abbreviation or alias designates (several: ambiguous): the folded
        text first, else the looser :func:`domain.names.unit_key`."""
        return self.unit_match(text)[0]

    def unit_match(self, text: object) -> tuple[set[int], bool]:
        """(units designated, whether exactly as the registry writes one of their names)."""
        text = text if isinstance(text, str) else str(text or "")
        found = self._unit_index.get(folded(text))
        if found:
            return found, True
        key = unit_key(text, self.province) if folded(text) else ""
        return self._unit_keys.get(key, set()), False

    def closest_units(self, text: str, limit: int = 3) -> list[int]:
        """The units whose names are most like `text`, best first (for a person to choose
        among), compared on :func:`domain.names.unit_key`."""
        if not folded(text or "") or not self.units:
            return []
        names = [unit_key(u.name, self.province) for u in self.units]
        scores = process.cdist([unit_key(text, self.province)], names, scorer=fuzz.token_set_ratio)[
            0
        ]
        order = sorted(range(len(names)), key=lambda i: -scores[i])
        return [self.units[i].unit_id for i in order[:limit] if scores[i] > 0]

    def unit_name(self, unit_id: int | None) -> str | None:
        return next((u.name for u in self.units if u.unit_id == unit_id), None)

    def task_ids(self, text: object) -> set[int]:
        """Tasks a header or cell text designates exactly, by code, section or title."""
        text = text if isinstance(text, str) else str(text or "")
        for kind, key in (
            ("code", code_key(text)),
            ("section", section_key(text)),
            ("title", title_key(text)),
        ):
            found = self._task_index.get((kind, key))
            if found:
                return found
        return set()

    def task(self, task_id: int) -> Task | None:
        return next((t for t in self.tasks if t.task_id == task_id), None)

    def task_codes(self) -> dict[int, str]:
        return {t.task_id: t.code for t in self.tasks}

    def unit_names(self) -> dict[int, str]:
        return {u.unit_id: u.name for u in self.units}

    # -- tables for the SQL joins --------------------------------------------------------

    def task_table(self) -> pa.Table:
        return pa.table(
            {
                "task_id": pa.array([t.task_id for t in self.tasks], pa.int32()),
                "code": pa.array([t.code for t in self.tasks], pa.string()),
                "title": pa.array([t.title for t in self.tasks], pa.string()),
                "recurrence": pa.array([t.recurrence for t in self.tasks], pa.string()),
            }
        )

    def unit_table(self) -> pa.Table:
        return pa.table(
            {
                "unit_id": pa.array([u.unit_id for u in self.units], pa.int32()),
                "name": pa.array([u.name for u in self.units], pa.string()),
            }
        )

    @cached_property
    def obligation_table(self) -> pa.Table:
        """Every obligation with its period's bounds (built once per catalog: each matching
        pass reads it)."""
        bounds = [periods.bounds(o.period) for o in self.obligations]
        return pa.table(
            {
                "task_id": pa.array([o.task_id for o in self.obligations], pa.int32()),
                "unit_id": pa.array([o.unit_id for o in self.obligations], pa.int32()),
                "period": pa.array([o.period for o in self.obligations], pa.string()),
                "period_start": pa.array([b[0] if b else None for b in bounds], pa.date32()),
                "period_end": pa.array([b[1] if b else None for b in bounds], pa.date32()),
            }
        )

    @cached_property
    def obligation_pairs(self) -> pa.Table:
        """One row per (task, unit) that owes anything: whether a one-off report, and the
        periods owed (null when none), built once per catalog for the matching statement."""
        pairs: dict[tuple[int, int], tuple[list[bool], list[str]]] = {}
        for o in self.obligations:
            one_off, owed = pairs.setdefault((o.task_id, o.unit_id), ([False], []))
            if o.period == "":
                one_off[0] = True
            else:
                owed.append(o.period)
        keys = list(pairs)
        return pa.table(
            {
                "task_id": pa.array([k[0] for k in keys], pa.int32()),
                "unit_id": pa.array([k[1] for k in keys], pa.int32()),
                "one_off": pa.array([pairs[k][0][0] for k in keys], pa.bool_()),
                "periods": pa.array([pairs[k][1] or None for k in keys], pa.list_(pa.string())),
            }
        )


def unit_in_file_name(file_name: str, catalog: Catalog) -> tuple[int, str] | None:
    """(unit, the words that name it) when a file name names exactly one unit of the
    catalog ("BC_So_TTTT_thang12.xlsx" -> Sở TT&TT): the longest run of words that does."""
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    words = [
        w
        for w in _FILE_WORD_SPLIT.split(stem)
        if w and not _FILE_NOISE.match(folded(w).replace(" ", ""))
    ]
    for size in range(len(words), 0, -1):
        hits: dict[int, str] = {}
        for start in range(len(words) - size + 1):
            text = " ".join(words[start : start + size])
            ids = catalog.unit_ids(text)
            if len(ids) == 1:
                hits.setdefault(next(iter(ids)), text)
        if len(hits) == 1:
            return next(iter(hits.items()))
        if len(hits) > 1:
            return None
    return None
