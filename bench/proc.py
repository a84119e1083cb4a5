"""A process's peak memory read from ``/proc``, for the benches."""

from __future__ import annotations

from pathlib import Path


def vm_hwm_mb(pid: int | str = "self") -> float:
    """A process's peak resident memory (``VmHWM``), in MB. Not ``ru_maxrss``: Linux
    carries that over from the parent through fork and exec."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
