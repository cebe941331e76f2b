"""Helpers for the job, matching and API tests: postings and seekers in a line each."""

from __future__ import annotations

from datetime import date

from renshe import testing
from renshe.employment import services_jobs
from renshe.employment.models import Job, JobSeeker
from renshe.employment.models.jobs import JobStatus

GOOD_JOB = {
    "title": "粤菜厨师",
    "description": "负责粤菜烹饪、炒锅、切配，持中式烹调师证书，粤菜师傅工程学员优先。",
    "region": testing.MAONAN_TOWN,
    "salary_min": 4500,
    "salary_max": 6500,
    "headcount": 2,
}


def post(actor, **fields) -> Job:
    """A job posted by ``actor`` (an employer account) with good defaults."""
    return services_jobs.job_create(actor=actor, **{**GOOD_JOB, **fields})


def publish(job: Job, reviewer=None) -> Job:
    """Approve a posting (as ``reviewer``, or as a system job)."""
    return services_jobs.job_transition(job=job, action="approve", actor=reviewer)


def published_job(employer=None, **fields) -> Job:
    """A published job of ``employer`` (a registry Employer; a fresh one by default)."""
    employer = employer or testing.employer(name=f"茂名{fields.get('title', '示范')}有限公司")
    job = services_jobs.job_create(actor=None, employer=employer, **{**GOOD_JOB, **fields})
    job = publish(job)
    assert job.status == JobStatus.PUBLISHED
    return job


def seeker(
    person=None,
    *,
    name: str = "王小明",
    region: str = testing.MAONAN_TOWN,
    born=date(1990, 5, 17),
    female=False,
    education: str | None = "61",
    actor=None,
    **fields,
) -> JobSeeker:
    """A 求职登记 of ``person`` (a fresh person by default) saved by ``actor`` (system by default)."""
    if person is None:
        person = testing.person(
            name=name, region=region, id_number=testing.id_number(region[:6], born, female=female), education=education
        )
    fields.setdefault("visible_to_employers", True)
    return services_jobs.seeker_save(actor=actor, person=person, **fields)
