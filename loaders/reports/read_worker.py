"""A reading worker: ``python -m loaders.reports.read_worker``, started and fed by
:mod:`loaders.reports.read_pool`.

It reads requests from its standard input and answers on a private copy of its standard
output (whatever a library prints goes to standard error instead), each message an 8-byte
length then a pickle. A request is ``(batch, catalog pickle or None, parcel, args)``; the
catalog comes once per batch and is kept. The answer is ``("ok", [(position, FileWork), ...])``,
each file without its bytes, or ``("error", text)`` when reading raised. End of input ends it.

The worker runs the same :func:`loaders.reports.read_file.read_one`, guards included, that
the parent would run in process, so its answer is trusted as much as reading in the parent
was; files the guard finds suspect still go on to the memory-capped child of
:mod:`loaders.reading.isolated`, whose output is Arrow IPC.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
import traceback
from typing import IO, Any

from loaders.reports.catalog import Catalog
from loaders.reports.read_file import read_one

_LENGTH = struct.Struct("<Q")


def send(stream: IO[bytes], message: object) -> None:
    """Write one message (its length, then its pickle)."""
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(body)))
    stream.write(body)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """Read one message; EOFError when the other side has gone."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    (size,) = _LENGTH.unpack(head)
    body = stream.read(size)
    if len(body) < size:
        raise EOFError
    return pickle.loads(body)


def main() -> None:
    # Ctrl-C in a terminal reaches the whole process group: the parent decides, and the
    # worker ends when its input closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints must not corrupt the answers
    requests = sys.stdin.buffer
    catalog: tuple[int, Catalog] | None = None
    while True:
        try:
            batch, blob, parcel, args = receive(requests)
        except EOFError:
            return
        try:
            if blob is not None:
                catalog = (batch, pickle.loads(blob))
            assert catalog is not None and catalog[0] == batch, "no catalog for this batch"
            found = []
            for index, prepared in parcel:
                work = read_one(prepared, catalog[1], *args)
                work.prepared.data = b""
                found.append((index, work))
            send(answers, ("ok", found))
        except Exception:  # noqa: BLE001 - the parent reads the parcel itself and raises
            send(answers, ("error", traceback.format_exc()))


if __name__ == "__main__":
    main()
