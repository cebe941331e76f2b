"""The case figures (docs/figures.md): received, open, overdue, on-time and satisfaction rates by county
and for the city, against cases with known dates; a county without cases absent."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from renshe.cases import figures as f
from renshe.cases import services
from renshe.cases.models import Case, Rating, Status
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.core.figures import CITY, compute, spec

TZ = timezone.get_default_timezone()
MAONAN, GAOZHOU = "440902", "440981"
MAY = (date(2025, 5, 1), date(2025, 5, 31))


def _case(clerk, person, item, *, submitted: date, grade=None, **fields) -> Case:
    ids = material_ids(item)
    files = {ids[name]: pdf() for name in ids if name != "其他材料"}
    case = services.case_submit(
        actor=clerk, item=item, applicant=person, channel="window", form_data={"reason": "其他"}, files=files
    )
    Case.objects.filter(pk=case.pk).update(
        submitted_at=datetime(submitted.year, submitted.month, submitted.day, 9, tzinfo=TZ), **fields
    )
    if grade:
        Rating.objects.create(case=case, grade=grade, window_grade=grade, staff_grade=grade)
    return case


@pytest.fixture
def may_cases(db, clerk_maonan, clerk_gaozhou, maonan_person, gaozhou_person):
    """茂南: A accepted 05-06, decided 05-09 on time (due 05-12), closed 05-10, 非常满意;
    B accepted 05-07, decided 05-20 late (due 05-14), closed 05-21, 不满意;
    C accepted 05-12, due 05-19, still in review (overdue from 05-20);
    D submitted 05-28, waiting for acceptance (due 06-04).
    高州: E accepted 05-08, decided 05-10 on time, closed 05-12, 满意; F withdrawn 05-03."""
    item = service_item()
    m, g = (clerk_maonan, maonan_person), (clerk_gaozhou, gaozhou_person)
    closed = {"status": Status.CLOSED}
    return {
        "A": _case(*m, item, submitted=date(2025, 5, 5), grade=5, accepted_on=date(2025, 5, 6),
                   due_date=date(2025, 5, 12), decided_on=date(2025, 5, 9), closed_on=date(2025, 5, 10), **closed),
        "B": _case(*m, item, submitted=date(2025, 5, 6), grade=2, accepted_on=date(2025, 5, 7),
                   due_date=date(2025, 5, 14), decided_on=date(2025, 5, 20), closed_on=date(2025, 5, 21), **closed),
        "C": _case(*m, item, submitted=date(2025, 5, 11), accepted_on=date(2025, 5, 12),
                   due_date=date(2025, 5, 19), status=Status.IN_REVIEW, acceptance_due=date(2025, 5, 16)),
        "D": _case(*m, item, submitted=date(2025, 5, 28), acceptance_due=date(2025, 6, 4)),
        "E": _case(*g, item, submitted=date(2025, 5, 7), grade=4, accepted_on=date(2025, 5, 8),
                   due_date=date(2025, 5, 15), decided_on=date(2025, 5, 10), closed_on=date(2025, 5, 12), **closed),
        "F": _case(*g, item, submitted=date(2025, 5, 2), acceptance_due=date(2025, 5, 9),
                   status=Status.WITHDRAWN, closed_on=date(2025, 5, 3)),
    }  # fmt: skip


@pytest.mark.django_db
def test_every_key_of_the_contract_is_declared():
    for key, kind in (
        ("received", "flow"),
        ("open", "stock"),
        ("overdue", "stock"),
        ("on_time_rate", "rate"),
        ("satisfaction_rate", "rate"),
    ):
        declared = spec(f"cases.{key}")
        assert declared is not None and declared.kind == kind and declared.module == "renshe.cases.figures"


@pytest.mark.django_db
def test_received_in_the_period(may_cases):
    assert f.received(*MAY) == {MAONAN: 3, GAOZHOU: 1}
    assert compute("cases.received", *MAY) == {MAONAN: 3, GAOZHOU: 1, CITY: 4}
    assert f.received(date(2025, 5, 1), date(2025, 5, 6)) == {MAONAN: 1}
    assert f.received(date(2025, 6, 1), date(2025, 6, 30)) == {}


@pytest.mark.django_db
def test_open_on_the_day(may_cases):
    # 05-08: A, B, C? (C submitted 05-11: no); E open; F withdrawn on 05-03.
    assert f.open_cases(date(2025, 5, 1), date(2025, 5, 8)) == {MAONAN: 2, GAOZHOU: 1}
    assert f.open_cases(date(2025, 5, 1), date(2025, 5, 2)) == {GAOZHOU: 1}
    # 05-31: C in review and D waiting; 高州 none.
    assert compute("cases.open", *MAY) == {MAONAN: 2, CITY: 2}


@pytest.mark.django_db
def test_overdue_on_the_day(may_cases):
    # 05-16: B (due 05-14, decided 05-20) is late; C is due 05-19.
    assert f.overdue(date(2025, 5, 1), date(2025, 5, 16)) == {MAONAN: 1}
    # 05-31: C (due 05-19) still in review; B was decided; D not due until 06-04.
    assert f.overdue(*MAY) == {MAONAN: 1}
    assert f.overdue(date(2025, 5, 1), date(2025, 5, 10)) == {}
    assert f.overdue(date(2025, 6, 1), date(2025, 6, 5)) == {MAONAN: 2}
    # Suspended (the clock stopped) or in correction: not overdue.
    Case.objects.filter(pk=may_cases["C"].pk).update(status=Status.SUSPENDED, suspended_since=date(2025, 5, 18))
    Case.objects.filter(pk=may_cases["D"].pk).update(status=Status.CORRECTION)
    assert f.overdue(date(2025, 6, 1), date(2025, 6, 5)) == {}


@pytest.mark.django_db
def test_on_time_rate_gives_the_city_value(may_cases):
    # 茂南: A on time, B late → 50 %; 高州: E on time → 100 %; the city 2 of 3.
    assert f.on_time_rate(*MAY) == {MAONAN: 50.0, GAOZHOU: 100.0, CITY: 66.7}
    assert compute("cases.on_time_rate", *MAY)[CITY] == Decimal("66.7")
    assert f.on_time_rate(date(2025, 5, 1), date(2025, 5, 9)) == {MAONAN: 100.0, CITY: 100.0}
    assert f.on_time_rate(date(2025, 6, 1), date(2025, 6, 30)) == {}


@pytest.mark.django_db
def test_satisfaction_rate_gives_the_city_value(may_cases):
    # Ratings of the cases decided in May: 茂南 5 and 2 → 50 %; 高州 4 → 100 %; the city 2 of 3.
    assert f.satisfaction_rate(*MAY) == {MAONAN: 50.0, GAOZHOU: 100.0, CITY: 66.7}
    assert f.satisfaction_rate(date(2025, 5, 15), date(2025, 5, 31)) == {MAONAN: 0.0, CITY: 0.0}
    assert f.satisfaction_rate(date(2025, 6, 1), date(2025, 6, 30)) == {}


@pytest.mark.django_db
def test_open_today_by_status_agrees_with_the_dates(may_cases):
    today = timezone.localdate()
    # C in review and D waiting for acceptance, both open now; the rest finished.
    assert f.open_cases(today, today) == {MAONAN: 2}
    assert f.overdue(today, today) == {MAONAN: 2}  # both deadlines (2025) long passed
    Case.objects.filter(pk=may_cases["C"].pk).update(status=Status.CLOSED, decided_on=today, closed_on=today)
    assert f.open_cases(today, today) == {MAONAN: 1}
