"""The two exceptions the product raises on purpose; everything a user got wrong is a
:class:`~tracker.domain.problems.Problem` value instead.

- :class:`NotFound`: the caller named a plan, unit or report that does not exist (a usage
  error: a command line argument, a stale link), not a problem of a file.
- :class:`Rejected`: a write had to stop half-way, inside its transaction, to roll back;
  it carries the problems that stopped it. Use cases catch it and return the problems.
"""

from __future__ import annotations

from tracker.domain.problems import Problem


class NotFound(LookupError):
    """No `kind` ("plan", "unit", "report") is known by `key`."""

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"{kind} {key!r}")
        self.kind = kind
        self.key = key


class Rejected(Exception):
    """A write refused as a whole; `problems` says why (at least one error)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)
