"""Report ingestion: files in, one transaction out, a result per file.

The entry points the command line, the upload page, the demo builder and the benchmark
share:

- :func:`ingest_files` validates a batch and writes the accepted files;
- :func:`prepare_files` validates only (the upload page's preview) and
  :func:`commit_prepared` writes what it prepared, without reading the files again.

Files are independent: each gets a :class:`FileResult` saying whether it was accepted,
whether it was already loaded, and every problem found, located and in Vietnamese. A file
with any error writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from domain.access import Action, Actor, Forbidden, require
from domain.errors import NotFound
from domain.problems import file_problem
from loaders.reading.sniff import REPORT_SUFFIXES
from loaders.reports.catalog import Catalog, Obligation, Task, Unit
from loaders.reports.file_facts import plans_named
from loaders.reports.pipeline import PreparedFile, prepare
from store.database import Store
from store.reports import (
    NewReport,
    Written,
    known_hashes,
    list_reports,
    plan_reference,
    report_header,
    report_rows,
    write_batch,
)
from store.reports import (
    plan_codes as stored_plan_codes,
)
from store.reports import withdraw_report as _withdraw
from tracker.usecases.acting import acting
from tracker.usecases.file_results import FileResult

__all__ = [
    "Preparation",
    "commit_prepared",
    "ingest_files",
    "list_reports",
    "load_catalog",
    "prepare_files",
    "report_files",
    "report_rows",
    "withdraw_report",
]


def load_catalog(store: Store, plan_code: str) -> Catalog | None:
    """The plan's units (of its province), tasks and obligations, ready for matching, with
    the names staff remembered for them (:mod:`tracker.usecases.aliases`); None for an
    unknown plan."""
    ref = plan_reference(store, plan_code)
    if ref is None:
        return None
    remembered: dict[tuple[str, int], list[str]] = {}
    for kind, rows in (("task", ref.task_aliases), ("unit", ref.unit_aliases)):
        for target, alias in rows:
            remembered.setdefault((kind, target), []).append(alias)
    units = [
        Unit(uid, name, short or "", (*(aliases or ()), *remembered.get(("unit", uid), ())))
        for uid, name, short, aliases in ref.units
    ]
    tasks = [
        Task(
            tid,
            code,
            title,
            section or "",
            recurrence,
            due,
            deadline or "",
            order,
            tuple(remembered.get(("task", tid), ())),
        )
        for tid, code, title, section, recurrence, due, deadline, order in ref.tasks
    ]
    obligations = [Obligation(tid, uid, period, due) for tid, uid, period, due in ref.obligations]
    return Catalog(
        ref.plan_id,
        ref.code,
        ref.title,
        ref.issued_on,
        units,
        tasks,
        obligations,
        ref.province,
        directive_on=_as_date(ref.directive_on),
    )


def _as_date(value) -> date | None:
    """A DATE column's value as a date (PostgreSQL gives date, DuckDB may give datetime)."""
    if value is None:
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


@dataclass
class Preparation:
    """A validated batch waiting to be written (the upload page keeps it between reruns)."""

    catalog: Catalog
    files: list[PreparedFile]
    unit: str | None = None
    """The unit chosen at upload (for files that name none)."""
    reported_on: date | None = None
    """The report date chosen at upload."""

    def results(self) -> list[FileResult]:
        """What writing would do, as results (nothing written yet)."""
        return [replace(_result(self.catalog, p, None), written=False) for p in self.files]


