"""Posting and editing a job: everything checked before anything is stored; refused or held with the reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from renshe import testing
from renshe.audit.models import AuditAction, AuditEntry
from renshe.employment import rules, services_jobs
from renshe.employment.models import Job, JobEvent
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db


def test_a_posting_goes_to_review_with_its_event_and_audit(employer_user):
    job = js.post(employer_user)
    assert job.status == JobStatus.PENDING
    assert job.employer_id == employer_user.employer_id
    assert job.expires_on == timezone.localdate() + timedelta(days=rules.JOB_DEFAULT_VALIDITY_DAYS)
    assert job.share_token and len(job.share_token) >= 16
    assert " 粤菜 " in job.match_tokens and " 厨师 " in job.match_tokens
    assert list(job.events.values_list("action", "to_status")) == [("submit", "pending")]
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="employment.job", object_id=str(job.pk)
    ).exists()


def test_pay_below_the_minimum_wage_is_refused_naming_salary_min(employer_user):
    with pytest.raises(ValidationError) as exc:
        js.post(employer_user, salary_min=1500, salary_max=1800)
    assert set(exc.value.message_dict) == {"salary_min"}
    assert "1750" in exc.value.message_dict["salary_min"][0]
    assert not Job.objects.exists()


def test_part_time_pay_is_not_held_to_the_monthly_minimum(employer_user):
    job = js.post(employer_user, hours="part_time", salary_min=1200, salary_max=1500)
    assert job.status == JobStatus.PENDING


@pytest.mark.parametrize(
    ("text", "field"),
    [("限男性", "description"), ("已婚已育", "description"), ("限汉族", "description"), ("限本地户口", "description")],
)
def test_clear_discrimination_is_refused_with_the_reason(employer_user, text, field):
    with pytest.raises(ValidationError) as exc:
        js.post(employer_user, description=f"负责门店销售，{text}。")
    message = exc.value.message_dict[field][0]
    assert text in message and "《" in message
    assert not Job.objects.exists()


def test_hepatitis_b_exclusion_in_the_title_is_refused(employer_user):
    with pytest.raises(ValidationError) as exc:
        js.post(employer_user, title="厨师（乙肝勿扰）")
    assert "乙肝" in exc.value.message_dict["title"][0]


def test_soft_requirements_are_held_for_the_reviewer(employer_user):
    job = js.post(employer_user, description="负责前台接待，身高160cm以上，形象气质佳。", age_min=18, age_max=30)
    assert job.status == JobStatus.PENDING
    categories = {f["code"] for f in job.review_flags}
    assert {"looks", "age_limit"} <= categories
    assert all(f["source"].startswith("《") for f in job.review_flags)
    assert "自动审查提示" in job.events.get().comment


def test_every_bad_field_is_reported_at_once(employer_user):
    with pytest.raises(ValidationError) as exc:
        js.post(
            employer_user,
            title="",
            region="440100",
            salary_min=3000,
            salary_max=2000,
            headcount=0,
            age_min=14,
            occupation="9-99",
            education="99",
        )
    assert set(exc.value.message_dict) >= {
        "title",
        "region",
        "salary_max",
        "headcount",
        "age_min",
        "occupation",
        "education",
    }


@pytest.mark.parametrize("region", ["440900", "440100", "999999", ""])
def test_the_place_must_be_a_county_or_town_in_maoming(employer_user, region):
    with pytest.raises(ValidationError) as exc:
        js.post(employer_user, region=region)
    assert "region" in exc.value.message_dict


def test_expiry_within_limits(employer_user):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        js.post(employer_user, expires_on=today)
    assert "expires_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        js.post(employer_user, expires_on=today + timedelta(days=400))
    assert js.post(employer_user, expires_on=today + timedelta(days=30)).expires_on == today + timedelta(days=30)


def test_only_an_employer_account_posts(citizen, clerk_maonan):
    for actor in (citizen, clerk_maonan):
        with pytest.raises(PermissionDenied):
            js.post(actor)


def test_unknown_fields_are_refused(employer_user):
    with pytest.raises(ValidationError):
        js.post(employer_user, salary="5000")


# --- editing ----------------------------------------------------------------------------------


def test_editing_a_published_job_sends_it_back_to_review(employer_user):
    job = js.publish(js.post(employer_user))
    job = services_jobs.job_update(actor=employer_user, job=job, salary_max=7000)
    assert job.status == JobStatus.PENDING and job.published_at is None
    assert job.salary_max == 7000
    assert list(job.events.values_list("action", flat=True)) == ["submit", "approve", "edit"]


def test_editing_runs_the_same_checks(employer_user):
    job = js.post(employer_user)
    with pytest.raises(ValidationError) as exc:
        services_jobs.job_update(actor=employer_user, job=job, description="粤菜厨师，男性优先")
    assert "description" in exc.value.message_dict
    job.refresh_from_db()
    assert "男性优先" not in job.description


def test_another_employer_cannot_edit(employer_user):
    other = testing.employer_user("employer_other", name="茂名市另一家有限公司")
    job = js.post(employer_user)
    with pytest.raises(PermissionDenied):
        services_jobs.job_update(actor=other, job=job, title="改名")


def test_a_filled_job_cannot_be_edited(employer_user):
    job = js.publish(js.post(employer_user))
    services_jobs.job_transition(job=job, action="fill", actor=employer_user)
    with pytest.raises(services_jobs.JobConflict):
        services_jobs.job_update(actor=employer_user, job=job, title="改名")
    assert JobEvent.objects.filter(job=job, action="fill").exists()
