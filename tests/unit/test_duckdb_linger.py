"""The DuckDB file stays open for a short linger after the last read, then is let go, with
one closing thread per opening (not one timer per read); a Store held for a block keeps it
through idle time."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from store.database import Store
from store.duckdb_file import LINGER, DuckDBBackend

OPENS = "import duckdb, sys; duckdb.connect(sys.argv[1]).close()"


def _lingering() -> int:
    return sum(t.name == "duckdb-linger" for t in threading.enumerate())


def _other_process_opens(path) -> bool:
    done = subprocess.run([sys.executable, "-c", OPENS, str(path)], capture_output=True)
    return done.returncode == 0


def test_reads_in_a_row_share_one_closing_thread_and_hold_the_file(tmp_path):
    path = tmp_path / "a.duckdb"
    backend = DuckDBBackend(path, linger=60)
    before = _lingering()
    for _ in range(30):
        with backend.reading() as session:
            assert session.rows("SELECT 42", None) == [(42,)]
        assert _lingering() <= before + 1
    assert not _other_process_opens(path)  # held while the linger lasts
    backend.close()
    assert _other_process_opens(path)


def test_the_file_is_let_go_once_idle_for_the_linger_and_opened_again(tmp_path):
    path = tmp_path / "c.duckdb"
    backend = DuckDBBackend(path, linger=0.05)
    with backend.reading() as session:
        assert session.rows("SELECT 42", None) == [(42,)]
    deadline = time.monotonic() + 30
    while not _other_process_opens(path):  # let go once idle for the linger
        assert time.monotonic() < deadline, "the file was never let go"
        time.sleep(0.05)
    with backend.reading() as session:
        assert session.rows("SELECT 1", None) == [(1,)]
    backend.close()


def test_a_read_that_lasts_longer_than_the_linger_keeps_the_file(tmp_path):
    path = tmp_path / "b.duckdb"
    backend = DuckDBBackend(path, linger=0.05)
    with backend.reading():
        pass  # a closing thread starts
    with backend.reading() as session:
        time.sleep(0.3)  # past the linger, still in use
        assert not _other_process_opens(path)
        assert session.rows("SELECT 7", None) == [(7,)]
    backend.close()
    assert _other_process_opens(path)


def test_a_held_store_keeps_its_file_through_idle_time_then_lets_it_go(tmp_path):
    path = tmp_path / "d.duckdb"
    store = Store(path)
    with store.held():
        assert store.scalar("data_version") is not None
        time.sleep(LINGER + 0.2)  # idle past the linger (an upload's files being read)
        assert not _other_process_opens(path)
        assert store.scalar("data_version") is not None
    deadline = time.monotonic() + 30
    while not _other_process_opens(path):  # let go once idle for the linger
        assert time.monotonic() < deadline, "the file was never let go"
        time.sleep(0.05)
    store.close()
