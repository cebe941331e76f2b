"""The arbitration figures of the plan register and the big screen (keys in docs/figures.md).

- 仲裁申请受理 (``labour.arbitration_received``): applications accepted in the period, by the case's place.
- 在办仲裁案件 (``labour.arbitration_open``): accepted on or before the day and not concluded by then.
- 超审限仲裁案件 (``labour.arbitration_overdue``): of those, the ones whose award deadline had passed.
- 仲裁结案率 (``labour.arbitration_closure_rate``, 专栏2 #15): cases concluded (award, mediation, or
  withdrawal after acceptance) in the period ÷ (cases accepted in the period + cases pending at its
  start), in %. The deadline of a suspended case is not shifted here (a suspension is rare).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from renshe.core.figures import CITY, COUNTIES, FLOW, RATE, STOCK, figure
from renshe.labour.models import CONCLUDED_STATUSES, ArbitrationCase, Status

CITY_PREFIX = CITY[:4]


def _by_county(queryset, **aggregates) -> dict[str, dict]:
    rows = (
        queryset.filter(region__code__startswith=CITY_PREFIX)
        .annotate(county=Substr("region_id", 1, 6))
        .values("county")
        .annotate(**aggregates)
        .order_by()
    )
    return {r.pop("county"): r for r in rows}


def _counts(queryset) -> dict[str, int]:
    groups = _by_county(queryset, n=Count("pk"))
    result = {c: g["n"] for c, g in groups.items() if c in COUNTIES and g["n"]}
    if CITY in groups:  # filed at city level: counts for the city only
        result[CITY] = sum(result.values()) + groups[CITY]["n"]
    return result


def _open_on(day: date) -> Q:
    return Q(accepted_on__lte=day) & ~Q(status=Status.REFUSED) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


@figure("labour.arbitration_received", label=_("仲裁申请受理"), unit="件", kind=FLOW)
def received(start: date, end: date) -> dict:
    return _counts(ArbitrationCase.objects.filter(accepted_on__gte=start, accepted_on__lte=end))


@figure("labour.arbitration_open", label=_("在办仲裁案件"), unit="件", kind=STOCK)
def open_cases(start: date, end: date) -> dict:
    return _counts(ArbitrationCase.objects.filter(_open_on(end)))


@figure("labour.arbitration_overdue", label=_("超审限仲裁案件"), unit="件", kind=STOCK)
def overdue(start: date, end: date) -> dict:
    return _counts(ArbitrationCase.objects.filter(_open_on(end), award_due__lt=end, suspended_since__isnull=True))


@figure("labour.arbitration_closure_rate", label=_("劳动人事争议仲裁结案率"), unit="%", kind=RATE)
def closure_rate(start: date, end: date) -> dict:
    concluded = Q(closed_on__gte=start, closed_on__lte=end, status__in=CONCLUDED_STATUSES)
    accepted = Q(accepted_on__gte=start, accepted_on__lte=end)
    pending = (
        Q(accepted_on__lt=start) & ~Q(status=Status.REFUSED) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    )
    groups = _by_county(
        ArbitrationCase.objects.all(),
        done=Count("pk", filter=concluded),
        whole=Count("pk", filter=accepted | pending),
    )
    result = {}
    for code, g in groups.items():
        if code in COUNTIES and g["whole"]:
            result[code] = round(g["done"] * 100 / g["whole"], 1)
    done = sum(g["done"] for g in groups.values())
    whole = sum(g["whole"] for g in groups.values())
    if whole:
        result[CITY] = round(done * 100 / whole, 1)
    return result
