"""Reads of the plan register: each indicator with its value, progress and warning level.

``register_state(year=…)`` is the one place that turns stored values into the register's rows (the
pages, the reports, the API and the big screen read it). A few queries whatever the register's
size: the indicators, the current values up to the year, and the stored figures
(``renshe.core.figures.figure_table``); nothing is computed from other modules' tables here.

How a value is found (docs/planning.md):

* computed (``figure_key``): a cumulative indicator sums the figure's stored city values for the
  years 2021…year (converted by ``figure_scale``, e.g. 人 → 万人); any other takes the year's value,
  or the latest earlier plan year's. A figure no installed module declares reads "来源模块未安装";
  one never computed for those years reads "暂无数据".
* entered: a year's amount is its whole-year value, or else its latest month's value (months are
  reported as year-to-date); a cumulative indicator sums the years' amounts 2021…year; a yearly
  target (每年) takes that year only; a level takes the latest period up to the year.
* a row that restates another takes that row's value times ``restates_scale``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.core import figures as core_figures
from renshe.planning import rules
from renshe.planning.data.indicators import PLAN_END_YEAR, PLAN_START_YEAR
from renshe.planning.models import CITY, Indicator, IndicatorValue

NOT_INSTALLED = "not_installed"
NO_DATA = "no_data"


def plan_years(year: int) -> list[int]:
    return list(range(PLAN_START_YEAR, min(year, PLAN_END_YEAR) + 1))


def as_of_for(year: int, today: date | None = None) -> date:
    """The day a year's assessment is made: its last day, or today while the year runs."""
    today = today or timezone.localdate()
    return min(date(year, 12, 31), today) if today.year == year else date(year, 12, 31)


def _missing_reason(kind: str | None) -> str:
    return _("来源模块未安装") if kind == NOT_INSTALLED else _("暂无数据")


def _year_amounts(rows: list[IndicatorValue]) -> dict[int, tuple[Decimal, str]]:
    """{year: (amount, period label)} from one region's current rows: the whole-year value, else the
    latest month's (year-to-date)."""
    by_year: dict[int, IndicatorValue] = {}
    for row in rows:
        best = by_year.get(row.year)
        rank = 13 if row.month == 0 else row.month
        if best is None or rank > (13 if best.month == 0 else best.month):
            by_year[row.year] = row
    return {y: (r.value, r.period_label) for y, r in by_year.items()}


def _entered_value(indicator: Indicator, rows: list[IndicatorValue], year: int):
    """(value, period text, missing kind) of an entered indicator for ``year``."""
    amounts = {y: a for y, a in _year_amounts(rows).items() if y <= year}
    if not amounts:
        return None, "", NO_DATA
    if indicator.cumulative:
        years = sorted(amounts)
        total = sum((amounts[y][0] for y in years), Decimal(0))
        return total, _("%(a)d–%(b)d 年累计") % {"a": PLAN_START_YEAR, "b": years[-1]}, None
    if indicator.annual:
        if year not in amounts:
            return None, "", NO_DATA
        return amounts[year][0], amounts[year][1], None
    latest = max(amounts)
    return amounts[latest][0], amounts[latest][1], None


def _figure_value(indicator: Indicator, table: dict, year: int, region: str = CITY):
    key = indicator.figure_key
    if core_figures.spec(key) is None:
        return None, "", NOT_INSTALLED
    scale = indicator.figure_scale
    years = [y for y in plan_years(year) if (key, str(y), region) in table]
    if region == CITY and core_figures.spec(key).kind != core_figures.RATE:
        # a flow's city value is the counties' sum, stored as 0 when no county had any data
        years = [y for y in years if table[(key, str(y), region)] or _any_county(table, key, y)]
    if not years:
        return None, "", NO_DATA
    if indicator.cumulative:
        total = sum((table[(key, str(y), region)] for y in years), Decimal(0)) * scale
        return total, _("%(a)d–%(b)d 年累计") % {"a": PLAN_START_YEAR, "b": years[-1]}, None
    latest = years[-1]
    return table[(key, str(latest), region)] * scale, str(latest), None


def _any_county(table: dict, key: str, year: int) -> bool:
    return any((key, str(year), county) in table for county in core_figures.COUNTIES)


def _value_text(value: Decimal | None, unit: str, missing: str | None) -> str:
    if value is None:
        return _missing_reason(missing)
    return f"{rules.fmt(value)}{unit}" if unit != "%" else f"{rules.fmt(value)}%"


def _yardstick(ind: Indicator, by_code: dict[str, Indicator]) -> dict:
    """The target, base and kind an indicator is assessed by. A row restating another is assessed
    like it (its base and attribute, scaled to its unit); the 十三五 row still monitored keeps its
    2020 target as a floor until the end of the plan."""
    base, attribute = ind.base, ind.attribute
    primary = by_code.get(ind.restates) if ind.restates else None
    if primary is not None:
        if base is None and primary.base is not None:
            base = primary.base * ind.restates_scale
        if attribute == "/":
            attribute = primary.attribute
    target_year = ind.target_year
    if ind.plan == "十三五":
        base, target_year = None, PLAN_END_YEAR
    return {
        "target": ind.target,
        "base": base if not ind.cumulative else None,
        "bound": ind.bound,
        "cumulative": ind.cumulative,
        "annual": ind.annual,
        "attribute": attribute,
        "unit": ind.unit,
        "target_year": target_year,
    }


