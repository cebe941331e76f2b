"""仲裁统计: received, accepted, concluded, closure rate, green channel, collective, final awards and
amounts — by district and by month, for a year (or a range) in the user's region."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone

from renshe.accounts.scoping import require_region_prefix
from renshe.core.models import Region
from renshe.labour import selectors


def _day(text: str, default: date) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return default


@login_required
@permission_required("labour.view_arbitration_stats", raise_exception=True)
def statistics(request):
    require_region_prefix(request.user)
    today = timezone.localdate()
    start = _day(request.GET.get("from", ""), date(today.year, 1, 1))
    end = _day(request.GET.get("to", ""), today)
    if end < start:
        start, end = end, start
    if (end - start).days > 3 * 366:
        start = date(end.year - 2, 1, 1)
    stats = selectors.arbitration_statistics(viewer=request.user, start=start, end=end)
    names = dict(
        Region.objects.filter(code__in=[r["county"] for r in stats["by_district"]]).values_list("code", "name")
    )
    for row in stats["by_district"]:
        row["name"] = names.get(row["county"], row["county"])
    return render(request, "labour/staff/statistics.html", {"stats": stats, "start": start, "end": end})
