"""Staff pages of inspection cases: the scoped list with deadlines in colour, 立案 ex officio,
and the case page where each declared action has its form (two inspectors at least)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from renshe.accounts.scoping import require_region_prefix
from renshe.core.forms import apply_service_errors, errors_to_messages
from renshe.core.paging import page_of, query_string_without_page
from renshe.labour.inspection import selectors, services
from renshe.labour.inspection.display import CASE_BADGE, deadline_colour
from renshe.labour.inspection.downloads import serve_pdf
from renshe.labour.inspection.forms import ActionForm, CaseOpenForm, CloseForm, OrderForm, PenaltyForm
from renshe.labour.inspection.models import CaseStatus
from renshe.labour.inspection.workflow import case_actions_from
from renshe.registry.selectors import get_employer_by_code_for_user

VIEW = "inspection.view_inspectioncase"


@login_required
@permission_required(VIEW, raise_exception=True)
@require_safe
def case_list(request):
    require_region_prefix(request.user)
    qs = selectors.cases_visible_to(request.user)
    status = request.GET.get("status", "")
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    page = page_of(qs.order_by("-id"), request.GET.get("page"))
    today = timezone.localdate()
    rows = [
        {
            "c": c,
            "badge": CASE_BADGE.get(c.status, "secondary"),
            "due_colour": deadline_colour(c.due_date, today, done=c.status == CaseStatus.CLOSED),
        }
        for c in page.object_list
    ]
    return render(
        request,
        "inspection/staff/case_list.html",
        {
            "rows": rows,
            "page_obj": page,
            "query_string": query_string_without_page(request),
            "status": status,
            "statuses": CaseStatus.choices,
        },
    )


@login_required
@permission_required("inspection.act_inspection", raise_exception=True)
@require_http_methods(["GET", "POST"])
def case_new(request):
    require_region_prefix(request.user)
    form = CaseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = get_employer_by_code_for_user(request.user, form.cleaned_data["credit_code"])
            case = services.inspection_case_open(
                actor=request.user, employer=employer, summary=form.cleaned_data["summary"], source="ex_officio"
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已立案：%(n)s") % {"n": case.number})
            return redirect("inspection:case_detail", pk=case.pk)
    return render(request, "inspection/staff/case_new.html", {"form": form})


def _forms(case, inspectors, data=None, which: str = ""):
    def bound(name, cls, **kw):
        return cls(data if which == name else None, **kw)

    return {
        "action_form": bound("record_action", ActionForm, inspectors=inspectors),
        "order_form": bound("issue_order", OrderForm, inspectors=inspectors),
        "penalty_form": bound("penalize", PenaltyForm, inspectors=inspectors),
        "close_form": bound("close", CloseForm),
    }


def _detail(request, case, forms: dict | None = None, status: int = 200):
    inspectors = list(
        selectors.inspectors_in_scope(request.user).filter(org_unit__region__code__startswith=case.region_id[:6])
    )
    today = timezone.localdate()
    context = {
        "c": case,
        "badge": CASE_BADGE.get(case.status, "secondary"),
        "due_colour": deadline_colour(case.due_date, today, done=case.status == CaseStatus.CLOSED),
        "actions": [a.name for a in case_actions_from(case.status) if request.user.has_perm(a.perm)],
        "inspectors": inspectors,
        "conflicted": services.conflicted_inspector_ids(case.employer_id),
        "steps": case.transitions.select_related("actor"),
        "case_actions": case.actions.prefetch_related("inspectors"),
        "orders": case.orders.all(),
        "penalties": case.penalties.all(),
        "recusals": case.recusals.select_related("inspector"),
        "complaints": case.complaints.all(),
        **_forms(case, inspectors),
        **(forms or {}),
    }
    return render(request, "inspection/staff/case_detail.html", context, status=status)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_safe
def case_detail(request, pk: int):
    return _detail(request, selectors.case_for_user_or_404(request.user, pk))


@login_required
@permission_required(VIEW, raise_exception=True)
@require_POST
def case_act(request, pk: int, action: str):
    case = selectors.case_for_user_or_404(request.user, pk)
    post = request.POST
    inspectors = post.getlist("inspectors")
    version = _int(post.get("version"))
    forms = _forms(case, list(selectors.inspectors_in_scope(request.user)), post, action)
    try:
        if action == "record_action":
            services.case_record_action(
                case=case,
                actor=request.user,
                kind=post.get("kind", ""),
                inspector_ids=inspectors,
                note=post.get("note", ""),
                refused=post.get("refused") in ("on", "1", "true"),
                expected_version=version,
            )
        elif action == "issue_order":
            form = forms["order_form"]
            deadline = form.cleaned_data.get("deadline") if form.is_valid() else None
            if deadline is None:
                raise ValidationError({"deadline": _("请填写改正期限")})
            services.case_issue_order(
                case=case,
                actor=request.user,
                items=post.get("items", ""),
                inspector_ids=inspectors,
                deadline=deadline,
                expected_version=version,
            )
        elif action == "check_order":
            services.case_check_order(
                case=case, actor=request.user, met=post.get("met") == "1", note=post.get("note", "")
            )
        elif action == "penalize":
            services.case_penalize(
                case=case,
                actor=request.user,
                amount=post.get("amount", ""),
                legal_basis=post.get("legal_basis", ""),
                facts=post.get("facts", ""),
                inspector_ids=inspectors,
                expected_version=version,
            )
        elif action == "extend":
            services.case_extend(case=case, actor=request.user, reason=post.get("comment", ""))
        elif action == "recuse":
            services.case_recuse(
                case=case, actor=request.user, inspector_id=post.get("inspector"), reason=post.get("comment", "")
            )
        elif action == "close":
            services.case_close(
                case=case,
                actor=request.user,
                violation_confirmed=post.get("violation_confirmed") in ("on", "1", "true"),
                arrears_recovered=post.get("arrears_recovered", "") or "0",
                workers_helped=post.get("workers_helped", "") or "0",
                outcome_note=post.get("outcome_note", ""),
                expected_version=version,
            )
        else:
            raise Http404
    except ValidationError as exc:
        form_key = {"record_action": "action_form", "issue_order": "order_form", "penalize": "penalty_form"}.get(
            action, "close_form" if action == "close" else ""
        )
        if form_key and hasattr(exc, "error_dict"):
            form = forms[form_key]
            form.is_valid()
            apply_service_errors(form, exc)
        errors_to_messages(request, exc)
        return _detail(
            request,
            selectors.case_for_user_or_404(request.user, pk),
            {form_key: forms[form_key]} if form_key else None,
            400,
        )
    messages.success(request, _("已办理。"))
    return redirect("inspection:case_detail", pk=case.pk)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@permission_required(VIEW, raise_exception=True)
@require_safe
def document_download(request, pk: int, kind: str, doc_pk: int):
    case = selectors.case_for_user_or_404(request.user, pk)
    rows = case.orders if kind == "order" else case.penalties if kind == "penalty" else None
    doc = rows.filter(pk=doc_pk, file__isnull=False).select_related("file").first() if rows is not None else None
    if doc is None:
        raise Http404
    return serve_pdf(request, case, doc.file, doc.number)
