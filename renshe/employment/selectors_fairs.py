"""Reads about job fairs, always through who is asking.

The public see announced fairs (open, closed, and cancelled ones that have not yet passed) and the
approved booths with their published jobs; staff holding ``employment.manage_fairs`` or
``employment.check_in_fair`` also see their own region's fairs in every state; a citizen sees only
their own sign-ups, an employer only its own booths. Single objects come from the
``get_*_or_404`` helpers, which answer 404 alike for "missing" and "not yours".
"""

from __future__ import annotations

import re
from datetime import datetime

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Sum, Value, When
from django.http import Http404
from django.utils import timezone

from renshe.accounts.models import Role
from renshe.accounts.scoping import NOTHING, region_q
from renshe.employment.models import (
    Booth,
    FairEvent,
    FairOutcome,
    FairRegistration,
    Job,
    JobApplication,
    JobFair,
    JobSeeker,
)
from renshe.employment.models.jobs import JobStatus

FAIR_STAFF_PERMS = ("employment.manage_fairs", "employment.check_in_fair")
LIVE_COUNTS_SECONDS = 10
_DISTRICT_RE = re.compile(r"^\d{6}$")

# --- visibility -----------------------------------------------------------------------------


def fair_public_q(now: datetime | None = None) -> Q:
    """What anyone may see: announced fairs, and a cancelled one until the day it would have ended."""
    now = now or timezone.now()
    return Q(status__in=[JobFair.Status.OPEN, JobFair.Status.CLOSED]) | Q(
        status=JobFair.Status.CANCELLED, ends_at__gte=now
    )


def _is_fair_staff(user, perm: str | None = None) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_bureau_staff:
        return False
    return any(user.has_perm(p) for p in ((perm,) if perm else FAIR_STAFF_PERMS))


def fair_staff_q(user, perm: str | None = None) -> Q:
    """The fairs of the staff member's region (and below), in every state; ``perm`` narrows to one permission."""
    return region_q(user, "region") if _is_fair_staff(user, perm) else NOTHING


def fairs_visible_to(user) -> QuerySet[JobFair]:
    return JobFair.objects.filter(fair_public_q() | fair_staff_q(user))


