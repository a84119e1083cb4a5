"""Refuse hostile containers before any reader sees them, and learn what readers hide.

The Rust readers have no size limits: a zip bomb whose sheet declares 1.5 GB is parsed whole
(minutes, gigabytes), and a single cell at XFD1048576 makes calamine allocate a dense
1M x 16k grid and *abort the process* (measured: "memory allocation of 549755813888 bytes
failed"). So every .xlsx goes through :func:`inspect_xlsx` first:

- the central directory's declared sizes, their total and each member's ratio are checked;
- every XML member is inflated to its end (:mod:`loaders.reading.members`): one that
  inflates past its declared size is refused as soon as it does, one that inflates to less
  or to another CRC as corrupt, so a header that lies about its size is caught, and the
  inflated bytes never exceed the declared (already capped) total;
- while inflating, one regular expression looks for what must not be there or what the
  reader would hide: DOCTYPE/ENTITY declarations, cells far away (wide columns, rows past
  100 000), cells and rows without explicit positions (which make the extent unknowable
  from cheap checks: such sheets are read in the memory-capped child instead), formulas
  (a formula without a cached value reads as an empty cell), and the merged ranges.

This costs one inflate and one pass instead of a second parse. On large parts, each chunk is
first searched by RE2 (through Arrow, about 3x faster than Python's engine here) for any of
those tokens; only a chunk where one occurs goes through the Python pass that reads them.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape

import pyarrow as pa
import pyarrow.compute as pc

from domain.problems import column_index
from domain.settings import MAX_UPLOAD_MB
from loaders.reading.members import Members, SizeLie

MAX_FILE_BYTES = MAX_UPLOAD_MB * 1024 * 1024
"""Largest file accepted: the same limit as the upload widget and Streamlit's config."""
MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 192 * 1024 * 1024
MAX_RATIO = 150
"""Sheet XML compresses about 15:1; zip bombs 1000:1. Checked for members over 1 MB."""
MAX_CELLS = 6_000_000
"""Largest dense extent (rows x columns) a reader may allocate (~32 bytes a cell)."""

_CHUNK = 1 << 20
_SCAN = re.compile(
    rb"<(?:c (?:r=\"(?:[A-Z]{2,3}\d|[A-Z]\d{6})|(?!r=\"))|c>|row (?:r=\"\d{6}|(?!r=\"))|row>"
    rb"|f[ >/]|!DOCTYPE|!ENTITY|/sheetData>)"
)
_UNUSUAL = (
    r'<(?:c (?:r="(?:[A-Z]{2,3}\d|[A-Z]\d{6})|[^r]|r[^=]|r=[^"])|c>|row (?:r="\d{6}|[^r]|r[^=]'
    r'|r=[^"])|row>|f[ >/]|!DOCTYPE|!ENTITY)'
)
"""What :data:`_SCAN` finds except ``</sheetData>``, in RE2 (no lookahead): a chunk without
any of it is a chunk the Python pass would learn nothing from but where the data ends."""
QUICK_FROM = 256 * 1024
"""Chunks at least this long are searched by RE2 first (its compilation, at every call, costs
more than it saves on small parts)."""
_REF = re.compile(rb'r="([A-Z]{1,3})(\d+)"')
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')
_FONT = re.compile(rb'<name val="([^"]{1,64})"')
_READ_PARTS = (
    "xl/workbook",
    "xl/_rels/",
    "xl/sharedStrings",
    "xl/styles",
    "xl/worksheets/",
    "xl/tables/",
    "xl/comments",
    "[Content_Types]",
)
"""The parts a reader opens: these are inflated in full (sizes, CRC, DTDs) before it does."""
_LEGACY_FONT = re.compile(r"^(\.vn|vni[ -_])", re.IGNORECASE)


@dataclass
class SheetFacts:
    """What the guard learnt about one worksheet part."""

    name: str
    path: str
    visible: bool = True
    max_row: int = 0
    max_col: int = 0
    implicit_positions: bool = False
    formula_cells: list[tuple[int, str, bool]] = field(default_factory=list)
    """(row, column letter, has cached value) of every formula cell."""
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """0-based (first_row, first_col, last_row, last_col) of each merged range."""
    may_hide: bool = True
    """False when the scan saw no ``hidden="1"``/``hidden="true"`` in the part, so no row or
    column of it is hidden (:mod:`loaders.reading.hidden` need not inflate it again)."""


@dataclass
class XlsxFacts:
    """The verdict on an .xlsx container: `refusal` is a Vietnamese message, or None."""

    refusal: str | None = None
    date1904: bool = False
    legacy_fonts: list[str] = field(default_factory=list)
    sheets: list[SheetFacts] = field(default_factory=list)
    needs_isolation: bool = False


class _Refused(Exception):
    """Internal: stops inspection with the user's message."""


