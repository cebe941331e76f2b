"""Reads of the registry, always through who is asking (``visible_to``)."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.http import Http404
from django.utils.translation import gettext as _

from renshe.accounts.models import Role
from renshe.accounts.scoping import NOTHING, region_prefix, region_q
from renshe.core.identity import normalize_resident_id
from renshe.registry.models import Employer, Employment, Person

# --- visibility: one Q per model ------------------------------------------------------------


def person_visible_q(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.CITIZEN:
        return Q(pk=user.person_id) if user.person_id else NOTHING
    if user.role == Role.EMPLOYER:
        # An employer sees the people it currently employs (masked), nothing else.
        return (
            Q(employments__employer_id=user.employer_id, employments__end_date__isnull=True)
            if user.employer_id
            else NOTHING
        )
    if not user.has_perm("registry.view_person"):
        return NOTHING
    return region_q(user, "residence_region")


def employer_visible_q(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.EMPLOYER:
        return Q(pk=user.employer_id) if user.employer_id else NOTHING
    if user.role == Role.CITIZEN:
        return NOTHING
    if not user.has_perm("registry.view_employer"):
        return NOTHING
    return region_q(user, "region")


def employment_visible_q(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.CITIZEN:
        return Q(person_id=user.person_id) if user.person_id else NOTHING
    if user.role == Role.EMPLOYER:
        return Q(employer_id=user.employer_id) if user.employer_id else NOTHING
    if not user.has_perm("registry.view_employment"):
        return NOTHING
    return region_q(user, "person__residence_region") | region_q(user, "employer__region")


def persons_visible_to(user) -> QuerySet[Person]:
    qs = Person.objects.filter(person_visible_q(user))
    return qs.distinct() if getattr(user, "role", None) == Role.EMPLOYER else qs


def employers_visible_to(user) -> QuerySet[Employer]:
    return Employer.objects.filter(employer_visible_q(user))


def employments_visible_to(user) -> QuerySet[Employment]:
    return Employment.objects.filter(employment_visible_q(user))


def dangerously_all_persons() -> QuerySet[Person]:
    """Every person, unscoped: for system jobs (roll-ups, imports' duplicate check) only."""
    return Person.objects.all()


# --- single objects -------------------------------------------------------------------------


def get_person_for_user_or_404(user, pk) -> Person:
    """The same 404 for a record that does not exist and one the user may not see."""
    try:
        return persons_visible_to(user).select_related("residence_region", "household_region", "education").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_employer_for_user_or_404(user, pk) -> Employer:
    try:
        return employers_visible_to(user).select_related("region", "industry").get(pk=pk)
    except (Employer.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_employer_by_code_for_user(user, credit_code: str, *, field: str = "credit_code") -> Employer:
    """An employer of the user's region by its credit code, or a ``ValidationError`` naming ``field``."""
    employer = employers_visible_to(user).filter(credit_code=(credit_code or "").strip().upper()).first()
    if employer is None:
        raise ValidationError({field: _("辖区内没有该统一社会信用代码的单位，请先登记用人单位")})
    return employer


def get_employment_for_user_or_404(user, pk) -> Employment:
    try:
        return employments_visible_to(user).select_related("person", "employer").get(pk=pk)
    except (Employment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- search ---------------------------------------------------------------------------------

_INITIALS_RE = re.compile(r"^[a-zA-Z]{1,10}$")
_ID_PREFIX_RE = re.compile(r"^\d{6,17}[\dXx]?$")
_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def person_search_q(query: str) -> Q:
    """What a clerk types: a name (prefix), pinyin initials (``zs`` → 张三), or an identity number.

    Every branch is an indexed prefix match, so it stays fast at city scale.
    """
    q = (query or "").strip()
    if not q:
        return Q()
    if _INITIALS_RE.match(q):
        return Q(name_initials__startswith=q.lower())
    if _PHONE_RE.match(q):
        # Before the identity-number branch, which would swallow every 11-digit string; 13/14/15
        # are also province codes (河北, 山西, 内蒙古), so an identity-number prefix still matches.
        return Q(phone=q) | Q(id_number__startswith=q)
    if _ID_PREFIX_RE.match(q):
        normalized = normalize_resident_id(q)
        if len(normalized) == 18:
            return Q(id_number=normalized)
        return Q(id_number__startswith=q.upper())
    return Q(name__startswith=q)


def person_list(*, viewer, query: str = "", region: str = "", tag: str = "", gender: str = "") -> QuerySet[Person]:
    qs = persons_visible_to(viewer).filter(person_search_q(query))
    if region:
        qs = qs.filter(residence_region__code__startswith=region)
    if tag:
        qs = qs.filter(tags__code=tag)
    if gender:
        qs = qs.filter(gender=gender)
    return qs.select_related("residence_region").order_by("-id")


def employer_search_q(query: str) -> Q:
    q = (query or "").strip()
    if not q:
        return Q()
    if re.fullmatch(r"[0-9A-Za-z]{6,18}", q):
        return Q(credit_code__startswith=q.upper())
    return Q(name__contains=q)


def employer_list(*, viewer, query: str = "", region: str = "", industry: str = "") -> QuerySet[Employer]:
    qs = employers_visible_to(viewer).filter(employer_search_q(query))
    if region:
        qs = qs.filter(region__code__startswith=region)
    if industry:
        qs = qs.filter(industry_id=industry)
    return qs.select_related("region", "industry").order_by("-id")


def employment_history(*, viewer, person: Person) -> QuerySet[Employment]:
    return (
        employments_visible_to(viewer).filter(person=person).select_related("employer").order_by("-start_date", "-id")
    )


def registry_counts_for_user(*, viewer) -> dict:
    """Headline counts for the workbench, cached for five minutes per region (a full count of
    6.2 million rows on every visit would cost more than the page is worth)."""
    prefix = region_prefix(viewer)
    if prefix is None:
        return {"persons": 0, "employers": 0, "by_county": {}}
    key = f"workbench-counts:{prefix}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    persons = Person.objects.filter(residence_region__code__startswith=prefix)
    by_county = dict(
        persons.annotate(county=Substr("residence_region_id", 1, 6))
        .values("county")
        .annotate(n=Count("id"))
        .values_list("county", "n")
    )
    result = {
        "persons": sum(by_county.values()),
        "employers": Employer.objects.filter(region__code__startswith=prefix).count(),
        "by_county": by_county,
    }
    cache.set(key, result, 300)
    return result
