"""Staff pages: the inspectors' warning board, a warning and its actions, the monitored projects, the
special accounts with the bank-file import, and the partners. Every read goes through the selectors
(another district's record is a 404); every write is one service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from renshe.accounts.scoping import require_region_prefix
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.forms import apply_service_errors, errors_to_messages
from renshe.core.paging import page_of, query_string_without_page
from renshe.labour.wages import partners as partner_services
from renshe.labour.wages import selectors as sel
from renshe.labour.wages import services_payroll as pay
from renshe.labour.wages import services_projects as svc
from renshe.labour.wages import services_warnings as warn
from renshe.labour.wages.forms import BoardFilterForm, CloseForm, FileForm, PartnerForm, RiskForm
from renshe.labour.wages.models import BankImport, Partner, SpecialAccount, WageWarning
from renshe.labour.wages.rules import RULES

MONITOR = sel.MONITOR
HANDLE = warn.HANDLE
ACTION_LABELS = {
    "open": _lazy("生成预警"),
    "auto_close": _lazy("自动关闭"),
    "acknowledge": _lazy("签收"),
    "escalate": _lazy("上报区县领导"),
    "to_inspection": _lazy("转监察立案"),
    "close": _lazy("关闭预警"),
}


@login_required
@permission_required(MONITOR, raise_exception=True)
def board(request):
    prefix = require_region_prefix(request.user)
    form = BoardFilterForm(request.GET or {"status": "live"})
    form.fields["region"].limit_to(prefix)
    filters = form.cleaned_data if form.is_valid() else {"status": "live"}
    qs = sel.warning_board(
        viewer=request.user,
        status=filters.get("status", "live"),
        level=filters.get("level", ""),
        rule=filters.get("rule", ""),
        region=filters.get("region", ""),
    )
    live = sel.warnings_visible_to(request.user).exclude(status="closed")
    counts = dict(live.values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    return render(
        request,
        "wages/board.html",
        {
            "form": form,
            "page_obj": page_of(qs, request.GET.get("page")),
            "counts": counts,
            "rules": RULES,
            "query_string": query_string_without_page(request),
        },
    )


@login_required
@permission_required(MONITOR, raise_exception=True)
def warning_detail(request, pk):
    warning = sel.get_warning_for_user_or_404(request.user, pk)
    return render(
        request,
        "wages/warning_detail.html",
        {
            "warning": warning,
            "rule_title": RULES[warning.rule][1],
            "actions": [
                {
                    "at": a.at,
                    "actor": a.actor,
                    "label": ACTION_LABELS.get(a.action, a.action),
                    "status": WageWarning.Status(a.to_status).label,
                    "comment": a.comment,
                }
                for a in warning.actions.select_related("actor")
            ],
            "close_form": CloseForm(),
            "can_handle": request.user.has_perm(HANDLE),
            "inspection_available": warn.inspection_available(),
        },
    )


@login_required
@permission_required(HANDLE, raise_exception=True)
@require_POST
def warning_act(request, pk):
    warning = sel.get_warning_for_user_or_404(request.user, pk)
    action = request.POST.get("action", "")
    try:
        version = int(request.POST.get("version") or 0) or None
    except ValueError:
        version = None
    try:
        warning = warn.warning_act(
            actor=request.user, warning=warning, action=action, comment=request.POST.get("comment", ""), version=version
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        done = {
            "acknowledge": _("已签收"),
            "escalate": _("已上报区县领导"),
            "to_inspection": _("已转监察立案：%(r)s") % {"r": warning.inspection_ref},
            "close": _("已关闭"),
        }
        messages.success(request, done[action])
    return redirect("wages:warning_detail", pk=warning.pk)


@login_required
@permission_required(MONITOR, raise_exception=True)
def project_list(request):
    prefix = require_region_prefix(request.user)
    query = request.GET.get("q", "").strip()[:60]
    region = request.GET.get("region", "").strip()
    region = region if region.startswith(prefix[:4]) and region.isdigit() else ""
    qs = sel.project_list(viewer=request.user, query=query, region=region).annotate(
        live_warnings=Count("warnings", filter=~Q(warnings__status="closed"), distinct=True),
        worker_count=Count("workers", distinct=True),
    )
    return render(
        request,
        "wages/project_list.html",
        {
            "page_obj": page_of(qs, request.GET.get("page")),
            "query": query,
            "query_string": query_string_without_page(request),
        },
    )


@login_required
@permission_required(MONITOR, raise_exception=True)
@require_http_methods(["GET", "POST"])
def project_detail(request, pk):
    project = sel.get_project_for_user_or_404(request.user, pk)
    form = RiskForm(request.POST or None, initial={"risk_flag": project.risk_flag, "risk_note": project.risk_note})
    if request.method == "POST" and form.is_valid():
        try:
            svc.project_flag_risk(
                actor=request.user,
                project=project,
                flag=form.cleaned_data["risk_flag"],
                note=form.cleaned_data["risk_note"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已保存风险标记"))
            return redirect("wages:project_detail", pk=project.pk)
    audit_record(actor=request.user, action=AuditAction.REVEAL, obj=project, changes={"view": [None, "workers"]})
    return render(request, "wages/project_detail.html", {**_project_context(project), "form": form, "staff_view": True})


def _project_context(project) -> dict:
    account = getattr(project, "account", None)
    today = timezone.localdate()
    return {
        "deposit_required": warn.thresholds_for(project, today).deposit_required,
        "project": project,
        "account": account,
        "balance": pay.account_balance(account) if account else None,
        "deposit": getattr(project, "deposit", None),
        "workers": sel.workers_of(project),
        "payrolls": project.payrolls.annotate(total=Sum("lines__amount_due"), lines_count=Count("lines")),
        "transactions": account.transactions.select_related("worker__person")[:30] if account else [],
        "warnings": project.warnings.exclude(status="closed"),
        "rules": RULES,
    }


@login_required
@permission_required(MONITOR, raise_exception=True)
@require_http_methods(["GET", "POST"])
def account_list(request):
    require_region_prefix(request.user)
    form = FileForm(request.POST or None, request.FILES or None)
    batch = None
    if request.method == "POST":
        if not request.user.has_perm("wages.import_bank_file"):
            return render(request, "403.html", status=403)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch = pay.bank_file_import(actor=request.user, name=upload.name, content=upload.read())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                if batch.status == BankImport.Status.APPLIED:
                    messages.success(
                        request, _("已入账 %(n)d 笔，已存在跳过 %(k)d 笔") % {"n": batch.applied, "k": batch.already}
                    )
                else:
                    messages.error(request, _("文件有 %(n)d 行错误，全部未入账") % {"n": len(batch.errors)})
    accounts = (
        SpecialAccount.objects.filter(sel.project_visible_q(request.user, "project__"))
        .select_related("project")
        .annotate(
            credits=Sum("transactions__amount", filter=Q(transactions__kind="credit")),
            payouts=Sum("transactions__amount", filter=Q(transactions__kind="payout")),
        )
        .order_by("-opened_on", "-id")
    )
    return render(
        request,
        "wages/account_list.html",
        {
            "page_obj": page_of(accounts, request.GET.get("page")),
            "form": form,
            "batch": batch,
            "query_string": query_string_without_page(request),
        },
        status=400 if form.errors or (batch and batch.errors) else 200,
    )


@login_required
@permission_required("wages.manage_partners", raise_exception=True)
@require_http_methods(["GET", "POST"])
def partner_list(request):
    form = PartnerForm(request.POST or None)
    token = None
    if request.method == "POST" and "toggle" in request.POST:
        partner = get_object_or_404(Partner, pk=request.POST.get("toggle"))
        partner_services.partner_set_active(actor=request.user, partner=partner, active=not partner.active)
        return redirect("wages:partner_list")
    if request.method == "POST" and form.is_valid():
        try:
            partner, token = partner_services.partner_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已创建合作方：%(n)s。令牌只显示这一次，请立即转交。") % {"n": partner.name})
            form = PartnerForm()
    return render(
        request,
        "wages/partner_list.html",
        {"partners": Partner.objects.all(), "form": form, "token": token},
        status=400 if form.errors else 200,
    )