def inspect_xlsx(data: bytes) -> XlsxFacts:
    """Check an .xlsx/.xlsm container and collect the facts the reader will not tell us."""
    try:
        return _inspect(data)
    except _Refused as refused:
        return XlsxFacts(refusal=str(refused))
    except SizeLie as lie:
        return XlsxFacts(refusal=str(lie))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError, OSError) as exc:
        detail = "sai mã kiểm tra" if "CRC" in str(exc) else "cấu trúc hỏng"
        return XlsxFacts(
            refusal="Tệp Excel bị hỏng hoặc bị cắt cụt (" + detail + "). Hãy mở tệp bằng "
            "Excel, lưu lại rồi gửi lại."
        )


def _inspect(data: bytes) -> XlsxFacts:
    archive = Members(data)
    infos = archive.infolist()
    check_declared_sizes(infos)
    facts = XlsxFacts()
    names = {i.filename for i in infos}
    workbook = _read_small(archive, "xl/workbook.xml")
    rels = (
        _read_small(archive, "xl/_rels/workbook.xml.rels")
        if ("xl/_rels/workbook.xml.rels" in names)
        else b""
    )
    facts.date1904 = bool(re.search(rb'date1904="(1|true)"', workbook))
    facts.sheets = _sheet_list(workbook, rels)
    by_path = {s.path: s for s in facts.sheets}
    for info in infos:
        name = info.filename
        if name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            continue
        if not name.endswith((".xml", ".rels")) or not name.startswith(_READ_PARTS):
            continue  # parts no reader opens (properties, themes, drawings, media)
        sheet = by_path.get(name)
        if sheet is not None:
            _scan_sheet(archive, info, sheet)
            if sheet.implicit_positions:
                facts.needs_isolation = True
        elif name == "xl/styles.xml":
            fonts = _FONT.findall(_read_small(archive, name, limit=MAX_MEMBER_BYTES))
            found = {unescape(f.decode("utf-8", "replace")) for f in fonts}
            facts.legacy_fonts = sorted(f for f in found if _LEGACY_FONT.match(f))
        else:
            _scan_plain(archive, info)
    return facts


