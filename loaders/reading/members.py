"""The members of a zip (an .xlsx, .ods or .docx) inflated from its bytes, each checked to
be exactly what the central directory declares.

:mod:`zipfile` stops inflating a member at its declared size and then checks the CRC of
what it inflated: a member whose header declares a small size, with the CRC of that many
first bytes, passes, while its deflate stream goes on for gigabytes, which the Rust readers
(which ignore declared sizes) then inflate whole. Here a member is inflated to its end: more
bytes than declared (:class:`SizeLie`), fewer, a stream cut short, or a wrong CRC all refuse
the file. Only stored and deflated members are read (all that Excel, LibreOffice and
openpyxl write); the local header must name the member the directory names.

It is also lighter than :mod:`zipfile`'s member files for the many small parts of an upload
(no shared-file locking or seeking: the bytes are in memory). The central directory is still
parsed by :mod:`zipfile` (ZIP64 and its quirks).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from domain.errors import TrackerError

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_LOCAL_MAGIC = b"PK\x03\x04"
_FEED = 1 << 16
"""Compressed bytes handed to zlib at a time (its unconsumed tail is copied at every call)."""
_UTF8_NAME = 0x800
_UNSUPPORTED_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, patched, strongly encrypted


class SizeLie(TrackerError, zipfile.BadZipFile):
    """A member inflates to more than its declared size (a zip bomb's disguise); ``str()``
    says so to the user, `member` names it."""

    def __init__(self, member: str) -> None:
        super().__init__(
            "Một thành phần của tệp giải nén ra nhiều hơn dung lượng chính nó khai báo (dấu "
            "hiệu 'bom nén'); tệp bị từ chối. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại."
        )
        self.member = member


class Members:
    """A zip's bytes and its directory; :meth:`open` reads one member, checked."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    def infolist(self) -> list[zipfile.ZipInfo]:
        return self.zip.infolist()

    def namelist(self) -> list[str]:
        return self.zip.namelist()

    def getinfo(self, name: str) -> zipfile.ZipInfo:
        return self.zip.getinfo(name)

    def open(self, member: str | zipfile.ZipInfo) -> Member:
        info = member if isinstance(member, zipfile.ZipInfo) else self.zip.getinfo(member)
        return Member(self.data, info)

    def read(self, member: str | zipfile.ZipInfo) -> bytes:
        with self.open(member) as found:
            return found.read()


class Member:
    """One member being inflated: ``read(n)`` gives `n` bytes (fewer only at its end), as a
    :mod:`zipfile` member file does. Raises :class:`zipfile.BadZipFile` (or
    :class:`SizeLie`) when the member is not what the directory declares."""

    def __init__(self, data: bytes, info: zipfile.ZipInfo) -> None:
        if info.flag_bits & _UNSUPPORTED_FLAGS:
            raise zipfile.BadZipFile(f"{info.filename}: encrypted or patched member")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise zipfile.BadZipFile(f"{info.filename}: compression {info.compress_type}")
        start = info.header_offset
        header = data[start : start + _LOCAL.size]
        if len(header) < _LOCAL.size:
            raise zipfile.BadZipFile(f"{info.filename}: truncated local header")
        fields = _LOCAL.unpack(header)
        if fields[0] != _LOCAL_MAGIC:
            raise zipfile.BadZipFile(f"{info.filename}: bad local header")
        name_len, extra_len = fields[10], fields[11]
        raw_name = data[start + _LOCAL.size : start + _LOCAL.size + name_len]
        name = raw_name.decode("utf-8" if fields[3] & _UTF8_NAME else "cp437", "replace")
        if name != info.orig_filename:
            raise zipfile.BadZipFile(f"{info.filename}: named {name!r} in its local header")
        begin = start + _LOCAL.size + name_len + extra_len
        self._source = memoryview(data)[begin : begin + info.compress_size]
        if len(self._source) < info.compress_size:
            raise zipfile.BadZipFile(f"{info.filename}: truncated data")
        self._info = info
        self._stored = info.compress_type == zipfile.ZIP_STORED
        if self._stored and info.compress_size != info.file_size:
            raise SizeLie(info.filename)
        self._inflate = zlib.decompressobj(-15)
        self._fed = 0
        self._tail: bytes | memoryview = b""
        self._given = 0
        self._crc = 0
        self._ended = False

    def __enter__(self) -> Member:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def read(self, n: int = -1) -> bytes:
        """Up to `n` bytes (all that is left when `n` is negative); b"" at the end."""
        want = self._info.file_size + 1 if n < 0 else n
        parts: list[bytes] = []
        while want > 0 and not self._ended:
            piece = self._next(want)
            parts.append(piece)
            want -= len(piece)
        return b"".join(parts)

    def _next(self, most: int) -> bytes:
        if self._stored:
            piece = bytes(self._source[self._given : self._given + most])
            ended = self._given + len(piece) >= len(self._source)
        else:
            if not self._tail:
                self._tail = self._source[self._fed : self._fed + _FEED]
                self._fed += len(self._tail)
                if not self._tail:
                    raise zipfile.BadZipFile(f"{self._info.filename}: deflate stream cut short")
            piece = self._inflate.decompress(self._tail, most)
            self._tail = self._inflate.unconsumed_tail
            ended = self._inflate.eof
        self._given += len(piece)
        if self._given > self._info.file_size:
            raise SizeLie(self._info.filename)
        self._crc = zlib.crc32(piece, self._crc)
        if ended:
            self._ended = True
            if self._given != self._info.file_size:
                raise zipfile.BadZipFile(f"{self._info.filename}: shorter than declared")
            if self._crc != self._info.CRC:
                raise zipfile.BadZipFile(f"Bad CRC-32 for file {self._info.filename!r}")
        return piece