def prepare_files(
    store: Store,
    plan_code: str,
    files: Sequence[tuple[str, bytes]],
    unit: str | None = None,
    reported_on: date | None = None,
    *,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Preparation:
    """Validate `files` against the plan without writing. Raises NotFound for an unknown
    plan code.

    A file that writes another registered plan's code (and not this plan's) is refused
    with a message naming its plan.
    """
    catalog = load_catalog(store, plan_code)
    if catalog is None:
        raise NotFound("plan", plan_code)
    prepared = prepare(
        files,
        catalog,
        unit,
        reported_on,
        known=known_hashes(store, catalog.plan_id),
        on_progress=on_progress,
        plan_codes=plan_codes(store),
    )
    return Preparation(catalog, prepared, unit, reported_on)


def plan_codes(store: Store) -> list[str]:
    """Every registered plan's code (archived ones too: a late report still names them)."""
    return stored_plan_codes(store)


def prepare_by_plan(
    store: Store,
    files: Sequence[tuple[str, bytes]],
    reported_on: date | None = None,
    *,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> tuple[list[Preparation], list[FileResult]]:
    """Validate files whose plan was left open: each goes to the one plan it writes in its
    title rows. Returns a preparation per plan found, and a refusal for each file that
    names no registered plan or several."""
    codes = plan_codes(store)
    by_plan: dict[str, list[tuple[str, bytes]]] = {}
    refused: list[FileResult] = []
    for name, data in files:
        found = plans_named(name, data, codes)
        if len(found) == 1:
            by_plan.setdefault(found[0], []).append((name, data))
            continue
        what = (
            "không ghi số hiệu kế hoạch nào đã đăng ký"
            if not found
            else "ghi nhiều kế hoạch (" + ", ".join(found) + ")"
        )
        refused.append(
            FileResult(
                name,
                False,
                problems=[
                    file_problem(
                        name,
                        f"Tệp {what} ở phần đầu trang, nên không biết nộp vào kế hoạch nào; không "
                        "ghi gì. Hãy chọn kế hoạch trước khi tải lên.",
                    )
                ],
            )
        )
    preparations = [
        prepare_files(store, code, group, None, reported_on, on_progress=on_progress)
        for code, group in by_plan.items()
    ]
    return preparations, refused


def commit_prepared(store: Store, actor: Actor, preparation: Preparation) -> list[FileResult]:
    """Write the accepted files of a preparation for `actor` (one audited transaction for
    the batch, falling back to one per file); returns a result per file, in order.

    Raises Forbidden, writing nothing, unless `actor` may upload (a unit account: only files
    of its own units) and, when a file brings back a withdrawn upload, may reinstate."""
    require(actor, Action.UPLOAD)
    for p in preparation.files:
        if p.accepted and p.rows is not None:
            require(actor, Action.UPLOAD, p.unit_id)
    # the pipeline dates every accepted file (the upload day at the latest)
    present = {
        i: NewReport(
            p.file,
            p.sha256,
            p.data,
            p.unit_id,
            p.reported_on or date.today(),
            len(p.warnings),
            p.rows,
            [c.as_dict() for c in p.corrections],
        )
        for i, p in enumerate(preparation.files)
        if p.accepted and p.rows is not None
    }
    written: dict[int, Written] = {}
    if present:
        try:
            written = _write_audited(store, actor, preparation.catalog, present, list(present))
        except Forbidden:
            raise
        except Exception:  # noqa: BLE001 - fall back to one transaction per file
            for index in present:
                try:
                    written |= _write_audited(store, actor, preparation.catalog, present, [index])
                except Forbidden:
                    raise
                except Exception as exc:  # noqa: BLE001 - reported on that file only
                    written[index] = Written(None, False, failure=f"{type(exc).__name__}: {exc}")
    return [
        _result(preparation.catalog, p, written.get(i)) for i, p in enumerate(preparation.files)
    ]


def _write_audited(
    store: Store, actor: Actor, catalog: Catalog, files: dict[int, NewReport], todo: list[int]
) -> dict[int, Written]:
    """One attempt: the reports and one audit row listing them, or nothing."""
    with acting(store, actor, Action.UPLOAD, "report", catalog.plan_code) as act:
        written = write_batch(store, catalog.plan_id, files, todo, actor.login)
        if any(w.reinstated for w in written.values()):
            require(actor, Action.REINSTATE)
        act.after = [
            {
                "file": files[i].file_name,
                "unit_id": files[i].unit_id,
                "sha256": files[i].sha256,
                "report_id": written[i].report_id,
                "reported_on": files[i].reported_on,
                **({"reinstated": True} if written[i].reinstated else {}),
                **({"duplicate": True} if written[i].duplicate else {}),
                **({"corrections": files[i].corrections} if files[i].corrections else {}),
            }
            for i in todo
        ]
        if all(w.reinstated for w in written.values()):
            act.action = Action.REINSTATE.value
    return written


def withdraw_report(store: Store, actor: Actor, report_id: int) -> bool:
    """Withdraw an upload for `actor` (its rows stop counting; history is kept), audited.
    False, writing nothing, if already withdrawn or unknown; Forbidden unless the role may
    withdraw (a unit account: only its own units' uploads)."""
    header = report_header(store, report_id)
    require(actor, Action.WITHDRAW, header["unit_id"] if header else None)
    if header is None or header["withdrawn"]:
        return False
    with acting(
        store, actor, Action.WITHDRAW, "report", report_id, unit_id=header["unit_id"], before=header
    ) as act:
        _withdraw(store, report_id, actor.login)
        act.after = report_header(store, report_id)
    return True


def ingest_files(
    store: Store,
    actor: Actor,
    plan_code: str | None,
    files: Sequence[tuple[str, bytes]],
    unit: str | None = None,
    reported_on: date | None = None,
    *,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> list[FileResult]:
    """Validate and write a batch of report files for the plan `plan_code`, for `actor`.

    `files` are (file name, bytes). `unit` is the unit chosen at upload, used for files that
    name none; `reported_on` the report date chosen at upload, which overrides the date a
    file carries (else that date, else today). With `plan_code` None each file goes to the
    plan it names (:func:`prepare_by_plan`). Raises NotFound for an unknown plan code and
    Forbidden (before reading anything) unless `actor` may upload; everything wrong with a
    file is in its result.
    """
    require(actor, Action.UPLOAD)
    with store.held():  # the catalog, the reading, then the write: one opening of the file
        if plan_code is None:
            preparations, refused = prepare_by_plan(
                store, files, reported_on, on_progress=on_progress
            )
            done = {r.file: r for r in refused}
            for preparation in preparations:
                done |= {r.file: r for r in commit_prepared(store, actor, preparation)}
            return [done[name] for name, _ in files]
        preparation = prepare_files(
            store, plan_code, files, unit, reported_on, on_progress=on_progress
        )
        return commit_prepared(store, actor, preparation)


def _result(catalog: Catalog, prepared: PreparedFile, written) -> FileResult:
    problems = list(prepared.problems)
    accepted = prepared.accepted
    duplicate = prepared.duplicate_of is not None
    report_id = prepared.duplicate_of if duplicate and prepared.duplicate_of != -1 else None
    reinstated = False
    if written is not None:
        if written.failure:
            accepted = False
            problems.append(
                file_problem(
                    prepared.file,
                    "Lỗi khi ghi vào cơ sở dữ liệu; tệp chưa được ghi, hãy thử lại. "
                    f"({written.failure})",
                )
            )
        else:
            duplicate = duplicate or written.duplicate
            report_id = written.report_id
            reinstated = written.reinstated
    rows = prepared.rows.num_rows if prepared.rows is not None and not duplicate else 0
    unit = catalog.unit_name(prepared.unit_id) if prepared.unit_id is not None else None
    return FileResult(
        prepared.file,
        accepted,
        duplicate,
        unit,
        rows,
        problems,
        report_id,
        prepared.sha256,
        prepared.reported_on,
        reinstated,
        prepared.reported_on_source,
        copy_in_batch=prepared.duplicate_of == -1,
    )


def report_files(paths: Sequence[str | Path]) -> list[Path]:
    """Files named on a command line: a folder stands for every report file in it."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file()
                    and p.suffix.lower() in REPORT_SUFFIXES
                    and not p.name.startswith(("~$", "."))
                )
            )
        else:
            found.append(path)
    return found
