"""The one key unit names are compared on, for plan documents and reports alike.

:func:`unit_key` folds case, accents, spacing and NFC/NFD (:func:`domain.text.fold`),
expands the abbreviations offices write (one table, :data:`ABBREVIATIONS`), reads "&" as
"và", and sets aside words a name may carry or not: a leading "các"/"toàn bộ", "Việt Nam",
a trailing "tỉnh", "tỉnh <province>" or the province's initials ("Hội ND LS"), "trên địa
bàn (tỉnh)". "Ban Tuyên giáo Huyện ủy X" meets "Huyện ủy X" (the district's party
committee reports through its propaganda board).

Surprise: the key is lossy on purpose, so two registry units may share one; callers match
the plain folded name first and treat a key-only match as approximate.
"""

from __future__ import annotations

import re
from functools import lru_cache

from domain.text import fold

ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "tt&tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "ttt tt": "thong tin va truyen thong",
    "vhtt&dl": "van hoa the thao va du lich",
    "vh tt&dl": "van hoa the thao va du lich",
    "vhttdl": "van hoa the thao va du lich",
    "gd&dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao",
    "ldtb&xh": "lao dong thuong binh va xa hoi",
    "kh&dt": "ke hoach va dau tu",
    "tn&mt": "tai nguyen va moi truong",
    "nn&ptnt": "nong nghiep va phat trien nong thon",
    "kh&cn": "khoa hoc va cong nghe",
    "gtvt": "giao thong van tai",
    "btg": "ban tuyen giao",
    "bcs": "ban can su",
    "tu": "tinh uy",
    "hu": "huyen uy",
    "thu": "thanh uy",
    "th u": "thanh uy",
    "txu": "thi uy",
    "du": "dang uy",
    "duk": "dang uy khoi",
    "vp": "van phong",
    "tg": "tuyen giao",
    "ct": "chinh tri",
    "ptth": "phat thanh truyen hinh",
    "pt th": "phat thanh truyen hinh",
    "ldld": "lien doan lao dong",
    "hlhpn": "hoi lien hiep phu nu",
    "lhpn": "lien hiep phu nu",
    "ccb": "cuu chien binh",
    "bdbp": "bo doi bien phong",
    "ngv": "ngoai vu",
    "h u": "huyen uy",
    "nd": "nong dan",
    "nn ptnt": "nong nghiep va phat trien nong thon",
}
"""Abbreviation (folded, spaces as written) -> the words it stands for (folded)."""

_ABBREVIATION = re.compile(
    r"(?<![\w&])("
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w&])"
)
_NOT_ABBREVIATED = {
    "du": (" lich", " bao", " an", " toan"),
    "tu": (" phap", " lieu", " thien"),
    "hu": (" hong",),
    "ct": (" tw",),
}
"""Words an abbreviation also spells: "Du lịch", "Tư pháp" are not ĐU, TU."""
_LEADING = ("cac ", "toan bo ", "tat ca ")
_TAILS = (" tren dia ban tinh", " tren dia ban", " co lien quan", " lien quan", " tinh")
_BOARD = re.compile(r"^ban (tuyen giao|tuyen huan) (?=(huyen uy|thanh uy|thi uy|dang uy) )")


def _expand(found: re.Match, text: str) -> str:
    word = found.group(1)
    if text[found.end() :].startswith(_NOT_ABBREVIATED.get(word, ("\0",))):
        return word
    return ABBREVIATIONS[word]


@lru_cache(maxsize=65536)
def unit_key(text: str, province: str = "") -> str:
    """The key a unit's name, abbreviation or alias is compared on (see the module)."""
    folded = fold(text)
    value = _ABBREVIATION.sub(lambda m: _expand(m, folded), folded)
    value = value.replace("&", " va ")
    value = re.sub(r"\s+", " ", value).strip()
    bare = re.sub(r"\bviet nam\b", " ", value)
    value = re.sub(r"\s+", " ", bare).strip() or value
    place = fold(province)
    changed = True
    while changed:
        changed = False
        for lead in _LEADING:
            if value.startswith(lead):
                value, changed = value[len(lead) :], True
        initials = "".join(w[0] for w in place.split())
        tails = (*_TAILS, f" tinh {place}", f" {initials}") if len(initials) >= 2 else _TAILS
        for tail in tails:
            if value.endswith(tail) and len(value) > len(tail) + 4:
                value, changed = value[: -len(tail)], True
    return _BOARD.sub("", value)
