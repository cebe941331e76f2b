"""Reads about job seekers and jobs, always through who is asking.

Everyone sees published jobs that have not expired; an employer also its own jobs in any state;
staff with ``employment.view_job`` the jobs of their region. A seeker is seen by the person
themself, by staff of the region they live in (``employment.view_jobseeker``), and — masked, and
only with their consent — by employers (``seeker_card``). Writes are in ``services_jobs``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from renshe.accounts.models import Role
from renshe.accounts.scoping import NOTHING, region_q
from renshe.core.identity import mask_name
from renshe.employment import matching
from renshe.employment.models import Job, JobApplication, JobSeeker, Recommendation
from renshe.employment.models.jobs import JobStatus

# --- jobs -------------------------------------------------------------------------------------


def open_q(today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(status=JobStatus.PUBLISHED) & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def job_visible_q(user, today: date | None = None) -> Q:
    q = open_q(today)
    if not getattr(user, "is_authenticated", False):
        return q
    if user.role == Role.EMPLOYER and user.employer_id:
        return q | Q(employer_id=user.employer_id)
    if user.is_bureau_staff and user.has_perm("employment.view_job"):
        return q | region_q(user, "region")
    return q


def jobs_visible_to(user) -> QuerySet[Job]:
    return Job.objects.filter(job_visible_q(user))


def _job_related(qs: QuerySet[Job]) -> QuerySet[Job]:
    return qs.select_related("employer", "region", "region__parent", "occupation", "education")


def get_public_job_or_404(pk) -> Job:
    try:
        return _job_related(Job.objects.filter(open_q())).get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_job_by_share_token_or_404(token: str) -> Job:
    job = _job_related(Job.objects.filter(open_q())).filter(share_token=str(token)[:24]).first()
    if job is None:
        raise Http404
    return job


def get_job_for_user_or_404(user, pk) -> Job:
    """A job the user may see (public, own, or in their region): the same 404 for missing and forbidden."""
    try:
        return _job_related(jobs_visible_to(user)).get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_own_job_or_404(user, pk) -> Job:
    """One of the employer's own jobs (to edit or manage); any other employer's job is a 404."""
    if getattr(user, "role", None) != Role.EMPLOYER or not user.employer_id:
        raise Http404
    try:
        return _job_related(Job.objects.filter(employer_id=user.employer_id)).get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_job_for_review_or_404(user, pk) -> Job:
    """A job in the reviewer's region, in any state (the review page and its timeline)."""
    if not (getattr(user, "is_bureau_staff", False) and user.has_perm("employment.view_job")):
        raise Http404
    try:
        return _job_related(Job.objects.filter(region_q(user, "region"))).get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def job_share_url(job: Job) -> str:
    """The address a job's QR code and share link carry (reachable from a phone: ``PUBLIC_BASE_URL``)."""
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{reverse('employment:job_share', args=[job.share_token])}"


def keyword_q(text: str) -> Q:
    """Every word of ``text`` among a job's tokens: PostgreSQL full-text on the GIN index, else LIKE."""
    words = list(matching.text_tokens(text or ""))[:8]
    if not words:
        raw = (text or "").strip()
        return Q(title__icontains=raw) if raw else Q()
    if connection.vendor == "postgresql":
        return Q(
            RawSQL(
                "to_tsvector('simple'::regconfig, employment_job.match_tokens) @@ to_tsquery('simple', %s)",
                [" & ".join(words)],
                output_field=BooleanField(),
            )
        )
    q = Q()
    for word in words:
        q &= Q(match_tokens__contains=f" {word} ")
    return q


@dataclass
class JobFilters:
    q: str = ""
    region: str = ""  # a county or town code (prefix)
    occupation: str = ""
    education: str = ""  # the seeker's education: jobs requiring at most this
    pay_min: int | None = None  # jobs paying at least this at the top of their range
    hours: str = ""

    @classmethod
    def from_params(cls, params) -> JobFilters:
        pay = (params.get("pay_min") or params.get("salary") or "").strip()
        district = (params.get("district") or "").strip()[:6]
        town = (params.get("town") or "").strip()[:12]
        if district and not town.startswith(district):
            town = ""  # the district changed: the town chosen under the old one no longer applies
        return cls(
            q=(params.get("q") or "").strip()[:40],
            region=(town or params.get("region") or district or "").strip()[:12],
            occupation=(params.get("occupation") or "").strip()[:10],
            education=(params.get("education") or "").strip()[:4],
            pay_min=int(pay) if pay.isdigit() and len(pay) <= 7 else None,
            hours=(params.get("hours") or "").strip()[:10],
        )


