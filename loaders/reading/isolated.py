"""Read a workbook in a child process whose memory is capped.

Calamine allocates a dense grid for a sheet's extent: one far cell in an .xls costs 1.5 GB
and 6 s (measured), and a Rust allocation failure aborts the whole process instead of
raising. The .xlsx guard can check extents cheaply in the XML; for .xls (BIFF records in an
OLE container), .ods (repeated-cell attributes) and odd .xlsx files whose cells carry no
positions, the reader runs here instead: in ``python -m loaders.reading.isolated`` with
``RLIMIT_DATA`` and a time limit, so a hostile file kills only the child. Results come back
as Arrow IPC (never pickle: the child's output is treated as untrusted).

Cost: about 0.15 s a file for starting the child, acceptable for these rarer formats.
"""

from __future__ import annotations

import json
import struct
import sys
from dataclasses import dataclass, field

import pyarrow as pa

from loaders.reading.child import run_child

CHILD_MEMORY_BYTES = 448 * 1024 * 1024
CHILD_SECONDS = 20


@dataclass
class ChildSheet:
    name: str
    visible: bool
    first_col: int
    table: pa.Table
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class ChildResult:
    sheets: list[ChildSheet]
    failure: str | None = None
    """"memory", "time", "password", "corrupt" or None."""


def read_isolated(data: bytes) -> ChildResult:
    """Run the reader over `data` in a capped child and collect its sheets."""
    out, failure = run_child("loaders.reading.isolated", data, CHILD_SECONDS)
    if failure:
        return ChildResult([], failure)
    return _decode(out)


def _decode(out: bytes) -> ChildResult:
    (header_len,) = struct.unpack("<I", out[:4])
    header = json.loads(out[4 : 4 + header_len])
    offset = 4 + header_len
    sheets = []
    for meta in header["sheets"]:
        body = out[offset : offset + meta["bytes"]]
        offset += meta["bytes"]
        table = pa.ipc.open_stream(body).read_all()
        sheets.append(
            ChildSheet(
                meta["name"],
                meta["visible"],
                meta["first_col"],
                table,
                [tuple(m) for m in meta["merges"]],
                [tuple(e) for e in meta["errors"]],
            )
        )
    return ChildResult(sheets)


def _child() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_DATA, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    data = sys.stdin.buffer.read()
    from loaders.reading.sheets import read_with_fastexcel

    sheets = read_with_fastexcel(data, want_merges=True)
    metas, bodies = [], []
    for sheet in sheets:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, sheet.table.schema) as writer:
            writer.write_table(sheet.table)
        body = sink.getvalue().to_pybytes()
        bodies.append(body)
        metas.append(
            {
                "name": sheet.name,
                "visible": sheet.visible,
                "first_col": sheet.first_col,
                "merges": sheet.merges,
                "errors": sheet.errors,
                "bytes": len(body),
            }
        )
    header = json.dumps({"sheets": metas}).encode()
    out = sys.stdout.buffer
    out.write(struct.pack("<I", len(header)) + header)
    for body in bodies:
        out.write(body)
    out.flush()


if __name__ == "__main__":  # pragma: no cover
    _child()
