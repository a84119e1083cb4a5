"""Every named statement runs on the demo database of each backend, and the two agree.

Each statement is executed with real parameters (:data:`VALUES`, by parameter name, with
:data:`OVERRIDES` where a statement gives a name another meaning) inside a write
transaction of :meth:`store.database.Store.write` that is then rolled back, so a write
leaves nothing behind and every statement sees the same demo data. Scripts are run as
scripts; the three supersede steps run in order in one transaction.

What comes back is compared between DuckDB and PostgreSQL, row for row (in any order):
the same rule must give the same rows on both, whether its text is shared or PostgreSQL
has its own. The PostgreSQL database is the DuckDB demo copied over by
:mod:`store.transfer` (``migrate-store``), so both hold the same bytes, hashes and
moments. A write without RETURNING is run, not compared (DuckDB answers a row count,
PostgreSQL nothing).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from store.database import Store, Writer
from store.statements import files, names, sql
from store.transfer import check_target, copy_tables

AS_OF = date(2019, 8, 5)
NOW = datetime(2019, 8, 5, 9, 30)
PLAN, PLAN_ID, PROVINCE = "84-KH/BTGTU", 2, "Lạng Sơn"
UNIT, TASK, REPORT = 36, 10, 1
"""A Lạng Sơn unit of the demo, one of its tasks and its first report (report 1 answers
task 10 for unit 36 in period 2019-H1)."""
VALUES: dict[str, Any] = {
    "as_of": AS_OF, "period_at": AS_OF, "now": NOW, "at": NOW, "made_at": NOW,
    "created_at": NOW, "corrected_at": NOW, "corrected_by": "demo.canbo", "claimed_at": NOW,
    "updated_at": NOW,
    "happened_at": NOW, "expires_at": NOW + timedelta(hours=8), "stale_before": NOW,
    "lock_until": NOW + timedelta(minutes=15), "locked_until": None, "from_day": AS_OF,
    "to_day": AS_OF, "claim_day": AS_OF, "issued_on": date(2019, 6, 21),
    "tracked_until": date(2020, 12, 31), "start_on": None, "due_on": date(2019, 6, 30),
    "plan": PLAN, "plans": [PLAN, "TUHD-32/2019"], "plan_id": PLAN_ID, "province": PROVINCE,
    "groups": None, "statuses": None,
    "states": ["cho_duyet", "tra_lai"], "state": "tra_lai", "unit_id": UNIT, "unit": UNIT,
    "units": [UNIT, 37], "unit_ids": [UNIT, 37], "unit_name": None, "task": TASK,
    "task_id": TASK, "period": "2019-H1", "report_id": REPORT, "report_ids": [REPORT, 2],
    "account_id": 2, "login": "demo.canbo", "email": "can.bo@example.vn", "role": "can_bo",
    "display_name": "Cán bộ thử", "password_hash": "$argon2id$v=19$thu", "active": True,
    "failed_attempts": 1, "name": "Huyện ủy Thử", "short_name": "HU Thử",
    "group_code": "cap_uy", "level": "huyen", "parent_id": None, "code": PLAN,
    "codes": ["NV01", "NV02"], "title": "Kế hoạch thử", "issuer": "Ban Tuyên giáo",
    "code_note": "", "report_cycle": "half_yearly", "directive_id": 1, "archived": False,
    "section": "I", "section_title": "Nhiệm vụ", "sort_order": 99, "recurrence": None,
    "deadline_text": "trước ngày 30/6/2019", "deadline_unparsed": False, "kind": "unit",
    "key": "huyen uy binh gia", "alias": "HU Bình Gia", "alias_key": "hu binh gia",
    "alias_id": 1, "target_id": UNIT, "added_by": "demo.canbo", "by": "demo.canbo",
    "reason": "Thiếu cột kết quả", "limit": 50, "row_limit": 50, "offset": 0,
    "sort": "rate_asc", "step": "month", "soon_days": 7, "n": 3, "shas": ["0" * 64],
    "sha256": "a" * 64, "data": b"thu", "file_name": "thu.docx", "value": 5,
    "version": 999, "token_hash": "b" * 64, "bound_to": None, "login_key": "demo.canbo",
    "source": "127.0.0.1", "most": 5, "attempt": 1, "claim_key": f"{PLAN}|{UNIT}",
    "claimed_by": "demo.canbo", "after_id": 0, "logins": None, "actions": None,
    "kinds": None, "object_kind": "plan", "object_key": PLAN, "action": "plan.save",
    "origin": "127.0.0.1", "before_json": None, "after_json": "{}", "prev_hash": "",
    "row_hash": "c" * 64, "restored_from": None, "sheet": "Sheet1", "row_no": 5,
    "col": "C", "before_value": "x", "after_value": "y", "made_by": "demo.canbo",
    "number": "12/CV", "result": "sent", "recipients": "a@example.vn",
    "detail": "{}", "obligations": 2, "emails": "a@example.vn", "head": "Chánh Văn phòng",
    "address": "Lạng Sơn", "updated_by": "demo.canbo",
}  # fmt: skip
OVERRIDES: dict[str, dict[str, Any]] = {
    "account_insert": {"login": "can.bo.moi"},
    "alias_list": {"kind": None},
    "audit_list": {"key": None, "from_day": None, "to_day": None},
    "claim_attempts": {"kind": "email"},
    "claim_insert": {"kind": "email"},
    "claim_release": {"kind": "email"},
    "directive_upsert": {"code": "Chỉ thị 99-CT/TW"},
    "office_file_delete": {"name": "letter_party"},
    "office_file_get": {"name": "letter_party"},
    "office_file_put": {"name": "letter_party"},
    "plan_id_by_code": {"code": PLAN},
    "plan_insert": {"code": "99-KH/THU"},
    "schema_version_insert": {"name": "999_thu.sql"},
    "secret_get": {"name": "cookie"},
    "secret_put": {"name": "cookie", "value": "d" * 32},
    "session_insert": {"kind": "browser"},
    "setting_get": {"name": "due_soon_days"},
    "setting_put": {"name": "due_soon_days"},
    "task_upsert": {"code": "NV99"},
    "unit_id_by_name": {"name": "Huyện ủy Bình Gia"},
    "unit_latest_answers": {"unit": UNIT},
}
"""Where a statement gives a parameter name its own meaning (a setting's name, a
claim's kind) or needs a new key to insert."""
FILTERED = {"groups": ["cap_uy", "so_ban_nganh"], "statuses": ["overdue", "done_late"]}
"""A statement that takes one of these is run twice: unfiltered (NULL: every row) and
filtered, as ``NAME (filtered)``."""
SCRIPTS = ("store_bootstrap", "after_bulk_load", "connection_setup", "sequences_past_ids")
STEPS = {
    "report_rows_supersede": (
        "report_rows_supersede_prepare",
        "report_rows_supersede_apply",
        "report_rows_supersede_done",
    ),
    "obligations_derive_again": ("obligations_delete", "obligations_derive"),
}
"""Statements that run only after others, in one transaction, as :mod:`store.reports`
(a temporary table made, read, dropped) and :mod:`store.plans` (a plan's obligations
derived after its old ones are deleted) run them."""
ONLY_IN_STEPS = {*STEPS["report_rows_supersede"], "obligations_derive"}
TABLE = '"report_row"'
"""What ``{table}`` becomes (store.tables and store.transfer pass a quoted name)."""
DIFFER = {
    "migration_lock": "an advisory lock on PostgreSQL (void), nothing on DuckDB",
    "schema_tables": "PostgreSQL has its own table blob (migration 000)",
    "schema_versions": "PostgreSQL has its own migrations 000 and 008",
    "data_version": "counts the writes each database has seen (the copy was one)",
    "directive_upsert": "a new id: DuckDB's sequence also advanced on the demo's upserts",
}
"""Statements whose rows differ by design, and why: run, not compared."""
_WRITE = re.compile(r"\b(?:INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.IGNORECASE)
_PARAMETER = re.compile(r"\$([a-z_]\w*)")
_COMMENT = re.compile(r"--[^\n]*")


class _Undo(Exception):
    """Raised inside a write to roll it back."""


def _parameters(name: str, text: str, filtered: bool = False) -> dict[str, Any]:
    wanted = set(_PARAMETER.findall(_COMMENT.sub("", text)))
    given = {**VALUES, **OVERRIDES.get(name, {}), **(FILTERED if filtered else {})}
    missing = wanted - set(given)
    assert not missing, f"{name}: no test value for {sorted(missing)}"
    return {key: given[key] for key in wanted}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | float):
        return round(float(value), 9)
    if isinstance(value, list | tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _run_in_undone_write(store: Store, step) -> Any:
    found: list[Any] = []
    try:
        with store.write() as tx:
            found.append(step(tx))
            raise _Undo
    except _Undo:
        pass
    return found[0]


def _run(tx: Writer, dialect: str, steps: tuple[str, ...], filtered: bool) -> list[tuple]:
    """Run `steps` in order in the write `tx`; the rows of the last one."""
    rows: list[tuple] = []
    for name in steps:
        text = sql(name, dialect).replace("{table}", TABLE)
        if name in SCRIPTS:
            tx._session.script(text)
            rows = []
        else:
            rows = tx._session.rows(text, _parameters(name, text, filtered) or None)
    return rows


def _takes_filters(steps: tuple[str, ...], dialect: str) -> bool:
    taken = set(_PARAMETER.findall(_COMMENT.sub("", sql(steps[-1], dialect))))
    return bool(taken & set(FILTERED))


def run_all(target: str) -> tuple[dict[str, list], dict[str, str]]:
    """Every statement the backend has, run on `target`: (rows by name, errors by name)."""
    results: dict[str, list] = {}
    failed: dict[str, str] = {}
    with Store(target) as store:
        dialect = store.dialect
        runs = {(n, False): (n,) for n in names(dialect) if n not in ONLY_IN_STEPS}
        runs |= {(n, False): steps for n, steps in STEPS.items()}
        runs |= {(n, True): s for (n, _), s in runs.items() if _takes_filters(s, dialect)}
        for (name, filtered), steps in runs.items():
            label = f"{name} (filtered)" if filtered else name
            try:
                rows = _run_in_undone_write(
                    store, lambda tx, s=steps, f=filtered: _run(tx, dialect, s, f)
                )
                results[label] = sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)
            except Exception as exc:  # noqa: BLE001 - every failure is reported by name
                failed[label] = str(exc).splitlines()[0]
    return results, failed


def compared(name: str) -> bool:
    """Whether the rows of `name` must be the same on both backends."""
    name = name.removesuffix(" (filtered)")
    if name in DIFFER:
        return False
    text = _COMMENT.sub("", sql(STEPS.get(name, (name,))[-1], "postgresql"))
    return "RETURNING" in text.upper() or not _WRITE.search(text)


def copy_to_postgresql(source: str, target: str) -> str:
    """`target`, a new PostgreSQL database, holding a copy of the DuckDB file `source`."""
    with Store(source) as origin, Store(target) as copy:
        tables = check_target(origin, copy)
        with copy.write() as tx:
            copy_tables(origin, copy, tx, tables)
    return target


@pytest.fixture(scope="module")
def demo_file(demo_db_template, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("run") / "demo.duckdb"
    path.write_bytes(demo_db_template.read_bytes())
    return str(path)


@pytest.fixture(scope="module")
def duckdb_results(demo_file):
    return run_all(demo_file)


@pytest.fixture(scope="module")
def postgresql_results(pg, demo_file, duckdb_results):
    return run_all(copy_to_postgresql(demo_file, pg.new_database("statements_run")))


def test_every_statement_runs_on_duckdb(duckdb_results):
    results, failed = duckdb_results
    assert failed == {}
    assert set(results) >= set(names("duckdb")) - ONLY_IN_STEPS


def test_every_statement_runs_on_postgresql(postgresql_results):
    results, failed = postgresql_results
    assert failed == {}
    assert set(results) >= set(names("postgresql")) - ONLY_IN_STEPS


def test_both_backends_give_the_same_rows(duckdb_results, postgresql_results):
    both = set(duckdb_results[0]) & set(postgresql_results[0])
    assert len(both) > 100
    assert any(duckdb_results[0][name] for name in both)  # the demo data was read
    differ = {
        name: (duckdb_results[0][name][:3], postgresql_results[0][name][:3])
        for name in sorted(both)
        if compared(name) and duckdb_results[0][name] != postgresql_results[0][name]
    }
    assert differ == {}
    assert sum(map(compared, both)) > 80


def test_the_values_table_covers_every_parameter_a_statement_takes():
    for name, kinds in files().items():
        for file in kinds.values():
            _parameters(name, file.read_text(encoding="utf-8"))
