"""Labour rules against the worked examples of DOMAIN.md §4–6."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from renshe.labour import rules

pytestmark = pytest.mark.django_db  # the minimum wage comes from the dated table


# --- final award (一裁终局): 12 × 1750 = 21 000 元 from 2025-03-01; 12 × 1620 = 19 440 before -----


@pytest.mark.parametrize(
    ("amount", "applied_on", "final"),
    [
        (Decimal("21000"), date(2025, 3, 1), True),
        (Decimal("21000.01"), date(2025, 3, 1), False),
        (Decimal("20999"), date(2026, 11, 24), True),
        (Decimal("19440"), date(2025, 2, 28), True),
        (Decimal("19440.01"), date(2025, 2, 28), False),
        (Decimal("21000"), date(2025, 2, 28), False),  # the old minimum wage on the application date
    ],
)
def test_final_award_on_both_sides_of_the_ceiling(amount, applied_on, final):
    assert rules.final_award_ceiling(date(2025, 3, 1)) == Decimal("21000")
    assert rules.is_final_award([("wages", amount)], applied_on) is final


def test_final_award_is_judged_per_item_not_on_the_total():
    claims = [("wages", 20000), ("overtime", 15000), ("economic_compensation", 21000)]
    assert rules.is_final_award(claims, date(2025, 6, 1)) is True  # 56 000 in all, each ≤ 21 000
    assert rules.final_award_items([*claims, ("damages", 30000)], date(2025, 6, 1)) == [True, True, True, False]


def test_standards_items_are_final_and_any_other_item_makes_the_award_non_final():
    assert rules.is_final_award([("working_time", 0), ("rest_leave", 0)], date(2025, 6, 1)) is True
    assert rules.is_final_award([("social_insurance_standard", 0), ("wages", 100)], date(2025, 6, 1)) is True
    assert rules.is_final_award([("wages", 100), ("other", 1)], date(2025, 6, 1)) is False
    assert rules.is_final_award([], date(2025, 6, 1)) is False


def test_an_unknown_claim_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown claim kind"):
        rules.is_final_award([("bonus", 100)], date(2025, 6, 1))


# --- routing ----------------------------------------------------------------------------------------


def test_green_channel_is_a_migrant_workers_wage_claim():
    assert rules.is_green_channel([("wages", 8000)], migrant_worker=True)
    assert rules.is_green_channel([("economic_compensation", 1), ("overtime", 1)], migrant_worker=True)
    assert not rules.is_green_channel([("wages", 8000)], migrant_worker=False)
    assert not rules.is_green_channel([("economic_compensation", 8000)], migrant_worker=True)


def test_collective_dispute_from_ten_workers():
    assert not rules.is_collective(9)
    assert rules.is_collective(10)


def test_simplified_procedure():
    wage = Decimal("120000")
    assert rules.is_simplified([("wages", 120000)], province_average_annual_wage=wage)
    assert not rules.is_simplified([("wages", 100000), ("damages", 20001)], province_average_annual_wage=wage)
    assert rules.is_simplified([("wages", 500000)], province_average_annual_wage=wage, facts_clear=True)
    assert rules.is_simplified([("wages", 500000)], province_average_annual_wage=wage, parties_agree=True)


# --- dispute time limits: calendar days, a last day on a rest day moves on (across National Day) ---


def test_award_deadline_45_days_and_15_more_across_national_day():
    assert rules.arbitration_deadline(date(2025, 3, 3)) == date(2025, 4, 17)
    # 17 Aug 2025 + 45 days = 1 Oct, in the 1–8 October holiday: the 9th
    assert rules.arbitration_deadline(date(2025, 8, 17)) == date(2025, 10, 9)
    # 2 Aug + 60 days = 1 Oct as well
    assert rules.arbitration_deadline(date(2025, 8, 2), extended=True) == date(2025, 10, 9)
    assert rules.arbitration_deadline(date(2025, 8, 17), extended=True) == date(2025, 10, 16)


def test_acceptance_mediation_and_notice_limits():
    assert rules.acceptance_deadline(date(2025, 9, 27)) == date(2025, 10, 9)  # 2 Oct is a holiday
    assert rules.acceptance_deadline(date(2025, 6, 2)) == date(2025, 6, 9)  # 7 Jun is a Saturday
    assert rules.mediation_deadline(date(2025, 6, 3)) == date(2025, 6, 18)
    assert rules.mediation_deadline(date(2025, 9, 16)) == date(2025, 10, 9)
    assert rules.tribunal_notice_deadline(date(2025, 6, 3)) == date(2025, 6, 9)
    assert rules.respondent_copy_deadline(date(2025, 6, 3)) == date(2025, 6, 9)
    assert rules.defence_deadline(date(2025, 6, 9)) == date(2025, 6, 19)
    assert rules.hearing_notice_latest(date(2025, 6, 20)) == date(2025, 6, 15)
    assert rules.adjournment_request_latest(date(2025, 6, 20)) == date(2025, 6, 17)


def test_limitation_one_year_and_unpaid_wages_while_employed():
    assert rules.limitation_expires_on(date(2024, 5, 10)) == date(2025, 5, 10)
    assert not rules.is_time_barred(date(2024, 5, 10), date(2025, 5, 10))
    assert rules.is_time_barred(date(2024, 5, 10), date(2025, 5, 11))
    # wages owed during an employment that goes on: no limitation
    assert not rules.is_time_barred(date(2019, 1, 1), date(2025, 5, 11), wages_during_employment=True)
    # … and one year from the end of the employment
    ended = date(2024, 3, 31)
    assert not rules.is_time_barred(
        date(2019, 1, 1), date(2025, 3, 31), wages_during_employment=True, employment_ended_on=ended
    )
    assert rules.is_time_barred(
        date(2019, 1, 1), date(2025, 4, 1), wages_during_employment=True, employment_ended_on=ended
    )
    assert rules.limitation_expires_on(date(2024, 2, 29)) == date(2025, 2, 28)


# --- inspection: working days -------------------------------------------------------------------------


def test_inspection_deadlines_in_working_days_across_national_day():
    # received Monday 29 Sep 2025: 30 Sep, 9, 10, 11 (调休 Saturday) and 13 Oct are the five working days
    assert rules.inspection_acceptance_deadline(date(2025, 9, 29)) == date(2025, 10, 13)
    assert rules.inspection_deadline(date(2025, 9, 26)) == date(2025, 12, 25)
    assert rules.inspection_deadline(date(2025, 9, 26), extended=True) == date(2026, 2, 6)


def test_inspection_limitation_two_years():
    assert rules.inspection_within_limitation(date(2023, 6, 1), date(2025, 6, 1))
    assert not rules.inspection_within_limitation(date(2023, 6, 1), date(2025, 6, 2))


def test_draw_results_published_within_20_working_days():
    assert rules.draw_publication_deadline(date(2025, 6, 2)) == date(2025, 6, 30)  # Dragon Boat 31 May–2 Jun


# --- migrant workers' pay day: a rest day moves it earlier ------------------------------------------


def test_pay_day_moves_earlier_on_a_rest_day():
    assert rules.pay_day(2025, 10, 5) == date(2025, 9, 30)  # National Day holiday
    assert rules.pay_day(2025, 6, 15) == date(2025, 6, 13)  # a Sunday → Friday
    assert rules.pay_day(2025, 6, 16) == date(2025, 6, 16)
    assert rules.pay_day(2026, 2, 31) == date(2026, 2, 28)  # the month's last day, a 调休 working Saturday
    with pytest.raises(ValueError):
        rules.pay_day(2025, 6, 0)
