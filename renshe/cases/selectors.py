"""Reads of cases, always through who is asking."""

from __future__ import annotations

from datetime import date

from django.db.models import Avg, Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from renshe.accounts.models import Role
from renshe.accounts.scoping import NOTHING, region_q
from renshe.cases import rules
from renshe.cases.models import Case, Rating, Rectification, Status


def case_visible_q(user) -> Q:
    """Applicants see their own cases; staff with ``cases.view_case`` those of their region."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.CITIZEN:
        return Q(applicant_id=user.person_id) if user.person_id else NOTHING
    if user.role == Role.EMPLOYER:
        return Q(applicant_employer_id=user.employer_id) if user.employer_id else NOTHING
    if not user.has_perm("cases.view_case"):
        return NOTHING
    return region_q(user, "region")


def cases_visible_to(user) -> QuerySet[Case]:
    return Case.objects.filter(case_visible_q(user))


def get_case_for_user_or_404(user, pk) -> Case:
    """The same 404 for a case that does not exist and one the user may not see."""
    try:
        return cases_visible_to(user).select_related("item_version__item", "applicant", "region", "handler").get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_case_by_token_or_404(token: str) -> Case:
    """The public status page behind a notice's QR code: by its unguessable token only."""
    case = Case.objects.select_related("item_version__item").filter(verify_token=token).first()
    if case is None:
        raise Http404
    return case


def my_cases(*, viewer) -> QuerySet[Case]:
    return cases_visible_to(viewer).select_related("item_version__item").order_by("-submitted_at")


def case_queue(
    *, viewer, status: str = "", item: str = "", sla: str = "", region: str = "", query: str = ""
) -> QuerySet[Case]:
    """A staff queue. Defaults to what the viewer's role acts on: clerks the cases waiting for
    acceptance or delivery, reviewers and leaders the cases at a review step of their role."""
    qs = cases_visible_to(viewer).select_related("item_version__item", "applicant", "region")
    if status:
        qs = qs.filter(status=status)
    elif viewer.role == Role.CLERK:
        qs = qs.filter(status__in=[Status.SUBMITTED, Status.APPROVED, Status.DENIED])
    elif viewer.role in (Role.REVIEWER, Role.LEADER):
        qs = qs.filter(status__in=[Status.IN_REVIEW, Status.SUSPENDED])
    else:
        qs = qs.exclude(status__in=[Status.CLOSED, Status.WITHDRAWN, Status.REJECTED])
    if item:
        qs = qs.filter(item_version__item__code=item)
    if sla:
        qs = qs.filter(sla_state=sla)
    if region:
        qs = qs.filter(region__code__startswith=region)
    q = (query or "").strip()
    if q:
        qs = qs.filter(Q(number=q) | Q(applicant__name__startswith=q) | Q(applicant__id_number=q.upper()))
    return qs.order_by(F("due_date").asc(nulls_last=True), "acceptance_due", "id")


def case_deadline(case: Case) -> date | None:
    """The deadline that applies now: acceptance while waiting to be accepted, completion in review."""
    if case.status == Status.SUBMITTED:
        return case.acceptance_due
    if case.status == Status.IN_REVIEW:
        return case.due_date
    # Decided cases (awaiting delivery) and suspended ones are not on the clock.
    return None


def case_days_left(case: Case, today: date | None = None) -> int | None:
    due = case_deadline(case)
    if due is None or case.status == Status.SUSPENDED:
        return None
    return rules.working_days_left(today or timezone.localdate(), due)


def rectifications_visible_to(user) -> QuerySet[Rectification]:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("cases.review_case"):
        return Rectification.objects.filter(NOTHING)
    return Rectification.objects.filter(region_q(user, "region")).select_related("rating__case__item_version__item")


def get_rectification_for_user_or_404(user, pk) -> Rectification:
    try:
        return rectifications_visible_to(user).get(pk=pk)
    except (Rectification.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def case_metrics(
    *, viewer, date_from: date | None = None, date_to: date | None = None, group_by: str = "item"
) -> list[dict]:
    """On-time completion rate, average working days and satisfaction, per item or per district.

    On time: closed (or decided) on or before the promised deadline. Average days are counted
    from acceptance to decision. Satisfaction: share of ratings 满意 or better.
    """
    if not viewer.has_perm("cases.view_case_metrics"):
        return []
    qs = Case.objects.filter(region_q(viewer, "region"), accepted_on__isnull=False, decided_on__isnull=False)
    if date_from:
        qs = qs.filter(decided_on__gte=date_from)
    if date_to:
        qs = qs.filter(decided_on__lte=date_to)
    key = {"item": "item_version__item__name", "district": "region__parent__name"}.get(
        group_by, "item_version__item__name"
    )
    rows = (
        qs.values(key)
        .annotate(
            total=Count("id"),
            on_time=Count("id", filter=Q(decided_on__lte=F("due_date"))),
            auto=Count("id", filter=Q(auto_approved=True)),
        )
        .order_by("-total")
    )
    rated = (
        Rating.objects.filter(case__in=qs)
        .values(f"case__{key}")
        .annotate(n=Count("id"), good=Count("id", filter=Q(grade__gte=4)), avg=Avg("grade"))
    )
    ratings = {r[f"case__{key}"]: r for r in rated}
    days = _average_working_days(qs, key)
    result = []
    for row in rows:
        name = row[key]
        r = ratings.get(name, {})
        result.append(
            {
                "name": name or "—",
                "total": row["total"],
                "on_time": row["on_time"],
                "on_time_rate": round(100 * row["on_time"] / row["total"], 1) if row["total"] else None,
                "auto": row["auto"],
                "avg_days": days.get(name),
                "ratings": r.get("n", 0),
                "satisfaction": round(100 * r["good"] / r["n"], 1) if r.get("n") else None,
                "avg_grade": round(float(r["avg"]), 2) if r.get("avg") is not None else None,
            }
        )
    return result


def _average_working_days(qs, key: str, limit: int = 20000) -> dict:
    """Average working days from acceptance to decision per group (over the latest ``limit`` cases)."""
    totals: dict = {}
    for name, accepted, decided in qs.order_by("-decided_on").values_list(key, "accepted_on", "decided_on")[:limit]:
        days = rules.working_days_left(accepted, decided)
        n, s = totals.get(name, (0, 0))
        totals[name] = (n + 1, s + days)
    return {name: round(s / n, 1) for name, (n, s) in totals.items() if n}
