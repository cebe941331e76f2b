"""The figures roll-up: providers by period and county, the city total, bumps, reruns, failures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from renshe.core import figures
from renshe.core.models import FigureValue

pytestmark = pytest.mark.django_db

CALLS: list[tuple[date, date]] = []


@figures.figure("test.flow", label="测试流量", unit="人", kind=figures.FLOW)
def _flow(start, end):
    CALLS.append((start, end))
    # one per day of the period in 茂南, two in 高州; 电白 has no data
    days = (end - start).days + 1
    return {"440902": days, "440981": 2 * days}


@figures.figure("test.rate", label="测试比率", unit="%", kind=figures.RATE)
def _rate(start, end):
    return {"440902": Decimal("80.5"), "440900": Decimal("75")}


@figures.figure("test.broken", label="坏的", unit="人")
def _broken(start, end):
    raise RuntimeError("source table missing")


@figures.figure("test.stock", label="存量", unit="个", kind=figures.STOCK)
def _stock(start, end):
    return {"440904": 3}


@pytest.fixture(autouse=True, scope="module")
def _forget_test_figures():
    yield
    for key in [k for k in figures._REGISTRY if k.startswith("test.")]:
        del figures._REGISTRY[key]


def test_periods_are_the_year_so_far_its_months_and_live():
    periods = figures.periods_of(date(2026, 3, 10))
    assert [p for p, _s, _e in periods] == ["2026", "2026-01", "2026-02", "2026-03", "live"]
    assert periods[2][1:] == (date(2026, 2, 1), date(2026, 2, 28))
    assert periods[3][1:] == (date(2026, 3, 1), date(2026, 3, 10))


def test_refresh_stores_counties_and_the_city_sum_and_rates_as_given():
    result = figures.figures_refresh(["test.flow", "test.rate"], today=date(2026, 3, 10))
    assert result["failed"] == 0
    year = figures.figure_values("test.flow", "2026")
    assert year == {"440902": 69, "440981": 138, "440900": 207}  # 1 Jan – 10 Mar is 69 days
    assert "440904" not in year  # no data is absent, not zero
    assert figures.figure_values("test.flow", "2026-02")["440900"] == 28 * 3
    assert figures.figure_values("test.rate", "2026") == {"440902": Decimal("80.5"), "440900": Decimal(75)}


def test_refresh_twice_stores_the_same_rows():
    figures.figures_refresh(["test.flow"], today=date(2026, 3, 10))
    first = sorted(FigureValue.objects.values_list("period", "region_code", "value"))
    figures.figures_refresh(["test.flow"], today=date(2026, 3, 10))
    assert sorted(FigureValue.objects.values_list("period", "region_code", "value")) == first


def test_a_failing_provider_is_reported_and_the_others_are_stored():
    messages = []
    result = figures.figures_refresh(["test.broken", "test.stock"], today=date(2026, 1, 5), progress=messages.append)
    assert result["failed"] == 1 and result["figures"] == 1
    assert any("source table missing" in m for m in messages)
    assert figures.figure_values("test.stock", "live") == {"440904": 3, "440900": 3}
    assert figures.figure_values("test.broken", "2026") == {}


def test_a_bump_moves_live_year_month_and_the_city():
    figures.figures_refresh(["test.flow"], today=date(2026, 3, 10))
    figures.figure_bump("test.flow", "440902003", 2, on=date(2026, 3, 10))
    assert figures.figure_values("test.flow", "live")["440902"] == 1 + 2
    assert figures.figure_values("test.flow", "2026")["440900"] == 207 + 2
    assert figures.figure_values("test.flow", "2026-03")["440902"] == 10 + 2
    figures.figure_bump("test.flow", "440983", on=date(2026, 3, 10))  # a county with no row yet
    assert figures.figure_values("test.flow", "live")["440983"] == 1


def test_a_rate_cannot_be_bumped_and_unknown_keys_are_refused():
    with pytest.raises(ValueError):
        figures.figure_bump("test.rate", "440902")
    with pytest.raises(KeyError):
        figures.figures_refresh(["nobody.declares.this"])


def test_a_provider_naming_an_unknown_region_is_an_error():
    @figures.figure("test.badregion", label="x", unit="人")  # forgotten after this module
    def _bad(start, end):
        return {"440100": 1}

    with pytest.raises(ValueError, match="unknown regions"):
        figures.compute("test.badregion", date(2026, 1, 1), date(2026, 1, 2))


def test_the_command_refreshes_a_closed_year(capsys):
    call_command("refresh_figures", "--year", "2025", "--key", "test.flow")
    assert figures.figure_values("test.flow", "2025")["440900"] == 365 * 3
    assert figures.figure_values("test.flow", "2025-12")["440902"] == 31
    assert "rows=" in capsys.readouterr().out
