"""The review of a unit's upload: its states and what each is called.

A report waits (``cho_duyet``) when the office asked for unit uploads to be confirmed; a cán
bộ approves it (``da_duyet``: it counts from then on) or returns it (``tra_lai``, with a
reason the unit reads on its page). A report with no review state counts as approved.
"""

from __future__ import annotations

PENDING = "cho_duyet"
APPROVED = "da_duyet"
RETURNED = "tra_lai"
AWAIT_REVIEW = "await_review"
"""The audited action of putting fresh unit uploads to wait (next to their upload row)."""

REVIEW_STATES: dict[str, str] = {
    PENDING: "Chờ duyệt",
    APPROVED: "Đã duyệt",
    RETURNED: "Bị trả lại",
}
"""State code -> how the pages name it. Only the states that keep a report from counting
(and the approval) are shown; a report never reviewed shows no state."""


def state_label(state: object) -> str:
    """The Vietnamese name of a review state; "" for none (a report that counts as sent)."""
    return REVIEW_STATES.get(state, "") if isinstance(state, str) else ""