def _apply_filters(qs: QuerySet[Job], f: JobFilters) -> QuerySet[Job]:
    if f.q:
        qs = qs.filter(keyword_q(f.q))
    if f.region and f.region.isdigit():
        qs = qs.filter(region__code__startswith=f.region)
    if f.occupation:
        qs = qs.filter(Q(occupation_id=f.occupation) | Q(occupation__parent_id=f.occupation))
    if f.education:
        from renshe.core.models import EducationLevel

        level = EducationLevel.objects.filter(pk=f.education).first()
        if level is not None:
            qs = qs.filter(Q(education__isnull=True) | Q(education__rank__lte=level.rank))
    if f.pay_min:
        qs = qs.filter(salary_max__gte=f.pay_min)
    if f.hours in ("full_time", "part_time", "any"):
        qs = qs.filter(hours__in=[f.hours, "any"] if f.hours != "any" else ["full_time", "part_time", "any"])
    return qs


def job_search(*, filters: JobFilters) -> QuerySet[Job]:
    """The public search: open jobs, newest first."""
    return _job_related(_apply_filters(Job.objects.filter(open_q()), filters)).order_by("-published_at", "-id")


def job_list_for_user(*, viewer, filters: JobFilters, status: str = "", mine: bool = False) -> QuerySet[Job]:
    """The API's list: what ``viewer`` may see, filtered (``mine``: the employer's own only)."""
    qs = jobs_visible_to(viewer)
    if mine:
        qs = qs.filter(employer_id=viewer.employer_id) if getattr(viewer, "employer_id", None) else qs.none()
    if status in JobStatus.values:
        qs = qs.filter(status=status)
    return _job_related(_apply_filters(qs, filters)).order_by("-published_at", "-id")


def employer_jobs(*, viewer, status: str = "") -> QuerySet[Job]:
    if getattr(viewer, "role", None) != Role.EMPLOYER or not viewer.employer_id:
        return Job.objects.none()
    qs = Job.objects.filter(employer_id=viewer.employer_id)
    if status in JobStatus.values:
        qs = qs.filter(status=status)
    return _job_related(qs).order_by("-updated_at", "-id")


def review_queue(*, viewer, status: str = JobStatus.PENDING, region: str = "", flagged: bool = False) -> QuerySet[Job]:
    """Jobs of the reviewer's region, oldest first (pending: first come, first served)."""
    if not (getattr(viewer, "is_bureau_staff", False) and viewer.has_perm("employment.view_job")):
        return Job.objects.none()
    qs = Job.objects.filter(region_q(viewer, "region"))
    if status in JobStatus.values:
        qs = qs.filter(status=status)
    if region and region.isdigit():
        qs = qs.filter(region__code__startswith=region)
    if flagged:
        qs = qs.exclude(review_flags=[])
    order = ("created_at", "id") if status == JobStatus.PENDING else ("-updated_at", "-id")
    return _job_related(qs).order_by(*order)


def job_events(job: Job):
    return job.events.select_related("actor").order_by("at", "id")


# --- seekers ----------------------------------------------------------------------------------


