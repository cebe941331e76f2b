"""The contractor's pages (an employer account; phone-friendly) and the worker's own page (a citizen).

A contractor sees and writes only its own projects (another's is a 404); a worker sees only their own
payroll lines and payouts and confirms their own lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from renshe.core.files import file_store
from renshe.core.forms import apply_service_errors, errors_to_messages
from renshe.labour.wages import selectors as sel
from renshe.labour.wages import services_payroll as pay
from renshe.labour.wages import services_projects as svc
from renshe.labour.wages.forms import (
    AccountForm,
    AttendanceForm,
    DepositForm,
    FileForm,
    NoticeBoardForm,
    PayrollMonthForm,
    ProjectForm,
    WorkerForm,
)
from renshe.labour.wages.models import Project
from renshe.labour.wages.rules import RULES, add_months, month_start
from renshe.labour.wages.views_staff import _project_context


def _contractor(request):
    if not sel.is_contractor(request.user):
        raise PermissionDenied
    return request.user


@login_required
def my_projects(request):
    _contractor(request)
    projects = sel.projects_visible_to(request.user).annotate(
        worker_count=Count("workers", distinct=True),
    )
    warnings = sel.warnings_visible_to(request.user).exclude(status="closed")
    return render(request, "wages/my_projects.html", {"projects": projects, "warnings": warnings, "rules": RULES})


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request):
    user = _contractor(request)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = svc.project_register(actor=user, employer=user.employer, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已登记项目：%(n)s") % {"n": project.name})
            return redirect("wages:my_project", pk=project.pk)
    return render(request, "wages/project_form.html", {"form": form}, status=400 if form.errors else 200)


def _my_project(request, pk) -> Project:
    _contractor(request)
    return sel.get_project_for_user_or_404(request.user, pk)


@login_required
def my_project(request, pk):
    project = _my_project(request, pk)
    return render(request, "wages/my_project.html", _my_context(project))


def _my_context(project, **forms) -> dict:
    deposit = getattr(project, "deposit", None)
    context = _project_context(project)
    context.update(
        {
            "account_form": forms.get("account_form") or AccountForm(),
            "deposit_form": forms.get("deposit_form")
            or DepositForm(initial={"kind": deposit.kind, "amount": deposit.amount} if deposit else None),
            "worker_form": forms.get("worker_form") or WorkerForm(initial={"joined_on": timezone.localdate()}),
            "attendance_form": forms.get("attendance_form") or FileForm(),
            "day_form": forms.get("day_form")
            or AttendanceForm(workers=context["workers"], initial={"day": timezone.localdate()}),
            "notice_form": forms.get("notice_form") or NoticeBoardForm(initial={"notice_board": project.notice_board}),
            "payroll_form": PayrollMonthForm(
                initial={"month": f"{add_months(month_start(timezone.localdate()), -1):%Y-%m}"}
            ),
            "import_result": forms.get("import_result"),
        }
    )
    return context


def _project_write(request, pk, form_class, name, do):
    project = _my_project(request, pk)
    form = form_class(request.POST, request.FILES or None)
    if form.is_valid():
        try:
            message = do(project, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if isinstance(message, dict):
                return render(
                    request,
                    "wages/my_project.html",
                    _my_context(project, import_result=message),
                    status=400 if message["errors"] else 200,
                )
            messages.success(request, message)
            return redirect("wages:my_project", pk=project.pk)
    return render(request, "wages/my_project.html", _my_context(project, **{name: form}), status=400)


@login_required
@require_POST
def account_open(request, pk):
    def do(project, data):
        svc.account_open(actor=request.user, project=project, **data)
        return _("已登记工资专用账户")

    return _project_write(request, pk, AccountForm, "account_form", do)


@login_required
@require_POST
def deposit_lodge(request, pk):
    def do(project, data):
        svc.deposit_lodge(actor=request.user, project=project, **data)
        return _("已登记工资保证金")

    return _project_write(request, pk, DepositForm, "deposit_form", do)


@login_required
@require_POST
def worker_add(request, pk):
    def do(project, data):
        worker = svc.worker_add(actor=request.user, project=project, **data)
        return _("已登记工人：%(n)s") % {"n": worker.person.masked_name}

    return _project_write(request, pk, WorkerForm, "worker_form", do)


@login_required
@require_POST
def attendance_import(request, pk):
    def do(project, data):
        upload = data["file"]
        result = svc.attendance_import(actor=request.user, project=project, name=upload.name, content=upload.read())
        if result["errors"]:
            return result
        return _("已导入考勤 %(n)d 条") % {"n": result["applied"]}

    return _project_write(request, pk, FileForm, "attendance_form", do)


@login_required
@require_POST
def attendance_enter(request, pk):
    project = _my_project(request, pk)
    form = AttendanceForm(request.POST, workers=sel.workers_of(project))
    if form.is_valid():
        worker = project.workers.get(pk=form.cleaned_data["worker"])
        day = form.cleaned_data["day"]
        if day < worker.joined_on or day > timezone.localdate():
            form.add_error("day", _("日期不在该工人进场后至今的范围内"))
        else:
            added = svc.attendance_record(actor=request.user, project=project, worker=worker, days=[day])
            messages.success(request, _("已记录出勤") if added else _("该日出勤已记录"))
            return redirect("wages:my_project", pk=project.pk)
    return render(request, "wages/my_project.html", _my_context(project, day_form=form), status=400)


@login_required
@require_POST
def notice_board(request, pk):
    def do(project, data):
        photo = file_store(uploaded=data["photo"], actor=request.user, field="photo") if data.get("photo") else None
        svc.project_update(actor=request.user, project=project, notice_board=data["notice_board"])
        if photo is not None:
            Project.objects.filter(pk=project.pk).update(notice_board_photo=photo)
        return _("已保存告示牌信息")

    return _project_write(request, pk, NoticeBoardForm, "notice_form", do)


def _month(text: str) -> date:
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        raise ValidationError({"month": _("请选择工资月份")}) from None


@login_required
@require_http_methods(["GET", "POST"])
def payroll_new(request, pk):
    project = _my_project(request, pk)
    try:
        month = _month(request.POST.get("month") or request.GET.get("month", ""))
    except ValidationError as exc:
        errors_to_messages(request, exc)
        return redirect("wages:my_project", pk=project.pk)
    workers = list(sel.workers_of(project).filter(joined_on__lt=add_months(month, 1)))
    days = dict(
        project.workers.filter(attendance__day__gte=month, attendance__day__lt=add_months(month, 1))
        .annotate(n=Count("attendance"))
        .values_list("pk", "n")
    )
    errors, rows = [], []
    for w in workers:
        rows.append(
            {
                "worker": w,
                "days": request.POST.get(f"days_{w.pk}", days.get(w.pk, 0)),
                "amount_due": request.POST.get(f"due_{w.pk}", ""),
                "amount_paid": request.POST.get(f"paid_{w.pk}", ""),
            }
        )
    if request.method == "POST":
        lines = [
            {
                "worker": r["worker"].pk,
                "days": r["days"],
                "amount_due": r["amount_due"] or "0",
                "amount_paid": r["amount_paid"] or "0",
            }
            for r in rows
        ]
        try:
            payroll = pay.payroll_file(actor=request.user, project=project, month=month, lines=lines, submit=True)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("已报送 %(m)s 工资支付表，等待工人确认") % {"m": f"{month:%Y-%m}"})
            return redirect("wages:my_payroll", pk=payroll.pk)
    return render(
        request,
        "wages/payroll_form.html",
        {"project": project, "month": month, "rows": rows, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_payroll(request, pk):
    _contractor(request)
    payroll = sel.get_payroll_for_user_or_404(request.user, pk)
    form = FileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            pay.payroll_scan_attach(actor=request.user, payroll=payroll, uploaded=form.cleaned_data["file"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已上传签字工资表"))
            return redirect("wages:my_payroll", pk=payroll.pk)
    lines = payroll.lines.select_related("worker__person").order_by("worker__team", "id")
    total = lines.aggregate(due=Sum("amount_due"), paid=Sum("amount_paid"))
    return render(
        request,
        "wages/my_payroll.html",
        {"payroll": payroll, "lines": lines, "total": total, "form": form},
        status=400 if form.errors else 200,
    )


# --- the worker ----------------------------------------------------------------------------------------


@login_required
def worker_home(request):
    if request.user.role != "citizen":
        raise Http404
    lines = sel.my_payroll_lines(viewer=request.user)
    payouts = sel.my_payouts(viewer=request.user)[:50]
    return render(
        request,
        "wages/worker_home.html",
        {"lines": lines, "payouts": payouts, "paid_total": sum((p.amount for p in payouts), Decimal(0))},
    )


@login_required
@require_POST
def line_confirm(request, pk):
    line = sel.get_my_payroll_line_or_404(request.user, pk)
    try:
        pay.payroll_line_confirm(actor=request.user, line=line)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, _("已确认 %(m)s 工资") % {"m": f"{line.payroll.month:%Y-%m}"})
    return redirect("wages:worker_home")
