"""Responsible units in a plan's prose, and matching them against the unit registry.

The "Tổ chức thực hiện" part names one unit (or group of units) per item: before a colon
("Sở Ngoại vụ: Hướng dẫn ..."), or as the subject of the item's first verb ("Văn phòng Tỉnh
ủy phối hợp với Ban Tuyên giáo Tỉnh ủy tham mưu ..."). "chủ trì" and "phối hợp với X" give
roles. A task may name its own units: a "Chủ trì:"/"Phối hợp:" line, a heading "Các đảng ủy
trực thuộc Tỉnh ủy: ...", or "(Sở Nội vụ chủ trì, phối hợp với Sở Tài chính)".

Matching compares :func:`domain.names.unit_key` keys, the ones report ingestion
uses too (abbreviations such as UBND, MTTQ, TT&TT, HU, ThU, ĐU expanded). A name that
matches nothing is reported with the closest registry names; it is never created here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.names import unit_key
from domain.text import fold
from loaders.plans.model import DraftUnit, Role

_HEADS = (
    "ban",
    "so",
    "van phong",
    "uy ban",
    "ubnd",
    "ubmttq",
    "mttq",
    "mat tran",
    "tinh uy",
    "huyen uy",
    "thanh uy",
    "thi uy",
    "dang uy",
    "dang doan",
    "ban can su",
    "bao",
    "dai",
    "hoi",
    "lien doan",
    "doan",
    "tinh doan",
    "cong an",
    "bo chi huy",
    "truong",
    "cuc",
    "chi cuc",
    "trung tam",
    "hoi dong",
    "co quan",
    "toa an",
    "vien kiem sat",
    "kho bac",
    "thanh tra",
    "bo",
    "cac",
    "hdnd",
    "bch",
    "btg",
    "bcs",
    "chi bo",
    "dang bo",
    "lien minh",
    "thu vien",
    "phong",
    "bao tang",
    "nha van hoa",
    "vien",
    "benh vien",
    "ban quan ly",
    "cong ty",
    "chi nhanh",
    "hoc vien",
    "nha xuat ban",
    "ky tuc xa",
    "quy",
    "tap chi",
    # office-holders are units of their own in commune and committee plans
    "chu tich",
    "pho chu tich",
    "truong ban",
    "pho truong ban",
    "truong phong",
    "pho truong phong",
    "giam doc",
    "pho giam doc",
    "bi thu",
    "pho bi thu",
    "can bo",
    "chuyen vien",
    "cong chuc",
    "thanh vien",
    "cac thanh vien",
    "uy vien",
    "cac to chuc",
    "to chuc chinh tri",
    "tieu ban",
    "cong an",
    "to dang",
    "lanh dao ban",
)
_GENERIC = {"cac", "nhung", "cac don vi", "so", "ban", "co quan", "don vi", "phong", "hoi", "to"}
"""A head word alone ("Sở", "cơ quan") is a fragment of a name, not a unit."""
_NOT_UNITS = (
    "so luong",
    "theo ",
    "tai ",
    "can cu",
    "cac noi dung",
    "cac van ban",
    "cac hoat dong",
    "bao cao",
    "to chuc thuc hien",
)
_ACTS = re.compile(
    r"\s+(?:chủ trì|phối hợp|chủ động|tham mưu|có trách nhiệm|chịu trách nhiệm|thực hiện"
    r"|chỉ đạo lực lượng|triển khai)\b"
)
_HONORIFIC = re.compile(r"^(?:các\s+)?(?:đồng chí|đ/c|đc)\s+", re.IGNORECASE)
_VERBS = (
    "căn cứ",
    "phối hợp",
    "chủ trì",
    "chủ động",
    "tham mưu",
    "chỉ đạo",
    "hướng dẫn",
    "theo dõi",
    "tổ chức",
    "xây dựng",
    "triển khai",
    "thực hiện",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "cung cấp",
    "bám sát",
    "đẩy mạnh",
    "tăng cường",
    "nghiên cứu",
    "kiểm tra",
    "đôn đốc",
    "tuyên truyền",
    "phổ biến",
    "quán triệt",
    "lãnh đạo",
    "bố trí",
    "bảo đảm",
    "đảm bảo",
    "rà soát",
    "định hướng",
    "nắm bắt",
    "tập trung",
    "phát huy",
    "chuẩn bị",
    "là cơ quan",
    "làm đầu mối",
    "theo chức năng",
    "trong phạm vi",
    "giúp",
    "báo cáo",
    "tiếp tục",
    "nâng cao",
    "đề xuất",
    "cử",
    "sau",
)
_VERB = re.compile(r"(?<=\s)(" + "|".join(_VERBS) + r")\b")
_NOUN_BEFORE_VERB = {"các", "những", "ban", "tổ", "Ban", "Tổ", "công", "việc", "cấp", "hội"}
_PARTNER = re.compile(r"phối hợp(?:\s+chặt chẽ)?\s+với\s+(.+)", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*?(?:chủ trì|thực hiện|phối hợp)[^()]*)\)", re.IGNORECASE)


_ACCENTED = {
    "so": "sở",
    "bo": "bộ",
    "bo chi huy": "bộ",
    "ban": "ban",
    "ban can su": "ban",
    "ban quan ly": "ban",
    "bao": "báo",
    "bao tang": "bảo",
    "dai": "đài",
    "hoi": "hội",
    "hoi dong": "hội",
    "doan": "đoàn",
    "phong": "phòng",
    "vien": "viện",
    "vien kiem sat": "viện",
    "cuc": "cục",
}
"""Heads whose folded form is also an ordinary word ("Sơ kết", "Bảo đảm", "Phong trào",
"Đại hội", "Bổ sung"): the first word must carry the unit's own accents."""


