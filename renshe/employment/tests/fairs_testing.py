"""Small factories for the job-fair tests: fairs in a given state, published jobs, booths, sign-ups.

Fairs are made through the real services (announce, then open), so every test starts from a state
the platform itself could have produced.
"""

from __future__ import annotations

import itertools
import secrets
from datetime import timedelta

from django.utils import timezone

from renshe import testing
from renshe.employment import services_fairs as services
from renshe.employment import services_jobs as jobs_services
from renshe.employment.models import Booth, FairRegistration, Job, JobFair
from renshe.employment.models.jobs import JobStatus

_serial = itertools.count(1)


def fair(
    actor,
    *,
    status: str = JobFair.Status.OPEN,
    mode: str = "offline",
    region: str = "440902",
    booth_count: int = 3,
    starts_in: timedelta = timedelta(hours=-1),
    lasts: timedelta = timedelta(hours=4),
    theme: str = "general",
    title: str | None = None,
) -> JobFair:
    """A fair announced by ``actor``; by default running now (started an hour ago) and open."""
    starts = timezone.now() + starts_in
    made = services.fair_announce(
        actor=actor,
        title=title or f"测试招聘会{next(_serial)}",
        theme=theme,
        mode=mode,
        region=region,
        venue="茂名市人力资源市场" if mode != "online" else "",
        starts_at=starts,
        ends_at=starts + lasts,
        booth_count=booth_count,
    )
    if status in (JobFair.Status.OPEN, JobFair.Status.CLOSED):
        made = services.fair_transition(actor=actor, fair=made, action="open")
    if status == JobFair.Status.CLOSED:
        made = services.fair_transition(actor=actor, fair=made, action="close")
    if status == JobFair.Status.CANCELLED:
        made = services.fair_transition(actor=actor, fair=made, action="cancel", comment="场地检修")
    return made


def job(employer, *, title: str = "普工", status: str = JobStatus.PUBLISHED, headcount: int = 3) -> Job:
    return Job.objects.create(
        employer=employer,
        title=title,
        description=f"{title}，包吃住",
        region_id=employer.region_id,
        salary_min=2500,
        salary_max=4000,
        headcount=headcount,
        status=status,
        published_at=timezone.now() if status == JobStatus.PUBLISHED else None,
        share_token=secrets.token_urlsafe(12)[:24],
    )


def employer_account(username: str, name: str):
    return testing.employer_user(username=username, name=name)


def citizen_account(username: str, name: str, region: str = testing.MAONAN_TOWN):
    return testing.citizen(username=username, name=name, region=region)


def approved_booth(employer_user, fair_obj: JobFair, reviewer, *, jobs=None, number: int | None = None) -> Booth:
    jobs = jobs if jobs is not None else [job(employer_user.employer)]
    booth = services.booth_book(actor=employer_user, fair=fair_obj, jobs=jobs)
    return services.booth_approve(actor=reviewer, booth=booth, number=number)


def seeker(citizen_user):
    """The citizen's 求职登记 (the jobs module's), needed before applying online."""
    return jobs_services.seeker_save(actor=citizen_user, person=citizen_user.person, skills="家政 保洁")


def signed_up(citizen_user, fair_obj: JobFair) -> FairRegistration:
    registration, _created = services.fair_sign_up(actor=citizen_user, fair=fair_obj)
    return registration
