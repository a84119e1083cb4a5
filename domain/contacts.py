"""A unit's contact as a reminder needs it: e-mail addresses, the head's title and name, the
postal address. The rules for an address exist here once (the editor, the sheet import and
the command line all check through :func:`email_problem`).

Addresses are kept as one text joined by "; " (:func:`join_emails`); a cell or a field may
separate them with ";", "," or spaces. An address is checked for its shape only (one "@",
a dotted domain, no spaces): whether a mailbox exists is the mail server's answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.text import clean

_SEPARATORS = re.compile(r"[;,\s]+")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
SEPARATOR = "; "


@dataclass(frozen=True)
class Contact:
    """What a letter and an e-mail need of a unit; empty texts where none was set."""

    unit_id: int
    name: str
    emails: tuple[str, ...] = ()
    head: str = ""
    address: str = ""


def split_emails(text: str) -> list[str]:
    """The addresses in `text` (separated by ";", "," or spaces), cleaned, lower case, once."""
    found: list[str] = []
    for part in _SEPARATORS.split(clean(text)):
        if part and part.lower() not in found:
            found.append(part.lower())
    return found


def join_emails(emails: list[str] | tuple[str, ...]) -> str:
    """The stored form of `emails`: "a@b.vn; c@d.vn"."""
    return SEPARATOR.join(emails)


def email_problem(address: str) -> str | None:
    """Why `address` is not an e-mail address (Vietnamese), or None when it is one."""
    if not _EMAIL.fullmatch(address):
        return (
            f"«{address}» không phải địa chỉ e-mail (cần dạng ten@coquan.gov.vn; nhiều địa "
            "chỉ cách nhau bằng dấu «;»)."
        )
    return None
