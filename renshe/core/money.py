"""Amounts that change with the law, read from dated tables (DOMAIN.md: never constants in code)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.functions import Length


def minimum_wage(on_date: date, region_code: str = "440900") -> Decimal:
    """Monthly minimum wage in 元 in force on ``on_date`` for ``region_code``.

    Looks for the most specific region first (a town or county entry overrides the city's),
    then the city. Maoming tier 4: 1620 from 2021-12-01, 1750 from 2025-03-01 (茂府函〔2025〕9号).
    """
    return _wage_row(on_date, region_code).monthly


def minimum_hourly_wage(on_date: date, region_code: str = "440900") -> Decimal:
    return _wage_row(on_date, region_code).hourly


def _wage_row(on_date: date, region_code: str):
    from renshe.core.models import MinimumWage

    candidates = {region_code[:n] for n in (12, 9, 6)} | {"440900"}
    # The most specific region that has any standard in force wins; within it, the latest one.
    row = (
        MinimumWage.objects.filter(region_code__in=candidates, valid_from__lte=on_date)
        .annotate(specificity=Length("region_code"))
        .order_by("-specificity", "-region_code", "-valid_from")
        .first()
    )
    if row is None:
        raise ObjectDoesNotExist(f"no minimum wage in force on {on_date} for {region_code}")
    return row
