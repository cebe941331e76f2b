"""Labour-relations rules: time limits and routing of disputes and inspection cases. Pure functions.

Sources (DOMAIN.md §4–6): 劳动争议调解仲裁法 2008 (Arts. 7, 14, 27, 29, 30, 32, 35, 43, 47), 劳动人事
争议仲裁办案规则 2017 (Arts. 56, 62), 劳动保障监察条例 2004 (Arts. 16, 17, 20), 保障农民工工资支付条例.

Dispute periods are calendar days; the day an event happens is not counted, and a last day on a rest
day moves to the next working day. Inspection periods are working days (``renshe.core.workdays``).
The only database read is the minimum wage table behind ``renshe.core.money.minimum_wage``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from renshe.core.money import minimum_wage
from renshe.core.workdays import add_working_days, next_working_day_on_or_after, previous_working_day_on_or_before

# --- claims (要素式) --------------------------------------------------------------------------------

MONEY_KINDS = frozenset({"wages", "overtime", "work_injury_medical", "economic_compensation", "damages"})
STANDARD_KINDS = frozenset({"working_time", "rest_leave", "social_insurance_standard"})
CLAIM_KINDS = MONEY_KINDS | STANDARD_KINDS | {"other"}
WAGE_KINDS = frozenset({"wages", "overtime"})  # what counts as a wage claim for the green channel

FINAL_AWARD_MONTHS = 12  # Art. 47: each item ≤ 12 months of the local monthly minimum wage
COLLECTIVE_MIN_WORKERS = 10  # Art. 7
AWARD_DAYS, AWARD_EXTENSION_DAYS = 45, 15  # Art. 43
MEDIATION_DAYS = 15  # Art. 14
ACCEPTANCE_DAYS = 5  # Art. 29
RESPONDENT_COPY_DAYS, DEFENCE_DAYS = 5, 10  # Art. 30
TRIBUNAL_NOTICE_DAYS = 5  # Art. 32
HEARING_NOTICE_DAYS, ADJOURNMENT_REQUEST_DAYS = 5, 3  # Art. 35
LIMITATION_YEARS = 1  # Art. 27

INSPECTION_ACCEPTANCE_WORKING_DAYS = 5
INSPECTION_WORKING_DAYS, INSPECTION_EXTENSION_WORKING_DAYS = 60, 30  # Art. 17
INSPECTION_LIMITATION_YEARS = 2  # Art. 20
INSPECTION_MIN_INSPECTORS = 2  # Art. 16
DRAW_PUBLICATION_WORKING_DAYS = 20  # 双随机一公开: results published within 20 working days


def _calendar_deadline(start: date, days: int) -> date:
    """``days`` calendar days after ``start``; a last day on a rest day moves to the next working day."""
    return next_working_day_on_or_after(start + timedelta(days=days))


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def final_award_ceiling(applied_on: date) -> Decimal:
    """12 × the monthly minimum wage in force on the application date (21 000 元 from 2025-03-01)."""
    return FINAL_AWARD_MONTHS * minimum_wage(applied_on)


def is_final_award(claims: Iterable[tuple[str, Decimal | int | float]], applied_on: date) -> bool:
    """一裁终局 (Art. 47): every money item ≤ 12 × the minimum wage in force on ``applied_on`` and every
    other item a standards item; any ``other`` item (or none at all) makes the award non-final."""
    claims = list(claims)
    if not claims:
        return False
    ceiling = final_award_ceiling(applied_on)
    for kind, amount in claims:
        if kind not in CLAIM_KINDS:
            raise ValueError(f"unknown claim kind {kind!r}")
        if kind == "other":
            return False
        if kind in MONEY_KINDS and Decimal(str(amount)) > ceiling:
            return False
    return True


def final_award_items(claims: Iterable[tuple[str, Decimal | int | float]], applied_on: date) -> list[bool]:
    """Per item: would it alone be final (money ≤ the ceiling, or a standards item)?"""
    ceiling = final_award_ceiling(applied_on)
    return [
        kind in STANDARD_KINDS or (kind in MONEY_KINDS and Decimal(str(amount)) <= ceiling) for kind, amount in claims
    ]


def is_green_channel(claims: Iterable[tuple[str, Decimal | int | float]], *, migrant_worker: bool) -> bool:
    """The plan's green channel: a migrant worker (农民工) claiming unpaid wages (priority throughout)."""
    return migrant_worker and any(kind in WAGE_KINDS for kind, _amount in claims)


def is_collective(workers: int) -> bool:
    """Collective dispute (Art. 7; 办案规则 Art. 62): ten or more workers with a common claim."""
    return workers >= COLLECTIVE_MIN_WORKERS


def is_simplified(
    claims: Iterable[tuple[str, Decimal | int | float]],
    *,
    province_average_annual_wage: Decimal,
    facts_clear: bool = False,
    parties_agree: bool = False,
) -> bool:
    """Simplified procedure with a sole arbitrator (办案规则 Art. 56): facts clear, or the amount claimed
    is at most the province's previous-year average annual wage, or both parties agree."""
    total = sum((Decimal(str(a)) for k, a in claims if k in MONEY_KINDS), Decimal(0))
    return facts_clear or parties_agree or total <= province_average_annual_wage


