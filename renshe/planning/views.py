"""Pages of the plan register: the register, an indicator, the value entry, the evaluation reports.

Thin views over ``selectors`` (reads), ``services.value_record`` (the one write) and ``reports``.
The register is the city's plan; a district user sees the breakdown of its own county only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from renshe.accounts.scoping import require_region_prefix, user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.excel import xlsx_response
from renshe.core.figures import COUNTIES
from renshe.core.forms import apply_service_errors
from renshe.core.models import Region
from renshe.planning import charts, selectors
from renshe.planning.data.indicators import PLAN_END_YEAR, PLAN_START_YEAR
from renshe.planning.forms import LEVEL_LABELS, YEARS, RegisterFilterForm, ValueForm
from renshe.planning.models import Indicator, IndicatorValue, ReportRun
from renshe.planning.roles import ENTER, EXPORT, VIEW
from renshe.planning.services import value_bounds, value_record
from renshe.planning.services_reports import report_request


def default_year() -> int:
    return max(PLAN_START_YEAR, min(timezone.localdate().year, PLAN_END_YEAR))


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or default_year())
    except ValueError:
        year = default_year()
    return year if PLAN_START_YEAR <= year <= PLAN_END_YEAR else default_year()


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def register(request):
    require_region_prefix(request.user)
    form = RegisterFilterForm(request.GET or None)
    args = form.cleaned_data if form.is_valid() else {}
    year = args.get("year") or default_year()
    rows = selectors.register_state(year=year)
    counts = selectors.level_summary(rows)
    if args.get("ref"):
        rows = [r for r in rows if r["indicator"].ref == args["ref"]]
    if args.get("office"):
        rows = [r for r in rows if r["indicator"].owner == args["office"]]
    if args.get("level"):
        rows = [r for r in rows if r["level"] == args["level"] and r["indicator"].monitored]
    if args.get("q"):
        rows = [r for r in rows if args["q"] in r["name"]]
    rows.sort(key=lambda r: (not r["indicator"].monitored, r["indicator"].order))  # the 十三五 record last
    for row in rows:
        row["level_label"] = LEVEL_LABELS[row["level"]] if row["indicator"].monitored else _("十三五")
        row["percent"] = round(row["progress"] * 100) if row["progress"] is not None else None
    return render(
        request,
        "planning/register.html",
        {
            "form": form,
            "year": year,
            "rows": rows,
            "counts": counts,
            "labels": LEVEL_LABELS,
            "can_enter": request.user.has_perm(ENTER),
        },
    )


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def detail(request, code: str):
    prefix = require_region_prefix(request.user)
    indicator = get_object_or_404(Indicator, code=code)
    year = _year(request)
    state = selectors.register_state(year=year, codes=[code])[0]
    state["level_label"] = LEVEL_LABELS[state["level"]]
    state["percent"] = round(state["progress"] * 100) if state["progress"] is not None else None
    series = selectors.yearly_series(indicator) if indicator.monitored else []
    history = [v for v in selectors.indicator_history(indicator) if v.region_code.startswith(prefix[:6])]
    names = dict(Region.objects.filter(code__in=["440900", *COUNTIES]).values_list("code", "name"))
    district = selectors.indicator_by_district(code, year=year) if indicator.monitored else {}
    districts = [
        {"code": c, "name": names.get(c, c), "value": district.get(c)}
        for c in COUNTIES
        if user_can_see_region(request.user, c)
    ]
    restated = Indicator.objects.filter(restates=code).order_by("order")
    return render(
        request,
        "planning/detail.html",
        {
            "indicator": indicator,
            "state": state,
            "year": year,
            "years": YEARS,
            "series": [{**p, "level_label": LEVEL_LABELS[p["level"]]} for p in series],
            "chart": charts.history_svg(series, unit=indicator.unit, target=indicator.target) if series else "",
            "history": history,
            "region_names": names,
            "districts": districts,
            "restated": restated,
            "restates": Indicator.objects.filter(code=indicator.restates).first() if indicator.restates else None,
            "can_enter": request.user.has_perm(ENTER) and indicator.enterable,
        },
    )


@login_required
@permission_required(ENTER, raise_exception=True)
@require_http_methods(["GET", "POST"])
def value_entry(request):
    prefix = require_region_prefix(request.user)
    initial = {"indicator": request.GET.get("indicator", ""), "year": default_year(), "region_code": "440900"}
    form = ValueForm(request.POST or None, request.FILES or None, initial=initial, prefix_region=prefix)
    if request.method == "POST" and form.is_valid():
        indicator = form.selected()
        data = form.cleaned_data
        try:
            row = value_record(
                actor=request.user,
                indicator=indicator,
                year=data["year"],
                month=data.get("month") or 0,
                region_code=data["region_code"],
                value=data["value"],
                source=data["source"],
                note=data.get("note", ""),
                reason=data.get("reason", ""),
                evidence=data.get("evidence"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("已保存 %(c)s %(p)s：%(v)s%(u)s（第 %(n)d 版）")
                % {
                    "c": indicator.code,
                    "p": row.period_label,
                    "v": row.value.normalize(),
                    "u": indicator.unit,
                    "n": row.version,
                },
            )
            return redirect(reverse("planning:detail", args=[indicator.code]))
    selected = form.selected()
    bounds = value_bounds(selected) if selected else None
    return render(request, "planning/entry.html", {"form": form, "selected": selected, "bounds": bounds})


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def evidence(request, pk: int):
    prefix = require_region_prefix(request.user)
    value = get_object_or_404(IndicatorValue.objects.select_related("evidence"), pk=pk)
    if value.evidence is None or not value.region_code.startswith(prefix[:6]):
        raise Http404
    from renshe.core.files import file_path

    try:
        handle = file_path(value.evidence).open("rb")
    except FileNotFoundError:
        raise Http404 from None
    with transaction.atomic():
        audit_record(
            actor=request.user, action=AuditAction.EXPORT, obj=value, changes={"file": value.evidence.original_name}
        )
    response = FileResponse(
        handle, as_attachment=True, filename=value.evidence.original_name, content_type=value.evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
@permission_required(EXPORT, raise_exception=True)
def reports_page(request):
    require_region_prefix(request.user)
    runs = ReportRun.objects.filter(requested_by=request.user).select_related("file")[:10]
    return render(request, "planning/reports.html", {"years": YEARS, "default_year": default_year(), "runs": runs})


@require_safe
@login_required
@permission_required(EXPORT, raise_exception=True)
def report_download(request, kind: str, year: str, fmt: str):
    require_region_prefix(request.user)
    year_number = int(year)
    if kind == "annual" and not PLAN_START_YEAR <= year_number <= PLAN_END_YEAR:
        raise Http404
    from renshe.planning.reports import report_build, report_pdf, report_xlsx

    report = report_build(kind, year_number)
    name = f"planning-{report.filename_stem}.{fmt}"
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="planning.report",
            object_id=report.filename_stem,
            object_repr=str(report.title),
            changes={"format": fmt, "rows": len(report.rows)},
        )
    if fmt == "xlsx":
        return xlsx_response(name, report_xlsx(report))
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- reports made in the background -------------------------------------------------------------


def _own_run(request, pk: int) -> ReportRun:
    return get_object_or_404(ReportRun.objects.select_related("file"), pk=pk, requested_by=request.user)


@login_required
@permission_required(EXPORT, raise_exception=True)
@require_POST
def report_start(request):
    require_region_prefix(request.user)
    try:
        run = report_request(
            actor=request.user,
            kind=request.POST.get("kind", ""),
            year=request.POST.get("year"),
            fmt=request.POST.get("fmt", ""),
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("planning:reports")
    return redirect("planning:report_run", pk=run.pk)


@require_safe
@login_required
@permission_required(EXPORT, raise_exception=True)
def report_run_page(request, pk: int):
    run = _own_run(request, pk)
    template = "planning/_run_status.html" if request.headers.get("HX-Request") else "planning/report_run.html"
    return render(request, template, {"run": run})


@require_safe
@login_required
@permission_required(EXPORT, raise_exception=True)
def report_run_file(request, pk: int):
    run = _own_run(request, pk)
    if run.file is None:
        raise Http404
    from renshe.core.files import file_path

    try:
        handle = file_path(run.file).open("rb")
    except FileNotFoundError:
        raise Http404 from None
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="planning.report",
            object_id=f"{run.kind}-{run.year}",
            object_repr=run.file.original_name,
            changes={"format": run.fmt, "run": run.pk},
        )
    response = FileResponse(
        handle, as_attachment=True, filename=run.file.original_name, content_type=run.file.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
