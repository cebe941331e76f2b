"""Time limits of cases on the official calendar (DOMAIN.md §2; renshe.cases.rules, renshe.core.workdays).

The holiday notices behind the tables (国务院办公厅关于节假日安排的通知):
  2025 National Day + Mid-Autumn: 10-01…10-08 off; Sun 09-28 and Sat 10-11 worked.
  2025 Spring Festival:            01-28…02-04 off; Sun 01-26 and Sat 02-08 worked.
  2026 Spring Festival:            02-15…02-23 off; Sat 02-14 and Sat 02-28 worked.
2027 has no published notice: Monday–Friday are working days and nothing raises.
Expected values are counted by hand from those notices, not computed by the code under test.
"""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from renshe.cases import rules
from renshe.core import workdays
from renshe.core.models import CalendarDay

D = date


@pytest.mark.parametrize(
    ("day", "working", "festival"),
    [
        # 2025 National Day
        (D(2025, 9, 27), False, None),
        (D(2025, 9, 28), True, "National Day"),  # Sunday, adjusted working day
        (D(2025, 10, 1), False, "National Day"),
        (D(2025, 10, 6), False, "Mid-autumn Festival"),
        (D(2025, 10, 8), False, "National Day"),
        (D(2025, 10, 11), True, "National Day"),  # Saturday, adjusted working day
        (D(2025, 10, 12), False, None),
        # 2025 Spring Festival
        (D(2025, 1, 25), False, None),
        (D(2025, 1, 26), True, "Spring Festival"),  # Sunday, worked
        (D(2025, 1, 28), False, "Spring Festival"),
        (D(2025, 2, 4), False, "Spring Festival"),
        (D(2025, 2, 5), True, None),
        (D(2025, 2, 8), True, "Spring Festival"),  # Saturday, worked
        (D(2025, 2, 9), False, None),
        # 2026 Spring Festival
        (D(2026, 2, 14), True, "Spring Festival"),  # Saturday, worked
        (D(2026, 2, 15), False, "Spring Festival"),
        (D(2026, 2, 23), False, "Spring Festival"),  # a Monday off
        (D(2026, 2, 24), True, None),
        (D(2026, 2, 28), True, "Spring Festival"),  # Saturday, worked
        (D(2026, 3, 1), False, None),
    ],
)
def test_the_calendar_agrees_with_the_notices(day, working, festival):
    assert workdays.is_working_day(day) is working
    assert chinese_calendar.is_workday(day) is working
    if festival is not None:
        assert chinese_calendar.get_holiday_detail(day)[1] == festival


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (D(2025, 9, 22), D(2025, 9, 28)),  # 23,24,25,26 and Sunday 28 (worked)
        (D(2025, 9, 26), D(2025, 10, 10)),  # 28,29,30 | 10-09,10-10
        (D(2025, 9, 30), D(2025, 10, 14)),  # 10-09,10-10,10-11 (Sat, worked),10-13,10-14
        (D(2025, 10, 3), D(2025, 10, 14)),  # filed during the holiday: counting starts after it
        (D(2025, 1, 24), D(2025, 2, 7)),  # 01-26 (Sun, worked),01-27 | 02-05,02-06,02-07
        (D(2025, 1, 27), D(2025, 2, 10)),  # 02-05,06,07,08 (Sat, worked),10
        (D(2025, 1, 30), D(2025, 2, 10)),
        (D(2026, 2, 12), D(2026, 2, 26)),  # 02-13,02-14 (Sat, worked) | 02-24,25,26
        (D(2026, 2, 14), D(2026, 2, 28)),  # 02-24…02-27 and Saturday 02-28 (worked)
        (D(2026, 12, 30), D(2027, 1, 6)),  # 12-31, 2027-01-01 (no notice: a Friday counts), 01-04,05,06
    ],
)
def test_acceptance_due_is_five_working_days(submitted, due):
    # 行政许可法 第三十二条: accept, refuse or list the missing materials within 5 days
    assert rules.acceptance_due(submitted) == due


@pytest.mark.parametrize(
    ("accepted", "limit", "suspended", "due"),
    [
        (D(2025, 9, 22), 5, 0, D(2025, 9, 28)),
        (D(2025, 9, 22), 5, 9, D(2025, 10, 16)),  # 14 working days: …10-09,10-10,10-11,10-13…10-16
        (D(2025, 9, 30), 0, 0, D(2025, 9, 30)),  # 即办件: due the day it is accepted
        (D(2025, 10, 1), 0, 0, D(2025, 10, 9)),  # …unless that is a rest day
        (D(2025, 9, 30), 1, 0, D(2025, 10, 9)),
        (D(2025, 9, 30), 3, 0, D(2025, 10, 11)),  # the worked Saturday counts
        (D(2025, 1, 27), 20, 0, D(2025, 3, 3)),
        (D(2025, 1, 27), 15, 5, D(2025, 3, 3)),  # suspended days extend the limit one for one
        (D(2025, 1, 27), 1, 0, D(2025, 2, 5)),
        (D(2026, 2, 13), 3, 0, D(2026, 2, 25)),  # 02-14 (Sat, worked) | 02-24,02-25
        (D(2026, 2, 13), 3, 2, D(2026, 2, 27)),
        (D(2026, 12, 28), 5, 0, D(2027, 1, 4)),  # 29,30,31, 2027-01-01 (Fri), 01-04 (Mon)
        (D(2026, 12, 31), 10, 0, D(2027, 1, 14)),
    ],
)
def test_completion_due_counts_working_days_and_suspension(accepted, limit, suspended, due):
    assert rules.completion_due(accepted, limit, suspended) == due


