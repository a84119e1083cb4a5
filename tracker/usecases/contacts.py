"""Units' contacts (e-mails, head, postal address) changed for a user: from the units page's
contact table, a sheet, or ``python -m tracker unit set``; all or nothing, checked against
the role (:data:`~domain.access.Action.UNITS`) and audited with before and after.

A row names its unit by any of its spellings (:func:`store.plans.find_units`), in
its province, or in every province when none is given; a name that matches no unit, or
several, is a located problem, never a new unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.access import Action, Actor, require
from domain.contacts import Contact, email_problem, join_emails, split_emails
from domain.problems import Outcome, Problem
from domain.text import clean
from loaders.contacts import read_contact_sheet
from store import contacts as stored
from store.database import Store
from store.plans import find_units, provinces
from tracker.usecases.acting import acting

__all__ = [
    "CONTACT_COLUMNS",
    "ContactRow",
    "contacts_frame",
    "import_contact_sheet",
    "save_contacts",
    "set_contact",
    "unit_contacts",
    "unit_named",
]

CONTACT_COLUMNS = ("unit_id", "name", "emails", "head", "address")


@dataclass(frozen=True)
class ContactRow:
    """One unit's contact as typed: `name` any spelling of the unit (or `unit_id`),
    `emails` one text of addresses. `row`, `sheet` and `columns` (field -> column letter)
    say where it came from, for the problems."""

    name: str
    emails: str = ""
    head: str = ""
    address: str = ""
    unit_id: int | None = None
    row: int | None = None
    sheet: str | None = None
    columns: tuple[tuple[str, str], ...] = ()


def unit_contacts(store: Store, province: str | None = None) -> list[Contact]:
    """Every unit (of `province`, or all) with its contact, in the registry's order."""
    return [c for _p, c in stored.contacts(store, province)]


def contacts_frame(store: Store, province: str | None = None) -> pd.DataFrame:
    """:data:`CONTACT_COLUMNS` per unit (e-mails joined by "; "), as the page edits them;
    with `province` None a ``province`` column too."""
    records = [
        {
            "province": p,
            "unit_id": c.unit_id,
            "name": c.name,
            "emails": join_emails(c.emails),
            "head": c.head,
            "address": c.address,
        }
        for p, c in stored.contacts(store, province)
    ]
    frame = pd.DataFrame(records, columns=["province", *CONTACT_COLUMNS])
    return frame if province is None else frame.drop(columns=["province"])


def _unit_of(store: Store, row: ContactRow, province: str | None) -> tuple[int | None, str]:
    """(unit id, "") or (None, why not, in Vietnamese)."""
    if row.unit_id is not None:
        return row.unit_id, ""
    name = clean(row.name)
    if not name:
        return None, "Thiếu tên đơn vị."
    found: set[int] = set()
    for each in [province] if province else provinces(store):
        found |= set(find_units(store, each, name))
    if not found:
        return None, (
            f"Không có đơn vị «{name}» trong danh mục: hãy viết đúng tên (hoặc tên viết tắt) "
            "như ở trang «Đơn vị»."
        )
    if len(found) > 1:
        return None, f"«{name}» trùng với {len(found)} đơn vị: hãy ghi tên đầy đủ của đơn vị."
    return found.pop(), ""


def save_contacts(
    store: Store,
    actor: Actor,
    rows: list[ContactRow],
    province: str | None = None,
    file: str = "",
) -> Outcome:
    """Set the contacts of `rows`' units in one transaction, or nothing when any row has a
    problem (an unknown or ambiguous unit, an address that is not one, a unit twice).
    Forbidden unless `actor` may edit units; audited with the contacts before and after."""
    require(actor, Action.UNITS)
    problems: list[Problem] = []
    chosen: dict[int, tuple[str, str, str]] = {}
    for row in rows:
        where = dict(row.columns)

        def bad(field: str, value: str, message: str, row: ContactRow = row) -> None:
            letters = dict(row.columns)
            column = letters.get(field, None) if letters else field
            problems.append(Problem(file, row.sheet, row.row, column, value, message))

        unit_id, why = _unit_of(store, row, province)
        if unit_id is None:
            bad("name", clean(row.name), why)
            continue
        emails = split_emails(row.emails)
        for address in emails:
            if (message := email_problem(address)) is not None:
                bad("email" if where else "emails", address, message)
        if unit_id in chosen:
            bad("name", clean(row.name), "Đơn vị này đã có ở một dòng trên.")
        chosen[unit_id] = (join_emails(emails), clean(row.head), clean(row.address))
    if problems:
        return Outcome(problems)
    known = {c.unit_id: c for c in unit_contacts(store)}
    before = [_record(known[u]) for u in chosen if u in known]
    with acting(store, actor, Action.UNITS, "unit_contact", ", ".join(map(str, chosen))) as act:
        act.before = before
        for unit_id, (joined, head, address) in chosen.items():
            stored.put(act.tx, unit_id, joined, head, address)
        after = {c.unit_id: c for c in unit_contacts(store)}
        act.after = [_record(after[u]) for u in chosen]
    return Outcome()


def _record(contact: Contact) -> dict:
    return {
        "unit_id": contact.unit_id,
        "name": contact.name,
        "emails": join_emails(contact.emails),
        "head": contact.head,
        "address": contact.address,
    }


def import_contact_sheet(
    store: Store, actor: Actor, data: bytes, file: str, province: str | None = None
) -> tuple[int, list[Problem]]:
    """Read a contact sheet and save it all or nothing: (rows read, problems located in the
    sheet's own cells). Forbidden unless `actor` may edit units."""
    require(actor, Action.UNITS)
    sheet = read_contact_sheet(data, file)
    if sheet.problems:
        return 0, sheet.problems
    rows = [
        ContactRow(
            r.name,
            r.emails,
            r.head,
            r.address,
            row=r.row,
            sheet=r.sheet,
            columns=tuple(r.columns.items()),
        )
        for r in sheet.rows
    ]
    return len(rows), save_contacts(store, actor, rows, province, file).problems


def set_contact(
    store: Store,
    actor: Actor,
    name: str,
    emails: list[str] | None = None,
    head: str | None = None,
    address: str | None = None,
    province: str | None = None,
) -> Outcome:
    """Change what is given of one unit's contact (None keeps a field as it is); the unit
    named by any spelling, as :func:`save_contacts` finds it."""
    require(actor, Action.UNITS)
    unit_id, why = _unit_of(store, ContactRow(name), province)
    if unit_id is None:
        return Outcome([Problem("", None, None, "name", clean(name), why)])
    now = next(c for c in unit_contacts(store) if c.unit_id == unit_id)
    row = ContactRow(
        now.name,
        join_emails(emails) if emails is not None else join_emails(now.emails),
        now.head if head is None else head,
        now.address if address is None else address,
        unit_id=unit_id,
    )
    return save_contacts(store, actor, [row], province)


def unit_named(store: Store, name: str, province: str | None = None) -> tuple[int | None, str]:
    """The id of the one unit any of whose spellings is `name` (in `province`, or any), or
    (None, why not in Vietnamese): no unit, or several."""
    return _unit_of(store, ContactRow(name), province)
