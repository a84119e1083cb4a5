"""What the bytes are, decided by their first bytes and never by the file name.

Offices rename files freely: an old .xls saved as .xlsx, an HTML page exported by some web
system as .xls, a CSV called .xlsx. Reading by name gives the reader's cryptic error
("Cannot detect file format"); sniffing first gives the user a message about the real
thing. Encrypted .xlsx files are OLE containers holding an ``EncryptedPackage`` stream.
"""

from __future__ import annotations

import io
import zipfile
from typing import Literal

Kind = Literal[
    "xlsx",
    "xls",
    "ods",
    "csv",
    "empty",
    "encrypted",
    "html",
    "xml",
    "pdf",
    "docx",
    "zip",
    "unknown",
]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def sniff(data: bytes) -> Kind:
    """Classify `data`. A zip is opened (central directory only) to tell xlsx, ods and docx
    apart; everything else is decided from the first kilobytes."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        return "empty"
    if data.startswith(ZIP_MAGIC) or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if data.startswith(OLE_MAGIC):
        head = data[: 1 << 20]
        if _ENCRYPTED_STREAM in data:
            return "encrypted"
        if _WORD_STREAM in head:
            return "docx"
        return "xls"
    if data.startswith(b"%PDF"):
        return "pdf"
    text_head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text_head.startswith((b"<!doctype html", b"<html", b"<meta", b"<table", b"<head")):
        return "html"
    if text_head.startswith(b"<?xml") or text_head.startswith(b"<"):
        if b"<html" in text_head or b"<table" in text_head:
            return "html"
        return "xml"
    if _looks_like_text(data[:65536]):
        return "csv"
    return "unknown"


def _sniff_zip(data: bytes) -> Kind:
    tail = data[-(1 << 16) :]  # the central directory, where member names are listed
    if b"xl/workbook.xml" in tail or b"xl/workbook.bin" in tail:
        return "xlsx"
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return "zip"  # truncated or damaged: the guard reports it
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    if "word/document.xml" in names:
        return "docx"
    return "zip"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with BOM
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls <= len(head) // 100


KIND_MESSAGES: dict[str, str] = {
    "empty": "Tệp rỗng, không có nội dung. Hãy gửi lại tệp báo cáo.",
    "encrypted": "Tệp được đặt mật khẩu nên không đọc được. Hãy mở bằng Excel, gỡ mật khẩu "
    "(Tệp > Thông tin > Bảo vệ sổ làm việc) rồi gửi lại.",
    "html": "Tệp thực chất là một trang web (HTML), không phải bảng tính Excel. Hãy mở bằng "
    "Excel và lưu lại dưới dạng Sổ làm việc Excel (.xlsx).",
    "xml": "Tệp là XML (có thể là 'XML Spreadsheet 2003'), không phải bảng tính được hỗ trợ. "
    "Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.",
    "pdf": "Tệp là PDF, không phải bảng tính. Hãy gửi tệp Excel (.xlsx) của báo cáo.",
    "docx": "Tệp là văn bản Word, không phải bảng tính. Hãy điền báo cáo vào mẫu Excel.",
    "zip": "Tệp nén bị hỏng, bị cắt cụt hoặc không phải bảng tính Excel/ODS. Hãy gửi lại tệp.",
    "unknown": "Không nhận ra định dạng tệp. Chấp nhận: .xlsx, .xlsm, .xls, .ods, .csv.",
}
"""What to tell the user for each kind that is refused outright."""

EXTENSIONS: dict[str, tuple[str, ...]] = {
    "xlsx": (".xlsx", ".xlsm"),
    "xls": (".xls",),
    "ods": (".ods",),
    "csv": (".csv", ".txt"),
}
"""The names each readable kind usually carries; a mismatch is read by content, with a note."""

REPORT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
"""Files a folder argument picks up."""
