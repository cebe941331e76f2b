"""Reads of the contracts app, always through who is asking.

Staff see the records of employers in their region (``region_q`` on the employer's region); an
employer only its own; the public only what is published (valid licences, the current blacklist,
published C ratings). Single objects come from ``get_*_for_user_or_404`` (the same 404 for missing
and forbidden).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.http import Http404

from renshe.accounts.models import Role
from renshe.accounts.scoping import NOTHING, region_prefix, region_q
from renshe.core.figures import COUNTIES
from renshe.core.models import Industry, Region
from renshe.labour.contracts import rules
from renshe.labour.contracts.models import (
    BlacklistEntry,
    BlacklistStatus,
    ContractStatus,
    CreditRating,
    DispatchLicence,
    LabourContract,
    LicenceStatus,
)
from renshe.registry.models import Employment


def _employer_scoped(user, perm: str) -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.EMPLOYER:
        return Q(employer_id=user.employer_id) if user.employer_id else NOTHING
    if not user.is_bureau_staff or not user.has_perm(perm):
        return NOTHING
    return region_q(user, "employer__region")


# --- contracts ------------------------------------------------------------------------------------


def contracts_visible_to(user) -> QuerySet[LabourContract]:
    return LabourContract.objects.filter(_employer_scoped(user, "contracts.view_labourcontract"))


def contract_list(*, viewer, query: str = "", status: str = "", county: str = "") -> QuerySet[LabourContract]:
    qs = contracts_visible_to(viewer).select_related("person", "employer", "employer__region")
    q = (query or "").strip()
    if q:
        qs = qs.filter(
            Q(employer__name__contains=q) | Q(employer__credit_code=q.upper()) | Q(person__id_number=q.upper())
        )
    if status in ContractStatus.values:
        qs = qs.filter(status=status)
    if county:
        qs = qs.filter(employer__region__code__startswith=county)
    return qs.order_by("-id")


def get_contract_for_user_or_404(user, pk) -> LabourContract:
    try:
        return contracts_visible_to(user).select_related("person", "employer", "renewed_from").get(pk=pk)
    except (LabourContract.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- signing rate ---------------------------------------------------------------------------------


def _valid_contract_q(day: date) -> Q:
    return (
        Q(start_date__lte=day)
        & (Q(end_date__isnull=True) | Q(end_date__gte=day))
        & (Q(terminated_on__isnull=True) | Q(terminated_on__gte=day))
    )


def _employed_on(day: date, prefix: str) -> QuerySet[Employment]:
    """Employments active on ``day`` at employers of region ``prefix`` (registry), each annotated
    with whether the pair has a contract valid that day."""
    signed = LabourContract.objects.filter(
        _valid_contract_q(day), person_id=OuterRef("person_id"), employer_id=OuterRef("employer_id")
    )
    return (
        Employment.objects.filter(employer__region__code__startswith=prefix, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .annotate(signed=Exists(signed))
    )


def _grouped(day: date, prefix: str, key) -> dict[str, tuple[int, int]]:
    rows = (
        _employed_on(day, prefix)
        .annotate(group=key)
        .order_by()
        .values("group")
        .annotate(employed=Count("id"), signed_n=Count("id", filter=Q(signed=True)))
    )
    return {r["group"]: (r["signed_n"], r["employed"]) for r in rows}


def dangerously_signing_counts_by_county(day: date, prefix: str = "4409") -> dict[str, tuple[int, int]]:
    """``{county code: (signed, employed)}`` over every employer of ``prefix`` (figures, system jobs)."""
    return _grouped(day, prefix, Substr("employer__region_id", 1, 6))


def signing_rate_table(*, viewer, day: date, by: str = "county") -> dict:
    """Rows of the signing-rate page for the viewer's region: by county (or town, for a county's staff)
    or by industry section, with the total. Counts only: no personal data."""
    prefix = region_prefix(viewer)
    if prefix is None or not viewer.has_perm("contracts.view_signing_rate"):
        return {"rows": [], "total": {"signed": 0, "employed": 0, "rate": None}}
    if by == "industry":
        counts = _grouped(day, prefix, Substr("employer__industry_id", 1, 1))
        labels = dict(Industry.objects.filter(code__in=list(counts)).values_list("code", "name"))
    else:
        length = 6 if len(prefix) <= 4 else 9
        counts = _grouped(day, prefix, Substr("employer__region_id", 1, length))
        labels = dict(Region.objects.filter(code__in=list(counts)).values_list("code", "name"))
    rows = [
        {
            "code": code,
            "label": labels.get(code, code),
            "signed": signed,
            "employed": employed,
            "rate": rules.signing_rate(signed, employed),
        }
        for code, (signed, employed) in sorted(counts.items())
    ]
    signed = sum(r["signed"] for r in rows)
    employed = sum(r["employed"] for r in rows)
    return {
        "rows": rows,
        "total": {"signed": signed, "employed": employed, "rate": rules.signing_rate(signed, employed)},
    }


def month_ends(today: date, months: int = 12) -> list[date]:
    """The last day of each of the ``months`` months up to ``today`` (today for the current month)."""
    days = [today]
    first = today.replace(day=1)
    for _ in range(months - 1):
        first_prev = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
        days.append(date.fromordinal(first.toordinal() - 1))
        first = first_prev
    return list(reversed(days))


def signing_rate_trend(*, viewer, today: date, months: int = 12) -> list[dict]:
    """The viewer region's signing rate at the end of each month."""
    prefix = region_prefix(viewer)
    if prefix is None or not viewer.has_perm("contracts.view_signing_rate"):
        return []
    trend = []
    for day in month_ends(today, months):
        row = (
            _employed_on(day, prefix)
            .order_by()
            .aggregate(employed=Count("id"), signed_n=Count("id", filter=Q(signed=True)))
        )
        trend.append(
            {
                "month": f"{day:%Y-%m}",
                "signed": row["signed_n"],
                "employed": row["employed"],
                "rate": rules.signing_rate(row["signed_n"], row["employed"]),
            }
        )
    return trend


