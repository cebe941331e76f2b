"""Staff pages of complaints: the scoped list with acceptance deadlines in colour, entry of phone,
walk-in and transferred complaints, and the detail page with accept / refuse / transfer / 立案."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from renshe.accounts.scoping import require_region_prefix
from renshe.core.forms import errors_to_messages
from renshe.core.paging import page_of, query_string_without_page
from renshe.labour.inspection import selectors, services_complaints
from renshe.labour.inspection.display import COMPLAINT_BADGE, deadline_colour
from renshe.labour.inspection.downloads import serve_pdf
from renshe.labour.inspection.forms import CaseOpenForm, RefuseForm, StaffComplaintForm
from renshe.labour.inspection.forms import merge_service_errors as _merge_errors
from renshe.labour.inspection.models import ComplaintStatus
from renshe.labour.inspection.workflow import complaint_actions_from

VIEW = "inspection.view_complaint"


@login_required
@permission_required(VIEW, raise_exception=True)
@require_safe
def complaint_list(request):
    require_region_prefix(request.user)
    qs = selectors.complaints_visible_to(request.user)
    status = request.GET.get("status", "")
    if status in ComplaintStatus.values:
        qs = qs.filter(status=status)
    page = page_of(qs.order_by("-id"), request.GET.get("page"))
    today = timezone.localdate()
    rows = [
        {
            "c": c,
            "badge": COMPLAINT_BADGE.get(c.status, "secondary"),
            "due_colour": deadline_colour(c.acceptance_due, today, done=c.status != ComplaintStatus.RECEIVED),
        }
        for c in page.object_list
    ]
    return render(
        request,
        "inspection/staff/complaint_list.html",
        {
            "rows": rows,
            "page_obj": page,
            "query_string": query_string_without_page(request),
            "status": status,
            "statuses": ComplaintStatus.choices,
        },
    )


@login_required
@permission_required("inspection.enter_complaint", raise_exception=True)
@require_http_methods(["GET", "POST"])
def complaint_enter(request):
    prefix = require_region_prefix(request.user)
    form = StaffComplaintForm(request.POST or None, request.FILES or None)
    form.fields["region"].limit_to(prefix)
    if request.method == "POST":
        form.is_valid()  # the format errors; the service checks everything else
        try:
            complaint = services_complaints.complaint_file(
                actor=request.user, data=request.POST, files=request.FILES.getlist("attachments")
            )
        except ValidationError as exc:
            _merge_errors(form, exc)
        else:
            messages.success(request, _("已登记，编号 %(n)s。") % {"n": complaint.number})
            return redirect("inspection:complaint_detail", pk=complaint.pk)
    return render(request, "inspection/staff/complaint_enter.html", {"form": form})


@login_required
@permission_required(VIEW, raise_exception=True)
@require_safe
def complaint_detail(request, pk: int):
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    today = timezone.localdate()
    return render(
        request,
        "inspection/staff/complaint_detail.html",
        {
            "c": complaint,
            "badge": COMPLAINT_BADGE.get(complaint.status, "secondary"),
            "due_colour": deadline_colour(
                complaint.acceptance_due, today, done=complaint.status != ComplaintStatus.RECEIVED
            ),
            "actions": [a.name for a in complaint_actions_from(complaint.status) if request.user.has_perm(a.perm)],
            "refuse_form": RefuseForm(),
            "open_form": CaseOpenForm(
                initial={
                    "credit_code": complaint.employer.credit_code if complaint.employer else "",
                    "summary": complaint.facts[:500],
                }
            ),
            "steps": complaint.transitions.select_related("actor"),
            "inspectors": services_complaints.grid_inspectors_of(complaint.region_id),
            "attachments": complaint.attachments.all(),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
@require_safe
def complaint_refusal(request, pk: int):
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    return serve_pdf(request, complaint, complaint.refusal_file, "refusal")


@login_required
@permission_required(VIEW, raise_exception=True)
@require_POST
def complaint_act(request, pk: int, action: str):
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    try:
        if action == "open_case":
            case = services_complaints.complaint_open_case(
                complaint=complaint,
                actor=request.user,
                credit_code=request.POST.get("credit_code", ""),
                summary=request.POST.get("summary", ""),
            )
            messages.success(request, _("已立案：%(n)s") % {"n": case.number})
            return redirect("inspection:case_detail", pk=case.pk)
        services_complaints.complaint_transition(
            complaint=complaint,
            action=action,
            actor=request.user,
            comment=request.POST.get("comment", ""),
            refusal_reason=request.POST.get("refusal_reason", ""),
            transferred_to=request.POST.get("transferred_to", ""),
            expected_version=_int(request.POST.get("version")),
        )
        messages.success(request, _("已办理。"))
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("inspection:complaint_detail", pk=complaint.pk)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