def is_unit_like(text: str) -> bool:
    """Whether `text` starts the way a unit's name does ("Sở ...", "Các huyện ủy ...",
    "Đồng chí Phó Chủ tịch UBND xã"); a bare "Các", a quantity ("Số lượng đơn vị kiểm tra")
    or a citation ("Theo phân công tại Quyết định số ...") is not a unit."""
    key = fold(_HONORIFIC.sub("", text.strip()))
    if key in _GENERIC or key.startswith(_NOT_UNITS):
        return False
    if "quyet dinh so" in key or re.search(r"\d+\s*/\s*\w+-\w+", key):
        return False
    first = re.split(r"[\s,;:.()/-]", _HONORIFIC.sub("", text.strip()), maxsplit=1)[0].lower()
    return any(
        (key == h or key.startswith(h + " ")) and _ACCENTED.get(h, first) == first for h in _HEADS
    )


def tidy_name(name: str) -> str:
    """ "Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực ..." -> "Phó chủ tịch Thường
    trực": the honorific and the portfolio after a comma are not part of the office."""
    value = _HONORIFIC.sub("", name.strip())
    honoured = value != name.strip()
    value = re.split(r",\s*(?:phụ trách|kiêm)\b", value, maxsplit=1)[0]
    value = _ACTS.split(value, maxsplit=1)[0]
    return value[:1].upper() + value[1:] if honoured else value


def subject_of(text: str) -> tuple[str, str]:
    """(the unit phrase an item starts with, the rest); ("", text) when it has none."""
    colon = text.find(":")
    cut = colon if colon > 0 else len(text)
    for match in _VERB.finditer(text):
        before = text[: match.start()].split()
        if before and before[-1] in _NOUN_BEFORE_VERB:
            continue
        cut = min(cut, match.start())
        break
    subject = text[:cut].strip(" ,.;-–")
    if not subject or not is_unit_like(subject) or len(subject) > 160:
        return "", text
    return subject, text[cut:].lstrip(" :")


