"""Where the database lives, and the few settings an office may change.

The database is the DuckDB file ``data/tracker.duckdb`` beside the code unless the
environment variable ``TRACKER_DB`` (or ``--db`` on the command line) names another file or
a PostgreSQL server (``postgresql://user@host/db``); tests and the browser test point the
app at a temporary database this way. ``TRACKER_DB_WAIT`` is how many seconds an operation
waits for a file another process holds (30 unless set).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "tracker.duckdb"
DEMO_REPORTS_DIR = DATA_DIR / "demo" / "reports"
MAX_UPLOAD_MB = 20
MAX_FAILED_SIGN_INS = 5  # failed attempts in a row that lock a login for one address


def _minutes(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


def account_max_failures() -> int:
    """Failed sign-ins of one login from all addresses together that lock it for everyone:
    ``$TRACKER_ACCOUNT_MAX_FAILURES`` (default 100, NIST SP 800-63B's ceiling); only
    attempts an address was still allowed count, so it takes twenty addresses at least."""
    return _minutes("TRACKER_ACCOUNT_MAX_FAILURES", 100)


def lockout_minutes() -> int:
    """How long an account stays locked after five failed sign-ins: ``$TRACKER_LOCKOUT_MINUTES``
    (default 15)."""
    return _minutes("TRACKER_LOCKOUT_MINUTES", 15)


def session_minutes() -> int:
    """How long a sign-in survives reloads (the cookie's life): ``$TRACKER_SESSION_MINUTES``
    (default 480, a working day)."""
    return _minutes("TRACKER_SESSION_MINUTES", 480)


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database file to use: `explicit`, else ``$TRACKER_DB``, else the default."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("TRACKER_DB")
    return Path(from_env) if from_env else DEFAULT_DB


def database_target(explicit: str | os.PathLike | None = None) -> str:
    """The database to use, as the Store takes it: a ``postgresql://`` URL unchanged (a
    Path would fold its ``//``), else the file path of :func:`database_path`."""
    chosen = str(explicit) if explicit else os.environ.get("TRACKER_DB", "")
    if chosen.startswith(("postgresql://", "postgres://")):
        return chosen
    return str(database_path(explicit))


def database_wait(explicit: float | None = None) -> float:
    """Seconds to wait for the database: `explicit`, else ``$TRACKER_DB_WAIT``, else 30."""
    if explicit is not None:
        return explicit
    return float(os.environ.get("TRACKER_DB_WAIT") or 30)


def demo_reports_dir(db: Path) -> Path | None:
    """Where the demo's generated .xlsx reports are kept for staff to try uploading by hand:
    ``data/demo/reports`` for the default database, nowhere for any other."""
    return DEMO_REPORTS_DIR if db.resolve() == DEFAULT_DB.resolve() else None