@pytest.mark.parametrize(
    ("today", "due", "state", "left"),
    [
        (D(2025, 9, 26), D(2025, 10, 10), "normal", 5),
        (D(2025, 9, 29), D(2025, 10, 10), "normal", 3),
        (D(2025, 9, 30), D(2025, 10, 10), "due_soon", 2),  # ten calendar days, two working days
        (D(2025, 10, 5), D(2025, 10, 10), "due_soon", 2),
        (D(2025, 10, 9), D(2025, 10, 10), "due_soon", 1),
        (D(2025, 10, 10), D(2025, 10, 10), "due_soon", 0),  # the due day itself
        (D(2025, 10, 11), D(2025, 10, 10), "overdue", -1),  # Saturday, worked
        (D(2025, 10, 12), D(2025, 10, 10), "overdue", -1),  # Sunday: no working day added
        (D(2025, 10, 13), D(2025, 10, 10), "overdue", -2),
        (D(2025, 10, 1), D(2025, 9, 30), "overdue", -1),  # overdue during the holiday is still overdue
        (D(2025, 10, 9), D(2025, 9, 30), "overdue", -1),
        (D(2025, 1, 24), D(2025, 2, 7), "normal", 5),
        (D(2025, 1, 28), D(2025, 2, 7), "normal", 3),
        (D(2025, 2, 5), D(2025, 2, 7), "due_soon", 2),
        (D(2025, 2, 10), D(2025, 2, 7), "overdue", -2),  # 02-08 (Sat, worked), 02-10
        (D(2026, 2, 13), D(2026, 2, 25), "normal", 3),  # 02-14, 02-24, 02-25
        (D(2026, 2, 14), D(2026, 2, 25), "due_soon", 2),
        (D(2026, 12, 29), D(2027, 1, 5), "normal", 5),  # 12-30,12-31, 01-01 (Fri, no notice),01-04,01-05
        (D(2027, 1, 6), D(2026, 12, 31), "overdue", -4),  # 01-01, 01-04, 01-05, 01-06
    ],
)
def test_sla_state_and_working_days_left(today, due, state, left):
    assert rules.sla_state(today, due) == state
    assert rules.working_days_left(today, due) == left


def test_no_deadline_is_not_timed():
    assert rules.sla_state(D(2025, 10, 10), None) == "none"


@pytest.mark.parametrize(
    ("since", "resumed", "days"),
    [
        (D(2025, 9, 22), D(2025, 10, 10), 9),
        (D(2025, 9, 30), D(2025, 10, 8), 0),  # suspended over the whole holiday only
        (D(2025, 9, 30), D(2025, 10, 11), 3),
        (D(2025, 1, 27), D(2025, 2, 8), 4),  # 02-05,06,07 and Saturday 02-08
        (D(2026, 2, 13), D(2026, 2, 24), 2),  # 02-14 and 02-24
        (D(2025, 10, 10), D(2025, 10, 10), 0),
    ],
)
def test_suspended_days_count_working_days(since, resumed, days):
    assert rules.suspended_days(since, resumed) == days


def test_a_year_without_a_notice_warns_but_never_raises():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 4))  # the package itself gives up here
    assert workdays.is_official_year(2026) is True
    assert workdays.is_official_year(2027) is False
    assert workdays.is_working_day(D(2027, 1, 1)) is True  # a Friday, no notice yet
    assert workdays.is_working_day(D(2027, 1, 2)) is False
    assert rules.acceptance_due(D(2027, 6, 30)) == D(2027, 7, 7)


@pytest.mark.django_db
def test_an_administrators_notice_for_the_new_year_moves_the_deadline():
    CalendarDay.objects.create(day=D(2027, 1, 1), is_working_day=False, note="元旦")
    workdays.clear_cache()
    assert workdays.is_official_year(2027) is True
    assert rules.completion_due(D(2026, 12, 28), 5) == D(2027, 1, 5)  # 29,30,31 | 01-04,01-05
    assert rules.working_days_left(D(2026, 12, 31), D(2027, 1, 4)) == 1
