"""Shared fixtures: stores built from code in a temporary folder, on DuckDB and, for the
suites of :data:`BOTH_BACKENDS`, on a real PostgreSQL 15 too (a throw-away cluster,
:mod:`pg_cluster`, started once per session)."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pg_cluster
import pytest
from hypothesis import settings

from store.database import Store
from tracker.usecases.demo import build_demo

BOTH_BACKENDS = {
    "test_store",
    "test_ingest_store",
    "test_ingest_problems",
    "test_ingest_cli",
    "test_status",
    "test_export_csv",
    "test_export_xlsx",
    "test_export_docx",
    "test_export_cli",
    "test_tables",
    "test_report_corrections",
    "test_lockout",
    "test_template_prefill",
    "test_reminder_units",
}
"""Test modules run once per backend: the store, ingest, status and export suites."""
_names = itertools.count()

settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")
"""No per-example deadline for property tests: on a loaded 2-core runner an example of
a few milliseconds can take 250, and speed is measured by bench/, not by tests."""


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames and metafunc.module.__name__ in BOTH_BACKENDS:
        metafunc.parametrize("backend", ["duckdb", "postgresql"], indirect=True)


@pytest.fixture
def backend(request) -> str:
    """The backend a test's stores are on: both for the suites of BOTH_BACKENDS, else
    DuckDB."""
    return getattr(request, "param", "duckdb")


@pytest.fixture(scope="session")
def pg():
    """A PostgreSQL cluster for the session (CI installs Debian's postgresql)."""
    if os.environ.get("TRACKER_TEST_BACKENDS") == "duckdb":
        pytest.skip("PostgreSQL left out (TRACKER_TEST_BACKENDS=duckdb, make test-fast)")
    if not pg_cluster.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL 15 is not installed (.ci/run installs it)")
        pytest.skip("PostgreSQL 15 is not installed (apt-get install postgresql)")
    cluster = pg_cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def db_target(backend, tmp_path, request) -> str:
    """An empty database on the test's backend: a DuckDB path or a PostgreSQL URL."""
    if backend == "duckdb":
        return str(tmp_path / "t.duckdb")
    return request.getfixturevalue("pg").new_database(f"t{next(_names)}")


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    """The demo database, built once per test session; copy it before writing to it."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(path).close()
    return path


@pytest.fixture(scope="session")
def pg_demo_template(pg) -> str:
    """The demo database on PostgreSQL, built once: the template of every demo copy."""
    build_demo(pg.new_database("demo_template")).close()
    return "demo_template"


@pytest.fixture
def demo_db(backend, demo_db_template, tmp_path, request) -> Path | str:
    """A private copy of the demo database: a file, or a PostgreSQL database's URL."""
    if backend == "postgresql":
        template = request.getfixturevalue("pg_demo_template")
        return request.getfixturevalue("pg").new_database(f"demo{next(_names)}", template)
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    return path


@pytest.fixture
def demo_store(demo_db):
    with Store(demo_db) as store:
        yield store


@pytest.fixture
def store(db_target):
    with Store(db_target) as s:
        yield s