def register_state(*, year: int, today: date | None = None, codes=None) -> list[dict]:
    """Every indicator (or those of ``codes``) as of the end of ``year``, with its value and assessment."""
    indicators = list(Indicator.objects.all() if codes is None else Indicator.objects.filter(code__in=codes))
    wanted_ids = {i.pk for i in indicators}
    by_code = {i.code: i for i in indicators}
    extra = {i.restates for i in indicators if i.restates and i.restates not in by_code}
    if extra:  # a restating row needs the row it restates
        for i in Indicator.objects.filter(code__in=extra):
            by_code[i.code] = i
        indicators = [*indicators, *(by_code[c] for c in extra)]
    values: dict[int, list[IndicatorValue]] = defaultdict(list)
    for row in IndicatorValue.objects.filter(
        indicator__in=[i.pk for i in indicators], is_current=True, region_code=CITY, year__lte=year
    ):
        values[row.indicator_id].append(row)
    keys = {i.figure_key for i in indicators if i.figure_key}
    table = core_figures.figure_table(keys, [str(y) for y in plan_years(year)]) if keys else {}
    as_of = as_of_for(year, today)

    found: dict[str, tuple] = {}
    for ind in indicators:
        if ind.restates:
            continue
        if not ind.monitored:
            found[ind.code] = (None, "", None)
        elif ind.figure_key:
            found[ind.code] = _figure_value(ind, table, year)
        else:
            found[ind.code] = _entered_value(ind, values[ind.pk], year)
    for ind in indicators:
        if ind.restates:
            value, period, missing = found.get(ind.restates, (None, "", NO_DATA))
            found[ind.code] = (value * ind.restates_scale if value is not None else None, period, missing)

    out = []
    for ind in indicators:
        if ind.pk not in wanted_ids:
            continue
        value, period, missing = found[ind.code]
        if not ind.monitored:
            assessment = rules.Assessment(
                rules.GREY,
                None,
                None,
                _("“十三五”指标（历史记录）：2020 年完成值 %(r)s，完成率 %(c)s")
                % {"r": ind.result_text, "c": ind.completion_text},
            )
        else:
            assessment = rules.assess(
                value=value, as_of=as_of, missing=_missing_reason(missing), **_yardstick(ind, by_code)
            )
        out.append(
            {
                "indicator": ind,
                "code": ind.code,
                "name": ind.name,
                "unit": ind.unit,
                "attribute": ind.attribute,
                "base": ind.base,
                "target": ind.target,
                "base_text": ind.base_text,
                "target_text": ind.target_text,
                "value": value,
                "value_text": _value_text(value, ind.unit, missing) if ind.monitored else ind.result_text,
                "period": period,
                "missing": missing,
                "progress": assessment.progress,
                "expected": assessment.expected,
                "level": assessment.level,
                "reason": assessment.reason,
                "counted": ind.monitored and not ind.restates,
            }
        )
    return out


def level_summary(rows: list[dict]) -> dict[str, int]:
    """How many monitored indicators are at each level (restating rows and the 十三五 record excluded)."""
    counts = dict.fromkeys(rules.LEVELS, 0)
    for row in rows:
        if row["counted"]:
            counts[row["level"]] += 1
    return counts


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def headline_indicators(*, year: int) -> list[dict]:
    """The 专栏2 indicators as of the end of ``year``, JSON-serialisable (the big screen reads this)."""
    codes = list(Indicator.objects.filter(ref="专栏2").values_list("code", flat=True))
    return [
        {
            "code": r["code"],
            "name": r["name"],
            "unit": r["unit"],
            "attribute": r["attribute"],
            "base": _number(r["base"]),
            "target": _number(r["target"]),
            "target_text": r["target_text"],
            "value": _number(r["value"]),
            "value_text": r["value_text"],
            "progress": r["progress"],
            "level": r["level"],
            "reason": str(r["reason"]),
        }
        for r in register_state(year=year, codes=codes)
    ]


def indicator_by_district(code: str, *, year: int) -> dict[str, float]:
    """{county code: value} of one indicator for ``year`` (the map); counties without data are absent."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        return {}
    scale = Decimal(1)
    if indicator.restates:
        scale = indicator.restates_scale
        indicator = Indicator.objects.filter(code=indicator.restates).first() or indicator
    out: dict[str, float] = {}
    if indicator.figure_key:
        if core_figures.spec(indicator.figure_key) is None:
            return {}
        table = core_figures.figure_table([indicator.figure_key], [str(y) for y in plan_years(year)])
        for county in core_figures.COUNTIES:
            value, _period, _missing = _figure_value(indicator, table, year, county)
            if value is not None:
                out[county] = float(value * scale)
        return out
    rows: dict[str, list[IndicatorValue]] = defaultdict(list)
    for row in IndicatorValue.objects.filter(
        indicator=indicator, is_current=True, region_code__in=core_figures.COUNTIES, year__lte=year
    ):
        rows[row.region_code].append(row)
    for county, county_rows in rows.items():
        value, _period, _missing = _entered_value(indicator, county_rows, year)
        if value is not None:
            out[county] = float(value * scale)
    return out


def indicator_history(indicator: Indicator) -> list[IndicatorValue]:
    """Every version of every value of ``indicator`` (corrections included), newest period first."""
    return list(
        IndicatorValue.objects.filter(indicator=indicator)
        .select_related("entered_by", "evidence")
        .order_by("-year", "-month", "region_code", "-version")
    )


def yearly_series(indicator: Indicator, *, until: int | None = None) -> list[dict]:
    """The indicator's value (city) at the end of each plan year, for the chart and the reports."""
    until = until or PLAN_END_YEAR
    series = []
    for year in plan_years(until):
        row = register_state(year=year, codes=[indicator.code])[0]
        value, level = row["value"], row["level"]
        if not indicator.cumulative and not str(row["period"]).startswith(str(year)):
            value, level = None, rules.GREY  # a level carried over from an earlier year is not this year's
        series.append({"year": year, "value": value, "level": level, "expected": row["expected"]})
    return series
