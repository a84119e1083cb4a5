"""An old Word document (.doc) -> text, through antiword, else LibreOffice headless.

antiword (Debian ``antiword``) reads Word 97–2003 files fast and prints tables with "|"
between cells; files it cannot read (Word 6/95, odd encodings) go to LibreOffice
(``soffice --headless --convert-to docx``), whose .docx the .docx reader then reads, so
merged cells and Word's list numbers are read the same way. Both run as child processes in
a temporary directory with a time limit (:mod:`loaders.reading.tools`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from loaders.reading.tools import ToolMissing, run

ANTIWORD_SECONDS = 30
SOFFICE_SECONDS = 120


def doc_to_text(data: bytes) -> tuple[str, str]:
    """(text, "") from antiword, or ("", "docx") when only LibreOffice can read it."""
    with tempfile.TemporaryDirectory(prefix="plan-doc-") as folder:
        source = Path(folder, "plan.doc")
        source.write_bytes(data)
        done = run(
            ["antiword", "-w", "0", "-m", "UTF-8.txt", source.name], folder, ANTIWORD_SECONDS
        )
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.decode("utf-8", "replace"), ""
    return "", "docx"


def doc_to_docx(data: bytes) -> bytes:
    """The .docx LibreOffice makes of `data`; b"" when it cannot."""
    with tempfile.TemporaryDirectory(prefix="plan-soffice-") as folder:
        source = Path(folder, "plan.doc")
        source.write_bytes(data)
        profile = Path(folder, "profile").as_uri()
        done = run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "docx",
                "--outdir",
                folder,
                source.name,
            ],
            folder,
            SOFFICE_SECONDS,
            memory_cap=False,  # soffice maps large shared libraries; the time limit bounds it
        )
        target = Path(folder, "plan.docx")
        if done.timed_out or not target.exists():
            return b""
        return target.read_bytes()


__all__ = ["ToolMissing", "doc_to_docx", "doc_to_text"]