def seeker_visible_q(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.CITIZEN:
        return Q(person_id=user.person_id) if user.person_id else NOTHING
    if user.is_bureau_staff and user.has_perm("employment.view_jobseeker"):
        return region_q(user, "person__residence_region")
    return NOTHING


def _seeker_related(qs: QuerySet[JobSeeker]) -> QuerySet[JobSeeker]:
    return qs.select_related("person", "person__education", "person__residence_region").prefetch_related(
        "desired_occupations", "desired_regions"
    )


def own_seeker(user) -> JobSeeker | None:
    if getattr(user, "role", None) != Role.CITIZEN or not user.person_id:
        return None
    return _seeker_related(JobSeeker.objects.filter(person_id=user.person_id)).first()


def seeker_of_person(person) -> JobSeeker | None:
    """The 求职登记 of a person the caller already fetched through a scoped selector."""
    return _seeker_related(JobSeeker.objects.filter(person=person)).first()


def get_seeker_for_user_or_404(user, pk) -> JobSeeker:
    try:
        return _seeker_related(JobSeeker.objects.filter(seeker_visible_q(user))).get(pk=pk)
    except (JobSeeker.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def seeker_list(*, viewer, query: str = "", status: str = "") -> QuerySet[JobSeeker]:
    from renshe.registry.selectors import dangerously_all_persons, person_search_q

    qs = JobSeeker.objects.filter(seeker_visible_q(viewer))
    if query:
        # The registry's search (name prefix, pinyin initials, identity number) as a subquery; the
        # scope still comes from seeker_visible_q above.
        qs = qs.filter(person__in=dangerously_all_persons().filter(person_search_q(query)).values("pk"))
    if status in JobSeeker.Status.values:
        qs = qs.filter(status=status)
    return qs.select_related("person", "person__residence_region", "person__education").order_by("-updated_at", "-id")


def applied_to_employer(seeker: JobSeeker, employer_id: int) -> bool:
    return JobApplication.objects.filter(seeker=seeker, job__employer_id=employer_id).exists()


@dataclass
class SeekerCard:
    """A seeker as an employer sees one: masked unless the seeker applied to that employer's job."""

    seeker_id: int
    name: str
    gender: str
    age: int | None
    education: str
    phone: str
    desired_titles: str
    skills: str
    certificates: str
    summary: str
    salary_expected: int | None
    available_from: date | None
    applied: bool


def seeker_card(seeker: JobSeeker, *, employer_id: int, applied: bool | None = None) -> SeekerCard:
    person = seeker.person
    if applied is None:
        applied = applied_to_employer(seeker, employer_id)
    from renshe.employment import rules

    return SeekerCard(
        seeker_id=seeker.pk,
        name=person.name if applied else mask_name(person.name),
        gender=person.get_gender_display(),
        age=rules.age_on(person.birth_date, timezone.localdate()) if person.birth_date else None,
        education=person.education.name if person.education_id else "",
        phone="",  # only through the audited reveal (services_jobs.application_contact_reveal)
        desired_titles=seeker.desired_titles,
        skills=seeker.skills,
        certificates=seeker.certificates,
        summary=seeker.summary,
        salary_expected=seeker.salary_expected,
        available_from=seeker.available_from,
        applied=applied,
    )


def job_applications(*, viewer, job: Job) -> QuerySet[JobApplication]:
    """Applications to the employer's own job (the caller fetched ``job`` with ``get_own_job_or_404``)."""
    if getattr(viewer, "employer_id", None) != job.employer_id:
        return JobApplication.objects.none()
    return (
        JobApplication.objects.filter(job=job)
        .select_related("seeker", "seeker__person", "seeker__person__education")
        .order_by("-created_at")
    )


def get_application_for_employer_or_404(user, pk) -> JobApplication:
    if getattr(user, "role", None) != Role.EMPLOYER or not user.employer_id:
        raise Http404
    try:
        return JobApplication.objects.select_related("job", "seeker__person").get(
            pk=pk, job__employer_id=user.employer_id
        )
    except (JobApplication.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def my_applications(*, viewer) -> QuerySet[JobApplication]:
    if getattr(viewer, "role", None) != Role.CITIZEN or not viewer.person_id:
        return JobApplication.objects.none()
    return (
        JobApplication.objects.filter(seeker__person_id=viewer.person_id)
        .select_related("job", "job__employer", "job__region")
        .order_by("-created_at")
    )


def my_recommendations(*, viewer) -> QuerySet[Recommendation]:
    if getattr(viewer, "role", None) != Role.CITIZEN or not viewer.person_id:
        return Recommendation.objects.none()
    return (
        Recommendation.objects.filter(seeker__person_id=viewer.person_id)
        .filter(job__in=Job.objects.filter(open_q()))
        .select_related("job", "job__employer", "job__region")
        .order_by("-created_at", "-score")
    )
