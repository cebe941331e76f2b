"""How deadlines and states look on the pages: one colour rule for every list and detail."""

from __future__ import annotations

from datetime import date

from renshe.core.workdays import working_days_between

DUE_SOON_WORKING_DAYS = 2


def deadline_colour(due: date | None, today: date, *, done: bool = False) -> str:
    """Bootstrap colour of a deadline: done → secondary, passed → danger, within 2 working days →
    warning, else success."""
    if due is None or done:
        return "secondary"
    if due < today:
        return "danger"
    if working_days_between(today, due) <= DUE_SOON_WORKING_DAYS:
        return "warning"
    return "success"


COMPLAINT_BADGE = {
    "received": "warning",
    "accepted": "primary",
    "refused": "secondary",
    "transferred": "info",
    "closed": "success",
}
CASE_BADGE = {"investigating": "primary", "rectifying": "warning", "closed": "success"}
