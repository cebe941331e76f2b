"""The real-name contact ledger: who is in it, when a contact is overdue, and the reminder job."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from renshe import testing
from renshe.accounts.models import Message, Role
from renshe.core.models import Parameter
from renshe.employment import assistance
from renshe.employment.tests import assistance_testing as at

TODAY = date(2025, 6, 30)


@pytest.fixture
def people(clerk_maonan):
    """An unemployed man registered 2025-04-01 (90-day rule) and a woman with difficulty recognised
    2025-05-31 (30-day rule), neither contacted yet."""
    unemployed = at.person(name="赵一")
    assistance.unemployment_register(
        actor=clerk_maonan, person=unemployed, reason="其他", registered_on=date(2025, 4, 1)
    )
    difficult = at.person(name="钱二", born=date(1980, 1, 1), female=True)
    assistance.difficulty_recognise(actor=clerk_maonan, person=difficult, recognised_on=date(2025, 5, 31))
    return unemployed, difficult


def _rows(viewer, on, **kw):
    return {p.name: p for p in assistance.ledger_with_status(assistance.ledger(viewer=viewer, on_date=on, **kw), on)}


@pytest.mark.django_db
def test_ledger_holds_registered_and_recognised_people(clerk_maonan, people):
    rows = _rows(clerk_maonan, TODAY)
    assert set(rows) == {"赵一", "钱二"}
    assert rows["赵一"].due_on == date(2025, 6, 30) and not rows["赵一"].overdue  # 90 days from 04-01
    assert rows["钱二"].due_on == date(2025, 6, 30) and not rows["钱二"].overdue  # 30 days from 05-31
    tomorrow = _rows(clerk_maonan, TODAY + timedelta(days=1))
    assert tomorrow["赵一"].overdue and tomorrow["钱二"].overdue
    assert set(_rows(clerk_maonan, TODAY + timedelta(days=1), overdue_only=True)) == {"赵一", "钱二"}
    assert set(_rows(clerk_maonan, TODAY, overdue_only=True)) == set()


@pytest.mark.django_db
def test_a_contact_restarts_the_interval(clerk_maonan, people):
    _, difficult = people
    assistance.contact_log(
        actor=clerk_maonan,
        person=difficult,
        contacted_on=date(2025, 6, 20),
        channel="phone",
        content="推荐两个岗位",
        services=["referral"],
    )
    rows = _rows(clerk_maonan, date(2025, 7, 20))
    assert rows["钱二"].last_contact == date(2025, 6, 20) and not rows["钱二"].overdue
    assert _rows(clerk_maonan, date(2025, 7, 21))["钱二"].overdue


@pytest.mark.django_db
def test_interval_is_a_dated_parameter(clerk_maonan, people):
    Parameter.objects.create(
        key="employment.contact_interval_unemployed_days",
        valid_from=date(2025, 1, 1),
        value=60,
        description="每两个月联系一次",
    )
    assert _rows(clerk_maonan, date(2025, 6, 1))["赵一"].overdue  # 04-01 + 60 days = 05-31


@pytest.mark.django_db
def test_a_person_with_difficulty_who_works_leaves_the_ledger(clerk_maonan, people):
    _, difficult = people
    at.employ(difficult, at.employer(), start=date(2025, 6, 1))
    assert set(_rows(clerk_maonan, TODAY)) == {"赵一"}


@pytest.mark.django_db
def test_ledger_is_scoped_to_the_region(clerk_gaozhou, people):
    assert _rows(clerk_gaozhou, TODAY) == {}


@pytest.mark.django_db
def test_contact_log_bad_input(clerk_maonan, people):
    person, _ = people
    cases = [
        ({"contacted_on": TODAY + timedelta(days=3650)}, "contacted_on"),
        ({"channel": "pigeon"}, "channel"),
        ({"content": "  "}, "content"),
        ({"services": ["magic"]}, "services"),
    ]
    for override, field in cases:
        values = {"contacted_on": TODAY, "channel": "visit", "content": "上门走访", "services": [], **override}
        with pytest.raises(ValidationError) as err:
            assistance.contact_log(actor=clerk_maonan, person=person, **values)
        assert field in err.value.message_dict


@pytest.mark.django_db
def test_citizen_and_other_district_cannot_log_contacts(citizen, clerk_gaozhou, people):
    person, _ = people
    for actor in (citizen, clerk_gaozhou):
        with pytest.raises(PermissionDenied):
            assistance.contact_log(actor=actor, person=person, contacted_on=TODAY, channel="phone", content="x")


@pytest.mark.django_db
def test_overdue_job_twice_sends_one_message_per_person(clerk_maonan, people):
    town_clerk = testing.staff("clerk_hongqi", Role.CLERK, testing.MAONAN_TOWN)
    late = TODAY + timedelta(days=1)
    first = assistance.contacts_flag_overdue(today=late)
    assert first == {"overdue": 2, "notified": 2, "messages": 2}
    # The town's clerk is the responsible one (the most specific office); the county's is not told.
    assert Message.objects.filter(recipient=town_clerk).count() == 2
    assert not Message.objects.filter(recipient=clerk_maonan).exists()
    second = assistance.contacts_flag_overdue(today=late + timedelta(days=1))
    assert second["overdue"] == 2 and second["messages"] == 0
    assert Message.objects.count() == 2
    # Contacted, then overdue again: a new period, a new message.
    _, difficult = people
    assistance.contact_log(actor=clerk_maonan, person=difficult, contacted_on=late, channel="visit", content="走访")
    third = assistance.contacts_flag_overdue(today=late + timedelta(days=31))
    assert third["messages"] == 1 and Message.objects.count() == 3


@pytest.mark.django_db
def test_overdue_command(clerk_maonan, people):
    call_command("flag_contact_overdue", "--today", "2025-07-01", stdout=StringIO())
    call_command("flag_contact_overdue", "--today", "2025-07-01", stdout=StringIO())
    assert Message.objects.filter(recipient=clerk_maonan).count() == 2


@pytest.mark.django_db
def test_plan_one_active_and_validated(clerk_maonan, citizen, people):
    person, _ = people
    with pytest.raises(ValidationError) as err:
        assistance.plan_create(actor=clerk_maonan, person=person, goal="就业", measures=[" "])
    assert "measures" in err.value.message_dict
    plan = assistance.plan_create(actor=clerk_maonan, person=person, goal="就业", measures=["职业指导", "岗位推荐"])
    with pytest.raises(ValidationError, match="实施中"):
        assistance.plan_create(actor=clerk_maonan, person=person, goal="再来", measures=["x"])
    with pytest.raises(PermissionDenied):
        assistance.plan_set_status(actor=citizen, plan=plan, status="done")
    plan = assistance.plan_set_status(actor=clerk_maonan, plan=plan, status="closed")
    assert plan.status == "closed" and plan.reviewed_on