# --- dispute time limits (calendar days) -------------------------------------------------------------


def mediation_deadline(received_on: date) -> date:
    """No agreement within 15 days of receipt: the party may apply for arbitration (Art. 14)."""
    return _calendar_deadline(received_on, MEDIATION_DAYS)


def acceptance_deadline(received_on: date) -> date:
    """Accept or refuse in writing within 5 days of receiving the application (Art. 29)."""
    return _calendar_deadline(received_on, ACCEPTANCE_DAYS)


def respondent_copy_deadline(accepted_on: date) -> date:
    """Serve the application on the respondent within 5 days of acceptance (Art. 30)."""
    return _calendar_deadline(accepted_on, RESPONDENT_COPY_DAYS)


def defence_deadline(copy_served_on: date) -> date:
    """The respondent's defence within 10 days of receiving the copy (Art. 30)."""
    return _calendar_deadline(copy_served_on, DEFENCE_DAYS)


def tribunal_notice_deadline(accepted_on: date) -> date:
    """Tell the parties the tribunal's composition within 5 days of acceptance (Art. 32)."""
    return _calendar_deadline(accepted_on, TRIBUNAL_NOTICE_DAYS)


def hearing_notice_latest(hearing_on: date) -> date:
    """The last day to notify the parties: 5 days before the hearing (Art. 35)."""
    return hearing_on - timedelta(days=HEARING_NOTICE_DAYS)


def adjournment_request_latest(hearing_on: date) -> date:
    """The last day a party may ask to postpone: 3 days before the hearing (Art. 35)."""
    return hearing_on - timedelta(days=ADJOURNMENT_REQUEST_DAYS)


def arbitration_deadline(accepted_on: date, extended: bool = False) -> date:
    """Last day for the award: 45 calendar days from acceptance, +15 with the director's approval
    (Art. 43); a last day on a rest day moves to the next working day. Suspended days are added by
    the caller (the accepted date shifted by the days the case was suspended)."""
    return _calendar_deadline(accepted_on, AWARD_DAYS + (AWARD_EXTENSION_DAYS if extended else 0))


def limitation_expires_on(
    knew_on: date, *, wages_during_employment: bool = False, employment_ended_on: date | None = None
) -> date | None:
    """Last day of the one-year limitation period (Art. 27), or None while it does not run: unpaid
    wages during an employment that has not ended."""
    if wages_during_employment:
        if employment_ended_on is None:
            return None
        return _years_after(employment_ended_on, LIMITATION_YEARS)
    return _years_after(knew_on, LIMITATION_YEARS)


def is_time_barred(
    knew_on: date,
    applied_on: date,
    *,
    wages_during_employment: bool = False,
    employment_ended_on: date | None = None,
) -> bool:
    """True when the application comes after the limitation period. The commission still accepts it
    (the respondent may invoke the limitation, and interruptions may apply) but warns the applicant."""
    last = limitation_expires_on(
        knew_on, wages_during_employment=wages_during_employment, employment_ended_on=employment_ended_on
    )
    return last is not None and applied_on > last


# --- labour inspection (working days) -------------------------------------------------------------


def inspection_acceptance_deadline(received_on: date) -> date:
    """Accept or refuse a complaint in writing within 5 working days."""
    return add_working_days(received_on, INSPECTION_ACCEPTANCE_WORKING_DAYS)


def inspection_deadline(filed_on: date, extended: bool = False) -> date:
    """Last day of an inspection case: 60 working days from filing, +30 with approval (Art. 17)."""
    return add_working_days(filed_on, INSPECTION_WORKING_DAYS + (INSPECTION_EXTENSION_WORKING_DAYS if extended else 0))


def inspection_within_limitation(violation_last_on: date, found_on: date) -> bool:
    """Violations are pursued for 2 years from when they last happened (Art. 20)."""
    return found_on <= _years_after(violation_last_on, INSPECTION_LIMITATION_YEARS)


def draw_publication_deadline(drawn_or_done_on: date) -> date:
    """双随机一公开: results published within 20 working days."""
    return add_working_days(drawn_or_done_on, DRAW_PUBLICATION_WORKING_DAYS)


# --- migrant workers' wages ----------------------------------------------------------------------------


def pay_day(year: int, month: int, agreed_day: int) -> date:
    """The pay day of a month: the agreed day (the month's last day when shorter); on a rest day it
    moves earlier, to the last working day before (保障农民工工资支付条例 Art. 12)."""
    if not 1 <= agreed_day <= 31:
        raise ValueError("the agreed pay day must be 1–31")
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = (nxt - timedelta(days=1)).day
    return previous_working_day_on_or_before(date(year, month, min(agreed_day, last)))
