"""Time-limit rules for cases. Pure functions over dates; the calendar is renshe.core.workdays.

行政许可法 第八十二条: the law's time limits for licensing are counted in working days; the day of
the triggering event is not counted (DOMAIN.md §2).
"""

from __future__ import annotations

from datetime import date

from renshe.core.workdays import add_working_days, working_days_between

# 行政许可法 第三十二条: missing materials are listed all at once within 5 (working) days of receipt,
# or the application counts as accepted from the day it was received.
ACCEPTANCE_LIMIT_DAYS = 5
DUE_SOON_DAYS = 2


def acceptance_due(submitted_on: date) -> date:
    """Last day to accept, refuse or issue a one-time complete notice."""
    return add_working_days(submitted_on, ACCEPTANCE_LIMIT_DAYS)


def completion_due(accepted_on: date, limit_days: int, suspended_working_days: int = 0) -> date:
    """The day a case must be decided by: ``limit_days`` working days after acceptance, plus the
    working days it spent suspended (expert reviews, hearings and third parties do not count,
    行政许可法 第四十五条). A 0-day limit (即办件) is due the day it was accepted."""
    return add_working_days(accepted_on, limit_days + suspended_working_days)


def working_days_left(today: date, due: date) -> int:
    """Working days from today until ``due`` (0 on the due day itself, negative once overdue).

    Overdue is at least -1 even when no working day has passed since ``due`` (the day after a
    deadline can be a holiday): a case ``sla_state`` calls overdue never shows 0 days left."""
    if today > due:
        return -max(1, working_days_between(due, today))
    return working_days_between(today, due)


def sla_state(today: date, due: date | None) -> str:
    """``normal``, ``due_soon`` (2 working days or fewer left) or ``overdue``; ``none`` without a deadline."""
    if due is None:
        return "none"
    if today > due:
        return "overdue"
    if working_days_between(today, due) <= DUE_SOON_DAYS:
        return "due_soon"
    return "normal"


def suspended_days(suspended_since: date, resumed_on: date) -> int:
    """Working days a case was suspended: from the day after suspension up to the day it resumed."""
    return max(0, working_days_between(suspended_since, resumed_on))
