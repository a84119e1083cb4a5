"""How the command-line tests run ``python -m tracker``: a real child process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m tracker ARGS`` from the repository root; `env` adds variables."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