def split_names(text: str) -> list[str]:
    """ "Sở Nội vụ, Sở Tài chính" -> two names; "Sở Văn hóa, Thể thao và Du lịch" -> one.

    A comma or "và" starts a new name only when what follows starts like a unit in capitals
    or with "các"; ";" always does.
    """
    names: list[str] = []
    for chunk in re.split(r"\s*;\s*", text):
        parts = re.split(r"(,\s*|\s+và\s+)", chunk)
        current = parts[0]
        for sep, part in zip(parts[1::2], parts[2::2], strict=False):
            starts_unit = is_unit_like(part) and (part[:1].isupper() or part.startswith("các "))
            if starts_unit and not (sep.strip() == "và" and part.startswith("các ")):
                names.append(current)
                current = part
            else:
                current += sep + part
        names.append(current)
    return [tidy_name(n.strip(" ,.;-–")) for n in names if n.strip(" ,.;-–")]


def partners_in(text: str) -> list[str]:
    """Units named after "phối hợp với", up to the verb that follows them."""
    found = _PARTNER.search(text)
    if not found:
        return []
    rest = found.group(1)
    cut = len(rest)
    for match in _VERB.finditer(" " + rest):
        before = rest[: match.start() - 1].split()
        if before and before[-1] in _NOUN_BEFORE_VERB:
            continue
        cut = min(cut, match.start() - 1)
        break
    for stop in (".", ";", ":", "("):
        if stop in rest[:cut]:
            cut = rest.index(stop)
    return [n for n in split_names(rest[:cut]) if is_unit_like(n)]


def roles_in_item(text: str, line: int) -> list[DraftUnit]:
    """The units of one "Tổ chức thực hiện" item with their roles."""
    subject, rest = subject_of(text)
    if not subject:
        return []
    head = rest.split(".")[0]
    role: Role | None = None
    if re.search(r"\bchủ trì\b", rest, re.IGNORECASE):
        role = "chu_tri"
    elif re.match(r"\s*phối hợp\b", rest, re.IGNORECASE):
        role = "phoi_hop"
    units = [DraftUnit(name, role, line) for name in split_names(subject)]
    partner_role: Role | None = "phoi_hop" if role == "chu_tri" else None
    units += [DraftUnit(name, partner_role, line) for name in partners_in(head)]
    return units


def assignment_in(text: str, line: int) -> list[DraftUnit]:
    """Units a task's own words give it: "(Sở X chủ trì, phối hợp với Y)" or a leading
    "Sở X chủ trì, phối hợp với Y ..."; [] when it names none."""
    paren = _PAREN.search(text)
    candidate = paren.group(1) if paren else text
    if paren:  # "(Giao Công an tỉnh chủ trì, ...)"
        candidate = re.sub(r"^\s*giao\s+", "", candidate, flags=re.IGNORECASE)
    subject, rest = subject_of(candidate)
    if not subject or not re.match(r"\s*(chủ trì|thực hiện|có trách nhiệm)", rest):
        return []
    if not paren and not subject[:1].isupper():
        return []
    units = [DraftUnit(n, "chu_tri", line) for n in split_names(subject)]
    units += [DraftUnit(n, "phoi_hop", line) for n in partners_in(rest)]
    return units


def merge(units: list[DraftUnit]) -> list[DraftUnit]:
    """One entry per folded name, keeping the first spelling and the strongest role."""
    rank = {"chu_tri": 2, "phoi_hop": 1, None: 0}
    merged: dict[str, DraftUnit] = {}
    for unit in units:
        key = unit_key(unit.name)
        kept = merged.get(key)
        if kept is None:
            merged[key] = DraftUnit(unit.name, unit.role, unit.line)
        elif rank[unit.role] > rank[kept.role]:
            kept.role = unit.role
    return list(merged.values())


# -- matching against the registry -------------------------------------------------------


@dataclass(frozen=True)
class RegistryUnit:
    unit_id: int
    name: str
    aliases: tuple[str, ...] = ()
    group_code: str = ""


