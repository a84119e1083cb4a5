"""A batch of many files is read on the worker processes of loaders.reports.read_pool: what
comes back is what reading in the process gives, hostile files included, and a worker that
died is replaced without losing a file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from ingest_builders import PLAN, UNITS, good_rows, long_report, make_store, xlsx
from test_hostile_files import _bomb, rezip

from loaders.reports import pipeline, read_pool
from loaders.reports.pipeline import prepare
from tracker.usecases.ingest import load_catalog

TODAY = date(2026, 12, 7)


@pytest.fixture
def pool(monkeypatch):
    """loaders.reports.read_pool, its worker used whatever the machine's load (the product
    skips it on a busy machine)."""
    monkeypatch.setattr(read_pool, "MAX_LOAD", float("inf"))
    return read_pool


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    with make_store(tmp_path_factory.mktemp("pool") / "t.duckdb") as store:
        return load_catalog(store, PLAN)


@pytest.fixture(scope="module")
def files() -> list[tuple[str, bytes]]:
    """Good reports of each unit, and files the guards and checks must refuse (enough good
    ones for the mean size to stay under read_pool.MAX_MEAN_BYTES with the zip bomb)."""
    good = [
        (
            f"tot_{day}_{i}.xlsx",
            xlsx(long_report(good_rows(), unit=u.name, on=f"ngày {day} tháng 7 năm 2019")),
        )
        for day in (21, 22, 23, 24)
        for i, u in enumerate(UNITS)
    ]

    def entity(name, body):
        doctype = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        return doctype + body if name == "xl/worksheets/sheet1.xml" else body

    far = xlsx(long_report(good_rows()), extra=lambda b, s: s.cell(1048576, 16384, "z"))
    bad = [
        ("bom.xlsx", _bomb(False)),
        ("xxe.xlsx", rezip(xlsx(long_report(good_rows())), entity)),
        ("xa.xlsx", far),
        ("rong.xlsx", b""),
        ("cut.xlsx", good[0][1][: len(good[0][1]) // 2]),
        ("bao_cao.csv", "Mã nhiệm vụ,Tình trạng\nNV01,Đã hoàn thành\n".encode()),
        ("lap.xlsx", good[1][1]),  # the same bytes twice: a duplicate
    ]
    return good + bad


def _seen(prepared) -> list[tuple]:
    return [
        (
            p.file,
            p.sha256,
            p.accepted,
            p.duplicate_of,
            p.rows.to_pylist() if p.rows is not None else None,
            [str(x) for x in p.problems],
            p.unit_ids,
            p.reported_on,
            p.sheets,
        )
        for p in prepared
    ]


@pytest.fixture(scope="module")
def read_here(files, catalog) -> list[tuple]:
    """The batch read by threads of this process only (the worker never used)."""
    saved, read_pool.MAX_LOAD = read_pool.MAX_LOAD, float("-inf")
    try:
        return _seen(prepare(files, catalog, today=TODAY))
    finally:
        read_pool.MAX_LOAD = saved


def test_the_workers_read_a_batch_as_this_process_does_hostile_files_included(
    pool, files, catalog, read_here
):
    assert len(files) >= pool.MIN_FILES
    pooled = prepare(files, catalog, today=TODAY)
    assert len(pool.worker_pids()) == pool.READERS - 1 >= 1
    assert _seen(pooled) == read_here
    assert [p.data for p in pooled] == [data for _, data in files]  # bytes kept for the store
    assert [p.accepted for p in pooled] == [True] * 16 + [False] * 6 + [True]
    assert pooled[-1].duplicate_of == -1


def test_a_dead_worker_is_replaced_and_no_file_is_lost(pool, files, catalog, read_here):
    prepare(files[:8], catalog, today=TODAY)
    before = pool.worker_pids()
    for pid in before:
        os.kill(pid, signal.SIGKILL)
    # a worker that died reading (or is found dead) costs no file; the next batch has new ones
    for _ in range(2):
        assert _seen(prepare(files, catalog, today=TODAY)) == read_here
    after = pool.worker_pids()
    assert len(after) == pool.READERS - 1 and not set(after) & set(before)


_STARTS_A_WORKER = """
import sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from datetime import date
from ingest_builders import PLAN, good_rows, long_report, make_store, xlsx
from loaders.reports import pipeline, read_pool
from loaders.reports.pipeline import prepare
from tracker.usecases.ingest import load_catalog
read_pool.MAX_LOAD = float("inf")
with make_store(sys.argv[3]) as store:
    catalog = load_catalog(store, PLAN)
files = [(f"{day}.xlsx", xlsx(long_report(good_rows(), on=f"ngày {day} tháng 7 năm 2019")))
         for day in range(1, read_pool.MIN_FILES + 1)]
prepare(files, catalog, today=date(2026, 12, 7))
print(*read_pool.worker_pids(), flush=True)
"""


def test_the_worker_ends_with_the_process_that_started_it(tmp_path):
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _STARTS_A_WORKER,
            str(root),
            str(root / "tests"),
            str(tmp_path / "t.duckdb"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == read_pool.READERS - 1 >= 1
    deadline = time.monotonic() + 30  # a bound for a loaded machine, not a measure
    while any(map(_running, pids)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_running, pids))


def _running(pid: int) -> bool:
    """Whether a process is there and not a zombie (ended, waiting for its parent)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_files_matched_while_others_are_read_give_the_same_results(
    pool, files, catalog, read_here, monkeypatch
):
    monkeypatch.setattr(pipeline, "STREAM_ROWS", 1)  # each file matched as soon as it is read
    assert _seen(prepare(files, catalog, today=TODAY)) == read_here
