"""The periodic jobs: expiry and recommendation pushes, each safe to run twice."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Message
from renshe.core.models import PersonTag
from renshe.employment import matching, services_jobs
from renshe.employment.models import Job, Recommendation, UnemploymentRegistration
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db


def test_expire_jobs_takes_old_jobs_off_the_list_once(employer_user):
    old = js.publish(js.post(employer_user))
    current = js.publish(js.post(employer_user, title="帮厨"))
    Job.objects.filter(pk=old.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    out = StringIO()
    call_command("expire_jobs", stdout=out)
    assert "expired=1" in out.getvalue()
    old.refresh_from_db()
    current.refresh_from_db()
    assert (old.status, current.status) == (JobStatus.EXPIRED, JobStatus.PUBLISHED)
    assert old.events.filter(action="expire", actor__isnull=True).exists()
    assert Message.objects.filter(recipient=employer_user, title__contains="到期").count() == 1
    out = StringIO()
    call_command("expire_jobs", stdout=out)
    assert "expired=0" in out.getvalue()


def test_expire_jobs_as_of_a_date(employer_user):
    job = js.publish(js.post(employer_user))
    call_command("expire_jobs", "--today", (job.expires_on + timedelta(days=1)).isoformat(), stdout=StringIO())
    job.refresh_from_db()
    assert job.status == JobStatus.EXPIRED


def _ledger_people():
    tagged = testing.citizen("citizen_difficulty", name="冯桂英", region="440902001")
    tagged.person.tags.add(PersonTag.objects.get(pk="employment_difficulty"))
    js.seeker(person=tagged.person, desired_titles="保洁员", skills="清洁")
    unemployed = testing.person(name="林国华", region="440902001")
    UnemploymentRegistration.objects.create(
        person=unemployed, region_id="440902001", registered_on=timezone.localdate(), reason="合同到期"
    )
    js.seeker(person=unemployed, desired_titles="保洁")
    outsider = testing.person(name="吴少辉", region="440902001")
    js.seeker(person=outsider, desired_titles="保洁员")
    return tagged, unemployed, outsider


def test_push_recommendations_reaches_the_ledger_only_and_is_safe_twice():
    tagged, _unemployed, outsider = _ledger_people()
    job = js.published_job(title="保洁员", description="写字楼保洁")
    out = StringIO()
    call_command("push_recommendations", stdout=out)
    assert "seekers=2" in out.getvalue() and "recommendations=2" in out.getvalue()
    rec = Recommendation.objects.get(seeker__person=tagged.person)
    assert rec.job == job and rec.reasons and rec.score > 0
    assert not Recommendation.objects.filter(seeker__person=outsider).exists()
    message = Message.objects.get(recipient=tagged)
    assert "保洁员" in message.body
    call_command("push_recommendations", stdout=StringIO())
    assert Recommendation.objects.count() == 2
    assert Message.objects.filter(recipient=tagged).count() == 1
    # A new job is pushed the next time, and only it.
    js.published_job(title="保洁员（夜班）", description="商场保洁")
    counts = services_jobs.recommendations_push()
    assert counts["recommendations"] == 2 and Message.objects.filter(recipient=tagged).count() == 2


def test_rebuild_match_index_recomputes_tokens(employer_user):
    job = js.publish(js.post(employer_user))
    Job.objects.filter(pk=job.pk).update(match_tokens="")
    out = StringIO()
    call_command("rebuild_match_index", stdout=out)
    job.refresh_from_db()
    assert " 粤菜 " in job.match_tokens
    assert "jobs=1" in out.getvalue()
    assert matching.job_index().ensure_fresh().live == 1


def test_the_beat_schedule_names_the_tasks(settings):
    from renshe.employment import tasks

    tasks_by_name = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"renshe.employment.tasks.jobs_expire", "renshe.employment.tasks.recommendations_push"} <= tasks_by_name
    assert tasks.jobs_expire.delay().get() == 0
