"""Staff pages of 双随机一公开 (plans, the draw, verification, publication), the grid and the statistics."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from renshe.accounts.models import User
from renshe.accounts.scoping import region_q, require_region_prefix
from renshe.core.figures import CITY, COUNTIES, compute, spec
from renshe.core.forms import apply_service_errors, errors_to_messages
from renshe.core.models import Region, RegionLevel
from renshe.labour.inspection import selectors, services_draws, services_grid
from renshe.labour.inspection.display import deadline_colour
from renshe.labour.inspection.forms import PlanForm
from renshe.labour.inspection.models import ConflictDeclaration, Draw, InspectionPlan

VIEW = "inspection.view_inspectionplan"
MANAGE = "inspection.manage_draws"
GRID = "inspection.manage_grid"
STAT_KEYS = (
    "inspection.complaints_received",
    "inspection.complaint_closure_rate",
    "inspection.cases_open",
    "inspection.arrears_recovered",
    "inspection.workers_helped",
)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_safe
def draw_list(request):
    require_region_prefix(request.user)
    plans = InspectionPlan.objects.filter(region_q(request.user, "region")).select_related("region", "industry")
    today = timezone.localdate()
    rows = []
    for plan in plans.order_by("-id")[:100]:
        draw = getattr(plan, "draw", None) if hasattr(plan, "draw") else None
        due = services_draws.draw_publication_due(draw) if draw else None
        published = draw is not None and hasattr(draw, "publication")
        rows.append({"p": plan, "d": draw, "due": due, "due_colour": deadline_colour(due, today, done=published)})
    return render(request, "inspection/staff/draw_list.html", {"rows": rows})


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def plan_new(request):
    prefix = require_region_prefix(request.user)
    regions = Region.objects.filter(code__startswith=prefix, level__lte=RegionLevel.COUNTY).order_by("code")
    if len(prefix) == 6:
        regions = Region.objects.filter(code__startswith=prefix, level__lte=RegionLevel.TOWN).order_by("code")
    form = PlanForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services_draws.plan_create(
                actor=request.user,
                item=data["item"],
                region_code=data["region"],
                ratio=data["ratio"],
                industry=data["industry"],
                size=data["size"],
                inspectors_per_target=data["inspectors_per_target"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已制定抽查计划。"))
            return redirect("inspection:plan_detail", pk=plan.pk)
    return render(request, "inspection/staff/plan_new.html", {"form": form})


def _plan_for(request, pk) -> InspectionPlan:
    return get_object_or_404(InspectionPlan.objects.filter(region_q(request.user, "region")), pk=pk)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_safe
def plan_detail(request, pk: int):
    plan = _plan_for(request, pk)
    draw = getattr(plan, "draw", None) if hasattr(plan, "draw") else None
    context = {"p": plan, "d": draw, "population": None}
    if draw is None:
        context["population"] = len(services_draws.plan_population_ids(plan))
    else:
        names = {u.pk: u.display_name or u.username for u in User.objects.filter(pk__in=draw.inspector_pool_ids)}
        context.update(
            targets=[
                {"t": t, "inspectors": [names.get(i, i) for i in t.inspector_ids]}
                for t in draw.targets.select_related("employer", "employer__region")
            ],
            verified=services_draws.draw_verify(draw),
            due=services_draws.draw_publication_due(draw),
            due_colour=deadline_colour(
                services_draws.draw_publication_due(draw), timezone.localdate(), done=hasattr(draw, "publication")
            ),
            published=getattr(draw, "publication", None) if hasattr(draw, "publication") else None,
        )
    return render(request, "inspection/staff/plan_detail.html", context)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def plan_act(request, pk: int, action: str):
    plan = _plan_for(request, pk)
    try:
        if action == "draw":
            draw = services_draws.draw_run(actor=request.user, plan=plan)
            messages.success(request, _("已抽取 %(n)d 户。") % {"n": draw.drawn_count})
        elif action == "cases":
            n = services_draws.draw_open_cases(actor=request.user, draw=plan.draw)
            messages.success(request, _("已为 %(n)d 户立案检查。") % {"n": n})
        elif action == "publish":
            services_draws.draw_publish(actor=request.user, draw=plan.draw)
            messages.success(request, _("已在公示页面公开。"))
    except (ValidationError, Draw.DoesNotExist) as exc:
        if isinstance(exc, ValidationError):
            errors_to_messages(request, exc)
        else:
            messages.error(request, _("尚未抽取"))
    return redirect("inspection:plan_detail", pk=plan.pk)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def grid(request):
    require_region_prefix(request.user)
    if request.method == "POST":
        if not request.user.has_perm(GRID):
            messages.error(request, _("您没有维护监察网格的权限"))
            return redirect("inspection:grid")
        try:
            what = request.POST.get("what")
            if what == "assign":
                services_grid.grid_assign(
                    actor=request.user,
                    town_code=request.POST.get("town", ""),
                    inspector_id=request.POST.get("inspector"),
                )
            elif what == "unassign":
                services_grid.grid_unassign(actor=request.user, assignment_id=request.POST.get("assignment"))
            elif what == "conflict":
                services_grid.conflict_declare(
                    actor=request.user,
                    inspector_id=request.POST.get("inspector"),
                    credit_code=request.POST.get("credit_code", ""),
                    relation=request.POST.get("relation", ""),
                )
            messages.success(request, _("已保存。"))
        except ValidationError as exc:
            errors_to_messages(request, exc)
        return redirect("inspection:grid")
    rows = selectors.grid_rows(request.user)
    conflicts = ConflictDeclaration.objects.filter(region_q(request.user, "employer__region")).select_related(
        "inspector", "employer"
    )[:200]
    return render(
        request,
        "inspection/staff/grid.html",
        {
            "rows": rows,
            "uncovered": [r["town"] for r in rows if not r["assignments"]],
            "inspectors": selectors.inspectors_in_scope(request.user),
            "conflicts": conflicts,
            "can_manage": request.user.has_perm(GRID),
        },
    )


@login_required
@permission_required("inspection.view_inspection_stats", raise_exception=True)
@require_safe
def stats(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    start, end = date(year, 1, 1), min(date(year, 12, 31), today)
    names = dict(Region.objects.filter(pk__in=(*COUNTIES, CITY)).values_list("code", "name"))
    columns = []
    for key in STAT_KEYS:
        figure_spec = spec(key)
        if figure_spec is None:
            continue
        columns.append({"spec": figure_spec, "values": compute(key, start, end)})
    rows = [
        {"code": code, "name": names.get(code, code), "cells": [col["values"].get(code) for col in columns]}
        for code in (*COUNTIES, CITY)
    ]
    return render(request, "inspection/staff/stats.html", {"columns": columns, "rows": rows, "year": year})
