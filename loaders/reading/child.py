"""Run one of our reader modules (``python -m loaders.reading.pdf``,
``python -m loaders.reading.isolated``) over hostile bytes in a child process: the bytes on
its standard input, its answer on its standard output, a time limit here and a memory cap it
sets on itself, so a bomb kills only the child."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])


def run_child(module: str, data: bytes, seconds: float) -> tuple[bytes, str | None]:
    """The child's standard output and None, or b"" and why it failed: "time", "password"
    (an encrypted file), "memory" (killed or out of memory) or "corrupt"."""
    env = dict(os.environ, RUST_BACKTRACE="0", PYTHONDONTWRITEBYTECODE="1")
    try:
        done = subprocess.run(
            [sys.executable, "-m", module],
            input=data,
            capture_output=True,
            timeout=seconds,
            cwd=ROOT,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return b"", "time"
    if done.returncode == 0:
        return done.stdout, None
    err = done.stderr.decode("utf-8", "replace").lower()
    if "password" in err or "encrypt" in err:
        return b"", "password"
    if done.returncode < 0 or "memory" in err or "alloc" in err:
        return b"", "memory"
    return b"", "corrupt"
