"""Where the database lives, and the few settings an office may change.

The database file is ``data/tracker.duckdb`` beside the code unless the environment
variable ``TRACKER_DB`` (or ``--db`` on the command line) names another; tests and the
browser test point the app at a temporary file this way.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "tracker.duckdb"
DEMO_REPORTS_DIR = DATA_DIR / "demo" / "reports"
MAX_UPLOAD_MB = 20
DUE_SOON_DAYS = 7
"""How many days ahead "Sắp đến hạn" warns (trackers in use warn at 3; the brief says 7).
The store writes it into the database file on open; the status SQL reads it from there."""


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database file to use: `explicit`, else ``$TRACKER_DB``, else the default."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("TRACKER_DB")
    return Path(from_env) if from_env else DEFAULT_DB


def demo_reports_dir(db: Path) -> Path | None:
    """Where the demo's generated .xlsx reports are kept for staff to try uploading by hand:
    ``data/demo/reports`` for the default database, nowhere for any other."""
    return DEMO_REPORTS_DIR if db.resolve() == DEFAULT_DB.resolve() else None
