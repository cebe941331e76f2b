"""The wages figures of the plan register and the big screen (keys in docs/figures.md).

Grouped by the county of the project's town (the first six digits of its region code), one query each.
- 欠薪预警 (open): warnings opened on or before the day and not closed by its end, any level.
- 欠薪预警 (red): the same, red level only (W3: a pay day passed with no payout).
- 在建监控项目: active projects started on or before the day.
- 专用账户开设率: of those projects, the share with a special wage account opened by the day (%).
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renshe.core.figures import CITY, COUNTIES, RATE, STOCK, figure
from renshe.labour.wages.models import Project, WageWarning


def _by_county(queryset, field: str, **values) -> dict[str, dict]:
    rows = (
        queryset.filter(**{f"{field}__code__startswith": CITY[:4]})
        .annotate(county=Substr(f"{field}_id", 1, 6))
        .values("county")
        .annotate(**values)
    )
    return {row["county"]: row for row in rows if row["county"] in COUNTIES}


def _live_warnings(end: date):
    end_of_day = timezone.make_aware(datetime.combine(end, time.max))
    return WageWarning.objects.filter(opened_on__lte=end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gt=end_of_day)
    )


def _counts(queryset, field: str) -> dict:
    out = {county: row["n"] for county, row in _by_county(queryset, field, n=Count("id")).items() if row["n"]}
    if out:
        out[CITY] = sum(out.values())
    return out


@figure("wages.warnings_open", label=_("欠薪预警"), unit="条", kind=STOCK)
def warnings_open(start: date, end: date) -> dict:
    return _counts(_live_warnings(end), "region")


@figure("wages.warnings_red", label=_("欠薪红色预警"), unit="条", kind=STOCK)
def warnings_red(start: date, end: date) -> dict:
    return _counts(_live_warnings(end).filter(level="red"), "region")


def _monitored(end: date):
    return Project.objects.filter(status=Project.Status.ACTIVE, start_on__lte=end)


@figure("wages.projects_monitored", label=_("在建监控项目"), unit="个", kind=STOCK)
def projects_monitored(start: date, end: date) -> dict:
    return _counts(_monitored(end), "region")


@figure("wages.special_account_rate", label=_("专用账户开设率"), unit="%", kind=RATE)
def special_account_rate(start: date, end: date) -> dict:
    groups = _by_county(
        _monitored(end), "region", total=Count("id"), opened=Count("id", filter=Q(account__opened_on__lte=end))
    )
    out: dict[str, Decimal] = {}
    total = opened = 0
    for county, row in groups.items():
        if row["total"]:
            out[county] = (Decimal(100) * row["opened"] / row["total"]).quantize(Decimal("0.1"))
            total += row["total"]
            opened += row["opened"]
    if total:
        out[CITY] = (Decimal(100) * opened / total).quantize(Decimal("0.1"))
    return out
