"""The major-project figure (docs/figures.md): cumulative completed investment, 亿元, by county.

As of the period's end: the sum of the current version of every quarter that had begun by then. The
city's own project (茂名技师学院, 市本级) counts for the city only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from renshe.core.figures import CITY, COUNTIES, STOCK, figure
from renshe.planning.projects.models import ProgressReport

TEN_THOUSAND = Decimal(10000)  # 万元 → 亿元
SIX_PLACES = Decimal("0.000001")  # 万元 have two decimals: 亿元 exactly six


@figure("majorprojects.investment_completed", label=_("重大项目累计完成投资"), unit="亿元", kind=STOCK)
def investment_completed(start: date, end: date) -> dict:
    rows = (
        ProgressReport.objects.filter(is_current=True, starts_on__lte=end)
        .values("project__county_id")
        .annotate(s=Sum("completed"))
        .values_list("project__county_id", "s")
    )
    values = {code: (amount / TEN_THOUSAND).quantize(SIX_PLACES) for code, amount in rows if amount is not None}
    city_level = values.pop(CITY, None)
    result = {code: v for code, v in values.items() if code in COUNTIES}
    if city_level is not None:
        result[CITY] = sum(result.values(), city_level)
    return result
