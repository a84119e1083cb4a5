"""«Đôn đốc» as frames: per (plan, unit) what its letter names, and one letter's rows, keyed
by column ids (labels at the edge, :mod:`domain.labels`).

The days column is text ("Quá hạn 26 ngày", "Sắp đến hạn, còn 3 ngày"): one column that says
something on every row, where a number column left the due-soon rows reading "None".
"""

from __future__ import annotations

import pandas as pd

from domain import periods, status
from domain.letters import Letter, days_text
from domain.scope import Scope
from store.database import Store
from tracker.usecases import reminders
from tracker.views import names

UNIT_COLUMNS = ["plan", "unit_name", "overdue", "due_soon", "most_days_late", "emails", "reminded"]
ROW_COLUMNS = ["task", "period", "due_on", "status_label", "due_text"]
HISTORY_COLUMNS = [
    "made_at", "plan", "unit_name", "letter_number", "result_label", "recipients", "made_by",
    "detail",
]  # fmt: skip
RESULTS = {
    "sent": "Đã gửi e-mail",
    "failed": "Gửi không được (sẽ gửi lại)",
    "paper": "Cần gửi giấy",
    "drafted": "Đã soạn (tải về)",
}


def letters(store: Store, scope: Scope, window: int | None = None) -> list[Letter]:
    """The letters of the scope's plan (every plan followed when None), one per unit of its
    groups with something overdue or due within `window` days (its statuses are not
    applied: a letter names both)."""
    codes = [scope.plan] if scope.plan else reminders.followed_plans(store)
    groups = list(scope.groups) or None
    found: list[Letter] = []
    for code in codes:
        found += reminders.letters(store, code, scope.as_of, window=window, groups=groups)
    return found


def units(store: Store, scope: Scope, window: int | None = None) -> pd.DataFrame:
    """One row per letter of :func:`letters` for `scope`, in its order, without building the
    letters: :data:`UNIT_COLUMNS` (``reminded`` "đã nhắc 2 lần, lần cuối 05/08/2019" or
    empty) and the hidden ``unit_id``, and ``paper`` (no e-mail: drop it to draw the
    table); units sharing a name told apart by province when the scope has no plan
    (:mod:`tracker.views.names`). `window`: the reminder window in days (the office's
    setting, read here, when None)."""
    found = reminders.letter_units(
        store, scope.as_of, scope.plan, window=window, groups=list(scope.groups) or None
    )
    counts = reminders.reminded(store)  # over every plan: a unit's reminders, whatever plan
    reminded = [counts.get(int(u)) for u in found["unit_id"]]
    frame = pd.DataFrame(
        {
            "plan": found["plan"],
            "unit_name": found["unit"],
            "overdue": found["overdue"].astype("int64"),
            "due_soon": found["due_soon"].astype("int64"),
            "most_days_late": found["most_days_late"].astype("int64"),
            "emails": ["; ".join(e) or "cần gửi giấy" for e in found["emails"]],
            "reminded": [reminders.reminded_text(*t) if t else "" for t in reminded],
            "unit_id": found["unit_id"].astype("int64"),
            "paper": [not e for e in found["emails"]],
        },
        columns=[*UNIT_COLUMNS, "unit_id", "paper"],
    )
    return names.tell_apart(store, frame, scope.plan, columns=("unit_name",))


def letter(
    store: Store, scope: Scope, plan: str, unit: int, window: int | None = None
) -> Letter | None:
    """The letter of unit id `unit` for plan `plan` (a row of :func:`units`: the scope's
    plan, or any when it has none), or None when it has nothing to be reminded of;
    `window` as in :func:`units`."""
    found = reminders.letters(
        store, plan, scope.as_of, unit=unit, window=window, groups=list(scope.groups) or None
    )
    return found[0] if found else None


def letter_rows(letter: Letter) -> pd.DataFrame:
    """The obligations `letter` names: :data:`ROW_COLUMNS` and the hidden ``status``."""
    rows = [
        {
            "task": f"{o.section} {o.task}".strip(),
            "period": periods.label(o.period),
            "due_on": pd.Timestamp(o.due_on) if o.due_on else pd.NaT,
            "status_label": status.label(o.status),
            "due_text": days_text(o.status, o.days_late, o.due_on, letter.as_of),
            "status": o.status,
        }
        for o in letter.obligations
    ]
    return pd.DataFrame(rows, columns=[*ROW_COLUMNS, "status"])


def history(store: Store, plan: str | None = None, unit: int | None = None) -> pd.DataFrame:
    """The letters recorded, newest first: :data:`HISTORY_COLUMNS`."""
    raw = names.tell_apart(store, reminders.history(store, plan, unit), plan)
    out = pd.DataFrame(
        {
            "made_at": raw["made_at"],
            "plan": raw["plan"],
            "unit_name": raw["unit"],
            "letter_number": raw["number"],
            "result_label": raw["result"].map(RESULTS).fillna(raw["result"]),
            "recipients": raw["recipients"],
            "made_by": raw["made_by"],
            "detail": raw["detail"],
        }
    )
    return out[HISTORY_COLUMNS]