def _upcoming_first(qs: QuerySet[JobFair], now: datetime) -> QuerySet[JobFair]:
    """Running and upcoming fairs first, soonest first; then past ones, latest first."""
    return qs.annotate(
        is_past=Case(When(ends_at__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField()),
        upcoming_start=Case(When(ends_at__gte=now, then=F("starts_at"))),
    ).order_by("is_past", F("upcoming_start").asc(nulls_last=True), "-starts_at", "-id")


def _filtered(qs: QuerySet[JobFair], *, theme: str = "", district: str = "", mode: str = "") -> QuerySet[JobFair]:
    if theme:
        qs = qs.filter(theme=theme)
    if mode:
        qs = qs.filter(mode=mode)
    if district and _DISTRICT_RE.match(district):
        qs = qs.filter(region__code__startswith=district)
    return qs


def fair_list_public(*, viewer=None, theme: str = "", district: str = "", mode: str = "") -> QuerySet[JobFair]:
    """The public list: never a draft. ``viewer`` is accepted for symmetry; the list is the same for all."""
    now = timezone.now()
    qs = _filtered(JobFair.objects.filter(fair_public_q(now)), theme=theme, district=district, mode=mode)
    return _upcoming_first(qs.select_related("region"), now)


def fair_list_staff(
    *, viewer, perm: str | None = None, status: str = "", theme: str = "", district: str = "", mode: str = ""
) -> QuerySet[JobFair]:
    qs = JobFair.objects.filter(fair_staff_q(viewer, perm))
    if status:
        qs = qs.filter(status=status)
    qs = _filtered(qs, theme=theme, district=district, mode=mode)
    return _upcoming_first(qs.select_related("region", "organiser"), timezone.now())


def fair_list_check_in(*, viewer) -> QuerySet[JobFair]:
    """Fairs in the viewer's region whose doors open today (offline or hybrid, open)."""
    today = timezone.localdate()
    return (
        fair_list_staff(viewer=viewer, perm="employment.check_in_fair", status=JobFair.Status.OPEN)
        .exclude(mode="online")
        .filter(starts_at__date__lte=today, ends_at__date__gte=today)
    )


# --- single objects -------------------------------------------------------------------------


def _get_or_404(qs: QuerySet, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_public_fair_or_404(pk, *, viewer=None) -> JobFair:
    """A fair anyone may see; staff of its region also reach their own drafts."""
    q = fair_public_q() | (fair_staff_q(viewer) if viewer is not None else NOTHING)
    return _get_or_404(JobFair.objects.filter(q).select_related("region", "organiser"), pk)


def get_fair_for_staff_or_404(user, pk, *, perm: str = "employment.manage_fairs") -> JobFair:
    """A fair of the staff member's region, for someone holding ``perm``; 404 otherwise."""
    return _get_or_404(JobFair.objects.filter(fair_staff_q(user, perm)).select_related("region", "organiser"), pk)


def get_booth_for_staff_or_404(user, pk) -> Booth:
    q = region_q(user, "fair__region") if _is_fair_staff(user, "employment.manage_fairs") else NOTHING
    return _get_or_404(Booth.objects.filter(q).select_related("fair", "employer"), pk)


def my_registrations(*, viewer) -> QuerySet[FairRegistration]:
    if not getattr(viewer, "is_authenticated", False) or viewer.role != Role.CITIZEN or not viewer.person_id:
        return FairRegistration.objects.none()
    return FairRegistration.objects.filter(person_id=viewer.person_id).select_related("fair", "fair__region")


def my_registration_for(*, viewer, fair: JobFair) -> FairRegistration | None:
    return my_registrations(viewer=viewer).filter(fair=fair).first()


def my_fair_applied_job_ids(*, viewer, fair: JobFair) -> set[int]:
    """The jobs the citizen applied to online through ``fair``."""
    if not getattr(viewer, "is_authenticated", False) or viewer.role != Role.CITIZEN or not viewer.person_id:
        return set()
    qs = JobApplication.objects.filter(seeker__person_id=viewer.person_id, fair=fair)
    return set(qs.values_list("job_id", flat=True))


def has_job_seeker_profile(*, viewer) -> bool:
    """Whether the citizen has a 求职登记 (the jobs module's), which applying online needs."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.person_id:
        return False
    return JobSeeker.objects.filter(person_id=viewer.person_id).exists()


def my_booths(*, viewer) -> QuerySet[Booth]:
    if not getattr(viewer, "is_authenticated", False) or viewer.role != Role.EMPLOYER or not viewer.employer_id:
        return Booth.objects.none()
    return Booth.objects.filter(employer_id=viewer.employer_id).select_related("fair", "fair__region", "employer")


def my_booth_for(*, viewer, fair: JobFair) -> Booth | None:
    return my_booths(viewer=viewer).filter(fair=fair).first()


def get_my_booth_or_404(viewer, pk) -> Booth:
    return _get_or_404(my_booths(viewer=viewer), pk)


def employer_bookable_jobs(*, viewer) -> QuerySet[Job]:
    """The employer's own published jobs: what it may show at a booth."""
    if not getattr(viewer, "is_authenticated", False) or viewer.role != Role.EMPLOYER or not viewer.employer_id:
        return Job.objects.none()
    return Job.objects.filter(employer_id=viewer.employer_id, status=JobStatus.PUBLISHED).order_by("-id")


# --- booths and jobs ------------------------------------------------------------------------


def fair_booths_public(fair: JobFair) -> QuerySet[Booth]:
    """Approved booths with their employer and their published jobs (``public_jobs``): three queries."""
    published = Job.objects.filter(status=JobStatus.PUBLISHED).select_related("region").order_by("id")
    return (
        Booth.objects.filter(fair=fair, status=Booth.Status.APPROVED)
        .select_related("employer", "employer__region")
        .prefetch_related(Prefetch("jobs", queryset=published, to_attr="public_jobs"))
        .order_by("number", "id")
    )


def fair_booths_staff(fair: JobFair) -> QuerySet[Booth]:
    """Every booth request of the fair, with its jobs and the outcomes recorded at it."""
    return (
        Booth.objects.filter(fair=fair)
        .select_related("employer")
        .prefetch_related(Prefetch("jobs", queryset=Job.objects.order_by("id")))
        .annotate(
            interviews=Count("outcomes", filter=Q(outcomes__kind=FairOutcome.Kind.INTERVIEW)),
            intentions=Count("outcomes", filter=Q(outcomes__kind=FairOutcome.Kind.INTENTION)),
            hires=Count("outcomes", filter=Q(outcomes__kind=FairOutcome.Kind.HIRED)),
        )
        .order_by(
            Case(When(status=Booth.Status.REQUESTED, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "number",
            "id",
        )
    )


def fair_booth_job(*, fair: JobFair, job_pk) -> Job:
    """A published job shown at one of the fair's approved booths, or 404."""
    qs = Job.objects.filter(
        status=JobStatus.PUBLISHED, booths__fair=fair, booths__status=Booth.Status.APPROVED
    ).select_related("employer")
    return _get_or_404(qs, job_pk)


def taken_booth_numbers(fair: JobFair) -> set[int]:
    numbers = Booth.objects.filter(fair=fair, status=Booth.Status.APPROVED).values_list("number", flat=True)
    return {int(n) for n in numbers if n.isdigit()}


def fair_events(fair: JobFair) -> QuerySet[FairEvent]:
    return FairEvent.objects.filter(fair=fair).select_related("actor", "booth__employer").order_by("at", "id")


def booth_outcomes(booth: Booth) -> QuerySet[FairOutcome]:
    return FairOutcome.objects.filter(booth=booth).select_related("person", "job").order_by("-recorded_at", "-id")


def booth_online_applicants(booth: Booth) -> QuerySet[JobApplication]:
    """People who applied online, through this fair, to a job shown at this booth."""
    return (
        JobApplication.objects.filter(fair_id=booth.fair_id, job__in=booth.jobs.all())
        .select_related("seeker__person", "job")
        .order_by("-created_at", "-id")
    )


def registration_for_booth(*, booth: Booth, code: str = "", application_id=None) -> FairRegistration | None:
    """The sign-up of a person met at ``booth``: by the entry code they show, or by their online application."""
    if code:
        return FairRegistration.objects.filter(fair_id=booth.fair_id, code=code).select_related("person").first()
    if application_id:
        application = booth_online_applicants(booth).filter(pk=application_id).first()
        if application is None:
            return None
        return (
            FairRegistration.objects.filter(fair_id=booth.fair_id, person_id=application.seeker.person_id)
            .select_related("person")
            .first()
        )
    return None


def recent_check_ins(fair: JobFair, limit: int = 10) -> list[FairRegistration]:
    return list(
        FairRegistration.objects.filter(fair=fair, checked_in_at__isnull=False)
        .select_related("person")
        .order_by("-checked_in_at")[:limit]
    )


# --- counts and results ---------------------------------------------------------------------


def _live_counts_query(fair: JobFair) -> dict[str, int]:
    regs = FairRegistration.objects.filter(fair=fair).aggregate(
        signed_up=Count("id"), checked_in=Count("id", filter=Q(checked_in_at__isnull=False))
    )
    booths = Booth.objects.filter(fair=fair).aggregate(
        booths=Count("id", filter=Q(status=Booth.Status.APPROVED)),
        booth_requests=Count("id", filter=Q(status=Booth.Status.REQUESTED)),
    )
    # One employer has one booth per fair, so a job is joined at most once: the sum does not double.
    jobs = Job.objects.filter(
        booths__fair=fair, booths__status=Booth.Status.APPROVED, status=JobStatus.PUBLISHED
    ).aggregate(jobs=Count("id"), positions=Sum("headcount"))
    outcomes = FairOutcome.objects.filter(fair=fair).aggregate(
        interviews=Count("id", filter=Q(kind=FairOutcome.Kind.INTERVIEW)),
        intentions=Count(
            "person", filter=Q(kind__in=[FairOutcome.Kind.INTENTION, FairOutcome.Kind.HIRED]), distinct=True
        ),
        hires=Count("id", filter=Q(kind=FairOutcome.Kind.HIRED)),
    )
    applications = JobApplication.objects.filter(fair=fair).count()
    return {
        "signed_up": regs["signed_up"],
        "checked_in": regs["checked_in"],
        "booths": booths["booths"],
        "booth_requests": booths["booth_requests"],
        "jobs": jobs["jobs"],
        "positions": jobs["positions"] or 0,
        "applications": applications,
        "interviews": outcomes["interviews"],
        "intentions": outcomes["intentions"],
        "hires": outcomes["hires"],
    }


def fair_live_counts(fair: JobFair, *, use_cache: bool = True) -> dict:
    """The fair's running totals for its page and the big screen (five aggregate queries, cached ~10 s).

    ``signed_up`` / ``checked_in``: sign-ups and people admitted at the door; ``booths``: approved
    booths (``booth_requests`` still waiting); ``jobs`` / ``positions``: published jobs at approved
    booths and their headcount; ``applications``: online applications through the fair;
    ``interviews``: interview records; ``intentions``: people who reached an intention to hire
    (an intention or a hire); ``hires``: people hired. ``as_of`` is when the numbers were counted.
    """
    key = f"employment:fair-live:{fair.pk}"
    if use_cache:
        cached = cache.get(key)
        if cached is not None:
            return cached
    counts = {"fair": fair.pk, **_live_counts_query(fair), "as_of": timezone.now().isoformat()}
    cache.set(key, counts, LIVE_COUNTS_SECONDS)
    return counts


def fair_outcomes_for_export(fair: JobFair) -> QuerySet[FairOutcome]:
    return (
        FairOutcome.objects.filter(fair=fair)
        .select_related("booth__employer", "person", "job", "recorded_by")
        .order_by("booth__number", "booth_id", "recorded_at", "id")
    )
