"""就业登记: one service for every source; it ends the unemployment registration and updates the rest."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from renshe import testing
from renshe.cases.models import Status
from renshe.employment import assistance
from renshe.employment.models import (
    AssistancePlan,
    EmploymentRegistration,
    GraduateTracking,
    JobSeeker,
    UnemploymentRegistration,
)
from renshe.employment.monitoring import employment_register
from renshe.employment.tests import assistance_testing as at
from renshe.registry.models import Employment


@pytest.mark.django_db
def test_hire_of_a_registered_unemployed_person(clerk_maonan):
    worker = at.person(tags=["disabled"])
    unemployment = assistance.unemployment_register(
        actor=clerk_maonan, person=worker, reason="其他", registered_on=date(2025, 1, 6)
    )
    assistance.difficulty_recognise(actor=clerk_maonan, person=worker)
    JobSeeker.objects.create(person=worker)
    GraduateTracking.objects.create(person=worker, school="岭南师范学院", graduated_on=date(2024, 6, 30))
    plan = assistance.plan_create(actor=clerk_maonan, person=worker, goal="三个月内就业", measures=["岗位推荐"])
    company = at.employer()
    reg = employment_register(
        actor=clerk_maonan,
        person=worker,
        employer=company,
        start_date=date(2025, 2, 10),
        contract_type="fixed",
        source="window",
    )
    assert reg.was_unemployed and reg.was_difficult and reg.is_urban_new
    assert reg.region_id == company.region_id and reg.created_by == clerk_maonan
    assert Employment.objects.get(person=worker).employer == company
    unemployment.refresh_from_db()
    assert unemployment.status == UnemploymentRegistration.Status.ENDED
    assert unemployment.ended_on == date(2025, 2, 10) and company.name in unemployment.end_reason
    assert JobSeeker.objects.get(person=worker).status == JobSeeker.Status.EMPLOYED
    assert GraduateTracking.objects.get(person=worker).status == GraduateTracking.Status.PLACED
    plan.refresh_from_db()
    assert plan.status == AssistancePlan.Status.DONE


@pytest.mark.django_db
def test_a_job_change_is_not_new_urban_employment(clerk_maonan):
    worker = at.person()
    at.employ(worker, at.employer("旧单位有限公司"))
    reg = employment_register(
        actor=clerk_maonan,
        person=worker,
        employer=at.employer("新单位有限公司"),
        start_date=timezone.localdate(),
        contract_type="open",
        source="window",
    )
    assert not reg.is_urban_new and not reg.was_unemployed


@pytest.mark.django_db
def test_employer_registers_its_own_hire_only(employer_user):
    worker = at.person()
    reg = employment_register(
        actor=employer_user,
        person=worker,
        employer=employer_user.employer,
        start_date=timezone.localdate(),
        contract_type="固定期限",
        source="employer",
    )
    assert reg.source == "employer" and reg.employment.contract_type == "fixed"
    with pytest.raises(PermissionDenied):
        employment_register(
            actor=employer_user,
            person=at.person(),
            employer=at.employer("别人的单位有限公司"),
            start_date=timezone.localdate(),
            contract_type="fixed",
            source="employer",
        )


@pytest.mark.django_db
def test_citizen_cannot_register_a_hire(citizen):
    with pytest.raises(PermissionDenied):
        employment_register(
            actor=citizen,
            person=citizen.person,
            employer=at.employer(),
            start_date=timezone.localdate(),
            contract_type="fixed",
            source="window",
        )


@pytest.mark.django_db
def test_clerk_of_another_district_cannot_register_a_maonan_hire(clerk_gaozhou, maonan_person):
    with pytest.raises(ValidationError, match="管辖范围"):
        employment_register(
            actor=clerk_gaozhou,
            person=maonan_person,
            employer=at.employer(),
            start_date=timezone.localdate(),
            contract_type="fixed",
            source="window",
        )
    assert not EmploymentRegistration.objects.exists()


@pytest.mark.django_db
def test_bad_input(clerk_maonan, maonan_person):
    company = at.employer()
    for kwargs, field in [
        ({"start_date": timezone.localdate() + timedelta(days=1)}, "start_date"),
        ({"source": "rumour"}, "source"),
        ({"contract_type": "handshake"}, "contract_type"),
    ]:
        values = {"start_date": timezone.localdate(), "contract_type": "fixed", "source": "window", **kwargs}
        with pytest.raises(ValidationError) as err:
            employment_register(actor=clerk_maonan, person=maonan_person, employer=company, **values)
        assert field in err.value.message_dict
    assert not Employment.objects.exists() and not EmploymentRegistration.objects.exists()


@pytest.mark.django_db
def test_employment_case_approval_registers(citizen, clerk_maonan, reviewer_maonan):
    company = at.employer("茂名市就业示范有限公司")
    form = {
        "employment_type": "单位就业",
        "employer_name": company.name,
        "employer_credit_code": company.credit_code,
        "employment_date": str(timezone.localdate()),
        "contract_type": "无固定期限",
        "occupation": "仓管员",
    }
    case = at.file_case(citizen, citizen.person, "RS-JY-002", form)
    case = at.approve(case, clerk=clerk_maonan, reviewer=reviewer_maonan)
    reg = EmploymentRegistration.objects.get(person=citizen.person)
    assert reg.source == "case" and reg.employment.contract_type == "open" and reg.employment.position == "仓管员"
    assert case.status in (Status.APPROVED, Status.CLOSED)


@pytest.mark.django_db
def test_employment_case_with_an_unknown_employer_cannot_be_approved(clerk_maonan, reviewer_maonan):
    worker = at.person(born=date(1964, 6, 1))  # past 60: not 秒批, the clerk decides
    form = {
        "employment_type": "单位就业",
        "employer_credit_code": testing.credit_code(),
        "employment_date": str(timezone.localdate()),
    }
    case = at.file_case(clerk_maonan, worker, "RS-JY-002", form, channel="window")
    with pytest.raises(ValidationError, match="尚未登记"):
        at.approve(case, clerk=clerk_maonan, reviewer=reviewer_maonan)
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and not EmploymentRegistration.objects.exists()
