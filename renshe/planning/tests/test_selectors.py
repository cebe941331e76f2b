"""Register state: values found from entries and figures, in words when missing; the big screen's selectors."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from renshe.core import figures as core_figures
from renshe.core.models import FigureValue
from renshe.planning import selectors
from renshe.planning.models import Indicator
from renshe.planning.services import value_record

pytestmark = pytest.mark.django_db


def enter(actor, code, year, value, **kw):
    return value_record(
        actor=actor, indicator=Indicator.objects.get(code=code), year=year, value=value, source="测试", **kw
    )


def state(year, code):
    return selectors.register_state(year=year, codes=[code], today=date(2026, 1, 5))[0]


def test_cumulative_entries_are_summed_over_the_years(statistician):
    for year, value in ((2021, "4"), (2022, "4.2"), (2023, "4")):
        enter(statistician, "Z2-11", year, value)
    row = state(2023, "Z2-11")
    assert row["value"] == Decimal("12.2") and row["level"] == "green"  # 61% of [20] by 60% of the time
    assert state(2021, "Z2-11")["value"] == Decimal("4")


def test_a_month_counts_when_the_year_has_no_whole_year_value(statistician):
    enter(statistician, "Z2-12", 2021, "5000")
    enter(statistician, "Z2-12", 2022, "2000", month=6)  # 1–6月累计
    assert state(2022, "Z2-12")["value"] == Decimal("7000")
    enter(statistician, "Z2-12", 2022, "5100")
    assert state(2022, "Z2-12")["value"] == Decimal("10100")


def test_a_level_takes_the_latest_period_and_a_correction_replaces_it(statistician):
    enter(statistician, "Z2-03", 2022, "34.0")
    assert state(2023, "Z2-03")["value"] == Decimal("34.0")
    enter(statistician, "Z2-03", 2022, "34.1", reason="更正")
    assert state(2023, "Z2-03")["value"] == Decimal("34.1")


def test_target_below_base_shows_green_floor(statistician):
    enter(statistician, "Z2-17", 2023, "606")
    row = state(2023, "Z2-17")
    assert row["level"] == "green" and "按下限" in row["reason"]


def test_restating_row_takes_the_value_in_its_unit(statistician):
    enter(statistician, "Z2-12", 2021, "25000")
    row = state(2021, "Z8-01")  # 2.5 万人次
    assert row["value"] == Decimal("2.5") and row["level"] == "green" and not row["counted"]


def test_missing_values_in_words():
    row = state(2023, "Z2-02")
    assert (row["value"], row["value_text"], row["level"]) == (None, "暂无数据", "grey")


def test_figure_not_installed_in_words(monkeypatch):
    Indicator.objects.filter(code="Z2-15").update(figure_key="nowhere.missing")
    row = state(2023, "Z2-15")
    assert (row["value_text"], row["level"], row["reason"]) == ("来源模块未安装", "grey", "来源模块未安装")


def test_computed_from_stored_figures():
    if core_figures.spec("employment.new_urban_jobs") is None:
        pytest.fail("the employment module declares employment.new_urban_jobs")
    rows = [
        FigureValue(
            key="employment.new_urban_jobs", period=str(y), region_code=code, value=v, computed_at="2026-01-01T00:00Z"
        )
        for y in (2021, 2022)
        for code, v in (("440900", 42000), ("440902", 12000), ("440904", 30000))
    ]
    FigureValue.objects.bulk_create(rows)
    row = state(2022, "Z2-01")
    assert row["value"] == Decimal("8.4")  # 84 000 人 = 8.4 万人
    assert row["level"] == "green"  # 40% of [21] expected = 8.4
    assert selectors.indicator_by_district("Z2-01", year=2022) == {"440902": 2.4, "440904": 6.0}


def test_a_flow_whose_city_is_zero_without_counties_is_no_data():
    FigureValue.objects.create(
        key="employment.new_urban_jobs", period="2021", region_code="440900", value=0, computed_at="2026-01-01T00:00Z"
    )
    assert state(2021, "Z2-01")["value_text"] == "暂无数据"


def test_headline_indicators_are_the_zhuanlan2_rows_and_serialisable(statistician, django_assert_max_num_queries):
    enter(statistician, "Z2-17", 2023, "606")
    with django_assert_max_num_queries(6):
        rows = selectors.headline_indicators(year=2023)
    assert [r["code"] for r in rows] == [f"Z2-{n:02d}" for n in range(1, 19)]
    json.dumps(rows)
    card = next(r for r in rows if r["code"] == "Z2-17")
    assert card["value"] == 606.0 and card["target"] == 500.0 and card["level"] == "green" and card["progress"] == 1.0
    assert set(card) == {
        "code",
        "name",
        "unit",
        "attribute",
        "base",
        "target",
        "target_text",
        "value",
        "value_text",
        "progress",
        "level",
        "reason",
    }


def test_indicator_by_district_from_entries(statistician):
    enter(statistician, "Z2-03", 2023, "9.8", region_code="440902")
    enter(statistician, "Z2-03", 2023, "7.6", region_code="440904")
    assert selectors.indicator_by_district("Z2-03", year=2023) == {"440902": 9.8, "440904": 7.6}
    assert selectors.indicator_by_district("T2-03", year=2023) == {"440902": 9.8, "440904": 7.6}
    assert selectors.indicator_by_district("nope", year=2023) == {}


def test_summary_counts_each_target_once(statistician):
    enter(statistician, "Z2-17", 2023, "606")
    rows = selectors.register_state(year=2023)
    counts = selectors.level_summary(rows)
    assert counts["green"] == 1  # Z2-17; T2-12 restates it and is not counted again
    assert sum(counts.values()) == sum(1 for r in rows if r["counted"])


def test_headline_after_the_plan_period_reads_the_last_plan_year(statistician):
    enter(statistician, "Z2-03", 2025, "34.6")
    card = next(r for r in selectors.headline_indicators(year=2026) if r["code"] == "Z2-03")
    assert card["value"] == 34.6 and card["level"] == "green"