@dataclass
class UnitMatch:
    """How one name in a document meets the registry. Empty `unit_ids`: not found."""

    name: str
    unit_ids: list[int] = field(default_factory=list)
    how: str = "none"  # name | alias | group | none
    suggestions: list[str] = field(default_factory=list)


def match_units(
    names: list[str],
    registry: list[RegistryUnit],
    groups: dict[str, str] | None = None,
) -> list[UnitMatch]:
    """Match document names to registry units; a name equal to a group's label (e.g. "Các
    cơ quan báo chí trên địa bàn tỉnh" and group "Cơ quan báo chí") stands for every unit
    of the group. `groups` maps group_code -> label."""
    by_key: dict[str, set[int]] = {}
    official: dict[str, int] = {}
    for unit in registry:
        official[unit_key(unit.name)] = unit.unit_id
        for alias in (unit.name, *unit.aliases):
            by_key.setdefault(unit_key(alias), set()).add(unit.unit_id)
    group_keys = {unit_key(label): code for code, label in (groups or {}).items()}
    results = []
    for name in names:
        key = unit_key(name)
        if key in official:
            results.append(UnitMatch(name, [official[key]], "name"))
        elif key in by_key and len(by_key[key]) == 1:
            results.append(UnitMatch(name, sorted(by_key[key]), "alias"))
        elif code := group_keys.get(key) or _group_by_words(name, groups or {}):
            members = [u.unit_id for u in registry if u.group_code == code]
            results.append(
                UnitMatch(
                    name,
                    members,
                    "group" if members else "none",
                    [] if members else _suggest(key, registry),
                )
            )
        else:
            results.append(UnitMatch(name, suggestions=_suggest(key, registry)))
    return results


_GROUP_WORDS = (
    (("huyen uy", "thanh uy", "thi uy", "dang uy truc thuoc", "cap uy"), "huyen uy"),
    (("bao chi",), "bao chi"),
    (("to chuc chinh tri xa hoi", "doan the"), "doan the"),
    (("so ban nganh", "so nganh"), "so ban nganh"),
    (("ban xay dung dang", "co quan dang", "cac ban dang"), "co quan dang"),
)


def _group_by_words(name: str, groups: dict[str, str]) -> str | None:
    """The group a plural phrase ("các huyện ủy, thành ủy ...") stands for, by its words."""
    key = f" {fold(name)} "
    if " cac " not in key:
        return None
    labels = {code: f" {unit_key(label)} " for code, label in groups.items()}
    for words, label_word in _GROUP_WORDS:
        if any(f" {w} " in key for w in words):
            for code, label in labels.items():
                if f" {label_word} " in label:
                    return code
    return None


def _suggest(key: str, registry: list[RegistryUnit], limit: int = 3) -> list[str]:
    words = set(key.split())
    scored = []
    for unit in registry:
        other = set(unit_key(unit.name).split())
        if words and other:
            score = len(words & other) / len(words | other)
            if score >= 0.3:
                scored.append((-score, unit.name))
    return [name for _, name in sorted(scored)[:limit]]


_REPORT_TO = re.compile(
    r"báo cáo\b[^.;]*?\s(?:về|gửi(?:\s+về)?|với|lên)\s+"
    r"([A-ZĐÀ-Ỹ][^,;.(]*?(?:,\s+[A-ZĐÀ-Ỹ][^,;.(]*?)*)"
    r"(?=\s+(?:để|trước|theo|định kỳ|trong|chậm nhất|qua|vào)\b|[,;.(]|$)"
)


def report_target(text: str) -> str:
    """ "... báo cáo kết quả ... về Ban Tuyên giáo Tỉnh ủy để tổng hợp" -> the unit named."""
    for found in _REPORT_TO.finditer(text):
        if is_unit_like(found.group(1)):
            return found.group(1).strip()
    return ""
