"""The draft a plan document turns into: plain dataclasses, no storage, no Streamlit.

A draft is what the parser *thinks* the document says. It is shown for review and
correction and is never saved without a person confirming it, so every guess the parser
makes (a deadline assumed "thường xuyên", a task given to every unit) is reported as a
:class:`~domain.problems.Problem` located at the line it comes from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any, Literal

from domain.problems import Problem, Severity

Role = Literal["chu_tri", "phoi_hop"]

ROLE_LABELS: dict[str, str] = {"chu_tri": "Chủ trì", "phoi_hop": "Phối hợp"}


def at_line(
    message: str,
    line: int = 0,
    section: str = "",
    severity: Severity = "warning",
    value: str | None = None,
) -> Problem:
    """A problem of a plan document at its 1-based `line` (0: the text as a whole), about
    task `section` when given. The file is filled in once the draft is read
    (:func:`with_file`)."""
    text = f"Mục {section}: {message}" if section else message
    return Problem("", None, line or None, None, value, text, severity)


def with_file(problems: list[Problem], file: str) -> list[Problem]:
    return [replace(p, file=file) if not p.file else p for p in problems]


@dataclass
class DirectiveRef:
    """The document the plan implements, e.g. Chỉ thị số 32-CT/TW, 18/02/2019, Bộ Chính trị."""

    code: str = ""
    kind: str = ""  # "Chỉ thị", "Nghị quyết", ...
    issued_on: date | None = None
    issuer: str = ""
    title: str = ""

    @property
    def label(self) -> str:
        """ "Chỉ thị số 32-CT/TW" or "" when nothing was found."""
        if not self.code:
            return ""
        return f"{self.kind} số {self.code}".strip()


@dataclass
class PlanHeader:
    code: str = ""  # "84-KH/BTGTU"; "" when the text has none
    title: str = ""
    issued_on: date | None = None
    place: str = ""  # "Lạng Sơn"
    issuer: str = ""  # "Ban Tuyên giáo Tỉnh ủy"
    directive: DirectiveRef = field(default_factory=DirectiveRef)


@dataclass
class Reporting:
    """The closing request: who reports, to whom, how often."""

    text: str = ""
    report_to: str = ""
    deadline_text: str = ""
    cycle: str | None = None  # a domain.deadlines recurrence, when the text gives one
    line: int = 0


@dataclass
class DraftUnit:
    """A unit (or group of units) as the document names it, with its role if stated."""

    name: str
    role: Role | None = None
    line: int = 0


@dataclass
class DraftTask:
    section: str  # "III.1", numbered as the document does
    title: str
    section_title: str = ""
    deadline_text: str = ""
    start: date | None = None
    due: date | None = None
    recurrence: str | None = None
    unparsed: bool = False
    units: list[DraftUnit] = field(default_factory=list)
    detail: str = ""
    line: int = 0
    from_table: bool = False  # a row of a task table (in the body or an appendix)
    deadline_guessed: bool = False  # no time written: "thường xuyên" assumed, flagged
    ocr: bool = False  # read from a scanned page: check the words against the paper


@dataclass
class PlanDraft:
    plan: PlanHeader = field(default_factory=PlanHeader)
    tasks: list[DraftTask] = field(default_factory=list)
    units: list[DraftUnit] = field(default_factory=list)
    reporting: Reporting = field(default_factory=Reporting)
    problems: list[Problem] = field(default_factory=list)
    source_name: str = ""

    @property
    def is_plan(self) -> bool:
        """False when the text was refused as a whole (empty, unreadable, not a plan)."""
        return not any(p.is_error and p.row is None for p in self.problems) and bool(self.tasks)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def to_json(self) -> dict[str, Any]:
        """The shape `python -m tracker import-plan --dry-run --json` prints."""
        header = self.plan
        directive = header.directive
        return {
            "plan": {
                "code": header.code,
                "title": header.title,
                "date": _iso(header.issued_on),
                "place": header.place,
                "issuer": header.issuer,
                "directive": {
                    "code": directive.code,
                    "kind": directive.kind,
                    "date": _iso(directive.issued_on),
                    "issuer": directive.issuer,
                    "title": directive.title,
                },
            },
            "tasks": [
                {
                    "section": t.section,
                    "section_title": t.section_title,
                    "title": t.title,
                    "deadline_text": t.deadline_text,
                    "start": _iso(t.start),
                    "due": _iso(t.due),
                    "recurrence": t.recurrence,
                    "unparsed": t.unparsed,
                    "ocr": t.ocr,
                    "units": [{"name": u.name, "role": u.role} for u in t.units],
                }
                for t in self.tasks
            ],
            "units": [{"name": u.name, "role": u.role} for u in self.units],
            "reporting": {
                key: value for key, value in asdict(self.reporting).items() if key != "line"
            },
            "problems": [
                {"severity": p.severity, "line": p.row or 0, "value": p.value, "message": p.message}
                for p in self.problems
            ],
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
