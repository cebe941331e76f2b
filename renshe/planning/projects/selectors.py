"""Reads of the major-project ledger. Amounts are in 万元 (the plan's unit) unless a name says 亿元.

``projects_summary()`` is what the big screen and the plan register read (unscoped: the caller
decides who may see it); the pages and the API read through ``projects_visible(user)``.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Max, QuerySet, Sum
from django.http import Http404

from renshe.accounts.scoping import NOTHING, region_q
from renshe.core.models import Region
from renshe.planning.projects.models import MajorProject, ProgressReport, ProjectStatus

VIEW = "majorprojects.view_majorproject"
CITY = "440900"


def projects_visible(user) -> QuerySet[MajorProject]:
    """The projects of the user's region (the city's staff see all nine), for holders of the view permission."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(VIEW):
        return MajorProject.objects.filter(NOTHING)
    return MajorProject.objects.filter(region_q(user, "county")).select_related("county")


def get_project_or_404(user, code: str) -> MajorProject:
    try:
        return projects_visible(user).get(code=code)
    except MajorProject.DoesNotExist:
        raise Http404 from None


def _progress(projects: list[MajorProject]) -> dict[int, dict]:
    """Per project: cumulative completed (万元), latest quarter and its physical progress — two queries."""
    ids = [p.pk for p in projects]
    current = ProgressReport.objects.filter(project_id__in=ids, is_current=True)
    sums = dict(current.values("project_id").annotate(s=Sum("completed")).values_list("project_id", "s"))
    latest = dict(current.values("project_id").annotate(m=Max("starts_on")).values_list("project_id", "m"))
    rows = {
        r.project_id: r
        for r in current.filter(project_id__in=ids).only(
            "project_id", "year", "quarter", "starts_on", "physical_progress"
        )
        if latest.get(r.project_id) == r.starts_on
    }
    result = {}
    for p in projects:
        last = rows.get(p.pk)
        completed = sums.get(p.pk) or Decimal(0)
        physical = last.physical_progress if last else 0
        if last is None:
            status = ProjectStatus.NOT_STARTED
        elif physical >= 100:
            status = ProjectStatus.COMPLETED
        else:
            status = ProjectStatus.IN_PROGRESS
        result[p.pk] = {
            "completed_investment": completed,
            "progress": completed / p.total_investment if p.total_investment else Decimal(0),
            "physical_progress": physical,
            "status": status,
            "latest_quarter": last.label if last else "",
        }
    return result


def ledger_rows(projects) -> list[dict]:
    """One dict per project (Decimals in 万元; ``progress`` 0–1 of the total investment)."""
    projects = list(projects)
    progress = _progress(projects)
    return [
        {
            "project": p,
            "code": p.code,
            "name": p.name,
            "county": p.county_id,
            "county_name": county_name(p.county),
            "total_investment": p.total_investment,
            "plan_investment": p.plan_investment,
            **progress[p.pk],
        }
        for p in projects
    ]


def county_name(region: Region) -> str:
    from django.utils.translation import gettext

    return gettext("市本级") if region.code == CITY else region.name


def by_county(rows: list[dict]) -> list[dict]:
    """Totals by county (the city's own projects under 市本级), in code order, then the city's total."""
    groups: dict[str, dict] = defaultdict(
        lambda: {
            "count": 0,
            "total_investment": Decimal(0),
            "plan_investment": Decimal(0),
            "completed_investment": Decimal(0),
        }
    )
    names = {}
    for r in rows:
        g = groups[r["county"]]
        names[r["county"]] = r["county_name"]
        g["count"] += 1
        for key in ("total_investment", "plan_investment", "completed_investment"):
            g[key] += r[key]
    result = [{"code": code, "name": names[code], **groups[code]} for code in sorted(groups)]
    for g in result:
        g["progress"] = g["completed_investment"] / g["total_investment"] if g["total_investment"] else Decimal(0)
    return result


def totals(rows: list[dict]) -> dict:
    total = sum((r["total_investment"] for r in rows), Decimal(0))
    completed = sum((r["completed_investment"] for r in rows), Decimal(0))
    return {
        "count": len(rows),
        "total_investment": total,
        "plan_investment": sum((r["plan_investment"] for r in rows), Decimal(0)),
        "completed_investment": completed,
        "progress": completed / total if total else Decimal(0),
        "completed_count": sum(1 for r in rows if r["status"] == ProjectStatus.COMPLETED),
    }


def _money(value: Decimal) -> float:
    return float(round(value, 2))


def projects_summary() -> dict:
    """The whole ledger, JSON-serialisable, for the big screen and the plan register (unscoped).

    Amounts are floats in 万元 (the plan's unit; divide by 10 000 for 亿元); ``progress`` is the share
    of the total investment completed (0–1); ``physical_progress`` the latest reported 形象进度 (0–100);
    ``status`` ``not_started`` / ``in_progress`` / ``completed``; ``latest_quarter`` like ``2025Q3``
    (empty before the first report). ``by_county`` is keyed by region code (``440900`` = 市本级)."""
    rows = ledger_rows(MajorProject.objects.select_related("county").order_by("order"))
    projects = [
        {
            "code": r["code"],
            "name": r["name"],
            "county": r["county"],
            "county_name": str(r["county_name"]),
            "total_investment": _money(r["total_investment"]),
            "plan_investment": _money(r["plan_investment"]),
            "completed_investment": _money(r["completed_investment"]),
            "progress": round(float(r["progress"]), 4),
            "physical_progress": r["physical_progress"],
            "status": str(r["status"]),
            "latest_quarter": r["latest_quarter"],
        }
        for r in rows
    ]
    counties = {
        g["code"]: {
            "name": str(g["name"]),
            "count": g["count"],
            "total_investment": _money(g["total_investment"]),
            "plan_investment": _money(g["plan_investment"]),
            "completed_investment": _money(g["completed_investment"]),
        }
        for g in by_county(rows)
    }
    t = totals(rows)
    return {
        "unit": "万元",
        "projects": projects,
        "by_county": counties,
        "totals": {
            "count": t["count"],
            "completed_count": t["completed_count"],
            "total_investment": _money(t["total_investment"]),
            "plan_investment": _money(t["plan_investment"]),
            "completed_investment": _money(t["completed_investment"]),
            "progress": round(float(t["progress"]), 4),
        },
    }


def project_history(project: MajorProject) -> list[dict]:
    """Every version of every quarter, newest quarter first; current versions carry the running
    cumulative (万元) up to their quarter."""
    reports = list(
        ProgressReport.objects.filter(project=project).select_related("reported_by").order_by("starts_on", "version")
    )
    running = Decimal(0)
    cumulative = {}
    for r in reports:
        if r.is_current:
            running += r.completed
            cumulative[r.pk] = running
    return [
        {"report": r, "cumulative": cumulative.get(r.pk)}
        for r in sorted(reports, key=lambda r: (r.starts_on, r.version), reverse=True)
    ]
