"""Progress and warning rules, as worked examples on the plan's own indicators (docs/planning.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from renshe.planning import rules
from renshe.planning.rules import GREEN, GREY, RED, YELLOW, assess, elapsed_share

END_2023 = date(2023, 12, 31)


@pytest.mark.parametrize(
    ("as_of", "share"),
    [
        (date(2020, 12, 31), D(0)),
        (date(2021, 12, 31), D("0.2")),
        (END_2023, D("0.6")),
        (date(2025, 12, 31), D(1)),
        (date(2026, 6, 1), D(1)),
    ],
)
def test_elapsed_share_of_the_plan_period(as_of, share):
    assert elapsed_share(as_of) == share


def test_elapsed_share_mid_year():
    # 2022-07-02 is day 183 of 365: (1 + 183/365) / 5
    assert elapsed_share(date(2022, 7, 2)).quantize(D("0.0001")) == D("0.3003")


@pytest.mark.parametrize(
    ("value", "level"),
    [("12.6", GREEN), ("13", GREEN), ("12.2", YELLOW), ("11", RED), ("21", GREEN)],
)
def test_cumulative_target_against_time_elapsed(value, level):
    # 专栏2 #1 城镇新增就业人数 [21] 万人, 预期性: by the end of 2023, 60% = 12.6 expected
    result = assess(value=D(value), target=D(21), cumulative=True, as_of=END_2023, unit="万人")
    assert result.level == level
    assert result.expected == D("12.6")
    assert "60%" in result.reason or (level == GREEN and value == "21")


def test_cumulative_target_missed_at_the_end_is_red():
    result = assess(value=D(20), target=D(21), cumulative=True, as_of=date(2025, 12, 31), unit="万人")
    assert result.level == RED and "期末未完成" in result.reason


def test_cumulative_with_an_earlier_deadline():
    # 专栏13 乡村工匠 3000 人次 by 2022: at the end of 2021 half is expected
    result = assess(value=D(1500), target=D(3000), cumulative=True, as_of=date(2021, 12, 31), target_year=2022)
    assert (result.level, result.expected) == (GREEN, D(1500))
    late = assess(value=D(2900), target=D(3000), cumulative=True, as_of=date(2023, 12, 31), target_year=2022)
    assert late.level == RED


@pytest.mark.parametrize(
    ("value", "attribute", "level"),
    [
        ("34.22", "约束性", GREEN),
        ("34.0", "约束性", YELLOW),  # 0.64% behind the path: within 2%
        ("33.3", "约束性", RED),  # 2.7% behind: beyond 2% for a binding indicator
        ("33.3", "预期性", YELLOW),  # … but within 5% for an expected one
        ("32", "预期性", RED),
    ],
)
def test_path_from_the_2020_base_binding_is_stricter(value, attribute, level):
    # 专栏2 #3 失业保险参保人数 33.80 → 34.5 万人 (约束性): end 2023 expects 33.8 + 0.7 × 0.6 = 34.22
    result = assess(value=D(value), target=D("34.5"), base=D("33.80"), as_of=END_2023, attribute=attribute, unit="万人")
    assert result.level == level
    assert result.expected == D("34.22")


def test_path_progress_is_the_share_of_the_planned_change():
    result = assess(value=D("34.15"), target=D("34.5"), base=D("33.80"), as_of=END_2023)
    assert result.progress == pytest.approx(0.5)


@pytest.mark.parametrize(("value", "level"), [("560", GREEN), ("500", GREEN), ("480", YELLOW), ("400", RED)])
def test_target_below_the_base_is_a_floor_already_met(value, level):
    # 专栏2 #17 社会保障卡持卡人数: 2020 base 590, 2025 target 500 万人 — a floor, not a decline
    result = assess(value=D(value), target=D(500), base=D(590), as_of=END_2023, unit="万人")
    assert result.level == level
    if level == GREEN:
        assert "按下限判断" in result.reason and result.progress == 1.0


@pytest.mark.parametrize(("value", "level"), [("77", GREEN), ("75", GREEN), ("72", YELLOW), ("70", RED)])
def test_rate_floor(value, level):
    # 专栏2 #14 劳动人事争议调解成功率 >75 (base 77.2)
    assert assess(value=D(value), target=D(75), base=D("77.2"), bound="floor", as_of=END_2023, unit="%").level == level


@pytest.mark.parametrize(("value", "level"), [("3.0", GREEN), ("3.5", GREEN), ("3.6", YELLOW), ("4", RED)])
def test_ceiling(value, level):
    # 专栏1 #2 城镇登记失业率 3.5 以内
    result = assess(value=D(value), target=D("3.5"), bound="ceiling", as_of=END_2023, unit="%")
    assert result.level == level


def test_count_without_base_is_due_at_the_end():
    # 技师学院 1 所 by 2025
    assert assess(value=D(0), target=D(1), as_of=END_2023, unit="所").level == YELLOW
    assert assess(value=D(0), target=D(1), as_of=date(2025, 12, 31), unit="所").level == RED
    assert assess(value=D(1), target=D(1), as_of=END_2023, unit="所").level == GREEN


def test_yearly_target():
    # 每年城乡居民基本养老保险基金新增结余 80% 以上用于委托投资
    assert assess(value=D(82), target=D(80), annual=True, as_of=END_2023, unit="%").level == GREEN
    assert assess(value=D(77), target=D(80), annual=True, as_of=END_2023, unit="%").level == YELLOW
    assert assess(value=D(60), target=D(80), annual=True, as_of=END_2023, unit="%").level == RED


def test_grey_without_value_or_target():
    assert assess(value=None, target=D(21), as_of=END_2023) == rules.Assessment(GREY, None, None, "暂无数据")
    assert assess(value=None, target=D(21), as_of=END_2023, missing="来源模块未安装").reason == "来源模块未安装"
    assert assess(value=D(1), target=None, as_of=END_2023).level == GREY


def test_margins_by_attribute():
    assert rules.margin_for("约束性") == D("0.02")
    assert rules.margin_for("预期性") == D("0.05")
    assert rules.margin_for("/") == D("0.05")


def test_fmt():
    assert (rules.fmt(D("34.50")), rules.fmt(D("21.0")), rules.fmt(None)) == ("34.5", "21", "—")


def test_history_chart_draws_values_expected_and_target():
    from renshe.planning.charts import history_svg

    series = [
        {"year": 2021, "value": D("91.2"), "level": GREEN, "expected": D("91")},
        {"year": 2022, "value": None, "level": GREY, "expected": D("92")},
        {"year": 2023, "value": D("93.2"), "level": YELLOW, "expected": D("93")},
    ]
    svg = str(history_svg(series, unit="%", target=D(95)))
    assert svg.startswith("<svg") and svg.count("<circle") == 2 and "style=" not in svg
    assert "#e0a800" in svg and "2022" in svg
