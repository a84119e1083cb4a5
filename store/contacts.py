"""Units' contacts (migration 012's ``unit_contact``): read them all, set one."""

from __future__ import annotations

from domain.contacts import SEPARATOR, Contact
from store.database import Store, Writer


def contacts(
    store: Store, province: str | None = None, unit: int | None = None
) -> list[tuple[str, Contact]]:
    """(province, contact) of every unit (of `province`, all when None; of unit id `unit`
    alone when given), in the registry's order; units without a contact have empty
    fields."""
    return [
        (prov, Contact(unit_id, name, emails_of(emails), head, addr))
        for unit_id, prov, name, _short, emails, head, addr in store.rows(
            "contact_list", province=province, unit=unit
        )
    ]


def emails_of(stored: str) -> tuple[str, ...]:
    """The addresses of a contact's ``emails`` column as stored (joined by
    :data:`~domain.contacts.SEPARATOR`; empty for none)."""
    return tuple(e for e in stored.split(SEPARATOR) if e)


def put(tx: Writer, unit_id: int, emails: str, head: str, address: str) -> None:
    """Set unit `unit_id`'s contact inside the write `tx` (replacing the one it had)."""
    tx.run("contact_put", unit_id=unit_id, emails=emails, head=head, address=address)
