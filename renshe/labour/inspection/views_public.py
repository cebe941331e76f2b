"""Pages for the public: a citizen's complaints on the phone (file, follow) and the published
results of the random inspections (双随机一公开), which show employer names and outcomes only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from renshe.accounts.models import Role
from renshe.labour.inspection import selectors, services_complaints, services_draws
from renshe.labour.inspection.display import COMPLAINT_BADGE, deadline_colour
from renshe.labour.inspection.downloads import serve_pdf
from renshe.labour.inspection.forms import ComplaintForm
from renshe.labour.inspection.forms import merge_service_errors as _merge_errors
from renshe.labour.inspection.models import CaseStatus, InspectionCase


def _citizen(request):
    if request.user.role != Role.CITIZEN:
        raise PermissionDenied(_("仅限个人用户"))


@login_required
@require_safe
def my_list(request):
    _citizen(request)
    today = timezone.localdate()
    rows = [
        {"c": c, "badge": COMPLAINT_BADGE.get(c.status, "secondary")}
        for c in selectors.complaints_visible_to(request.user).order_by("-id")[:50]
    ]
    return render(request, "inspection/public/my_list.html", {"rows": rows, "today": today})


@login_required
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    _citizen(request)
    person = request.user.person
    initial = {"complainant_name": person.name if person else "", "complainant_phone": person.phone if person else ""}
    form = ComplaintForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        form.is_valid()  # the format errors; the service checks everything else
        try:
            complaint = services_complaints.complaint_file(
                actor=request.user, data=request.POST, files=request.FILES.getlist("attachments")
            )
        except ValidationError as exc:
            _merge_errors(form, exc)
        else:
            messages.success(request, _("已提交，编号 %(n)s。") % {"n": complaint.number})
            return redirect("inspection:my_detail", pk=complaint.pk)
    return render(request, "inspection/public/complaint_form.html", {"form": form})


@login_required
@require_safe
def my_detail(request, pk: int):
    _citizen(request)
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    return render(
        request,
        "inspection/public/my_detail.html",
        {
            "c": complaint,
            "badge": COMPLAINT_BADGE.get(complaint.status, "secondary"),
            "due_colour": deadline_colour(
                complaint.acceptance_due, timezone.localdate(), done=complaint.status != "received"
            ),
            "steps": complaint.transitions.all(),
        },
    )


@login_required
@require_safe
def my_refusal(request, pk: int):
    _citizen(request)
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    return serve_pdf(request, complaint, complaint.refusal_file, "refusal")


def _outcome(case: InspectionCase | None) -> str:
    if case is None:
        return _("待检查")
    if case.status != CaseStatus.CLOSED:
        return _("检查中")
    return _("发现问题，已责令改正") if case.violation_confirmed else _("未发现问题")


@require_safe
def public_draws(request):
    draws = [
        {"d": d, "due": services_draws.draw_publication_due(d)}
        for d in selectors.published_draws().order_by("-id")[:50]
    ]
    return render(request, "inspection/public/draws.html", {"draws": draws})


@require_safe
def public_draw_detail(request, pk: int):
    draw = get_object_or_404(selectors.published_draws(), pk=pk)
    cases = {
        c.source_ref: c
        for c in InspectionCase.objects.filter(source="draw", source_ref__startswith=f"{draw.pk}-").order_by("id")
    }
    targets = draw.targets.select_related("employer", "employer__region").order_by("position")
    rows = [{"t": t, "outcome": _outcome(cases.get(f"{draw.pk}-{t.position}"))} for t in targets]
    if draw.publication is None:
        raise Http404
    return render(
        request,
        "inspection/public/draw_detail.html",
        {"d": draw, "rows": rows, "due": services_draws.draw_publication_due(draw)},
    )
