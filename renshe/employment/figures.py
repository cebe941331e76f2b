"""The employment figures of the plan register and the big screen (keys in docs/figures.md).

Every provider is one aggregate query grouped by county (the first six digits of the record's region
code, which is the ``core.Region`` primary key, so no join is needed). Records filed at city level
(``440900``) count for the city only. The definitions are those of the employment statistics page
(``renshe.employment.monitoring.employment_statistics``), which answers for a calendar year or month
only and runs a dozen queries; the tests check that both agree on the same records.

- 城镇新增就业 / 失业人员再就业 / 就业困难人员实现就业: employment registrations (就业登记) registered in
  the period and flagged ``is_urban_new`` / ``was_unemployed`` / ``was_difficult``, by place of work.
- 登记失业人员: unemployment registrations registered on or before the day and not ended by then.
- 在招岗位: jobs published on or before the day and not expired by then (status published, or expired
  later); jobs since filled or withdrawn are not counted (the day they left the list is not kept).
- 招聘会报名 / 入场: fair sign-ups made / admitted at the door in the period, by the fair's place.
- 达成就业意向: fair outcomes of kind 达成就业意向 recorded in the period (as on the statistics page).
- 规模裁员预警: employers with a layoff warning not closed (待处置 or 已核实) for a month up to the day.
- 创业担保贷款发放: the amount (万元) of loans lent (disbursed, since repaid or defaulted), dated by
  the day they were approved (the disbursement day is not recorded), by the place of the loan's case.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renshe.core.figures import CITY, COUNTIES, FLOW, STOCK, figure
from renshe.employment.models import (
    EmploymentRegistration,
    FairOutcome,
    FairRegistration,
    Job,
    LayoffWarning,
    UnemploymentRegistration,
)
from renshe.employment.models.enterprise import GuaranteeLoan
from renshe.employment.models.jobs import JobStatus

TEN_THOUSAND = Decimal(10000)  # 元 → 万元
SIX_PLACES = Decimal("0.000001")  # 元 have two decimals: 万元 exactly six


def by_county(queryset, region_field: str, value) -> dict[str, int | Decimal]:
    """``{county code: value}`` of ``queryset`` grouped by the county of ``region_field``, in one query.

    Rows of the city itself (filed at city level) are added to the city's total; counties without a
    row are absent."""
    rows = (
        queryset.annotate(county=Substr(region_field, 1, 6))
        .values("county")
        .annotate(value=value)
        .values_list("county", "value")
    )
    result = {county: v for county, v in rows if v}
    city_level = result.pop(CITY, None)
    result = {county: v for county, v in result.items() if county in COUNTIES}
    if city_level is not None:
        result[CITY] = sum(result.values(), city_level)
    return result


def _aware(day: date, *, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def _registrations(start: date, end: date, flag: str) -> dict:
    qs = EmploymentRegistration.objects.filter(registered_on__range=(start, end), **{flag: True})
    return by_county(qs, "region_id", Count("id"))


@figure("employment.new_urban_jobs", label=_("城镇新增就业"), unit="人", kind=FLOW)
def new_urban_jobs(start: date, end: date) -> dict:
    return _registrations(start, end, "is_urban_new")


@figure("employment.unemployed_reemployed", label=_("失业人员再就业"), unit="人", kind=FLOW)
def unemployed_reemployed(start: date, end: date) -> dict:
    return _registrations(start, end, "was_unemployed")


@figure("employment.difficulty_employed", label=_("就业困难人员就业"), unit="人", kind=FLOW)
def difficulty_employed(start: date, end: date) -> dict:
    return _registrations(start, end, "was_difficult")


@figure("employment.registered_unemployed", label=_("登记失业人员"), unit="人", kind=STOCK)
def registered_unemployed(start: date, end: date) -> dict:
    qs = UnemploymentRegistration.objects.filter(registered_on__lte=end)
    if end >= timezone.localdate():
        # Today and later: the active registrations (status is indexed; ended ones carry ended_on).
        qs = qs.filter(status=UnemploymentRegistration.Status.ACTIVE)
    else:
        qs = qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))
    return by_county(qs, "region_id", Count("id"))


@figure("employment.jobs_open", label=_("在招岗位"), unit="个", kind=STOCK)
def jobs_open(start: date, end: date) -> dict:
    qs = Job.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=end),
        status__in=[JobStatus.PUBLISHED, JobStatus.EXPIRED],
        published_at__lte=_aware(end, end=True),
    )
    return by_county(qs, "region_id", Count("id"))


@figure("employment.fair_signups", label=_("招聘会报名"), unit="人次", kind=FLOW)
def fair_signups(start: date, end: date) -> dict:
    qs = FairRegistration.objects.filter(registered_at__range=(_aware(start), _aware(end, end=True)))
    return by_county(qs, "fair__region_id", Count("id"))


@figure("employment.fair_checkins", label=_("招聘会入场"), unit="人次", kind=FLOW)
def fair_checkins(start: date, end: date) -> dict:
    qs = FairRegistration.objects.filter(checked_in_at__range=(_aware(start), _aware(end, end=True)))
    return by_county(qs, "fair__region_id", Count("id"))


@figure("employment.fair_intentions", label=_("达成就业意向"), unit="人", kind=FLOW)
def fair_intentions(start: date, end: date) -> dict:
    qs = FairOutcome.objects.filter(
        kind=FairOutcome.Kind.INTENTION, recorded_at__range=(_aware(start), _aware(end, end=True))
    )
    return by_county(qs, "fair__region_id", Count("id"))


@figure("employment.layoff_warnings_open", label=_("规模性裁员预警"), unit="家", kind=STOCK)
def layoff_warnings_open(start: date, end: date) -> dict:
    qs = LayoffWarning.objects.filter(
        status__in=[LayoffWarning.Status.OPEN, LayoffWarning.Status.ACKNOWLEDGED], month__lte=end
    )
    return by_county(qs, "monitored__employer__region_id", Count("monitored_id", distinct=True))


LENT = [GuaranteeLoan.Status.DISBURSED, GuaranteeLoan.Status.REPAID, GuaranteeLoan.Status.DEFAULTED]


@figure("employment.guarantee_loans", label=_("创业担保贷款发放"), unit="万元", kind=FLOW)
def guarantee_loans(start: date, end: date) -> dict:
    qs = GuaranteeLoan.objects.filter(status__in=LENT, decided_on__range=(start, end))
    amounts = by_county(qs, "case__region_id", Sum("amount"))
    return {code: (amount / TEN_THOUSAND).quantize(SIX_PLACES) for code, amount in amounts.items()}
