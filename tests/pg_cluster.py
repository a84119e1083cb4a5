"""A throw-away PostgreSQL 15 cluster on loopback, from Debian's ``postgresql`` package
(``initdb`` and ``pg_ctl`` under ``/usr/lib/postgresql/15/bin``), for the tests and the
benches.

``initdb`` refuses to run as root, so as root the cluster runs as the ``postgres`` user
(``runuser``), in a folder of its own under the system temporary folder (pytest's folders
are closed to other users). Durability is switched off (``fsync``, ``synchronous_commit``):
the data is thrown away. ``pg_ctl start`` is given a log file and no pipe, or it never
returns (the server inherits its stdout).

``python tests/pg_cluster.py`` starts one for the benches and prints the URL of an empty
database ``bench`` (``bench/pages.py --db URL``); it stops on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(os.environ.get("TRACKER_PG_BIN", "/usr/lib/postgresql/15/bin"))
PORTS = range(55432, 55440)
USER = "tracker"


def available() -> bool:
    return (BIN / "initdb").is_file() and (BIN / "pg_ctl").is_file()


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class Cluster:
    folder: Path
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the cluster's superuser (CREATE DATABASE and the like)."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as con:
            con.execute(statement)

    def new_database(self, name: str, template: str | None = None) -> str:
        """A fresh database (a copy of `template` when given); returns its URL."""
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = f' TEMPLATE "{template}"' if template else ""
        self.sql(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            _as_owner(
                [str(BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Cluster:
    """Initialise and start a cluster on a free port of 55432-55439; stop() removes it."""
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    subprocess.run(
        _as_owner(
            [str(BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8"]
            + ["--locale=C.UTF-8"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )
    port = _free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    subprocess.run(
        _as_owner(
            [str(BIN / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", options]
            + ["-w", "-t", "60", "start"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )
    cluster = Cluster(folder, port)
    deadline = time.monotonic() + 30
    while True:
        try:
            cluster.sql("SELECT 1")
            return cluster
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


if __name__ == "__main__":
    # A cluster for the benches: prints its URL for database "bench", runs until stopped.
    import signal

    stop = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop)
    cluster = start()
    print(cluster.new_database("bench"), flush=True)
    try:
        signal.sigwait(stop)
    finally:
        cluster.stop()
