"""Zip members are inflated to their end and must be what the directory declares: a member
that inflates past its declared size (with a CRC forged for that many first bytes, which
:mod:`zipfile` accepts) is refused as a zip bomb, before any reader sees the file."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from ingest_builders import good_rows, long_report, xlsx

from loaders.reading.guard import inspect_xlsx
from loaders.reading.members import Members, SizeLie

SHEET = "xl/worksheets/sheet1.xml"


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _lie(data: bytes, name: str, declared: bytes) -> bytes:
    """`data` with `name`'s size and CRC, in both headers, replaced by those of `declared`
    (a prefix of its real content)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    size = len(declared).to_bytes(4, "little")
    crc = zlib.crc32(declared).to_bytes(4, "little")
    data = data.replace(info.file_size.to_bytes(4, "little"), size)
    return data.replace(info.CRC.to_bytes(4, "little"), crc)


def test_every_member_reads_as_zipfile_reads_it():
    data = xlsx(long_report(good_rows()))
    plain = zipfile.ZipFile(io.BytesIO(data))
    members = Members(data)
    for info in plain.infolist():
        assert members.read(info.filename) == plain.read(info)
        with members.open(info) as member:  # in pieces, as the guard reads big parts
            pieces = iter(lambda: member.read(100), b"")
            assert b"".join(pieces) == plain.read(info)


def test_a_member_inflating_past_its_forged_size_and_crc_is_a_zip_bomb():
    body = b"<sheetData>" + b'<row r="1"><c r="A1"><v>1</v></c></row>' * 50_000 + b"</sheetData>"
    data = _lie(_zip({"a.txt": b"x" * 10, SHEET: body}), SHEET, body[:1000])
    assert len(zipfile.ZipFile(io.BytesIO(data)).read(SHEET)) == 1000  # zipfile is fooled
    with pytest.raises(SizeLie):
        Members(data).read(SHEET)


def test_a_workbook_whose_sheet_lies_about_its_size_is_refused_by_the_guard():
    real = xlsx(long_report(good_rows()))
    body = zipfile.ZipFile(io.BytesIO(real)).read(SHEET)
    data = _lie(real, SHEET, body[: len(body) // 3])
    facts = inspect_xlsx(data)
    assert facts.refusal is not None and "bom nén" in facts.refusal


def test_a_stored_member_whose_sizes_disagree_is_a_lie():
    data = _zip({"a.xml": b"<a>" + b"x" * 5000 + b"</a>"}, zipfile.ZIP_STORED)
    entry = data.rindex(b"PK\x01\x02")  # the directory's entry: its uncompressed size
    data = data[: entry + 24] + (100).to_bytes(4, "little") + data[entry + 28 :]
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("a.xml").file_size == 100
    with pytest.raises(SizeLie):
        Members(data).read("a.xml")


def test_a_cut_short_stream_or_a_wrong_crc_is_a_broken_file():
    data = _zip({"a.xml": bytes(range(256)) * 400})
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("a.xml")
    wrong = data.replace(info.CRC.to_bytes(4, "little"), (info.CRC ^ 1).to_bytes(4, "little"))
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        Members(wrong).read("a.xml")
    start = info.header_offset + 30 + len(info.filename)  # no extra field written
    cut = bytearray(data)
    cut[start : start + info.compress_size] = bytes(info.compress_size)  # zeros: stored blocks
    with pytest.raises((zipfile.BadZipFile, zlib.error)):
        Members(bytes(cut)).read("a.xml")


def test_a_local_header_naming_another_member_is_a_broken_file():
    data = _zip({"a.xml": b"<a/>", "b.xml": b"<b/>"})
    local = data.index(b"PK\x03\x04" + data[4:26]) + 30  # the first local header's name
    assert data[local : local + 5] == b"a.xml"
    data = data[:local] + b"c.xml" + data[local + 5 :]
    with pytest.raises(zipfile.BadZipFile, match="local header"):
        Members(data).read("a.xml")
