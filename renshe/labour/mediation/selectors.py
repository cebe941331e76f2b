"""Reads of the mediation app, always through who is asking.

Staff with the view permission see the cases of organisations in their region (region scoping: a
town mediator their town, a district's staff the district, the city everything); a citizen sees only
their own cases. A case the user may not see is a 404, the same as one that does not exist.

Success rate (调解成功率, DESIGN decision in docs/mediation.md): cases concluded by an agreement ÷ cases
concluded by mediation (agreement, failure, 15 days without agreement) in the period, by the date they
were concluded; withdrawn and refused cases are not mediations that succeeded or failed and are left out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from renshe.accounts.models import Role
from renshe.accounts.scoping import NOTHING, region_q
from renshe.labour.mediation.models import (
    MEDIATED_OUTCOMES,
    Level,
    MediationCase,
    Organisation,
    Outcome,
    Status,
)

VIEW = "mediation.view_mediationcase"


def case_visible_q(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.CITIZEN:
        return Q(applicant_id=user.person_id) if user.person_id else NOTHING
    if user.role == Role.EMPLOYER:  # the respondent sees the cases against it (read only)
        return Q(respondent_employer_id=user.employer_id) if user.employer_id else NOTHING
    if not user.is_bureau_staff or not user.has_perm(VIEW):
        return NOTHING
    return region_q(user, "region")


def cases_visible_to(user) -> QuerySet[MediationCase]:
    return MediationCase.objects.filter(case_visible_q(user))


def get_case_for_user_or_404(user, pk) -> MediationCase:
    try:
        return (
            cases_visible_to(user).select_related("applicant", "organisation__region", "respondent_employer").get(pk=pk)
        )
    except (MediationCase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Organisations are public information (names, addresses); staff lists are limited to their region."""
    qs = Organisation.objects.select_related("region", "employer")
    if getattr(user, "is_bureau_staff", False):
        return qs.filter(region_q(user, "region"))
    return qs.filter(active=True)


def get_organisation_for_user_or_404(user, pk) -> Organisation:
    try:
        return organisations_visible_to(user).get(pk=pk)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def case_list(*, viewer, status: str = "", overdue_only: bool = False, query: str = "", today: date) -> QuerySet:
    qs = cases_visible_to(viewer).select_related("applicant", "organisation")
    if status in Status.values:
        qs = qs.filter(status=status)
    if overdue_only:
        qs = qs.filter(status=Status.MEDIATING, deadline__lt=today)
    if query:
        qs = qs.filter(Q(number__icontains=query) | Q(respondent_name__icontains=query) | Q(applicant__name=query))
    return qs.order_by("-id")


def deadline_state(case: MediationCase, today: date) -> str:
    """For the colour of the deadline: ``overdue`` past it, ``due_soon`` within 3 days, else ``normal``."""
    if case.status != Status.MEDIATING or case.deadline is None:
        return "none"
    if today > case.deadline:
        return "overdue"
    if (case.deadline - today).days <= 3:
        return "due_soon"
    return "normal"


# --- statistics (computed from the case records) -----------------------------------------------------


def _rate(agreed: int, concluded: int) -> Decimal | None:
    if not concluded:
        return None
    return (Decimal(agreed) * 100 / concluded).quantize(Decimal("0.1"))


def _concluded(qs, start: date, end: date):
    return qs.filter(outcome__in=MEDIATED_OUTCOMES, concluded_on__gte=start, concluded_on__lte=end)


def statistics(*, qs: QuerySet, start: date, end: date, today: date) -> dict:
    """Counts received/concluded/overdue and the success rate, by level, by county and by month."""
    received = qs.filter(applied_on__gte=start, applied_on__lte=end).count()
    concluded_qs = _concluded(qs, start, end)
    concluded = concluded_qs.count()
    agreed = concluded_qs.filter(outcome=Outcome.AGREEMENT).count()
    overdue = qs.filter(status=Status.MEDIATING, deadline__lt=today).count()
    by_level = []
    rows = (
        concluded_qs.order_by()
        .values("organisation__level")
        .annotate(n=Count("id"), agreed=Count("id", filter=Q(outcome=Outcome.AGREEMENT)))
    )
    levels = {r["organisation__level"]: r for r in rows}
    for level in sorted(Level, reverse=True):
        r = levels.get(level.value, {"n": 0, "agreed": 0})
        by_level.append(
            {"label": level.label, "concluded": r["n"], "agreed": r["agreed"], "rate": _rate(r["agreed"], r["n"])}
        )
    return {
        "received": received,
        "concluded": concluded,
        "agreed": agreed,
        "overdue": overdue,
        "rate": _rate(agreed, concluded),
        "by_level": by_level,
        "by_county": _by_county(qs, start, end),
        "by_month": _by_month(qs, start, end),
    }


