"""Review and the other transitions: declared in one table, scoped by the job's region, row-locked."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe import testing
from renshe.accounts.models import Message, Role
from renshe.audit.models import AuditEntry
from renshe.employment import services_jobs
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db


def test_a_reviewer_of_the_region_approves_and_the_employer_is_told(employer_user, reviewer_maonan):
    job = js.post(employer_user)
    job = services_jobs.job_transition(job=job, action="approve", actor=reviewer_maonan, comment="符合要求")
    assert job.status == JobStatus.PUBLISHED and job.published_at is not None
    event = job.events.get(action="approve")
    assert (event.from_status, event.to_status, event.actor) == ("pending", "published", reviewer_maonan)
    assert Message.objects.filter(recipient=employer_user, title__contains="岗位已发布").exists()
    assert AuditEntry.objects.filter(
        object_type="employment.job", object_id=str(job.pk), actor=reviewer_maonan
    ).exists()


def test_rejecting_needs_a_reason_that_reaches_the_employer(employer_user, reviewer_maonan):
    job = js.post(employer_user)
    with pytest.raises(ValidationError) as exc:
        services_jobs.job_transition(job=job, action="reject", actor=reviewer_maonan)
    assert "comment" in exc.value.message_dict
    job = services_jobs.job_transition(job=job, action="reject", actor=reviewer_maonan, comment="描述过于简单")
    assert job.status == JobStatus.REJECTED and job.review_note == "描述过于简单"
    assert Message.objects.get(recipient=employer_user, title__contains="未通过").body == "描述过于简单"


def test_a_citizen_cannot_review(employer_user, citizen):
    job = js.post(employer_user)
    with pytest.raises(PermissionDenied):
        services_jobs.job_transition(job=job, action="approve", actor=citizen)


def test_a_clerk_of_gaozhou_cannot_review_a_maonan_job(employer_user, clerk_gaozhou):
    job = js.post(employer_user)
    with pytest.raises(PermissionDenied):
        services_jobs.job_transition(job=job, action="approve", actor=clerk_gaozhou)


def test_a_reviewer_of_gaozhou_cannot_review_a_maonan_job(employer_user):
    reviewer_gaozhou = testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981")
    job = js.post(employer_user)
    with pytest.raises(PermissionDenied):
        services_jobs.job_transition(job=job, action="approve", actor=reviewer_gaozhou)


def test_a_clerk_of_the_region_cannot_review_either(employer_user, clerk_maonan):
    job = js.post(employer_user)
    with pytest.raises(PermissionDenied):
        services_jobs.job_transition(job=job, action="approve", actor=clerk_maonan)


def test_the_employer_cannot_approve_its_own_job(employer_user):
    job = js.post(employer_user)
    with pytest.raises(PermissionDenied):
        services_jobs.job_transition(job=job, action="approve", actor=employer_user)


def test_a_city_admin_reviews_any_district(employer_user, city_admin):
    job = js.post(employer_user)
    assert services_jobs.job_transition(job=job, action="approve", actor=city_admin).status == JobStatus.PUBLISHED


def test_a_second_approval_is_a_conflict(employer_user, reviewer_maonan, city_admin):
    job = js.post(employer_user)
    services_jobs.job_transition(job=job, action="approve", actor=reviewer_maonan)
    with pytest.raises(services_jobs.JobConflict):
        services_jobs.job_transition(job=job, action="approve", actor=city_admin)
    assert job.events.filter(action="approve").count() == 1


def test_owner_actions(employer_user):
    job = js.publish(js.post(employer_user))
    job = services_jobs.job_transition(job=job, action="fill", actor=employer_user)
    assert job.status == JobStatus.FILLED
    job = services_jobs.job_transition(job=job, action="renew", actor=employer_user)
    assert job.status == JobStatus.PENDING and job.published_at is None
    job = services_jobs.job_transition(job=job, action="withdraw", actor=employer_user)
    assert job.status == JobStatus.WITHDRAWN


def test_another_employer_cannot_withdraw(employer_user):
    other = testing.employer_user("employer_other", name="茂名市另一家有限公司")
    job = js.publish(js.post(employer_user))
    with pytest.raises(PermissionDenied):
        services_jobs.job_transition(job=job, action="withdraw", actor=other)


def test_only_a_system_job_expires(employer_user, reviewer_maonan):
    job = js.publish(js.post(employer_user))
    with pytest.raises(PermissionDenied):
        services_jobs.job_transition(job=job, action="expire", actor=reviewer_maonan)


def test_an_unknown_action_is_named(employer_user):
    job = js.post(employer_user)
    with pytest.raises(ValidationError) as exc:
        services_jobs.job_transition(job=job, action="publish", actor=None)
    assert "action" in exc.value.message_dict


def test_the_buttons_follow_the_table(employer_user, reviewer_maonan, clerk_gaozhou):
    job = js.post(employer_user)
    assert {a.name for a in services_jobs.job_actions_for(job, reviewer_maonan)} == {"approve", "reject", "withdraw"}
    assert {a.name for a in services_jobs.job_actions_for(job, employer_user)} == {"withdraw"}
    assert services_jobs.job_actions_for(job, clerk_gaozhou) == []
