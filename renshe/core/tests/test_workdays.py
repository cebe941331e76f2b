"""Working days on the official calendar (DOMAIN.md §2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from renshe.core import workdays
from renshe.core.models import CalendarDay
from renshe.core.workdays import (
    add_working_days,
    is_official_year,
    is_working_day,
    next_working_day_on_or_after,
    previous_working_day_on_or_before,
    working_days_between,
)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 9, 26), 1, date(2025, 9, 28)),  # Sat 27 rests, Sun 28 is an adjusted working day
        (date(2025, 9, 30), 1, date(2025, 10, 9)),  # National Day 10-01…10-08
        (date(2025, 9, 30), 2, date(2025, 10, 10)),
        (date(2025, 9, 30), 3, date(2025, 10, 11)),  # Sat 11 is worked
        (date(2025, 9, 30), 0, date(2025, 9, 30)),
        (date(2025, 10, 1), 0, date(2025, 10, 9)),
    ],
)
def test_add_working_days_domain_examples(start, n, expected):
    assert add_working_days(start, n) == expected


def test_negative_n_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2025, 9, 30), -1)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2025, 9, 30), date(2025, 9, 30), 0),
        (date(2025, 9, 30), date(2025, 10, 9), 1),  # the start day is not counted, the end day is
        (date(2025, 9, 29), date(2025, 10, 9), 2),
        (date(2025, 9, 26), date(2025, 9, 28), 1),
        (date(2025, 9, 30), date(2025, 10, 11), 3),
        (date(2025, 10, 11), date(2025, 9, 30), -3),
    ],
)
def test_working_days_between_counts_start_exclusive_end_inclusive(start, end, count):
    assert working_days_between(start, end) == count


@pytest.mark.parametrize("n", [1, 2, 3, 7, 20, 60])
def test_between_is_the_inverse_of_add(n):
    start = date(2025, 9, 26)
    assert working_days_between(start, add_working_days(start, n)) == n


def test_rest_day_moves_forward_or_back():
    assert next_working_day_on_or_after(date(2025, 10, 1)) == date(2025, 10, 9)
    assert next_working_day_on_or_after(date(2025, 10, 9)) == date(2025, 10, 9)
    assert previous_working_day_on_or_before(date(2025, 10, 8)) == date(2025, 9, 30)


@pytest.mark.django_db
def test_an_unpublished_year_does_not_raise_and_uses_monday_to_friday():
    assert not is_official_year(2027)
    # 2027-01-01 is a Friday: without a notice it is a working day, the weekend is not.
    assert is_working_day(date(2027, 1, 1))
    assert not is_working_day(date(2027, 1, 2))
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)
    assert add_working_days(date(2027, 1, 1), 1) == date(2027, 1, 4)
    assert working_days_between(date(2027, 1, 1), date(2027, 1, 8)) == 5


def test_an_unpublished_year_works_without_a_database():
    # A pure rule test has no database: the weekday rule still answers.
    assert add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 8)


@pytest.mark.django_db
def test_administrator_entered_days_are_honoured():
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)  # caches the empty year
    CalendarDay.objects.create(day=date(2027, 1, 1), is_working_day=False, note="元旦")
    CalendarDay.objects.create(day=date(2027, 1, 2), is_working_day=False, note="元旦")
    CalendarDay.objects.create(day=date(2027, 1, 3), is_working_day=False, note="元旦")
    CalendarDay.objects.create(day=date(2027, 1, 9), is_working_day=True, note="调休上班")
    workdays.clear_cache()
    assert is_official_year(2027)
    assert not is_working_day(date(2027, 1, 1))
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert is_working_day(date(2027, 1, 9))  # a Saturday worked
    assert working_days_between(date(2027, 1, 3), date(2027, 1, 10)) == 6


@pytest.mark.django_db
def test_admin_days_are_cached_until_cleared():
    assert is_working_day(date(2027, 2, 1))
    CalendarDay.objects.create(day=date(2027, 2, 1), is_working_day=False)
    assert is_working_day(date(2027, 2, 1))  # cached for up to a minute
    workdays.clear_cache()
    assert not is_working_day(date(2027, 2, 1))


def test_published_years_ignore_the_weekday_rule():
    # Every day of a published year agrees with chinesecalendar (spot-check a full week across 国庆).
    expected = [True, False, False, False, False, False, False, False, False, True, True]
    days = [date(2025, 9, 30) + timedelta(days=i) for i in range(11)]
    assert [is_working_day(d) for d in days] == expected
