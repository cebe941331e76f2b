"""Outcomes recorded by employers: interviews, intentions, hires — a hire is registered as employment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from renshe.audit.models import AuditEntry
from renshe.employment import services_fairs as services
from renshe.employment.models import EmploymentRegistration, FairOutcome, UnemploymentRegistration
from renshe.employment.tests import fairs_testing as ft
from renshe.registry.models import Employment

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer, title="质检员")
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan, jobs=[job])
    registration = ft.signed_up(citizen, fair)
    return fair, booth, job, registration


def test_hired_creates_the_employment_and_the_registration(scene, employer_user, citizen):
    _fair, booth, job, registration = scene
    unemployment = UnemploymentRegistration.objects.create(
        person=citizen.person, region_id="440902", registered_on=timezone.localdate(), reason="合同期满"
    )
    outcome = services.fair_outcome_record(
        actor=employer_user, booth=booth, registration=registration, kind="hired", job=job, contract_type="fixed"
    )
    assert outcome.kind == FairOutcome.Kind.HIRED and outcome.recorded_by == employer_user
    employment = Employment.objects.get(person=citizen.person, employer=employer_user.employer)
    assert (employment.start_date, employment.contract_type, employment.position) == (
        timezone.localdate(),
        "fixed",
        "质检员",
    )
    filed = EmploymentRegistration.objects.get(employment=employment)
    assert filed.source == EmploymentRegistration.Source.FAIR
    assert filed.is_urban_new is True
    assert filed.was_unemployed is True
    assert filed.registered_on == timezone.localdate()
    assert filed.region_id == employer_user.employer.region_id
    unemployment.refresh_from_db()
    assert unemployment.status == UnemploymentRegistration.Status.ENDED  # 就业后注销
    entry = AuditEntry.objects.get(object_type="employment.fairoutcome")
    assert entry.actor_id == employer_user.pk
    assert entry.changes["employment"] == [None, employment.pk]


def test_hired_needs_a_contract_type(scene, employer_user):
    _fair, booth, _job, registration = scene
    with pytest.raises(ValidationError) as exc:
        services.fair_outcome_record(actor=employer_user, booth=booth, registration=registration, kind="hired")
    assert "contract_type" in exc.value.message_dict
    assert not FairOutcome.objects.exists() and not Employment.objects.exists()


def test_hiring_someone_already_employed_there_stores_nothing(scene, employer_user, citizen):
    _fair, booth, _job, registration = scene
    Employment.objects.create(
        person=citizen.person, employer=employer_user.employer, start_date=timezone.localdate(), contract_type="fixed"
    )
    with pytest.raises(ValidationError) as exc:
        services.fair_outcome_record(
            actor=employer_user, booth=booth, registration=registration, kind="hired", contract_type="fixed"
        )
    assert "未终止的就业关系" in exc.value.messages[0]
    assert not FairOutcome.objects.exists()
    assert not EmploymentRegistration.objects.exists()


def test_the_same_result_twice_is_refused(scene, employer_user):
    _fair, booth, _job, registration = scene
    services.fair_outcome_record(actor=employer_user, booth=booth, registration=registration, kind="interview")
    with pytest.raises(ValidationError) as exc:
        services.fair_outcome_record(actor=employer_user, booth=booth, registration=registration, kind="interview")
    assert "已登记过此人的“面试”结果" in exc.value.message_dict["kind"][0]
    services.fair_outcome_record(actor=employer_user, booth=booth, registration=registration, kind="intention")
    assert FairOutcome.objects.count() == 2


def test_person_of_another_fair_or_nobody(scene, employer_user, reviewer_maonan):
    _fair, booth, _job, _registration = scene
    other_fair = ft.fair(reviewer_maonan)
    stranger = ft.signed_up(ft.citizen_account("citizen_ww", "王五"), other_fair)
    for registration in (stranger, None):
        with pytest.raises(ValidationError) as exc:
            services.fair_outcome_record(actor=employer_user, booth=booth, registration=registration, kind="interview")
        assert "code" in exc.value.message_dict


def test_job_must_be_at_the_booth(scene, employer_user):
    _fair, booth, _job, registration = scene
    elsewhere = ft.job(employer_user.employer, title="未参展")
    with pytest.raises(ValidationError) as exc:
        services.fair_outcome_record(
            actor=employer_user, booth=booth, registration=registration, kind="interview", job=elsewhere
        )
    assert "job" in exc.value.message_dict


def test_bad_kind(scene, employer_user):
    _fair, booth, _job, registration = scene
    with pytest.raises(ValidationError) as exc:
        services.fair_outcome_record(actor=employer_user, booth=booth, registration=registration, kind="married")
    assert "kind" in exc.value.message_dict


def test_another_employer_cannot_record_at_this_booth(scene):
    _fair, booth, _job, registration = scene
    other = ft.employer_account("employer_other", "别家公司")
    with pytest.raises(PermissionDenied):
        services.fair_outcome_record(actor=other, booth=booth, registration=registration, kind="interview")


@pytest.mark.parametrize("who", ["citizen", "reviewer_maonan"])
def test_only_the_employer_records(request, scene, who):
    _fair, booth, _job, registration = scene
    with pytest.raises(PermissionDenied):
        services.fair_outcome_record(
            actor=request.getfixturevalue(who), booth=booth, registration=registration, kind="interview"
        )


def test_no_outcomes_before_the_fair_starts_or_for_unapproved_booths(reviewer_maonan, employer_user, citizen):
    from datetime import timedelta

    future = ft.fair(reviewer_maonan, starts_in=timedelta(days=3))
    booth = ft.approved_booth(employer_user, future, reviewer_maonan)
    registration = ft.signed_up(citizen, future)
    with pytest.raises(services.FairConflict) as exc:
        services.fair_outcome_record(actor=employer_user, booth=booth, registration=registration, kind="interview")
    assert "开始后" in exc.value.messages[0]

    running = ft.fair(reviewer_maonan)
    requested = services.booth_book(actor=employer_user, fair=running, jobs=[ft.job(employer_user.employer)])
    with pytest.raises(services.FairConflict):
        services.fair_outcome_record(
            actor=employer_user, booth=requested, registration=ft.signed_up(citizen, running), kind="interview"
        )


def test_outcomes_after_the_fair_closed(scene, employer_user, reviewer_maonan):
    fair, booth, _job, registration = scene
    services.fair_transition(actor=reviewer_maonan, fair=fair, action="close")
    outcome = services.fair_outcome_record(
        actor=employer_user, booth=booth, registration=registration, kind="intention"
    )
    assert outcome.fair == fair
