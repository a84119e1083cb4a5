"""Run a Debian tool (antiword, soffice, pdftoppm, tesseract) on hostile bytes, bounded.

Each tool runs as a child process in a temporary directory of its own, with a time limit
and an address-space cap (``RLIMIT_AS``), and never through a shell. A missing tool is a
:class:`ToolMissing` whose message says, in Vietnamese, which Debian package to install
(``make test`` installs them all through the Makefile's doc-deps target).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from domain.errors import TrackerError

PACKAGES = {
    "antiword": "antiword",
    "soffice": "libreoffice-writer-nogui",
    "pdftoppm": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "tesseract": "tesseract-ocr tesseract-ocr-vie",
}
TOOL_MEMORY_BYTES = 1536 * 1024 * 1024


class ToolMissing(TrackerError):
    """A tool the file needs is not installed; str() is the Vietnamese instruction."""


@dataclass
class ToolRun:
    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool = False


def need(tool: str) -> str:
    """The tool's path; raises :class:`ToolMissing` saying what to install."""
    path = shutil.which(tool)
    if path is None:
        package = PACKAGES.get(tool, tool)
        raise ToolMissing(
            f"Máy chủ chưa cài công cụ «{tool}» để đọc loại tệp này. Quản trị viên hãy cài "
            f"gói Debian: sudo apt-get install -y {package}"
        )
    return path


def _limits() -> None:  # pragma: no cover - runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (TOOL_MEMORY_BYTES, TOOL_MEMORY_BYTES))


def run(args: list[str], cwd: str, seconds: float, memory_cap: bool = True) -> ToolRun:
    """Run `args` in `cwd` for at most `seconds`; a timeout kills the whole process group."""
    env = dict(os.environ, HOME=cwd, OMP_THREAD_LIMIT="1", LC_ALL="C.UTF-8")
    process = subprocess.Popen(
        [need(args[0]), *args[1:]],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limits if memory_cap else None,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.communicate()
        return ToolRun(-9, b"", b"", timed_out=True)
    return ToolRun(process.returncode, out, err)