def county_codes() -> tuple[str, ...]:
    return COUNTIES


# --- dispatch licences ----------------------------------------------------------------------------


def licences_visible_to(user) -> QuerySet[DispatchLicence]:
    return DispatchLicence.objects.filter(_employer_scoped(user, "contracts.view_dispatchlicence"))


def licence_list(*, viewer, status: str = "") -> QuerySet[DispatchLicence]:
    qs = licences_visible_to(viewer).select_related("employer", "employer__region")
    if status in LicenceStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-id")


def get_licence_for_user_or_404(user, pk) -> DispatchLicence:
    try:
        return licences_visible_to(user).select_related("employer", "renews").get(pk=pk)
    except (DispatchLicence.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def public_licences(*, today: date, query: str = "") -> QuerySet[DispatchLicence]:
    """Valid licences for anyone: the employer, its credit code, the number and the dates."""
    qs = DispatchLicence.objects.filter(status=LicenceStatus.VALID, valid_from__lte=today, valid_until__gte=today)
    q = (query or "").strip()
    if q:
        qs = qs.filter(Q(employer__name__contains=q) | Q(number=q) | Q(employer__credit_code=q.upper()))
    return qs.select_related("employer").order_by("employer__name", "id")


# --- credit ratings -------------------------------------------------------------------------------


def ratings_visible_to(user) -> QuerySet[CreditRating]:
    if getattr(user, "role", None) == Role.EMPLOYER:
        return CreditRating.objects.none()  # staff only (DESIGN: the ratings are the bureau's)
    return CreditRating.objects.filter(_employer_scoped(user, "contracts.view_creditrating"))


def rating_list(*, viewer, year: int | None = None, grade: str = "", query: str = "") -> QuerySet[CreditRating]:
    qs = ratings_visible_to(viewer).select_related("employer", "employer__region")
    if year:
        qs = qs.filter(year=year)
    if grade:
        qs = qs.filter(grade=grade)
    q = (query or "").strip()
    if q:
        qs = qs.filter(Q(employer__name__contains=q) | Q(employer__credit_code=q.upper()))
    return qs.order_by("-year", "-grade", "employer__name")


def get_rating_for_user_or_404(user, pk) -> CreditRating:
    try:
        return ratings_visible_to(user).select_related("employer", "adjusted_by").get(pk=pk)
    except (CreditRating.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def public_c_ratings() -> QuerySet[CreditRating]:
    return (
        CreditRating.objects.filter(grade="C", published_on__isnull=False)
        .select_related("employer")
        .order_by("-year", "employer__name")
    )


# --- blacklist ------------------------------------------------------------------------------------


def blacklist_visible_to(user) -> QuerySet[BlacklistEntry]:
    return BlacklistEntry.objects.filter(_employer_scoped(user, "contracts.view_blacklistentry"))


def blacklist_list(*, viewer, status: str = "") -> QuerySet[BlacklistEntry]:
    qs = blacklist_visible_to(viewer).select_related("employer", "employer__region")
    if status in BlacklistStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-id")


def get_blacklist_entry_for_user_or_404(user, pk) -> BlacklistEntry:
    try:
        return blacklist_visible_to(user).select_related("employer").get(pk=pk)
    except (BlacklistEntry.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def public_blacklist(*, query: str = "") -> QuerySet[BlacklistEntry]:
    """The current list for anyone: no personal data (employer name, credit code, grounds, dates)."""
    qs = BlacklistEntry.objects.filter(status=BlacklistStatus.LISTED)
    q = (query or "").strip()
    if q:
        qs = qs.filter(Q(employer__name__contains=q) | Q(employer__credit_code=q.upper()))
    return qs.select_related("employer").order_by("-listed_on", "id")


def dangerously_listed_employer_ids(employer_ids) -> set[int]:
    return set(
        BlacklistEntry.objects.filter(employer_id__in=list(employer_ids), status=BlacklistStatus.LISTED).values_list(
            "employer_id", flat=True
        )
    )
