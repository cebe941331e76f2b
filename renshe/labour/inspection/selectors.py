"""Reads of the inspection app, always through who is asking (staff by region, citizens their own).

``employer_inspection_record`` is the interface of the employer credit rating.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from renshe.accounts.models import Role, User
from renshe.accounts.scoping import NOTHING, region_prefix, region_q
from renshe.core.models import Region, RegionLevel
from renshe.labour.inspection.models import (
    Complaint,
    Draw,
    GridAssignment,
    InspectionCase,
    Penalty,
    RectificationOrder,
)


def complaint_visible_q(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.CITIZEN:
        return Q(complainant=user)
    if not user.has_perm("inspection.view_complaint"):
        return NOTHING
    return region_q(user, "region")


def complaints_visible_to(user) -> QuerySet[Complaint]:
    return Complaint.objects.filter(complaint_visible_q(user)).select_related("region", "employer", "case")


def complaint_for_user_or_404(user, pk) -> Complaint:
    try:
        return complaints_visible_to(user).get(pk=int(pk))
    except (Complaint.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def cases_visible_to(user) -> QuerySet[InspectionCase]:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("inspection.view_inspectioncase"):
        return InspectionCase.objects.none()
    return InspectionCase.objects.filter(region_q(user, "region")).select_related("employer", "region")


def case_for_user_or_404(user, pk) -> InspectionCase:
    try:
        return cases_visible_to(user).get(pk=int(pk))
    except (InspectionCase.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def draws_visible_to(user) -> QuerySet[Draw]:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("inspection.view_inspectionplan"):
        return Draw.objects.none()
    return Draw.objects.filter(region_q(user, "plan__region")).select_related("plan", "plan__region")


def published_draws() -> QuerySet[Draw]:
    """The public page: draws whose results were published (no personal data is shown there)."""
    return Draw.objects.filter(publication__isnull=False).select_related("plan", "plan__region", "publication")


def inspectors_in_scope(user) -> QuerySet[User]:
    """Active inspectors of the user's region (a district's inspectors, or all for the city)."""
    prefix = region_prefix(user)
    if prefix is None:
        return User.objects.none()
    return (
        User.objects.filter(role=Role.INSPECTOR, is_active=True, org_unit__region__code__startswith=prefix)
        .select_related("org_unit")
        .order_by("username")
    )


def grid_rows(user) -> list[dict]:
    """Every town of the user's region with its inspectors (an empty list: uncovered)."""
    prefix = region_prefix(user)
    if prefix is None:
        return []
    towns = Region.objects.filter(level=RegionLevel.TOWN, code__startswith=prefix).select_related("parent")
    assigned: dict[str, list] = {}
    for row in GridAssignment.objects.filter(town__code__startswith=prefix).select_related("inspector"):
        assigned.setdefault(row.town_id, []).append(row)
    return [{"town": t, "assignments": assigned.get(t.code, [])} for t in towns.order_by("code")]


def uncovered_towns(user) -> list[Region]:
    return [row["town"] for row in grid_rows(user) if not row["assignments"]]


def employer_inspection_record(employer_ids: Iterable[int], *, since: date) -> dict[int, dict]:
    """For the employer credit rating: each employer's inspection record since ``since``.

    ``cases`` filed since; ``violations`` cases with the violation confirmed; ``penalties`` and
    ``penalty_amount`` decided since; ``arrears_cases`` cases about wage arrears; ``orders_unmet``
    orders found not met, or pending past their deadline; ``refused_inspection`` any case where the
    employer refused or obstructed the inspection. Every id asked for is in the answer.
    """
    ids = sorted({int(i) for i in employer_ids})
    record = {
        i: {
            "cases": 0,
            "violations": 0,
            "penalties": 0,
            "penalty_amount": Decimal("0"),
            "arrears_cases": 0,
            "orders_unmet": 0,
            "refused_inspection": False,
        }
        for i in ids
    }
    if not ids:
        return record
    cases = (
        InspectionCase.objects.filter(employer_id__in=ids, filed_on__gte=since)
        .values("employer_id")
        .annotate(
            n=Count("id"),
            violations=Count("id", filter=Q(violation_confirmed=True)),
            arrears=Count("id", filter=Q(wage_arrears=True)),
            refused=Count("id", filter=Q(refused_inspection=True)),
        )
    )
    for row in cases:
        r = record[row["employer_id"]]
        r.update(
            cases=row["n"],
            violations=row["violations"],
            arrears_cases=row["arrears"],
            refused_inspection=row["refused"] > 0,
        )
    penalties = (
        Penalty.objects.filter(case__employer_id__in=ids, decided_on__gte=since)
        .values("case__employer_id")
        .annotate(n=Count("id"), total=Sum("amount"))
    )
    for row in penalties:
        r = record[row["case__employer_id"]]
        r["penalties"], r["penalty_amount"] = row["n"], row["total"] or Decimal("0")
    from django.utils import timezone

    today = timezone.localdate()
    orders = (
        RectificationOrder.objects.filter(case__employer_id__in=ids, issued_on__gte=since)
        .filter(
            Q(status=RectificationOrder.Status.UNMET) | Q(status=RectificationOrder.Status.PENDING, deadline__lt=today)
        )
        .values("case__employer_id")
        .annotate(n=Count("id"))
    )
    for row in orders:
        record[row["case__employer_id"]]["orders_unmet"] = row["n"]
    return record
