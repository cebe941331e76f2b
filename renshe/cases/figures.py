"""The case figures of the plan register and the big screen (keys in docs/figures.md).

One aggregate query per figure and period, grouped by the county of the case's place of handling
(the first six digits of ``region_id``, the ``core.Region`` code). Definitions:

- 政务服务受理 (``cases.received``): cases accepted (受理, including 秒批) in the period.
- 在办 (``cases.open``): cases submitted by the day's end and not finished by then (no ``closed_on``
  up to the day: delivery, withdrawal and refusal to accept all set it).
- 超期在办 (``cases.overdue``): of those, the ones whose running deadline had passed on the day: accepted
  and not decided with the promised deadline (``due_date``) before the day, or waiting for acceptance
  with the acceptance deadline before the day. Cases in correction (the applicant's turn) or suspended
  now are off the clock, as in ``renshe.cases.selectors.case_deadline``.
- 按时办结率 (``cases.on_time_rate``): as on the metrics page (``selectors.case_metrics``): of the
  cases accepted and decided in the period, the share decided on or before the promised deadline.
- 好差评满意率 (``cases.satisfaction_rate``): as on the metrics page: of the ratings of the cases
  decided in the period, the share graded 满意 or better (4–5).

Rates give the city's value themselves (from the city's totals, never an average of rates), rounded
to one decimal as on the metrics page.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renshe.cases.models import OPEN_STATUSES, Case, Rating, Status
from renshe.core.figures import CITY, COUNTIES, FLOW, RATE, STOCK, figure


def _grouped(queryset, region_field: str, **aggregates) -> dict[str, dict]:
    """One query: ``{county code: {aggregate: value}}``; rows filed at city level under CITY."""
    rows = queryset.annotate(county=Substr(region_field, 1, 6)).values("county").annotate(**aggregates)
    return {row.pop("county"): row for row in rows if row["county"] in (CITY, *COUNTIES)}


def _counts(queryset) -> dict[str, int]:
    """Counts by county; the city's own rows (at city level) are added to the city's total."""
    counts = {code: row["n"] for code, row in _grouped(queryset, "region_id", n=Count("id")).items() if row["n"]}
    city_level = counts.pop(CITY, None)
    if city_level is not None:
        counts[CITY] = sum(counts.values(), city_level)
    return counts


def _rates(groups: dict[str, dict], part: str, whole: str) -> dict[str, float]:
    """Percentages by county and for the city (from the summed counts), one decimal."""
    result = {code: round(100 * row[part] / row[whole], 1) for code, row in groups.items() if row[whole]}
    result.pop(CITY, None)
    total = sum(row[whole] for row in groups.values())
    if total:
        result[CITY] = round(100 * sum(row[part] for row in groups.values()) / total, 1)
    return result


def _day_end(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _open_on(day: date) -> Q:
    """Open at the day's end. Today and later: the open statuses (indexed; a finished case has
    ``closed_on`` and an open one has none, so both say the same); before: by the dates."""
    if day >= timezone.localdate():
        return Q(status__in=OPEN_STATUSES)
    return Q(submitted_at__lte=_day_end(day)) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


@figure("cases.received", label=_("政务服务受理"), unit="件", kind=FLOW)
def received(start: date, end: date) -> dict:
    return _counts(Case.objects.filter(accepted_on__range=(start, end)))


@figure("cases.open", label=_("在办"), unit="件", kind=STOCK)
def open_cases(start: date, end: date) -> dict:
    return _counts(Case.objects.filter(_open_on(end)))


@figure("cases.overdue", label=_("超期在办"), unit="件", kind=STOCK)
def overdue(start: date, end: date) -> dict:
    in_review_late = Q(accepted_on__lte=end, due_date__lt=end) & (Q(decided_on__isnull=True) | Q(decided_on__gt=end))
    acceptance_late = Q(acceptance_due__lt=end) & (Q(accepted_on__isnull=True) | Q(accepted_on__gt=end))
    qs = (
        Case.objects.filter(_open_on(end))
        .filter(in_review_late | acceptance_late)
        .exclude(status=Status.CORRECTION)
        .exclude(status=Status.SUSPENDED, suspended_since__lte=end)
    )
    return _counts(qs)


@figure("cases.on_time_rate", label=_("按时办结率"), unit="%", kind=RATE)
def on_time_rate(start: date, end: date) -> dict:
    qs = Case.objects.filter(accepted_on__isnull=False, decided_on__range=(start, end))
    groups = _grouped(qs, "region_id", total=Count("id"), on_time=Count("id", filter=Q(decided_on__lte=F("due_date"))))
    return _rates(groups, "on_time", "total")


@figure("cases.satisfaction_rate", label=_("好差评满意率"), unit="%", kind=RATE)
def satisfaction_rate(start: date, end: date) -> dict:
    qs = Rating.objects.filter(case__accepted_on__isnull=False, case__decided_on__range=(start, end))
    groups = _grouped(qs, "case__region_id", total=Count("id"), good=Count("id", filter=Q(grade__gte=4)))
    return _rates(groups, "good", "total")
