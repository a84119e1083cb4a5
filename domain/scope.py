"""The filter scope: which plan, as of which date, which unit groups and statuses a view,
an export or a command covers, as one frozen value.

Pages build it from the sidebar (:mod:`ui.frame`), the command line from its arguments;
views and exports take it whole and hand :meth:`Scope.params` to the store. It is
normalised once, on construction: plan and group codes as NFC text, groups as a sorted
tuple and statuses as a tuple in the vocabulary's order (:data:`domain.status.CODES`, the
legend's), each code once, an empty plan or an empty list meaning "all". So
``Scope(d, groups=["b", "a", "a"])`` equals ``Scope(d, groups=("a", "b"))``, hashes the
same, and is one entry in Streamlit's cache. A status code outside
:data:`domain.status.CODES` is refused (:class:`UnknownStatus`); group codes are only known
to the database, so they are not checked here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from domain import status
from domain.errors import TrackerError
from domain.text import clean


class UnknownStatus(TrackerError):
    """A status code that is not one of :data:`domain.status.CODES`."""

    exit_code = 2

    def __init__(self, codes: Iterable[str]) -> None:
        found = ", ".join(codes)
        super().__init__(
            f"Không có tình trạng «{found}». Các tình trạng: {', '.join(status.CODES)}."
        )


def _codes(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """`values` as a sorted tuple of distinct NFC codes; a lone string is one code."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = (values,)
    return tuple(sorted({clean(v) for v in values} - {""}))


def _in_status_order(codes: Iterable[str] | str | None) -> tuple[str, ...]:
    """Known status `codes` once each, in the vocabulary's order (the legend's)."""
    found = set(_codes(codes))
    return tuple(code for code in status.CODES if code in found)


@dataclass(frozen=True)
class Scope:
    """Plan (None: every plan), as-of date, unit group codes and status codes (empty: all).

    Accepts lists, sets or None for `groups` and `statuses` at run time (normalised to
    tuples); the annotations say what the fields hold afterwards.
    """

    as_of: date
    plan: str | None = None
    groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        plan = clean(self.plan) or None
        groups = _codes(self.groups)
        unknown = [s for s in _codes(self.statuses) if s not in status.BY_CODE]
        if unknown:
            raise UnknownStatus(unknown)
        statuses = _in_status_order(self.statuses)
        as_of = self.as_of
        if isinstance(as_of, datetime):  # a pandas Timestamp too: the day alone
            as_of = as_of.date()
        elif not isinstance(as_of, date):
            raise TypeError(f"as_of must be a date, not {type(as_of).__name__}")
        object.__setattr__(self, "as_of", as_of)
        object.__setattr__(self, "plan", plan)
        object.__setattr__(self, "groups", groups)
        object.__setattr__(self, "statuses", statuses)

    @classmethod
    def of(
        cls,
        as_of: date,
        plan: str | None = None,
        groups: Iterable[str] | str | None = None,
        statuses: Iterable[str] | str | None = None,
    ) -> Scope:
        """The scope of loosely typed input (lists, sets, one code, None), as a sidebar or a
        command gives it."""
        return cls(as_of, plan, _codes(groups), _codes(statuses))

    def params(self, statuses: bool = True) -> dict[str, Any]:
        """The store's named parameters ``as_of``, ``plan``, ``groups`` and, unless
        `statuses` is False (statements that count every status), ``statuses``; an empty
        filter is NULL, a list otherwise (PostgreSQL adapts lists, not tuples, to arrays)."""
        found: dict[str, Any] = {
            "as_of": self.as_of,
            "plan": self.plan,
            "groups": list(self.groups) or None,
        }
        if statuses:
            found["statuses"] = list(self.statuses) or None
        return found

    def every_status(self) -> Scope:
        """This scope without its status filter (what a page without one shows)."""
        return replace(self, statuses=())

    def query(self) -> dict[str, str]:
        """The scope as URL query parameters (``asof``, ``plan``, ``groups``, ``status``),
        leaving out what is "all": a copied link reproduces the view."""
        found = {"asof": self.as_of.isoformat()}
        if self.plan:
            found["plan"] = self.plan
        if self.groups:
            found["groups"] = ",".join(self.groups)
        if self.statuses:
            found["status"] = ",".join(self.statuses)
        return found

    def describe(self, group_labels: Mapping[str, str]) -> str:
        """The group and status filters in words ("Nhóm đơn vị: …. Tình trạng: …"), empty
        when there are none; a group without a label is named by its code."""
        parts = []
        if self.groups:
            parts.append("Nhóm đơn vị: " + "; ".join(group_labels.get(g, g) for g in self.groups))
        if self.statuses:
            parts.append("Tình trạng: " + "; ".join(status.label(s) for s in self.statuses))
        return ". ".join(parts)


def from_query(query: Mapping[str, str]) -> dict[str, Any]:
    """What a URL's query (see :meth:`Scope.query`) says of a scope, leniently: a bad date or
    an unknown status code in a stale or hand-edited link is dropped, not refused. Keys:
    ``plan``, ``groups``, ``statuses``, ``as_of``, each only when the URL has it."""
    seeded: dict[str, Any] = {}
    if "plan" in query:
        seeded["plan"] = clean(query["plan"])
    if "groups" in query:
        seeded["groups"] = list(_codes(query["groups"].split(",")))
    if "status" in query:
        seeded["statuses"] = list(_in_status_order(query["status"].split(",")))
    if "asof" in query:
        try:
            seeded["as_of"] = date.fromisoformat(query["asof"])
        except ValueError:
            pass
    return seeded
