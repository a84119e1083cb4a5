"""The header of a plan: số hiệu, place and date, title, issuing body, directive implemented.

Party documents write "Số 84-KH/BTGTU"; state documents "Số: 123/KH-UBND". Both are kept
in their own style with spaces removed. The place and date line reads "Lạng Sơn, ngày 21
tháng 6 năm 2019". The issuing body is found in the opening sentence ("Ban Tuyên giáo Tỉnh
ủy xây dựng kế hoạch ..."), in a "KẾ HOẠCH CỦA ..." title line, or from the code's suffix.
"""

from __future__ import annotations

import re
from datetime import date

from domain.problems import Problem
from domain.text import fold
from loaders.plans.model import DirectiveRef, PlanHeader, at_line
from loaders.plans.text import Line

_PARTY_CODE = re.compile(r"(\d{1,5})\s*[-–]\s*(KH|CTr|CTR)\s*/\s*([A-ZĐ][\wĐ.&]*)")
_STATE_CODE = re.compile(r"(\d{1,5})\s*/\s*(KH|CTr|CTR)\s*[-–]\s*([A-ZĐ][\wĐ.&-]*)")
_CODE_LINE = re.compile(r"^(?:Số|SỐ|số)\s*:?\s*(.*)$")
_CODE_INSIDE = re.compile(r"(?<=\s)(?:Số|SỐ)\s*:?\s*(\d.*)$")
_PLACE_DATE = re.compile(
    r"((?:[^\W\d_]+\s){0,3}[^\W\d_]+)\s*,\s*ngày\s+(\d{1,2})\s+tháng\s+(0\s?\d|\d{1,2})\s+năm\s+(\d{4})",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b")
_WORD_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_KINDS = (
    "Chỉ thị",
    "Nghị quyết",
    "Kết luận",
    "Quyết định",
    "Chương trình hành động",
    "Nghị định",
    "Luật",
    "Thông báo",
    "Hướng dẫn",
    "Kế hoạch",
)
_DIRECTIVE = re.compile(
    rf"({'|'.join(_KINDS)})\s+(?:số\s*:?\s*)?(\d{{1,5}}\s*[-/–]\s*[A-ZĐ][\wĐ]*"
    r"(?:\s*[/–-]\s*[A-ZĐ][\wĐ]*)?)",
    re.IGNORECASE,
)
_ISSUER_HEADS = (
    r"Ban|Sở|Ủy ban|Uỷ ban|UBND|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ|Thành ủy|"
    r"Thành uỷ|Đảng ủy|Đảng uỷ|Thường trực|Hội đồng|Văn phòng|Đảng đoàn|"
    r"Ban cán sự|Bộ|Cục"
)
_ISSUER_SENTENCE = re.compile(
    rf"(?:^|[;,.:]\s*)((?:{_ISSUER_HEADS})\b[^;,.:]{{0,80}}?"
    r"(?:,\s+[A-ZĐÀ-Ỹ][^;,.:]{0,40}?)*)\s+(?:xây dựng|ban hành|"
    r"triển khai)\s+(?:kế hoạch|chương trình)",
)
_SUFFIX_ISSUERS = {
    "TU": "Tỉnh ủy",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy",
    "BDVTU": "Ban Dân vận Tỉnh ủy",
    "BTCTU": "Ban Tổ chức Tỉnh ủy",
    "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy",
    "HU": "Huyện ủy",
    "THU": "Thành ủy",
    "ĐU": "Đảng ủy",
    "UBND": "Ủy ban nhân dân",
    "BCĐ": "Ban Chỉ đạo",
    "VPTU": "Văn phòng Tỉnh ủy",
    "MTTQ": "Ủy ban Mặt trận Tổ quốc",
}
_PROPER = {
    "tỉnh ủy": "Tỉnh ủy",
    "tỉnh uỷ": "Tỉnh ủy",
    "huyện ủy": "Huyện ủy",
    "thành ủy": "Thành ủy",
    "trung ương": "Trung ương",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "bộ chính trị": "Bộ Chính trị",
    "ban bí thư": "Ban Bí thư",
}
_NOT_ISSUER = (
    "dang cong san viet nam",
    "cong hoa xa hoi",
    "chu nghia viet nam",
    "doc lap tu do",
    "ke hoach",
)
_PLAN_WORDS = ("ke hoach", "ke hoach hanh dong", "chuong trinh hanh dong", "chuong trinh")
_OTHER_KINDS = {
    "bao cao": "một báo cáo",
    "quyet dinh": "một quyết định",
    "cong van": "một công văn",
    "to trinh": "một tờ trình",
    "thong bao": "một thông báo",
    "huong dan": "một hướng dẫn",
    "chi thi": "một chỉ thị",
    "nghi quyet": "một nghị quyết",
    "giay moi": "một giấy mời",
}


def document_kind(lines: list[Line]) -> tuple[bool, str]:
    """(is a plan, what it looks like instead) from the title lines of its first page."""
    for line in lines[:40]:
        key = fold(line.text)
        if any(key == word or key.startswith(word + " cua") for word in _PLAN_WORDS):
            return True, ""
        if _one_line_title(line):
            return True, ""
        if len(key) <= 30 and key in _OTHER_KINDS and line.text.isupper():
            return False, _OTHER_KINDS[key]
    for line in lines[:15]:
        if _code_in(line.text):
            return True, ""
    return False, ""


def title_case(text: str) -> str:
    """ "BAN THƯỜNG VỤ TỈNH ỦY" -> "Ban Thường vụ Tỉnh ủy"; mixed-case text is kept."""
    if not text.isupper():
        return text
    value = text.lower()
    for low, proper in _PROPER.items():
        value = value.replace(low, proper)
    value = re.sub(r"\bban (\w)", lambda m: "ban " + m.group(1).upper(), value)
    words = value.split(" ")
    words = [w.upper() if re.search(r"\d|/", w) else w for w in words]
    value = " ".join(words)
    return value[:1].upper() + value[1:]


def parse_header(
    head: list[Line], preamble: str, body_text: str
) -> tuple[PlanHeader, list[Problem]]:
    """The plan's header from the lines before its first part and its opening sentence."""
    header = PlanHeader()
    problems: list[Problem] = []
    header.code = next((c for line in head if (c := _code_in(line.text))), "")
    header.place, header.issued_on = issued_line(head)
    header.title = _title(head)
    header.issuer = _issuer(head, preamble, header.code)
    header.directive = find_directive(header.title) or find_directive(preamble) or DirectiveRef()
    if header.directive.code and header.title.isupper():
        # a title in capitals spells "19/CT-TTG"; the body has the code as it is written
        code = re.escape(header.directive.code)
        lower = [m.group(0) for m in re.finditer(code, body_text, re.IGNORECASE)]
        lower = [c for c in lower if not c.isupper()]
        if lower:
            header.directive.code = lower[0]
    if not header.code:
        problems.append(
            at_line(
                "Văn bản không ghi số hiệu kế hoạch (ví dụ 84-KH/BTGTU): hãy "
                "nhập số hiệu trước khi lưu."
            )
        )
    if header.issued_on is None:
        year = _latest_year(body_text)
        note = f"; năm {year} được dùng để đọc thời hạn" if year else ""
        problems.append(
            at_line(
                "Văn bản không ghi ngày ban hành (dạng “Lạng Sơn, ngày 21 tháng 6"
                f" năm 2019”): hãy nhập ngày{note}."
            )
        )
    if not header.title:
        problems.append(at_line("Không tìm thấy tên kế hoạch (dòng dưới chữ “KẾ HOẠCH”)."))
    if not header.directive.code:
        problems.append(
            at_line(
                "Không tìm thấy văn bản cấp trên mà kế hoạch thực hiện (chỉ thị, nghị quyết ...)."
            )
        )
    return header, problems


def issued_line(head: list[Line]) -> tuple[str, date | None]:
    """(place, date) of the "Lạng Sơn, ngày 21 tháng 6 năm 2019" line. A PDF of a borderless
    header table interleaves its two cells and may wrap the date ("An Bình, ngày 03 tháng 11
    năm" / "2025"): the lines are searched one by one, then joined."""
    for text in [*(line.text for line in head), " ".join(line.text for line in head)]:
        found = _PLACE_DATE.search(text)
        if found:
            return _place(found.group(1)), _make_date(
                found.group(2), found.group(3), found.group(4)
            )
    return "", None


def reference_date(header: PlanHeader, body_text: str) -> date:
    """The date relative deadlines ("30/6") are read against: the plan's own date, else
    1 January of the latest year the text mentions, else 1 January 2000 (flagged)."""
    if header.issued_on:
        return header.issued_on
    year = _latest_year(body_text)
    return date(year or 2000, 1, 1)


def find_directive(text: str) -> DirectiveRef | None:
    """The first directive-like reference in `text`, preferring Chỉ thị/Nghị quyết/... over
    guidance and other plans."""
    matches = list(_DIRECTIVE.finditer(text))
    if not matches:
        return None
    weak = ("huong dan", "ke hoach", "thong bao")
    matches.sort(key=lambda m: fold(m.group(1)) in weak)
    match = matches[0]
    kind = match.group(1)[:1].upper() + match.group(1)[1:].lower()
    ref = DirectiveRef(code=re.sub(r"\s+", "", match.group(2)).replace("–", "-"), kind=kind)
    rest = text[match.end() :]
    day = re.match(r"\s*,?\s*(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", rest)
    if day is None:
        day = re.match(r"\s*,?\s*" + _WORD_DATE.pattern, rest, re.IGNORECASE)
    if day:
        ref.issued_on = _make_date(*day.groups())
        rest = rest[day.end() :]
    issuer = re.match(r"\s*của\s+([^,;“\"(]+?)(?=\s+khóa\b|\s+khoá\b|\s+về\b|\s*[,;“\"(]|$)", rest)
    if issuer:
        ref.issuer = issuer.group(1).strip()
        rest = rest[issuer.end() :]
    about = re.match(r"\s*(?:khó?a\s+[IVXL]+\s*)?(?:[“\"]\s*)?(về\s+[^”\";(]+)", rest)
    if about:
        ref.title = about.group(1).strip().rstrip(".,")
    return ref


def _code_in(text: str) -> str:
    """The plan's number in a header line, or in a cell of a header table ("| ỦY BAN ... Số:
    16/KH-MTTQ-BTT | CỘNG HÒA ... |"), with or without "Số:"."""
    if text.startswith("|"):
        return next((c for cell in text.strip("|").split("|") if (c := _code_in(cell.strip()))), "")
    found = _CODE_LINE.match(text) or _CODE_INSIDE.search(text)
    candidate = found.group(1) if found else text if len(text) < 30 else ""
    party = _PARTY_CODE.search(candidate)
    if party:
        return f"{party.group(1)}-{party.group(2)}/{party.group(3)}"
    state = _STATE_CODE.search(candidate)
    if state:
        return f"{state.group(1)}/{state.group(2)}-{state.group(3)}"
    return ""


def _title(head: list[Line]) -> str:
    start = _title_index(head)
    if start is None:
        one = next((line for line in head if _one_line_title(line)), None)
        return _title_of_line(one) if one else ""
    parts: list[str] = []
    for line in head[start + 1 :]:
        key = fold(line.text)
        if key.startswith("cua ") and not parts:
            continue
        if parts and (line.gap or key.startswith(("thuc hien", "can cu", "so "))):
            break
        if _PLACE_DATE.search(line.text) or _code_in(line.text):
            continue
        parts.append(line.text)
    title = " ".join(parts).strip(" .")
    return title[:1].upper() + title[1:]


def _title_index(head: list[Line]) -> int | None:
    """The line of the word "KẾ HOẠCH" above the title: in capitals when there is one, so
    that a web page's "Loại văn bản: | Kế hoạch" above the document is not taken."""
    found = [
        i
        for i, line in enumerate(head)
        if fold(line.text) in _PLAN_WORDS or fold(line.text).startswith("ke hoach cua")
    ]
    upper = [i for i in found if head[i].text.isupper()]
    return (upper or found)[0] if found else None


def _one_line_title(line: Line) -> bool:
    """ "KẾ HOẠCH TỔ CHỨC LỄ TỐT NGHIỆP ..." : the word and the title on one upper-case line
    (as web pages and some typists write it); a Markdown "#" heading counts."""
    text = line.text.lstrip("# ").strip()
    return text.isupper() and fold(text).startswith("ke hoach ") and len(text) > 16


def _title_of_line(line: Line) -> str:
    text = line.text.lstrip("# ").strip()
    rest = re.sub(r"^K[ẾE]\s+HO[ẠA]CH\s+", "", text, flags=re.IGNORECASE)
    return rest[:1].upper() + rest[1:].lower()


_ORGAN = re.compile(
    r"(?<=\s)(?<!ỦY )(?<!UỶ )(?<!TIỂU )(?:TIỂU BAN|BAN|ĐẢNG ỦY|ĐẢNG UỶ|CHI BỘ|ỦY BAN|UỶ BAN|"
    r"HỘI ĐỒNG|SỞ|PHÒNG|VĂN PHÒNG)\b"
)
_PLACE_WORD = re.compile(
    r"\b(tỉnh|thành phố|xã|phường|huyện|quận|thị xã|thị trấn|đặc khu) (.+)$", re.IGNORECASE
)
_ACRONYMS = {"mttq": "MTTQ", "ubnd": "UBND", "hđnd": "HĐND", "vn": "VN", "tw": "TW"}


def table_issuer(head: list[Line]) -> str:
    """The issuer in the left cell of a two-cell header table, with the level above it:
    "ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH BAN THƯỜNG TRỰC Số: 16/KH-MTTQ-BTT" gives "Ban
    Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh"."""
    for line in head:
        if line.kind != "table" or set(line.text) <= set("|-: "):
            continue
        cell = line.text.strip().strip("|").split("|")[0]
        cell = re.split(r"\s(?:Số|SỐ)\b", f" {cell}")[0].replace("-", " ").replace("*", " ")
        cell = re.sub(r"\s+", " ", cell).strip()
        if not cell or not cell.isupper() or fold(cell).startswith(_NOT_ISSUER):
            continue
        split = next((m.start() for m in _ORGAN.finditer(cell) if _PLACE_WORD.search(
            cell[: m.start()].lower())), 0)  # fmt: skip
        if not split:
            return name_case(cell)
        return f"{name_case(cell[split:])} {name_case(cell[:split])}".strip()
    return ""


def name_case(text: str) -> str:
    """An upper-case organ name as written in running text, its place name capitalised."""
    value = title_case(text.strip())
    value = " ".join(_ACRONYMS.get(w.lower(), w) for w in value.split())
    value = value.replace("ban Nhân dân", "ban nhân dân").replace("việt nam", "Việt Nam")
    place = _PLACE_WORD.search(value)
    if place:
        words = " ".join(w[:1].upper() + w[1:] for w in place.group(2).split())
        value = value[: place.start(2)] + words
    return value


def left_cell(text: str) -> str:
    """The issuer's side of a header row read as one line: "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ
    HỘI ..." -> "ỦY BAN NHÂN DÂN"; "TỈNH QUẢNG NAM Độc lập - ..." -> "TỈNH QUẢNG NAM"."""
    return re.split(r"\s+(?:C[ỘO]NG H[ÒO]A X[ÃA] H[ỘO]I|Độc lập)\b", text)[0].strip()


_GENERIC_ISSUER = re.compile(r"^(?:ubnd|uy ban nhan dan) (?:tinh|thanh pho|huyen|xa|phuong)$")


def _issuer(head: list[Line], preamble: str, code: str) -> str:
    in_table = table_issuer(head)
    if in_table:
        return in_table
    found = _ISSUER_SENTENCE.search(preamble)
    if found and not _GENERIC_ISSUER.match(fold(found.group(1).strip())):
        return found.group(1).strip()
    said = found.group(1).strip() if found else ""  # "UBND tỉnh": the header names which
    for line in head:
        key = fold(line.text)
        if key.startswith("ke hoach cua "):
            return title_case(line.text.split(" ", 3)[-1].strip())
        if key.startswith("cua ") and line.text.isupper():
            return title_case(line.text[4:].strip())
    top = _title_index(head) or 0
    uppers = [
        cell
        for line in head[:top]
        if (cell := left_cell(line.text)).isupper()
        and not any(fold(cell).startswith(w) for w in _NOT_ISSUER)
        and not _code_in(cell)
    ]
    if uppers:
        last = uppers[-1]
        if len(uppers) > 1 and fold(uppers[-2]) in ("uy ban nhan dan", "hoi dong nhan dan"):
            last = f"{uppers[-2]} {last}"  # "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ HỒ CHÍ MINH"
        return name_case(last)
    if said:
        return said
    suffix = re.split(r"[/-]", code)[-1] if code else ""
    return _SUFFIX_ISSUERS.get(suffix.upper(), "")


def _place(words: str) -> str:
    """The place name ending `words`: trailing capitalised words, not acronyms."""
    kept: list[str] = []
    for word in reversed(words.split()):
        if not word[:1].isupper() or (word.isupper() and len(word) > 1):
            break
        kept.insert(0, word)
    return " ".join(kept)


def _make_date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month.replace(" ", "")), int(day))
    except ValueError:
        return None


def _latest_year(text: str) -> int | None:
    years = [int(m.group(3)) for m in _NUMERIC_DATE.finditer(text)]
    years += [int(y) for y in re.findall(r"tháng\s+\d{1,2}\s*/\s*(\d{4})", text)]
    years = [y for y in years if 1990 <= y <= 2100]
    return max(years) if years else None
