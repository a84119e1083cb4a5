"""Shared fixtures: stores built from code in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker.store.database import Store
from tracker.usecases.demo import build_demo


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    """The demo database, built once per test session; copy it before writing to it."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_db(demo_db_template, tmp_path) -> Path:
    """A private copy of the demo database file."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    return path


@pytest.fixture
def demo_store(demo_db):
    with Store(demo_db) as store:
        yield store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s
