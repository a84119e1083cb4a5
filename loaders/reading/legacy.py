"""Legacy Vietnamese encodings: TCVN3 (ABC, fonts .VnTime...) and VNI (fonts VNI-Times...).

Old office templates typed with these fonts store Vietnamese as Latin-1 look-alikes: in
TCVN3 "Së Ngo¹i vô" is "Sở Ngoại vụ" (one code per letter), in VNI "Sôû Ngoaïi vuï" (a base
letter followed by mark codes). Stored as is, such text would be garbled forever and would
match nothing. A file is *detected* as legacy when its text shows characters that only a
legacy encoding produces (and a legacy font name, when the workbook tells us, tips the
balance); then every text cell that carries no real Unicode Vietnamese letter is converted.
Detection runs over a sample (the first rows of each sheet) because it is Python work.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Encoding = Literal["tcvn3", "vni"]

# TCVN3: one byte per letter. Lower-case letters by base vowel, tones in the order
# grave, hook, tilde, acute, dot below (the order the TCVN3 code chart lists them).
_TCVN3_ROWS = {
    "a": "µ¶·¸¹",
    "ă": "»¼½¾Æ",
    "â": "ÇÈÉÊË",
    "e": "ÌÎÏÐÑ",
    "ê": "ÒÓÔÕÖ",
    "i": "×ØÜÝÞ",
    "o": "ßáâãä",
    "ô": "åæçèé",
    "ơ": "êëìíî",
    "u": "ïñòóô",
    "ư": "õö÷øù",
    "y": "úûüýþ",
}
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave hook tilde acute dot
_TCVN3_PLAIN = {
    "¨": "ă",
    "©": "â",
    "ª": "ê",
    "«": "ô",
    "¬": "ơ",
    "\u00ad": "ư",
    "®": "đ",
    "¡": "Ă",
    "¢": "Â",
    "£": "Ê",
    "¤": "Ô",
    "¥": "Ơ",
    "¦": "Ư",
    "§": "Đ",
}


def _tcvn3_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _TCVN3_PLAIN.items()}
    for base, codes in _TCVN3_ROWS.items():
        for code, tone in zip(codes, _TONES, strict=True):
            table[ord(code)] = unicodedata.normalize("NFC", base + tone)
    return table


TCVN3_TABLE = _tcvn3_table()

# VNI: a base letter followed by mark codes. The same code means the same mark in upper
# and lower case; the letter's case decides the result's.
_VNI_TONE = {"ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {
    "â": "",
    "à": "\u0300",
    "á": "\u0301",
    "å": "\u0309",
    "ã": "\u0303",
    "ä": "\u0323",
}
_VNI_BREVE = {"ê": "", "è": "\u0300", "é": "\u0301", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {"ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ô": "ơ", "ö": "ư"}


def _vni_mark(base: str, code: str) -> str | None:
    low = code.lower()
    letter = _VNI_SINGLE.get(base.lower(), base.lower()) if base.lower() in "ôö" else base.lower()
    mark = None
    if letter in "aeo" and low in _VNI_CIRCUMFLEX:
        mark = "\u0302" + _VNI_CIRCUMFLEX[low]
    elif letter == "a" and low in _VNI_BREVE:
        mark = "\u0306" + _VNI_BREVE[low]
    elif low in _VNI_TONE and letter in "aeiouyơư":
        mark = _VNI_TONE[low]
    if mark is None:
        return None
    result = unicodedata.normalize("NFC", letter + mark)
    return result.upper() if base.isupper() else result


_VNI_PAIR = re.compile("([aeiouyAEIOUYôöÔÖ])([øùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË])")
_VNI_ALONE = re.compile("[ñæóòîôöÑÆÓÒÎÔÖ]")

_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
"""Letters that only real Unicode Vietnamese has (ạ ả ấ ... ơ ư đ ă): never legacy output."""
_TCVN3_ONLY = re.compile("[µ¶·¸¹¨»¼½¾©ª«¬®¡¢£¤¥¦§×ÞßþÆÇÈÉËÌÎÏÐÑÒÓÔÕÖØÜäåæçëîïñöøûü÷]")
_VNI_ONLY = re.compile("[øûïñåäëüæîöØÛÏÑÅÄËÜÆÎÖ]")


def to_unicode(text: str, encoding: Encoding) -> str:
    """Convert one legacy-encoded string; text holding real Unicode letters is returned as is."""
    if not text or _UNICODE_ONLY.search(text):
        return text
    if encoding == "tcvn3":
        return text.translate(TCVN3_TABLE)

    def pair(match: re.Match) -> str:
        base, code = match.group(1), match.group(2)
        converted = _vni_mark(base, code)
        if converted is None:
            return _alone(base) + code
        return converted

    def _alone(ch: str) -> str:
        found = _VNI_SINGLE.get(ch.lower())
        if found is None:
            return ch
        return found.upper() if ch.isupper() else found

    text = _VNI_PAIR.sub(pair, text)
    return _VNI_ALONE.sub(lambda m: _alone(m.group()), text)


def might_be_legacy(text: str) -> bool:
    """Cheap first test over all sample text at once: any character only legacy text has."""
    return bool(_TCVN3_ONLY.search(text) or _VNI_ONLY.search(text))


def detect(samples: list[str], fonts: list[str] | None = None) -> Encoding | None:
    """Which legacy encoding the sample texts are in, or None for Unicode (or no evidence)."""
    fonts = fonts or []
    tcvn_hint = any(f.lower().startswith(".vn") for f in fonts)
    vni_hint = any(f.lower().startswith("vni") for f in fonts)
    unicode_hits = tcvn = vni = 0
    for text in samples:
        if not text:
            continue
        if _UNICODE_ONLY.search(text):
            unicode_hits += 1
            continue
        tcvn += len(_TCVN3_ONLY.findall(text))
        vni += len(_VNI_ONLY.findall(text)) + len(_VNI_PAIR.findall(text)) // 2
    if unicode_hits and unicode_hits >= max(tcvn, vni):
        return None
    need_tcvn = 1 if tcvn_hint else 3
    need_vni = 1 if vni_hint else 3
    if tcvn >= need_tcvn and (tcvn > vni or tcvn_hint) and not vni_hint:
        return "tcvn3"
    if vni >= need_vni and (vni >= tcvn or vni_hint):
        return "vni"
    if tcvn >= need_tcvn:
        return "tcvn3"
    return None


LABELS = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}


def from_unicode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3; used by tests to build legacy files from readable text."""
    reverse = {v: chr(k) for k, v in TCVN3_TABLE.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse and ch.isupper():
            out.append(reverse[ch.lower()])  # TCVN3 has no upper-case toned letters
        else:
            out.append(ch)
    return "".join(out)


def from_unicode_vni(text: str) -> str:
    """Unicode -> VNI; used by tests to build legacy files from readable text."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        upper = ch.isupper()
        low = ch.lower()
        special = {v: k for k, v in _VNI_SINGLE.items()}
        if low in special and low not in "ơư":
            code = special[low]
            out.append(code.upper() if upper else code)
            continue
        parts = unicodedata.normalize("NFD", low)
        base, marks = parts[0], parts[1:]
        if base == "đ" or not marks:
            out.append(ch)
            continue
        letter = base
        tone = next((m for m in marks if m in _TONES), "")
        shape = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
        if shape == "\u031b":
            letter = "ô" if base == "o" else "ö"
            shape = ""
        code = ""
        if shape == "\u0302":
            code = {v: k for k, v in _VNI_CIRCUMFLEX.items()}[tone]
        elif shape == "\u0306":
            code = {v: k for k, v in _VNI_BREVE.items()}[tone]
        elif tone:
            code = {v: k for k, v in _VNI_TONE.items()}[tone]
        if upper:
            letter, code = letter.upper(), code.upper()
        out.append(letter + code)
    return "".join(out)
