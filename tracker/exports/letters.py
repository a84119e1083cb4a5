"""Công văn đôn đốc as Word files: one :class:`~tracker.domain.letters.Letter` rendered
through a docxtpl template (the default ones under ``templates/``, an office's own from
``$TRACKER_LETTER_DIR``, or a template passed in), one .docx per unit or all in one .zip.

An office keeps its own letterhead and wording by saving an edited copy of
``letter_party.docx`` or ``letter_state.docx`` into ``$TRACKER_LETTER_DIR`` (same file
name); the tags it may use are the keys of :func:`context`. Text from the database is
escaped (``autoescape``): a unit named "A & B" prints as such, never as Word markup.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

from docxtpl import DocxTemplate

from tracker.domain.letters import Letter, days_text, issuer_lines, place_date
from tracker.domain.periods import label as period_label
from tracker.domain.text import fold, vn_date

DEFAULTS = Path(__file__).resolve().parent / "templates"
SIGNERS = {  # (sign for, title): the usual K/T block of each kind; offices set theirs in Word
    "party": ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
    "state": ("KT. THỦ TRƯỞNG CƠ QUAN", "PHÓ THỦ TRƯỞNG"),
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def template_bytes(kind: str, folder: str | os.PathLike | None = None) -> bytes:
    """The template of `kind`: ``letter_<kind>.docx`` of `folder` (else
    ``$TRACKER_LETTER_DIR``) when it has one, else the default that ships."""
    chosen = folder or os.environ.get("TRACKER_LETTER_DIR")
    if chosen:
        own = Path(chosen) / f"letter_{kind}.docx"
        if own.is_file():
            return own.read_bytes()
    return (DEFAULTS / f"letter_{kind}.docx").read_bytes()


def context(letter: Letter) -> dict:
    """Every tag a letter template may use, with its value for `letter`."""
    parent, issuer_name = issuer_lines(letter.issuer)
    sign_for, signer_title = SIGNERS[letter.kind]
    return {
        "parent": parent,
        "issuer_name": issuer_name,
        "issuer": letter.issuer,
        "number_text": letter.number_text,
        "subject": letter.subject,
        "place_date": place_date(letter.place, letter.day),
        "unit": letter.unit,
        "head": letter.head,
        "address": letter.address,
        "directive": letter.directive,
        "plan": letter.plan,
        "plan_date": vn_date(letter.plan_issued_on),
        "plan_title": letter.plan_title,
        "as_of": vn_date(letter.as_of),
        "overdue_count": len(letter.overdue),
        "due_soon_count": len(letter.due_soon),
        "window": letter.extra.get("window", 7),
        "summary": _summary(letter),
        "plan_about": _about(letter.plan_title),
        "reply_by": vn_date(letter.reply_by),
        "obligations": [
            {
                "no": i,
                "task": f"{o.section} {o.task}".strip() if o.section else o.task,
                "period": period_label(o.period) if o.period else "",
                "due": vn_date(o.due_on),
                "state": days_text(o.status, o.days_late, o.due_on, letter.as_of),
            }
            for i, o in enumerate(letter.obligations, start=1)
        ],
        "copy_to": "- Lãnh đạo cơ quan (để b/c);",
        "sign_for": sign_for,
        "signer_title": signer_title,
        "signer_name": "",
    }


def _summary(letter: Letter) -> str:
    """ "1 nhiệm vụ quá hạn chưa hoàn thành và 2 nhiệm vụ sắp đến hạn (trong 7 ngày tới)",
    leaving out a part that counts none."""
    parts = []
    if letter.overdue:
        parts.append(f"{len(letter.overdue)} nhiệm vụ quá hạn chưa hoàn thành")
    if letter.due_soon:
        window = letter.extra.get("window", 7)
        parts.append(f"{len(letter.due_soon)} nhiệm vụ sắp đến hạn (trong {window} ngày tới)")
    return " và ".join(parts)


def _about(title: str) -> str:
    """A plan's title after "về": its first letter in lower case unless the word is a name
    or an abbreviation ("Tuyên truyền …" -> "tuyên truyền …", "HĐND …" stays)."""
    first = title.split(" ", 1)[0]
    return title[:1].lower() + title[1:] if first[1:2].islower() else title


def render(letter: Letter, template: bytes | None = None) -> bytes:
    """`letter` as a .docx, through `template` (default: :func:`template_bytes`)."""
    document = DocxTemplate(io.BytesIO(template or template_bytes(letter.kind)))
    document.render(context(letter), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def file_name(letter: Letter) -> str:
    """ "don-doc_84-KH-BTGTU_so-ngoai-vu.docx": the plan and the unit, ASCII only."""
    unit = re.sub(r"[^a-z0-9]+", "-", fold(letter.unit)).strip("-") or str(letter.unit_id)
    plan = re.sub(r"[^A-Za-z0-9]+", "-", letter.plan).strip("-")
    return f"don-doc_{plan}_{unit}.docx"


def named(letter: Letter, folder: str | os.PathLike | None = None) -> tuple[str, bytes]:
    """(:func:`file_name`, the .docx) of `letter` through the template of its kind from
    `folder` (see :func:`template_bytes`)."""
    return file_name(letter), render(letter, template_bytes(letter.kind, folder))


def letters_zip(letters: list[Letter], folder: str | os.PathLike | None = None) -> bytes:
    """Every letter's .docx (:func:`named`) in one .zip; a repeated name gets the unit id."""
    out = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in letters:
            name, data = named(letter, folder)
            if name in seen:
                name = name.replace(".docx", f"_{letter.unit_id}.docx")
            seen.add(name)
            archive.writestr(name, data)
    return out.getvalue()
