"""The files of one upload read on a few worker processes, started once per process.

Reading a file (the zip guard, the Rust reader, header detection, staging) holds the GIL
for most of its time (fastexcel 0.21 too: a thread spinning in Python beside it slows its
parse several times over), so reading threads overlap little; processes do. The pool:

- starts its workers (``python -m loaders.reports.read_worker``) on first use, through
  ``subprocess`` (fork and exec at once: nothing of this process, its DuckDB threads or
  its locks, is carried over; no ``multiprocessing``, which would run this process's main
  script again in each worker), once per process; they end when this process does (their
  input closes);
- is shared by every thread (Streamlit sessions): one parcel at a time per worker;
- is used only for batches of at least :data:`MIN_FILES` files to read: below that a
  round trip to the workers costs more than it saves;
- sends the catalog once per batch to each worker.

A worker found dead when a parcel is handed to it is started again. When a worker fails
while reading (it dies, or reading raised in it), the parcel is read in this process
instead, as it was before the pool existed, so a reader's exception surfaces unchanged.
"""

from __future__ import annotations

import itertools
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import date
from pathlib import Path

from loaders.reports.catalog import Catalog
from loaders.reports.prepared import PreparedFile
from loaders.reports.read_file import FileWork, read_one
from loaders.reports.read_worker import receive, send

WORKERS = min(2, os.cpu_count() or 1)
"""Worker processes (and, for a batch read in this process, reading threads)."""
MIN_FILES = 8
"""Fewest files to read for a batch to go to the workers."""
PARCELS_PER_WORKER = 4
"""Each worker gets about this many parcels of files: big files still balance, and
progress moves in steps a person can see."""

_ROOT = str(Path(__file__).resolve().parents[2])
_batches = itertools.count(1)
Done = Callable[[int, FileWork], None]
Parcel = list[tuple[int, PreparedFile]]


class _Worker:
    """One worker process, asked one parcel at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.batch = 0  # whose catalog the worker holds

    def read(self, batch: int, blob: bytes, parcel: Parcel, args: tuple) -> list | None:
        """The parcel's (position, FileWork) pairs, or None when the worker failed. A
        worker found dead before it took the parcel is started again once."""
        with self.lock:
            for _ in range(2):
                process = self._running()
                assert process.stdin is not None and process.stdout is not None
                try:
                    send(
                        process.stdin, (batch, None if self.batch == batch else blob, parcel, args)
                    )
                except OSError:  # it had died: the parcel was not read
                    self._stop()
                    continue
                self.batch = batch
                try:
                    status, found = receive(process.stdout)
                except (OSError, EOFError, pickle.UnpicklingError):  # it died reading
                    self._stop()
                    return None
                return found if status == "ok" else None
            return None

    def _running(self) -> subprocess.Popen:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "loaders.reports.read_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=_ROOT,
                env=dict(os.environ, RUST_BACKTRACE="0", PYTHONDONTWRITEBYTECODE="1"),
            )
            self.batch = 0
        return self.process

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def pid(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None


_workers = [_Worker() for _ in range(WORKERS)]


def read_files(
    todo: Sequence[tuple[int, PreparedFile]],
    catalog: Catalog,
    unit: str | None,
    reported_on: date | None,
    today: date,
    plan_codes: Sequence[str],
    done: Done,
) -> None:
    """Read every (position, file) of `todo`; `done(position, work)` is called in this
    thread as each file is finished, in no fixed order."""
    args = (unit, reported_on, today, tuple(plan_codes))
    pooled = len(todo) >= MIN_FILES and WORKERS > 1
    parcels = _parcels(todo, WORKERS * PARCELS_PER_WORKER) if pooled else [[f] for f in todo]
    blob = pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL) if pooled else b""
    batch = next(_batches)

    def one(number: int, parcel: Parcel) -> list:
        if pooled:
            found = _workers[number % WORKERS].read(batch, blob, parcel, args)
            if found is not None:
                for index, work in found:
                    work.prepared.data = dict(parcel)[index].data
                return found
        return [(index, read_one(prepared, catalog, *args)) for index, prepared in parcel]

    with ThreadPoolExecutor(max_workers=WORKERS) as threads:
        futures = [threads.submit(one, n, parcel) for n, parcel in enumerate(parcels)]
        for future in as_completed(futures):
            for index, work in future.result():
                done(index, work)


def _parcels(todo: Sequence[tuple[int, PreparedFile]], count: int) -> list[Parcel]:
    """`todo` cut into about `count` runs of similar size in bytes, in order."""
    target = max(1, sum(p.size for _, p in todo) // count)
    parcels: list[Parcel] = [[]]
    weight = 0
    for item in todo:
        if parcels[-1] and weight >= target:
            parcels.append([])
            weight = 0
        parcels[-1].append(item)
        weight += item[1].size
    return parcels


def worker_pids() -> list[int]:
    """The worker processes running now (none before the first pooled batch)."""
    return [pid for pid in (w.pid() for w in _workers) if pid is not None]