def _by_county(qs, start: date, end: date) -> list[dict]:
    counts: dict[str, dict] = defaultdict(lambda: {"received": 0, "concluded": 0, "agreed": 0})
    for code, n in (
        qs.filter(applied_on__gte=start, applied_on__lte=end)
        .order_by()
        .values_list("region_id")
        .annotate(n=Count("id"))
    ):
        counts[code[:6]]["received"] += n
    for code, outcome, n in (
        _concluded(qs, start, end).order_by().values_list("region_id", "outcome").annotate(n=Count("id"))
    ):
        counts[code[:6]]["concluded"] += n
        if outcome == Outcome.AGREEMENT:
            counts[code[:6]]["agreed"] += n
    from renshe.core.models import Region

    names = dict(Region.objects.filter(code__in=list(counts)).values_list("code", "name"))
    return [
        {"code": code, "name": names.get(code, code), **c, "rate": _rate(c["agreed"], c["concluded"])}
        for code, c in sorted(counts.items())
    ]


def _by_month(qs, start: date, end: date) -> list[dict]:
    counts: dict[str, dict] = defaultdict(lambda: {"received": 0, "concluded": 0, "agreed": 0})
    for day in qs.filter(applied_on__gte=start, applied_on__lte=end).values_list("applied_on", flat=True):
        counts[f"{day:%Y-%m}"]["received"] += 1
    for day, outcome in _concluded(qs, start, end).values_list("concluded_on", "outcome"):
        counts[f"{day:%Y-%m}"]["concluded"] += 1
        if outcome == Outcome.AGREEMENT:
            counts[f"{day:%Y-%m}"]["agreed"] += 1
    return [{"month": m, **c, "rate": _rate(c["agreed"], c["concluded"])} for m, c in sorted(counts.items())]


def cases_for_statistics(user) -> QuerySet[MediationCase]:
    """The cases a statistics page counts: the user's region (counts only, no personal data shown)."""
    if not getattr(user, "is_bureau_staff", False):
        return MediationCase.objects.none()
    return MediationCase.objects.filter(region_q(user, "region"))


def dangerously_all_cases() -> QuerySet[MediationCase]:
    """Every case, unscoped: for the figures roll-up and system jobs only."""
    return MediationCase.objects.all()


def success_rate_by_county(start: date, end: date) -> dict[str, Decimal]:
    """The success rate by county code and for the city (figures.py)."""
    qs = _concluded(dangerously_all_cases(), start, end)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, outcome, n in qs.order_by().values_list("region_id", "outcome").annotate(n=Count("id")):
        for key in {code[:6], "440900"}:
            totals[key][0] += n
            totals[key][1] += n if outcome == Outcome.AGREEMENT else 0
    return {code: _rate(agreed, n) for code, (n, agreed) in totals.items() if code.startswith("4409") and n}


def received_by_county(start: date, end: date) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    qs = dangerously_all_cases().filter(applied_on__gte=start, applied_on__lte=end)
    for code, n in qs.order_by().values_list("region_id").annotate(n=Count("id")):
        if code[:6] != "440900":
            totals[code[:6]] += n
        totals["440900"] += n  # the city's own centre counts in the city, in no county
    return dict(totals)


def employer_by_credit_code(credit_code: str, *, field: str = "respondent_credit_code"):
    """An employer named by the applicant: its name and credit code are public (企业信用信息公示), so
    the lookup is exact and unscoped; None for a blank code, a ``ValidationError`` for an unknown one."""
    from renshe.registry.models import Employer

    code = (credit_code or "").strip().upper()
    if not code:
        return None
    employer = Employer.objects.filter(credit_code=code).select_related("region").first()
    if employer is None:
        raise ValidationError({field: _("没有该统一社会信用代码的单位，可只填写单位名称")})
    return employer
