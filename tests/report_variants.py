"""Report variants: the demo's clean reports of both plans, redrawn the ways units fill forms in.

:func:`run` takes every clean demo report, applies a seeded random combination of the
transformations in :data:`TRANSFORMS` (forms drawn with merged headers, numbering rows,
group rows, totals and signatures; statuses as words, marks or sentences; dates as people
type them; hidden rows of other units; letterheads; Word tables ...), writes the file with
real libraries (openpyxl, csv, python-docx), reads it through the loaders and compares
what was read with what the clean report says. Every variant must be either read to exactly
the clean facts, or refused with an error located at a sheet (or table) and row: never read
to other facts.

Some transformations make the report *wrong* on purpose (a completion after the report's
date, a date before the directive, a report dated in the future): those must be refused,
and count as "other facts" when they are read.

``python tests/report_variants.py [N] [SEED]`` prints the counts per transformation.
(No tests here; tests/unit/test_report_variants.py runs it.)
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import report_layouts  # noqa: F401 - registers the layout transformations
import report_values  # noqa: F401 - registers the value transformations
from report_forms import TODAY, TRANSFORMS, Form, clean_form, write

from loaders.reports.catalog import Catalog
from loaders.reports.pipeline import prepare
from store.database import Store
from tracker.usecases.demo import DemoReport, demo_reports, load_plans
from tracker.usecases.ingest import load_catalog


@dataclass
class Demo:
    reports: list[DemoReport]
    catalogs: dict[str, Catalog]
    provinces: dict[str, str]


def load_demo(folder: Path | None = None) -> Demo:
    """The demo's plans in a throw-away DuckDB file, their catalogs and clean reports."""
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(folder or tmp) / "variants.duckdb") as store:
            load_plans(store)
            reports = demo_reports(store)
            plans = sorted({r.plan for r in reports})
            catalogs = {p: load_catalog(store, p) for p in plans}
            provinces = {row.code: row.province for row in store.frame("plans_list").itertuples()}
    return Demo(reports, {k: v for k, v in catalogs.items() if v}, provinces)


Fact = tuple[str, str, str, str, date | None]


def truth(report: DemoReport) -> tuple[date, frozenset[Fact]]:
    return report.reported_on, frozenset(
        (r.task_code, report.unit, r.period, r.progress, r.completed_on) for r in report.rows
    )


def facts(prepared, catalog: Catalog) -> tuple[date | None, frozenset[Fact]]:
    codes, names = catalog.task_codes(), catalog.unit_names()
    rows = prepared.rows.to_pylist() if prepared.rows is not None else []
    return prepared.reported_on, frozenset(
        (codes[r["task_id"]], names[r["unit_id"]], r["period"], r["progress"], r["completed_on"])
        for r in rows
    )


def located(problem) -> bool:
    return bool(problem.sheet) and problem.row is not None


@dataclass
class Outcome:
    name: str
    kinds: tuple[str, ...]
    verdict: str  # same | refused | unlocated | other
    detail: str = ""


def variant(report: DemoReport, province: str, rng: random.Random, kinds: list[str]) -> Form:
    form = clean_form(report, province)
    for name in sorted(kinds, key=lambda k: (TRANSFORMS[k][0], k)):
        TRANSFORMS[name][1](form, rng)
    return form


def judge(form: Form, prepared, catalog: Catalog) -> tuple[str, str]:
    expected = truth(form.report)
    if prepared.accepted:
        got = facts(prepared, catalog)
        if got == expected and not form.must_refuse:
            return "same", ""
        missing = sorted(expected[1] - got[1], key=str)[:2]
        extra = sorted(got[1] - expected[1], key=str)[:2]
        return "other", f"date {got[0]} vs {expected[0]}; missing {missing}; extra {extra}"
    errors = prepared.errors
    if any(located(p) for p in errors):
        return "refused", str(errors[0])[:160]
    return "unlocated", str(errors[0])[:160] if errors else "no error"


def run(
    count: int = 500,
    seed: int = 19,
    demo: Demo | None = None,
    only: list[str] | None = None,
    max_kinds: int = 4,
) -> list[Outcome]:
    """`count` variants (seeded), each of 1..max_kinds random transformations."""
    demo = demo or load_demo()
    rng = random.Random(seed)
    names = only or sorted(TRANSFORMS)
    forms: dict[str, list[tuple[Form, tuple[str, ...]]]] = defaultdict(list)
    for n in range(count):
        report = demo.reports[n % len(demo.reports)]
        kinds = rng.sample(names, rng.randint(1, min(max_kinds, len(names))))
        form = variant(report, demo.provinces[report.plan], random.Random(rng.random()), kinds)
        form.file_name = f"v{n:04d}_{form.file_name}"
        forms[report.plan].append((form, tuple(sorted(kinds))))
    outcomes = []
    for plan, group in forms.items():
        files = [write(f) for f, _ in group]
        prepared = prepare(files, demo.catalogs[plan], today=TODAY)
        seen: dict[str, tuple[str, str]] = {}
        for (form, kinds), (name, _), done in zip(group, files, prepared, strict=True):
            if done.duplicate_of is not None:  # the same bytes as an earlier variant
                verdict, detail = seen[done.sha256]
            else:
                verdict, detail = judge(form, done, demo.catalogs[plan])
                seen[done.sha256] = (verdict, detail)
            outcomes.append(Outcome(name, kinds, verdict, detail))
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, int]:
    counted = Counter(o.verdict for o in outcomes)
    return {
        "variants": len(outcomes),
        **{k: counted.get(k, 0) for k in ("same", "refused", "unlocated", "other")},
    }


def single_kinds(demo: Demo | None = None, per: int = 12, seed: int = 19) -> dict[str, Counter]:
    """Each transformation alone, on `per` reports: what it does by itself."""
    demo = demo or load_demo()
    table: dict[str, Counter] = {}
    for name in sorted(TRANSFORMS):
        outcomes = run(per, seed, demo, only=[name], max_kinds=1)
        table[name] = Counter(o.verdict for o in outcomes)
    return table


if __name__ == "__main__":
    import time

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 19
    demo = load_demo()
    print(f"{len(TRANSFORMS)} transformations, {len(demo.reports)} clean reports")
    print("each transformation alone (same / refused / unlocated / other):")
    for name, c in single_kinds(demo).items():
        print(f"  {name:32s} {c['same']:3d} {c['refused']:3d} {c['unlocated']:3d} {c['other']:3d}")
    start = time.perf_counter()
    outcomes = run(count, seed, demo)
    took = time.perf_counter() - start
    print(f"combined: {summary(outcomes)} in {took:.1f} s")
    for o in [o for o in outcomes if o.verdict == "other"][:12]:
        print("  OTHER", o.name, o.kinds, o.detail)
