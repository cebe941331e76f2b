"""Pages for employment registration at the window, the enterprise monitoring sample (staff, and the
employer's own monthly report), layoff warnings, headcount trends, the employment statistics with
their Excel export, guarantee loans and incubation bases.

Thin views over ``renshe.employment.monitoring`` and ``renshe.employment.enterprise``: reads through
their selectors (another region's record is a 404), one service per write.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.models import Role
from renshe.accounts.scoping import require_region_prefix
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.excel import xlsx_bytes, xlsx_response
from renshe.core.forms import apply_service_errors, errors_to_messages, form_errors_to_messages
from renshe.core.models import Region, RegionLevel
from renshe.core.paging import page_of, query_string_without_page
from renshe.employment import assistance, rules
from renshe.employment import enterprise as ent
from renshe.employment import monitoring as mon
from renshe.employment.forms_assistance import (
    EmploymentRegisterForm,
    HeadcountForm,
    IncubationBaseForm,
    LoanDisburseForm,
    LoanMarkForm,
    MonitoredAddForm,
    StatisticsForm,
    TenantForm,
    TenantUpdateForm,
    WarningForm,
)
from renshe.employment.models import EmploymentRegistration, GuaranteeLoan, LayoffWarning
from renshe.registry.selectors import get_employer_by_code_for_user

MANAGE = assistance.MANAGE
STATISTICS_PERMS = (MANAGE, "cases.view_case_metrics")


# --- employment registration at the window ----------------------------------------------------------


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def registrations(request):
    require_region_prefix(request.user)
    form = EmploymentRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = assistance.person_by_id_number(request.user, data["id_number"])
            employer = mon.employer_by_credit_code(data["credit_code"])
            reg = mon.employment_register(
                actor=request.user,
                person=person,
                employer=employer,
                start_date=data["start_date"],
                contract_type=data["contract_type"],
                source=EmploymentRegistration.Source.WINDOW,
                position=data["position"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("已办理就业登记：%(name)s → %(e)s") % {"name": person.masked_name, "e": employer.name}
            )
            return redirect(f"{request.path}?highlight={reg.pk}")
    source = request.GET.get("source", "")
    source = source if source in EmploymentRegistration.Source.values else ""
    page = page_of(mon.employment_registrations(viewer=request.user, source=source), request.GET.get("page"))
    return render(
        request,
        "employment/monitoring/registrations.html",
        {
            "page_obj": page,
            "form": form,
            "source": source,
            "sources": EmploymentRegistration.Source.choices,
            "query_string": query_string_without_page(request),
        },
        status=400 if form.errors else 200,
    )


# --- the monitoring sample ------------------------------------------------------------------------------


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def home(request):
    require_region_prefix(request.user)
    form = MonitoredAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = get_employer_by_code_for_user(request.user, form.cleaned_data["credit_code"])
            monitored = mon.monitored_employer_add(
                actor=request.user, employer=employer, since=form.cleaned_data["since"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已纳入监测：%(e)s") % {"e": employer.name})
            return redirect("employment:monitoring_employer", pk=monitored.pk)
    query = request.GET.get("q", "").strip()[:60]
    page = page_of(mon.monitored_employers(viewer=request.user, query=query), request.GET.get("page"))
    month, due, missing = mon.reports_missing(viewer=request.user)
    return render(
        request,
        "employment/monitoring/home.html",
        {
            "page_obj": page,
            "form": form,
            "query": query,
            "warnings": list(mon.layoff_warnings(viewer=request.user, status=LayoffWarning.Status.OPEN)[:20]),
            "missing_month": month,
            "missing_due": due,
            "missing": list(missing[:20]),
            "query_string": query_string_without_page(request),
        },
        status=400 if form.errors else 200,
    )


def _report(request, monitored, form) -> bool:
    data = form.cleaned_data
    try:
        mon.headcount_report_file(
            actor=request.user,
            monitored=monitored,
            month=data["month"],
            headcount=data["headcount"],
            hired=data["hired"] or 0,
            left=data["left"] or 0,
        )
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return False
    messages.success(request, _("已报送 %(m)s 用工情况") % {"m": data["month"]})
    return True


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def employer_page(request, pk: int):
    monitored = mon.get_monitored_or_404(request.user, pk)
    form = HeadcountForm(request.POST or None, initial={"month": f"{timezone.localdate():%Y-%m}"})
    if request.method == "POST" and form.is_valid() and _report(request, monitored, form):
        return redirect("employment:monitoring_employer", pk=monitored.pk)
    return render(
        request,
        "employment/monitoring/employer.html",
        {
            "monitored": monitored,
            "reports": list(monitored.reports.select_related("reported_by")[:24]),
            "warnings": list(monitored.warnings.all()[:24]),
            "form": form,
            "warning_form": WarningForm(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def employer_remove(request, pk: int):
    monitored = mon.get_monitored_or_404(request.user, pk)
    mon.monitored_employer_remove(actor=request.user, monitored=monitored)
    messages.success(request, _("已退出监测样本：%(e)s") % {"e": monitored.employer.name})
    return redirect("employment:monitoring_home")


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def warning_update(request, pk: int):
    warning = mon.get_warning_or_404(request.user, pk)
    form = WarningForm(request.POST)
    if form.is_valid():
        try:
            mon.layoff_warning_update(actor=request.user, warning=warning, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("预警已更新"))
    else:
        form_errors_to_messages(request, form)
    return redirect("employment:monitoring_employer", pk=warning.monitored_id)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def trends(request):
    require_region_prefix(request.user)
    try:
        months = min(max(int(request.GET.get("months", 6)), 2), 24)
    except ValueError:
        months = 6
    return render(
        request,
        "employment/monitoring/trends.html",
        {"trends": mon.headcount_trends(viewer=request.user, months=months), "months": months},
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_report(request):
    """The employer's own monthly report (portal page)."""
    if request.user.role != Role.EMPLOYER:
        raise PermissionDenied
    monitored = mon.my_monitored(request.user)
    form = HeadcountForm(request.POST or None, initial={"month": f"{timezone.localdate():%Y-%m}"})
    if monitored is not None and request.method == "POST" and form.is_valid() and _report(request, monitored, form):
        return redirect("employment:monitoring_my_report")
    reports = list(monitored.reports.all()[:12]) if monitored else []
    return render(
        request,
        "employment/monitoring/my_report.html",
        {"monitored": monitored, "reports": reports, "form": form},
        status=400 if form.errors else 200,
    )


