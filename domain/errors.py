"""The one error tree: what the product raises on purpose, each with a Vietnamese sentence.

Everything a user got wrong in a file or a form is a :class:`~domain.problems.Problem`
value instead, never an exception. What is raised derives from :class:`TrackerError`, whose
``str()`` is a sentence for the user and whose :attr:`~TrackerError.exit_code` is the
command line's. Two edges catch it: the entry script (``dashboard.py``) shows the sentence
on any page and logs the traceback, and ``python -m tracker`` prints it and exits with the
code. Its subclasses:

- :class:`NotFound`: the caller named a plan, unit, report or account that does not exist (a
  command line argument, a stale link).
- :class:`Rejected`: a write had to stop half-way, inside its transaction, to roll back; it
  carries the problems that stopped it. Use cases catch it and return the problems.
- :class:`domain.access.Forbidden`: the acting account's role does not allow it.
- :class:`store.backend.StoreBusy`: the database could not be had in time.
- :class:`store.transfer.TransferRefused`: a database move that cannot start.
- :class:`tracker.usecases.accounts.AccountRefused`, :class:`tracker.usecases.aliases.AliasRefused`:
  a change to an account or a remembered name that the rules refuse.
"""

from __future__ import annotations

from domain.problems import Problem

KIND_LABELS = {
    "plan": "kế hoạch",
    "unit": "đơn vị",
    "report": "báo cáo",
    "account": "tài khoản",
    "task": "nhiệm vụ",
}


class TrackerError(Exception):
    """A refusal the user is told about in Vietnamese (``str()``); never a programmer's error."""

    exit_code = 1
    """What ``python -m tracker`` exits with."""


class NotFound(TrackerError, LookupError):
    """No `kind` ("plan", "unit", "report", "account") is known by `key`."""

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(
            f"Không có {KIND_LABELS.get(kind, kind)} «{key}». Hãy kiểm tra lại tên hoặc số hiệu."
        )
        self.kind = kind
        self.key = key


class Rejected(TrackerError):
    """A write refused as a whole; `problems` says why (at least one error)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)
