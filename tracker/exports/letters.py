"""Công văn đôn đốc as Word files: one :class:`~domain.letters.Letter` rendered
through a docxtpl template, one .docx per unit or all in one .zip.

The template of a kind is, first found: the office's own uploaded on «Đôn đốc» (kept in the
store, passed in as `own`), ``letter_<kind>.docx`` of ``$TRACKER_LETTER_DIR``, the default
under ``templates/``. The tags a template may use are the keys of :func:`context`. Text from
the database is escaped (``autoescape``): a unit named "A & B" prints as such, never as Word
markup. An uploaded template is hostile until proven otherwise: it is rendered in Jinja2's
sandbox (no attribute tricks to reach Python, ranges capped) and checked by
:func:`check_template` (a real .docx, sizes declared in its zip directory within the
guard's limits, tags that parse and render a sample letter) before it is kept.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from domain.letters import Letter, days_text, issuer_lines, place_date
from domain.periods import label as period_label
from domain.text import fold, vn_date
from loaders.reading.guard import check_declared_sizes
from loaders.reading.sniff import sniff

DEFAULTS = Path(__file__).resolve().parent / "templates"
SIGNERS = {  # (sign for, title): the usual K/T block of each kind; offices set theirs in Word
    "party": ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
    "state": ("KT. THỦ TRƯỞNG CƠ QUAN", "PHÓ THỦ TRƯỞNG"),
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
Own = dict[str, bytes] | None  # kind -> the office's uploaded template


def template_bytes(kind: str, folder: str | os.PathLike | None = None, own: Own = None) -> bytes:
    """The template of `kind`: the office's `own` one, else ``letter_<kind>.docx`` of
    `folder` (else ``$TRACKER_LETTER_DIR``) when it has one, else the default that ships."""
    if own and own.get(kind):
        return own[kind]
    chosen = folder or os.environ.get("TRACKER_LETTER_DIR")
    if chosen:
        kept = Path(chosen) / f"letter_{kind}.docx"
        if kept.is_file():
            return kept.read_bytes()
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
    document.render(context(letter), jinja_env=SandboxedEnvironment(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def file_name(letter: Letter) -> str:
    """ "don-doc_84-KH-BTGTU_so-ngoai-vu.docx": the plan and the unit, ASCII only."""
    unit = re.sub(r"[^a-z0-9]+", "-", fold(letter.unit)).strip("-") or str(letter.unit_id)
    plan = re.sub(r"[^A-Za-z0-9]+", "-", letter.plan).strip("-")
    return f"don-doc_{plan}_{unit}.docx"


def named(
    letter: Letter, folder: str | os.PathLike | None = None, own: Own = None
) -> tuple[str, bytes]:
    """(:func:`file_name`, the .docx) of `letter` through the template of its kind (see
    :func:`template_bytes`)."""
    return file_name(letter), render(letter, template_bytes(letter.kind, folder, own))


def letters_zip(
    letters: list[Letter],
    folder: str | os.PathLike | None = None,
    own: Own = None,
    render: Callable[[Letter], tuple[str, bytes]] | None = None,
) -> bytes:
    """Every letter's .docx (`render`, default :func:`named`) in one .zip; a repeated name
    gets the unit id."""
    out = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in letters:
            name, data = render(letter) if render else named(letter, folder, own)
            if name in seen:
                name = name.replace(".docx", f"_{letter.unit_id}.docx")
            seen.add(name)
            archive.writestr(name, data)
    return out.getvalue()


def sample(kind: str) -> Letter:
    """A letter of `kind` to try a template with (every tag has a value)."""
    from datetime import date

    from domain.letters import Obligation

    return Letter(
        kind="state" if kind == "state" else "party",
        plan="84-KH/BTGTU" if kind != "state" else "12/KH-UBND",
        plan_id=0,
        plan_title="Tuyên truyền thực hiện Chỉ thị số 32-CT/TW",
        plan_issued_on=date(2019, 6, 21),
        issuer="Ban Tuyên giáo Tỉnh ủy Lạng Sơn",
        directive="Chỉ thị số 32-CT/TW, ngày 18/02/2019 của Bộ Chính trị",
        unit_id=0,
        unit="Sở Ngoại vụ",
        head="Giám đốc",
        address="",
        emails=(),
        as_of=date(2019, 8, 5),
        day=date(2019, 8, 5),
        reply_by=date(2019, 8, 12),
        place="Lạng Sơn",
        obligations=(
            Obligation("II", "Tổ chức quán triệt", "", date(2019, 6, 30), "overdue", 36),
            Obligation(
                "III.1", "Công tác tuyên truyền", "2019-H2", date(2019, 8, 8), "due_soon", None
            ),
        ),
    )


def check_template(data: bytes, kind: str) -> str | None:
    """Why `data` cannot be a letter template of `kind` (Vietnamese), or None when a sample
    letter renders through it."""
    if len(data) > MAX_TEMPLATE_BYTES:
        return f"Tệp mẫu lớn hơn {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB."
    if sniff(data) != "docx":
        return "Tệp mẫu phải là tệp Word .docx (mở bằng Word rồi «Lưu thành» .docx)."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_declared_sizes(archive.infolist())
    except Exception as refused:  # noqa: BLE001 - the guard's refusal is the message
        return str(refused)
    try:
        render(sample(kind), data)
    except TemplateError as exc:
        return f"Thẻ trong mẫu viết sai ({exc.message or type(exc).__name__}): hãy sửa trong Word."
    except Exception as exc:  # noqa: BLE001 - a template that cannot render is refused
        return f"Không dùng được tệp mẫu ({type(exc).__name__})."
    return None