# --- statistics ---------------------------------------------------------------------------------------


def _statistics_args(request) -> dict:
    if not request.user.is_bureau_staff or not any(request.user.has_perm(p) for p in STATISTICS_PERMS):
        raise PermissionDenied
    prefix = require_region_prefix(request.user)
    form = StatisticsForm(request.GET or None)
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    district = (data.get("district") or "").strip()
    # The viewer's own region bounds the district asked for: a county clerk sees their county only.
    own = "440900" if prefix == "4409" else prefix
    if not district or not district.startswith(prefix):
        district = own
    return {"year": data.get("year") or today.year, "month": data.get("month") or None, "district": district}


@login_required
@require_GET
def statistics(request):
    args = _statistics_args(request)
    stats = mon.employment_statistics(**args)
    prefix = require_region_prefix(request.user)
    fields = mon.STAT_FIELDS
    return render(
        request,
        "employment/monitoring/statistics.html",
        {
            "stats": stats,
            "args": args,
            "headers": [mon.STAT_LABELS[f] for f in fields],
            "cards": [(mon.STAT_LABELS[f], stats["totals"][f]) for f in fields],
            "month_rows": [(r["month"], [r[f] for f in fields]) for r in stats["by_month"]],
            "district_rows": [(r["name"], [r[f] for f in fields]) for r in stats["by_district"]],
            "districts": Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=prefix[:6]).order_by("code")
            if len(prefix) <= 6
            else [],
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "months": list(range(1, 13)),
            "export_query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def statistics_export(request):
    args = _statistics_args(request)
    stats = mon.employment_statistics(**args)
    headers, rows = mon.statistics_sheet(stats)
    data = xlsx_bytes(headers, rows, title=_("就业统计"))
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="employment.statistics",
            object_repr=_("就业统计导出"),
            changes={k: str(v) for k, v in args.items()},
        )
    period = f"{args['year']}" + (f"-{args['month']:02d}" if args["month"] else "")
    return xlsx_response(f"就业统计-{args['district']}-{period}.xlsx", data)


