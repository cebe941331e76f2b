"""Minimum wage from the dated table (DOMAIN.md §7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ObjectDoesNotExist

from renshe.core.models import MinimumWage
from renshe.core.money import minimum_hourly_wage, minimum_wage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("on", "monthly", "hourly"),
    [
        (date(2021, 12, 1), Decimal("1620"), Decimal("16.1")),
        (date(2025, 2, 28), Decimal("1620"), Decimal("16.1")),
        (date(2025, 3, 1), Decimal("1750"), Decimal("17.4")),
        (date(2026, 11, 24), Decimal("1750"), Decimal("17.4")),
    ],
)
def test_maoming_minimum_wage_by_date(on, monthly, hourly):
    value = minimum_wage(on)
    assert isinstance(value, Decimal)
    assert value == monthly
    assert minimum_hourly_wage(on) == hourly


def test_final_award_threshold_is_twelve_months():
    assert 12 * minimum_wage(date(2025, 3, 1)) == Decimal("21000")
    assert 12 * minimum_wage(date(2025, 2, 28)) == Decimal("19440")


def test_a_town_falls_back_to_the_city_rate():
    assert minimum_wage(date(2025, 3, 1), "440902001") == Decimal("1750")


def test_a_county_entry_overrides_the_city_for_its_towns():
    MinimumWage.objects.create(
        region_code="440902", valid_from=date(2025, 3, 1), monthly=Decimal("1900"), hourly=Decimal("18"), source="t"
    )
    assert minimum_wage(date(2025, 4, 1), "440902001") == Decimal("1900")
    assert minimum_wage(date(2025, 4, 1), "440981002") == Decimal("1750")
    assert minimum_wage(date(2025, 2, 1), "440902001") == Decimal("1620")


def test_no_rate_in_force_raises():
    with pytest.raises(ObjectDoesNotExist):
        minimum_wage(date(2020, 1, 1))