def check_declared_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse on the central directory alone: too many members, too big, too compressed."""
    if len(infos) > MAX_MEMBERS:
        raise _Refused(f"Tệp chứa quá nhiều thành phần ({len(infos)}); không phải báo cáo.")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _Refused("Tệp được mã hoá/đặt mật khẩu; hãy gỡ mật khẩu rồi gửi lại.")
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise _Refused(BOMB_MESSAGE)
        if info.file_size > _CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _Refused(
                "Tỷ lệ nén bất thường (có thể là 'bom nén'); tệp bị từ chối. Hãy lưu lại tệp "
                "bằng Excel rồi gửi lại."
            )


BOMB_MESSAGE = (
    "Tệp giải nén ra dung lượng bất thường (quá "
    f"{MAX_TOTAL_BYTES // (1 << 20)} MB); có thể là 'bom nén'. Tệp bị từ chối."
)
Archive = Members | zipfile.ZipFile
"""Checked members (:class:`~loaders.reading.members.Members`), or a plain zip in tests."""


def _read_small(archive: Archive, name: str, limit: int = 4 << 20) -> bytes:
    with archive.open(name) as member:
        text = member.read(limit + 1)
    if len(text) > limit:
        raise _Refused(f"Thành phần '{name}' của tệp lớn bất thường; tệp bị từ chối.")
    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        raise _Refused(_ENTITY_MESSAGE)
    return text


_ENTITY_MESSAGE = (
    "Tệp chứa khai báo DOCTYPE/ENTITY trong XML (dấu hiệu tệp độc hại hoặc 'bom XML'); "
    "tệp bị từ chối, không có nội dung nào được đọc."
)


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')


def _attrs(raw: bytes) -> dict[str, str]:
    return {
        k.decode().split(":")[-1] if k != b"r:id" else "rid": unescape(v.decode("utf-8"))
        for k, v in _ATTR.findall(raw)
    }


def _sheet_list(workbook: bytes, rels: bytes) -> list[SheetFacts]:
    """Sheet names, parts and visibility. Plain regular expressions over two small parts
    already checked for DTDs (faster than an XML parser, and the format is fixed)."""
    targets: dict[str, str] = {}
    for raw in _REL_TAG.findall(rels):
        attrs = _attrs(raw)
        target = attrs.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[attrs.get("Id", "")] = _normpath(path)
    sheets = []
    for raw in _SHEET_TAG.findall(workbook):
        attrs = _attrs(raw)
        rid = attrs.get("rid") or next((v for k, v in attrs.items() if k == "id"), "")
        sheets.append(
            SheetFacts(
                name=attrs.get("name", ""),
                path=targets.get(rid, ""),
                visible=attrs.get("state", "visible") == "visible",
            )
        )
    return sheets


def _normpath(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _scan_plain(archive: Archive, info: zipfile.ZipInfo) -> None:
    """Inflate a non-sheet XML part to its end (size and CRC checked) looking for DTDs."""
    with archive.open(info) as member:
        tail = b""
        while chunk := member.read(_CHUNK):
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise _Refused(_ENTITY_MESSAGE)
            tail = window[-16:]


def _scan_sheet(
    archive: Archive,
    info: zipfile.ZipInfo,
    sheet: SheetFacts,
    quick_from: int = QUICK_FROM,
) -> None:
    """One pass over a worksheet: extent, implicit positions, formulas, merges, DTDs.
    Chunks of `quick_from` bytes or more that hold none of those tokens skip the Python
    pass (:func:`_unusual`)."""
    max_row, max_col = 0, 0
    after_data = False
    hides = False
    held = b""  # bytes kept when a formula or a long tail needs context across chunks
    with archive.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            window = held + chunk
            held = b""
            if not window:
                break
            final = not chunk
            hides = hides or _says_hidden(window)
            if len(window) >= quick_from and not _unusual(window):
                after_data = after_data or b"</sheetData>" in window
                matches: Iterable[re.Match[bytes]] = ()
            else:
                matches = _SCAN.finditer(window)
            for match in matches:
                token = match.group()
                start = match.start()
                if token.startswith((b"<!DOCTYPE", b"<!ENTITY")):
                    raise _Refused(_ENTITY_MESSAGE)
                if token == b"</sheetData>":
                    after_data = True
                elif token.startswith(b"<f"):
                    end = window.find(b"</c>", start)
                    if end < 0 and not final:
                        cell_start = window.rfind(b"<c ", 0, start)
                        held = window[cell_start if cell_start >= 0 else start :]
                        break
                    _record_formula(window, start, end, sheet)
                elif token in (b"<c ", b"<row ") and not final and match.end() + 3 > len(window):
                    continue  # cut by the chunk's end: the next window sees it whole
                elif token in (b"<c>", b"<row>") or token in (b"<c ", b"<row "):
                    sheet.implicit_positions = True
                else:
                    ref = _REF.match(window, match.start() + (3 if token.startswith(b"<c") else 5))
                    if ref:
                        max_col = max(max_col, column_index(ref.group(1).decode()) + 1)
                        max_row = max(max_row, int(ref.group(2)))
                    else:
                        row = re.match(rb'<row r="(\d+)', window[start : start + 20])
                        if row:
                            max_row = max(max_row, int(row.group(1)))
            else:
                if not held and not final:
                    held = window[-64:]  # a token may straddle the chunk boundary
            if after_data:
                for merge in _MERGE.finditer(window):
                    c1, r1, c2, r2 = merge.groups()
                    sheet.merges.append(
                        (
                            int(r1) - 1,
                            column_index(c1.decode()),
                            int(r2) - 1,
                            column_index(c2.decode()),
                        )
                    )
            if final:
                break
    sheet.max_row, sheet.max_col = max_row, max_col
    sheet.may_hide = hides
    if max(max_row, 99_999) * max(max_col, 26) > MAX_CELLS:
        # Wide or deep cells were seen: measure the real extent before deciding.
        max_row, max_col = _exact_extent(archive, info)
        sheet.max_row, sheet.max_col = max_row, max_col
        if max_row * max_col > MAX_CELLS:
            raise _Refused(
                f"Trang '{sheet.name}' có kích thước bất thường (tới hàng {max_row}, cột thứ "
                f"{max_col}); tệp bị từ chối. Hãy xoá các ô thừa ở xa rồi lưu lại."
            )
    sheet.merges = sorted(set(sheet.merges))
    sheet.formula_cells = sorted(set(sheet.formula_cells))


def _unusual(window: bytes) -> bool:
    """Whether `window` holds any token :data:`_SCAN` looks for, ``</sheetData>`` aside."""
    found = pc.match_substring_regex(pa.array([window], pa.binary()), _UNUSUAL)
    return bool(found[0].as_py())


def _says_hidden(window: bytes) -> bool:
    """Whether `window` writes ``hidden="1"`` or ``hidden="true"`` (one search, not two)."""
    at = window.find(b'hidden="')
    while at >= 0:
        if window.startswith((b'1"', b'true"'), at + 8):
            return True
        at = window.find(b'hidden="', at + 8)
    return False


def _exact_extent(archive: Archive, info: zipfile.ZipInfo) -> tuple[int, int]:
    max_row, max_col = 0, 0
    with archive.open(info) as member:
        tail = b""
        while chunk := member.read(_CHUNK):
            window = tail + chunk
            for letters, digits in _REF.findall(window):
                max_row = max(max_row, int(digits))
                max_col = max(max_col, column_index(letters.decode()) + 1)
            tail = window[-32:]
    return max_row, max_col


def _record_formula(window: bytes, start: int, end: int, sheet: SheetFacts) -> None:
    cell_start = window.rfind(b"<c ", 0, start)
    ref = _REF.search(window, cell_start, start) if cell_start >= 0 else None
    body = window[start:end] if end >= 0 else window[start:]
    closed = body.find(b"</f>")
    after = body[closed + 4 :] if closed >= 0 else body[body.find(b"/>") + 2 :]
    has_value = bool(re.search(rb"<v>[^<]+</v>", after))
    if ref:
        sheet.formula_cells.append((int(ref.group(2)), ref.group(1).decode(), has_value))
    else:
        sheet.formula_cells.append((0, "", has_value))
