"""Progress and warning level of a plan indicator — pure functions, no database (docs/planning.md).

``assess`` answers green / yellow / red (grey when there is no value or no target) with the reason
in words. The yardstick depends on the kind of target:

* five-year cumulative (``[ ]``): the value so far against the time elapsed in the plan period
  2021-01-01 … 31 December of the target year (by the end of 2023, 3/5 = 60% of a 2025 target);
* a start-to-target path (a level with a 2020 base below the target, e.g. 参保人数 33.80 → 34.5):
  the level expected by linear interpolation from the base at the start of 2021 to the target at
  the end of the target year;
* a floor (``>``, ``以上``, or a target at or below the base, e.g. 社保卡持卡人数 590 → 500: a
  floor already met) and a rate without a base: the threshold itself, at any time;
* a ceiling (``以内``): the value must stay at or below it;
* a count with no base (技师学院 1 所): the target at the end of the target year; until then a
  shortfall is a yellow, not a red;
* a yearly target (每年 …): that year's value against the floor.

Yellow means behind the yardstick by at most the margin (relative to the yardstick): 5% for a
预期性 (or unmarked) indicator, 2% for a 约束性 one; further behind is red.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

PLAN_START = date(2021, 1, 1)
PLAN_END_YEAR = 2025

GREEN, YELLOW, RED, GREY = "green", "yellow", "red", "grey"
LEVELS = (GREEN, YELLOW, RED, GREY)

EXPECTED, BINDING = "预期性", "约束性"
MARGINS = {BINDING: Decimal("0.02")}
DEFAULT_MARGIN = Decimal("0.05")

FLOOR, CEILING, REACH = "floor", "ceiling", ""


@dataclass(frozen=True)
class Assessment:
    level: str
    progress: float | None  # 0–1, share of the target (or of the planned change) achieved
    expected: Decimal | None  # the yardstick the value was measured against
    reason: str


def margin_for(attribute: str) -> Decimal:
    return MARGINS.get(attribute, DEFAULT_MARGIN)


def elapsed_share(as_of: date, *, end_year: int = PLAN_END_YEAR, start_year: int = PLAN_START.year) -> Decimal:
    """The share of the years ``start_year``…``end_year`` elapsed at the end of ``as_of`` (0–1):
    whole years plus the days of the current year; 31 Dec 2023 → 0.6 of 2021–2025."""
    years = end_year - start_year + 1
    if as_of.year < start_year:
        return Decimal(0)
    if as_of.year > end_year:
        return Decimal(1)
    days = 366 if calendar.isleap(as_of.year) else 365
    done = Decimal(as_of.year - start_year) + Decimal(as_of.timetuple().tm_yday) / Decimal(days)
    return min(done / Decimal(years), Decimal(1))


def fmt(number) -> str:
    """A number as the plan writes it: no trailing zeros (34.50 → 34.5, 21.0 → 21)."""
    if number is None:
        return "—"
    d = Decimal(str(number)).quantize(Decimal("0.01"))
    text = format(d.normalize(), "f")
    return text


def pct(share) -> str:
    return f"{fmt(Decimal(str(share)) * 100)}%"


def _clamp(x: Decimal) -> float:
    return float(max(Decimal(0), min(Decimal(1), x)))


def _level_against(value: Decimal, yardstick: Decimal, margin: Decimal, *, ceiling: bool = False) -> str:
    if ceiling:
        if value <= yardstick:
            return GREEN
        return YELLOW if value <= yardstick * (1 + margin) else RED
    if value >= yardstick:
        return GREEN
    return YELLOW if value >= yardstick * (1 - margin) else RED


def assess(
    *,
    value: Decimal | None,
    target: Decimal | None,
    as_of: date,
    base: Decimal | None = None,
    bound: str = REACH,
    cumulative: bool = False,
    annual: bool = False,
    attribute: str = EXPECTED,
    unit: str = "",
    target_year: int = PLAN_END_YEAR,
    missing: str | None = None,
) -> Assessment:
    """The warning level of ``value`` (as of ``as_of``) against the indicator's target.

    ``missing`` is the reason shown when ``value`` is None (default "暂无数据")."""
    if target is None:
        return Assessment(GREY, None, None, _("规划未设定目标值"))
    if value is None:
        return Assessment(GREY, None, None, missing or _("暂无数据"))
    value, target = Decimal(str(value)), Decimal(str(target))
    base = Decimal(str(base)) if base is not None else None
    margin = margin_for(attribute)
    band = {"m": pct(margin)}
    after_end = as_of >= date(target_year, 12, 31)

    if bound == CEILING:
        level = _level_against(value, target, margin, ceiling=True)
        progress = 1.0 if value <= target else _clamp(target / value) if value else 1.0
        words = {
            GREEN: _("%(v)s%(u)s，控制在目标 %(t)s%(u)s 以内"),
            YELLOW: _("%(v)s%(u)s，超出目标上限 %(t)s%(u)s，但在 %(m)s 预警幅度内"),
            RED: _("%(v)s%(u)s，超出目标上限 %(t)s%(u)s 超过 %(m)s"),
        }
        return Assessment(
            level, progress, target, words[level] % {"v": fmt(value), "t": fmt(target), "u": unit, **band}
        )

    if cumulative:
        share = elapsed_share(as_of, end_year=target_year)
        expected = target * share
        progress = _clamp(value / target) if target else 1.0
        args = {"v": fmt(value), "u": unit, "p": pct(value / target), "s": pct(share), **band}
        if value >= target:
            return Assessment(GREEN, 1.0, expected, _("累计 %(v)s%(u)s，已完成五年目标（%(p)s）") % args)
        level = _level_against(value, expected, margin)
        if after_end and level != GREEN:
            level = RED
        words = {
            GREEN: _("累计 %(v)s%(u)s，完成目标的 %(p)s，不低于时间进度 %(s)s"),
            YELLOW: _("累计 %(v)s%(u)s，完成目标的 %(p)s，略低于时间进度 %(s)s（差距在 %(m)s 以内）"),
            RED: _("累计 %(v)s%(u)s，完成目标的 %(p)s，明显低于时间进度 %(s)s"),
        }
        if after_end and value < target:
            words[RED] = _("累计 %(v)s%(u)s，完成目标的 %(p)s，期末未完成目标")
        return Assessment(level, progress, expected, words[level] % args)

    args = {"v": fmt(value), "t": fmt(target), "u": unit, **band}
    if annual:
        level = _level_against(value, target, margin)
        words = {
            GREEN: _("当年 %(v)s%(u)s，达到每年 %(t)s%(u)s 的目标"),
            YELLOW: _("当年 %(v)s%(u)s，略低于每年 %(t)s%(u)s 的目标（差距在 %(m)s 以内）"),
            RED: _("当年 %(v)s%(u)s，低于每年 %(t)s%(u)s 的目标"),
        }
        return Assessment(level, _clamp(value / target) if target else 1.0, target, words[level] % args)

    if base is not None and base < target:
        share = elapsed_share(as_of, end_year=target_year)
        expected = base + (target - base) * share
        progress = _clamp((value - base) / (target - base))
        level = _level_against(value, expected, margin)
        if after_end and value < target:
            level = RED
        args.update(b=fmt(base), e=fmt(expected), s=pct(share))
        words = {
            GREEN: _("%(v)s%(u)s，不低于按时间进度应达到的 %(e)s%(u)s（基数 %(b)s，目标 %(t)s）"),
            YELLOW: _("%(v)s%(u)s，略低于按时间进度应达到的 %(e)s%(u)s（差距在 %(m)s 以内）"),
            RED: _("%(v)s%(u)s，明显低于按时间进度应达到的 %(e)s%(u)s（基数 %(b)s，目标 %(t)s）"),
        }
        if after_end and value < target:
            words[RED] = _("%(v)s%(u)s，期末未达到目标 %(t)s%(u)s")
        return Assessment(level, progress, expected, words[level] % args)

    progress = _clamp(value / target) if target else 1.0
    level = _level_against(value, target, margin)
    if base is not None:  # a target at or below the base: a floor that was met at the start
        args["b"] = fmt(base)
        words = {
            GREEN: _("%(v)s%(u)s，不低于目标下限 %(t)s%(u)s（目标低于 2020 年基数 %(b)s，按下限判断）"),
            YELLOW: _("%(v)s%(u)s，略低于目标下限 %(t)s%(u)s（差距在 %(m)s 以内）"),
            RED: _("%(v)s%(u)s，低于目标下限 %(t)s%(u)s（2020 年基数 %(b)s）"),
        }
        return Assessment(level, progress, target, words[level] % args)
    if unit == "%":
        words = {
            GREEN: _("%(v)s%(u)s，达到目标 %(t)s%(u)s"),
            YELLOW: _("%(v)s%(u)s，略低于目标 %(t)s%(u)s（差距在 %(m)s 以内）"),
            RED: _("%(v)s%(u)s，低于目标 %(t)s%(u)s"),
        }
        return Assessment(level, progress, target, words[level] % args)
    # a count without a base: due at the end of the target year
    if value >= target:
        return Assessment(GREEN, 1.0, target, _("%(v)s%(u)s，已达到目标 %(t)s%(u)s") % args)
    if not after_end:
        args["y"] = target_year
        return Assessment(YELLOW, progress, target, _("%(v)s%(u)s，尚未达到 %(y)s 年目标 %(t)s%(u)s") % args)
    return Assessment(RED, progress, target, _("%(v)s%(u)s，期末未达到目标 %(t)s%(u)s") % args)
