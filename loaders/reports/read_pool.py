"""The files of one upload read by a worker process and a thread of this process at once.

Reading a file (the zip guard, the Rust reader, header detection, staging) holds the GIL
for most of its time (fastexcel 0.21 too: a thread spinning in Python beside it slows its
parse several times over), so two reading threads overlap little; a process and a thread
do. The worker:

- is ``python -m loaders.reports.read_worker``, started on first use through
  ``subprocess`` (fork and exec at once: nothing of this process, its DuckDB threads or its
  locks, is carried over; not ``multiprocessing``, which would run this process's main
  script again in the worker), once per process; it ends when this process does (its
  input closes);
- is shared by every thread (Streamlit sessions), one parcel of files at a time;
- reads only batches of at least :data:`MIN_FILES` files of at most
  :data:`MAX_MEAN_BYTES` on average: below that a round trip costs more than it saves,
  above it the memory goes to matching the rows (see the constant); and only while a core
  is idle (:data:`MAX_LOAD`);
- gets the catalog once per batch, without its obligations: reading one file never looks
  at them (matching, in this process, does), and they are most of its pickle.

A worker found dead when a parcel is handed to it is started again. When a worker fails
while reading (it dies, or reading raised in it), the parcel is read in this process
instead, as it was before the pool existed, so a reader's exception surfaces unchanged.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from loaders.reports.catalog import Catalog
from loaders.reports.prepared import PreparedFile
from loaders.reports.read_file import FileWork, read_one
from loaders.reports.read_worker import receive, send

READERS = min(2, os.cpu_count() or 1)
"""Files read at once: by the worker processes (all but one reader) and a thread here."""
MIN_FILES = 8
"""Fewest files to read for a batch to go to the workers."""
MAX_MEAN_BYTES = 64 << 10
"""Largest mean file size for a batch to go to the workers. Many small files are where the
per-file work dominates; a batch of big files spends its memory on matching their rows in
this process (about 390 MB for 20 files x 5,000 rows), and a worker would add its own
(about 150 MB) to that."""
MAX_LOAD = READERS - 0.5
"""Highest 1-minute load average at which the worker is used: it only pays on an idle core.
The uploading process's own work counts in it (one busy process keeps it near 1).
Measured on a 2-core machine at load 5-8 (other sessions' scheduling groups taking their
share), 200 small files took 1.2-3.1x the wall time with the worker as without it."""
PARCELS_PER_READER = 8
"""Each reader gets about this many parcels of files: big files still balance, and
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
            for pipe in (self.process.stdin, self.process.stdout):
                _widen(pipe)
            self.batch = 0
        return self.process

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def pid(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None


PIPE_BYTES = 1 << 20
"""Pipe buffer asked for (Linux gives 64 KB): a parcel and its answer (a few hundred KB)
then cross in one write instead of a context switch every 64 KB, each of which waits for
the scheduler on a busy machine."""


def _widen(pipe: object) -> None:
    try:
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[attr-defined]
    except (AttributeError, OSError):  # not Linux, or over /proc/sys/fs/pipe-max-size
        pass


_workers = [_Worker() for _ in range(max(READERS - 1, 0))]


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
    thread as each file is finished, in no fixed order.

    :data:`READERS` readers take parcels from one list as they become free: the worker
    processes, and a thread of this process (only threads for a batch of fewer than
    :data:`MIN_FILES` files, of files over :data:`MAX_MEAN_BYTES` on average, or when the
    machine is busier than :data:`MAX_LOAD`)."""
    args = (unit, reported_on, today, tuple(plan_codes))
    pooled = (
        len(todo) >= MIN_FILES
        and sum(p.size for _, p in todo) <= MAX_MEAN_BYTES * len(todo)
        and READERS > 1
        and os.getloadavg()[0] <= MAX_LOAD
    )
    parcels = iter(_parcels(todo, READERS * PARCELS_PER_READER) if pooled else [[f] for f in todo])
    blob = pickle.dumps(_for_reading(catalog), protocol=pickle.HIGHEST_PROTOCOL) if pooled else b""
    batch = next(_batches)
    take = threading.Lock()

    def here(parcel: Parcel) -> list:
        return [(index, read_one(prepared, catalog, *args)) for index, prepared in parcel]

    def reader(worker: _Worker | None) -> Iterator[list]:
        while True:
            with take:
                parcel = next(parcels, None)
            if parcel is None:
                return
            found = worker.read(batch, blob, parcel, args) if worker else None
            if found is None:
                yield here(parcel)
                continue
            data = dict(parcel)
            for index, work in found:
                work.prepared.data = data[index].data
            yield found

    workers = _workers[: READERS - 1] if pooled else []
    answers: queue.SimpleQueue = queue.SimpleQueue()

    def run(worker: _Worker | None) -> None:
        try:
            for found in reader(worker):
                answers.put(("found", found))
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            answers.put(("raised", exc))
        answers.put(("end", None))

    threads = [
        threading.Thread(target=run, args=(w,), daemon=True)
        for w in [*workers, *[None] * (READERS - len(workers))]
    ]
    for thread in threads:
        thread.start()
    ended, failure = 0, None
    while ended < len(threads):
        what, found = answers.get()
        if what == "end":
            ended += 1
        elif what == "raised":
            failure = failure or found
        elif failure is None:
            for index, work in found:
                done(index, work)
    if failure is not None:
        raise failure


def _for_reading(catalog: Catalog) -> Catalog:
    """The catalog a worker reads with: the same plan, units and tasks, no obligations (nor
    the tables built from them)."""
    return replace(catalog, obligations=[])


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
