"""Job seekers sign up (and get an entry code) and, at online fairs, apply to booth jobs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe.accounts.models import Message
from renshe.audit.models import AuditEntry
from renshe.employment import rules
from renshe.employment import services_fairs as services
from renshe.employment.models import FairRegistration, JobApplication
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db


def test_sign_up_gives_a_short_unguessable_code(reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    registration, created = services.fair_sign_up(actor=citizen, fair=fair)
    assert created
    assert rules.entry_code_well_formed(registration.code)
    assert registration.person == citizen.person
    entry = AuditEntry.objects.get(object_type="employment.fairregistration")
    assert registration.code not in entry.object_repr  # the code is a credential


def test_codes_differ_between_people(reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    other = ft.citizen_account("citizen_ls", "李四")
    a, _ = services.fair_sign_up(actor=citizen, fair=fair)
    b, _ = services.fair_sign_up(actor=other, fair=fair)
    assert a.code != b.code


def test_signing_up_again_returns_the_same_code(reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    first, _ = services.fair_sign_up(actor=citizen, fair=fair)
    again, created = services.fair_sign_up(actor=citizen, fair=fair)
    assert (again.pk, again.code, created) == (first.pk, first.code, False)
    assert FairRegistration.objects.count() == 1


@pytest.mark.parametrize("status", ["draft", "closed", "cancelled"])
def test_sign_up_only_while_open(reviewer_maonan, citizen, status):
    fair = ft.fair(reviewer_maonan, status=status)
    with pytest.raises(services.FairConflict):
        services.fair_sign_up(actor=citizen, fair=fair)
    assert not FairRegistration.objects.exists()


@pytest.mark.parametrize("who", ["employer_user", "clerk_maonan"])
def test_only_citizens_sign_up(request, reviewer_maonan, who):
    fair = ft.fair(reviewer_maonan)
    with pytest.raises(PermissionDenied):
        services.fair_sign_up(actor=request.getfixturevalue(who), fair=fair)


def _online_fair_with_job(reviewer, employer_user, mode="online"):
    fair = ft.fair(reviewer, mode=mode)
    job = ft.job(employer_user.employer, title="家政服务员")
    ft.approved_booth(employer_user, fair, reviewer, jobs=[job])
    return fair, job


def test_apply_online_records_the_fair_and_tells_the_employer(reviewer_maonan, employer_user, citizen):
    fair, job = _online_fair_with_job(reviewer_maonan, employer_user)
    ft.signed_up(citizen, fair)
    ft.seeker(citizen)
    application = services.fair_job_apply(actor=citizen, fair=fair, job=job)
    assert (application.fair, application.job, application.seeker.person) == (fair, job, citizen.person)
    with pytest.raises(ValidationError) as exc:
        services.fair_job_apply(actor=citizen, fair=fair, job=job)
    assert "已投递过" in exc.value.message_dict["job"][0]
    assert JobApplication.objects.count() == 1
    assert Message.objects.filter(recipient=employer_user, title__contains="家政服务员").exists()


def test_apply_needs_the_job_seeker_registration(reviewer_maonan, employer_user, citizen):
    fair, job = _online_fair_with_job(reviewer_maonan, employer_user)
    ft.signed_up(citizen, fair)
    with pytest.raises(ValidationError) as exc:
        services.fair_job_apply(actor=citizen, fair=fair, job=job)
    assert "求职登记" in exc.value.message_dict["seeker"][0]
    assert not JobApplication.objects.exists()


def test_apply_needs_sign_up_first(reviewer_maonan, employer_user, citizen):
    fair, job = _online_fair_with_job(reviewer_maonan, employer_user, mode="hybrid")
    with pytest.raises(ValidationError) as exc:
        services.fair_job_apply(actor=citizen, fair=fair, job=job)
    assert "请先报名" in exc.value.message_dict["fair"][0]


def test_apply_at_an_offline_fair_is_refused(reviewer_maonan, employer_user, citizen):
    fair, job = _online_fair_with_job(reviewer_maonan, employer_user, mode="offline")
    ft.signed_up(citizen, fair)
    with pytest.raises(ValidationError) as exc:
        services.fair_job_apply(actor=citizen, fair=fair, job=job)
    assert "线下招聘会" in exc.value.message_dict["fair"][0]


def test_apply_to_a_job_not_at_the_fair(reviewer_maonan, employer_user, citizen):
    fair, _job = _online_fair_with_job(reviewer_maonan, employer_user)
    ft.signed_up(citizen, fair)
    elsewhere = ft.job(employer_user.employer, title="不参展岗位")
    withdrawn = ft.job(employer_user.employer, title="已撤回", status=JobStatus.WITHDRAWN)
    for job in (elsewhere, withdrawn):
        with pytest.raises(ValidationError) as exc:
            services.fair_job_apply(actor=citizen, fair=fair, job=job)
        assert "不在本场招聘会展出" in exc.value.message_dict["job"][0]


def test_employer_cannot_apply(reviewer_maonan, employer_user):
    fair, job = _online_fair_with_job(reviewer_maonan, employer_user)
    with pytest.raises(PermissionDenied):
        services.fair_job_apply(actor=employer_user, fair=fair, job=job)