# --- guarantee loans ----------------------------------------------------------------------------------


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def loan_list(request):
    require_region_prefix(request.user)
    status = request.GET.get("status", "")
    status = status if status in GuaranteeLoan.Status.values else ""
    page = page_of(ent.loans(viewer=request.user, status=status), request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "employment/monitoring/loans.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": GuaranteeLoan.Status.choices,
            "rule": ent.loan_rule(today),
            "lpr": assistance.setting("employment.loan_lpr", today),
            "group_labels": rules.LOAN_GROUPS,
            "query_string": query_string_without_page(request),
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def loan_detail(request, pk: int):
    loan = ent.get_loan_or_404(request.user, pk)
    disburse_form = LoanDisburseForm(request.POST if request.POST.get("op") == "disburse" else None)
    mark_form = LoanMarkForm(request.POST if request.POST.get("op") == "mark" else None)
    if request.method == "POST":
        form = disburse_form if request.POST.get("op") == "disburse" else mark_form
        if form.is_valid():
            try:
                if form is disburse_form:
                    ent.loan_disburse(actor=request.user, loan=loan, **form.cleaned_data)
                else:
                    ent.loan_mark(
                        actor=request.user,
                        loan=loan,
                        event=form.cleaned_data["event"],
                        extra_months=form.cleaned_data["extra_months"] or 0,
                    )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("贷款信息已更新"))
                return redirect("employment:loan_detail", pk=loan.pk)
    return render(
        request,
        "employment/monitoring/loan.html",
        {
            "loan": loan,
            "disburse_form": disburse_form,
            "mark_form": mark_form,
            "group_label": rules.LOAN_GROUPS.get(loan.eligible_group, loan.eligible_group),
        },
        status=400 if (disburse_form.errors or mark_form.errors) else 200,
    )


# --- incubation bases -----------------------------------------------------------------------------------


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def base_list(request):
    prefix = require_region_prefix(request.user)
    form = IncubationBaseForm(request.POST or None, region_prefix=prefix)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            operator = get_employer_by_code_for_user(request.user, data.pop("credit_code"))
            base = ent.incubation_base_create(actor=request.user, operator=operator, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已新增创业孵化基地：%(n)s") % {"n": base.name})
            return redirect("employment:incubation_base", pk=base.pk)
    page = page_of(ent.incubation_bases(viewer=request.user), request.GET.get("page"))
    return render(
        request,
        "employment/monitoring/bases.html",
        {"page_obj": page, "form": form, "query_string": query_string_without_page(request)},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def base_detail(request, pk: int):
    prefix = require_region_prefix(request.user)
    base = ent.get_base_or_404(request.user, pk)
    op = request.POST.get("op")
    edit_form = IncubationBaseForm(
        request.POST if op == "edit" else None,
        region_prefix=prefix,
        initial={
            "name": base.name,
            "credit_code": base.operator.credit_code,
            "region": base.region_id,
            "level": base.level,
            "capacity": base.capacity,
            "address": base.address,
        },
    )
    tenant_form = TenantForm(request.POST if op == "tenant" else None)
    if request.method == "POST":
        try:
            if op == "edit" and edit_form.is_valid():
                data = dict(edit_form.cleaned_data)
                operator = get_employer_by_code_for_user(request.user, data.pop("credit_code"))
                ent.incubation_base_update(actor=request.user, base=base, operator=operator, **data)
                messages.success(request, _("已保存"))
                return redirect("employment:incubation_base", pk=base.pk)
            if op == "tenant" and tenant_form.is_valid():
                data = tenant_form.cleaned_data
                employer = mon.employer_by_credit_code(data["credit_code"])
                founder = (
                    assistance.person_by_id_number(request.user, data["founder_id_number"])
                    if data["founder_id_number"]
                    else None
                )
                ent.incubation_tenant_add(
                    actor=request.user,
                    base=base,
                    employer=employer,
                    founder=founder,
                    since=data["since"],
                    jobs_created=data["jobs_created"],
                )
                messages.success(request, _("已登记入驻：%(e)s") % {"e": employer.name})
                return redirect("employment:incubation_base", pk=base.pk)
        except ValidationError as exc:
            apply_service_errors(edit_form if op == "edit" else tenant_form, exc)
    tenants = list(base.tenants.select_related("employer", "founder").order_by("until", "-since"))
    return render(
        request,
        "employment/monitoring/base.html",
        {
            "base": base,
            "tenants": tenants,
            "edit_form": edit_form,
            "tenant_form": tenant_form,
            "jobs_total": sum(t.jobs_created for t in tenants),
        },
        status=400 if (edit_form.errors or tenant_form.errors) else 200,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def tenant_update(request, pk: int):
    tenant = ent.get_tenant_or_404(request.user, pk)
    form = TenantUpdateForm(request.POST)
    if form.is_valid():
        try:
            ent.incubation_tenant_update(actor=request.user, tenant=tenant, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("已保存：%(e)s") % {"e": tenant.employer.name})
    else:
        form_errors_to_messages(request, form)
    return redirect("employment:incubation_base", pk=tenant.base_id)
