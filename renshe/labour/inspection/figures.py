"""Figures of labour inspection (docs/figures.md, 专栏2 #16 劳动保障监察举报投诉案件结案率).

The closure rate of a period = complaints closed in the period that were accepted (立案/受理) ÷
complaints accepted in the period, by the county of the employer's town; refused and transferred
complaints count in neither (they were never accepted). Closure of a complaint accepted before the
period counts in the numerator: a rate above 100 % is capped at 100.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from renshe.core.figures import CITY, FLOW, RATE, STOCK, figure
from renshe.labour.inspection.models import Complaint, ComplaintStatus, InspectionCase
from renshe.labour.inspection.models.cases import OPEN_CASE_STATUSES, CaseStatus


def _by_county(qs, value=None) -> dict[str, Decimal]:
    rows = qs.annotate(county=Substr("region_id", 1, 6)).values("county").annotate(v=value or Count("id"))
    return {row["county"]: Decimal(row["v"] or 0) for row in rows}


def _accepted(start: date, end: date):
    return Complaint.objects.filter(decided_on__range=(start, end)).exclude(
        status__in=[ComplaintStatus.REFUSED, ComplaintStatus.TRANSFERRED, ComplaintStatus.RECEIVED]
    )


def _closed(start: date, end: date):
    return Complaint.objects.filter(status=ComplaintStatus.CLOSED, closed_on__range=(start, end))


@figure("inspection.complaints_received", label=_("举报投诉受理"), unit="件", kind=FLOW)
def complaints_received(start: date, end: date) -> dict[str, Decimal]:
    return _by_county(_accepted(start, end))


@figure("inspection.complaint_closure_rate", label=_("劳动保障监察举报投诉案件结案率"), unit="%", kind=RATE)
def complaint_closure_rate(start: date, end: date) -> dict[str, Decimal]:
    accepted = _by_county(_accepted(start, end))
    closed = _by_county(_closed(start, end))
    out = {}
    for county, n in accepted.items():
        if n:
            out[county] = min(Decimal(100), (closed.get(county, Decimal(0)) * 100 / n).quantize(Decimal("0.1")))
    total = sum(accepted.values(), Decimal(0))
    if total:
        out[CITY] = min(Decimal(100), (sum(closed.values(), Decimal(0)) * 100 / total).quantize(Decimal("0.1")))
    return out


@figure("inspection.cases_open", label=_("在办监察案件"), unit="件", kind=STOCK)
def cases_open(start: date, end: date) -> dict[str, Decimal]:
    filed = InspectionCase.objects.filter(filed_on__lte=end)
    still_open = filed.filter(status__in=OPEN_CASE_STATUSES) | filed.filter(status=CaseStatus.CLOSED, closed_on__gt=end)
    return _by_county(still_open)


def _closed_cases(start: date, end: date):
    return InspectionCase.objects.filter(status=CaseStatus.CLOSED, closed_on__range=(start, end))


@figure("inspection.arrears_recovered", label=_("追发工资"), unit="万元", kind=FLOW)
def arrears_recovered(start: date, end: date) -> dict[str, Decimal]:
    yuan = _by_county(_closed_cases(start, end), Sum("arrears_recovered"))
    return {k: (v / 10000).quantize(Decimal("0.01")) for k, v in yuan.items()}


@figure("inspection.workers_helped", label=_("涉及劳动者"), unit="人", kind=FLOW)
def workers_helped(start: date, end: date) -> dict[str, Decimal]:
    return _by_county(_closed_cases(start, end), Sum("workers_helped"))
