"""A backup folder as one .zip, so a quản trị can keep a copy off the server.

The backup itself (:mod:`tracker.usecases.backup`) is written to a folder on the server; an
office that wants it on another machine downloads this. Names inside are the folder's
relative paths; nothing outside the folder is read (links are not followed).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def folder_zip(folder: str | Path) -> bytes:
    """Every regular file under `folder`, deflated, in a stable (sorted) order."""
    root = Path(folder).resolve()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            archive.write(path, path.relative_to(root).as_posix())
    return buffer.getvalue()
