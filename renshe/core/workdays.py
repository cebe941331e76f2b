"""Working days on the official calendar, 调休 included (DOMAIN.md §2).

The State Council publishes each year's holidays in the preceding winter; ``chinesecalendar``
ships the years published so far. For a later year the bureau's administrators enter the notice
in the workbench (``core.CalendarDay``); until they do, Monday–Friday are working days and
``is_official_year(year)`` is false so pages can warn. Nothing here ever raises at a year boundary.
"""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta

import chinese_calendar

# Admin entries are read at most once a minute per process, so every worker sees an edit soon
# without a query per date.
_CACHE_TTL_SECONDS = 60
_cache_lock = threading.Lock()
_cache: dict[int, tuple[float, dict[date, bool]]] = {}


def _published(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _admin_days(year: int) -> dict[date, bool]:
    """Days the administrators entered for ``year``: date → is working day."""
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(year)
        if hit and now - hit[0] < _CACHE_TTL_SECONDS:
            return hit[1]
    days: dict[date, bool] = {}
    from django.db import DatabaseError

    from renshe.core.models import CalendarDay

    try:
        days = dict(CalendarDay.objects.filter(day__year=year).values_list("day", "is_working_day"))
    except (DatabaseError, RuntimeError):
        # No database here (a pure rule test blocks access with RuntimeError): weekday rule.
        days = {}
    with _cache_lock:
        _cache[year] = (now, days)
    return days


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def is_official_year(year: int) -> bool:
    """True when ``year``'s holidays are known (published in the package or entered by an administrator)."""
    return _published(year) or bool(_admin_days(year))


def is_working_day(day: date) -> bool:
    if _published(day.year):
        return chinese_calendar.is_workday(day)
    entered = _admin_days(day.year)
    if day in entered:
        return entered[day]
    return day.weekday() < 5


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (the day of ``start`` is not counted).

    ``add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)`` (National Day 10-01…10-08).
    ``n == 0`` returns ``start`` itself if it is a working day, else the next working day.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    if n == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days ``d`` with ``start < d <= end`` (negative when ``end`` is before ``start``)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def next_working_day_on_or_after(day: date) -> date:
    """A deadline that falls on a rest day moves to the next working day (DOMAIN.md §2)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day_on_or_before(day: date) -> date:
    """A pay day that falls on a rest day moves earlier (保障农民工工资支付条例 第十二条)."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
