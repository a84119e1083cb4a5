"""The draft a plan document turns into: plain dataclasses, no storage, no Streamlit.

A draft is what the parser *thinks* the document says. It is shown for review and
correction and is never saved without a person confirming it, so every guess the parser
makes (a deadline assumed "thường xuyên", a task given to every unit) is reported as a
:class:`Problem` with the line it comes from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Role = Literal["chu_tri", "phoi_hop"]

ROLE_LABELS: dict[str, str] = {"chu_tri": "Chủ trì", "phoi_hop": "Phối hợp"}


@dataclass(frozen=True)
class Problem:
    """Something a person should look at. `line` is 1-based in the text read, 0 if none."""

    message: str
    line: int = 0
    section: str = ""
    severity: Severity = "warning"

    def located(self) -> str:
        """The message prefixed with where it was found, in Vietnamese."""
        where = []
        if self.line:
            where.append(f"dòng {self.line}")
        if self.section:
            where.append(f"mục {self.section}")
        if not where:
            return self.message
        joined = ", ".join(where)
        return f"{joined[:1].upper()}{joined[1:]}: {self.message}"


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
        """"Chỉ thị số 32-CT/TW" or "" when nothing was found."""
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
    cycle: str | None = None  # a tracker.deadlines recurrence, when the text gives one
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
        return not any(p.severity == "error" and p.line == 0 for p in self.problems) and bool(
            self.tasks
        )

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

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
                    "units": [{"name": u.name, "role": u.role} for u in t.units],
                }
                for t in self.tasks
            ],
            "units": [{"name": u.name, "role": u.role} for u in self.units],
            "reporting": {
                key: value for key, value in asdict(self.reporting).items() if key != "line"
            },
            "problems": [
                {"severity": p.severity, "line": p.line, "section": p.section,
                 "message": p.message}
                for p in self.problems
            ],
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
