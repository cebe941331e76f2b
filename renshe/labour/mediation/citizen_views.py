"""The applicant's pages (mobile first): apply for mediation, follow the case, withdraw, go to arbitration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.models import Role
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.forms import apply_service_errors, errors_to_messages
from renshe.labour.mediation import selectors, services
from renshe.labour.mediation.documents import agreement_pdf
from renshe.labour.mediation.forms import ApplyForm, item_rows, items_from_post
from renshe.labour.mediation.models import Organisation, Status
from renshe.labour.mediation.workflow import ACTIONS


def _citizen(request):
    user = request.user
    if user.role != Role.CITIZEN or not user.person_id:
        raise PermissionDenied
    return user.person


def _party(request):
    """The applicant (a citizen) or the respondent (an employer account, read only)."""
    user = request.user
    if not ((user.role == Role.CITIZEN and user.person_id) or (user.role == Role.EMPLOYER and user.employer_id)):
        raise PermissionDenied
    return user


def applicant_organisations(person) -> list[Organisation]:
    """What the phone's list offers: the organisations of the applicant's county and the city. The
    service still checks the choice against the applicant's and the employer's towns."""
    county = person.residence_region_id[:6]
    qs = Organisation.objects.filter(active=True).select_related("region").order_by("level", "name")
    return [o for o in qs if o.region_id.startswith(county) or o.region_id == "440900"]


@login_required
@require_GET
def my_cases(request):
    user = _party(request)
    cases = selectors.cases_visible_to(user).select_related("organisation", "applicant").order_by("-id")[:50]
    today = timezone.localdate()
    rows = [{"case": c, "state": selectors.deadline_state(c, today)} for c in cases]
    return render(request, "mediation/my_cases.html", {"rows": rows, "as_respondent": user.role == Role.EMPLOYER})


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    person = _citizen(request)
    organisations = applicant_organisations(person)
    if request.method == "POST":
        form = ApplyForm(request.POST, organisations=organisations)
        if form.is_valid():
            data = form.cleaned_data
            try:
                employer = selectors.employer_by_credit_code(data["respondent_credit_code"])
                case = services.case_apply(
                    actor=request.user,
                    applicant=person,
                    organisation=next(o for o in organisations if o.pk == data["organisation"]),
                    respondent_employer=employer,
                    respondent_name=data["respondent_name"],
                    respondent_address=data["respondent_address"],
                    facts=data["facts"],
                    items=items_from_post(request.POST),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("调解申请已提交，案件编号 %(n)s") % {"n": case.number})
                return redirect("mediation:my_case", pk=case.pk)
        status = 400
    else:
        default = services.default_organisation(applicant_region=person.residence_region_id)
        form = ApplyForm(organisations=organisations, initial={"organisation": default.pk if default else None})
        status = 200
    return render(
        request,
        "mediation/apply.html",
        {"form": form, "rows": item_rows(request.POST if request.method == "POST" else None), "claim_kinds": _kinds()},
        status=status,
    )


def _kinds():
    from renshe.labour.mediation.forms import CLAIM_CHOICES

    return CLAIM_CHOICES


@login_required
@require_GET
def my_case(request, pk: int):
    user = _party(request)
    case = selectors.get_case_for_user_or_404(user, pk)
    as_respondent = user.role == Role.EMPLOYER
    today = timezone.localdate()
    can_refer = case.status in (Status.FAILED, Status.EXPIRED) or (
        case.status == Status.MEDIATING and case.deadline and today > case.deadline
    )
    return render(
        request,
        "mediation/my_case.html",
        {
            "case": case,
            "items": list(case.items.all()),
            "sessions": list(case.sessions.all()),
            "transitions": list(case.transitions.all()),
            "state": selectors.deadline_state(case, today),
            "as_respondent": as_respondent,
            "can_withdraw": not as_respondent and case.status in ACTIONS["withdraw"].sources,
            "can_refer": not as_respondent
            and (can_refer or (case.status == Status.AGREED and case.performance == "not_performed")),
            "referral": getattr(case, "referral", None) if case.status == Status.REFERRED else None,
        },
    )


@login_required
@require_POST
def my_act(request, pk: int, action: str):
    _citizen(request)
    case = selectors.get_case_for_user_or_404(request.user, pk)
    if action not in ("withdraw", "refer"):
        raise PermissionDenied
    try:
        services.case_transition(case=case, action=action, actor=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, _("已%(a)s") % {"a": ACTIONS[action].label})
    return redirect("mediation:my_case", pk=case.pk)


@login_required
@require_GET
def agreement_download(request, pk: int):
    """The agreement PDF for the applicant or the staff of the region (audited)."""
    case = selectors.get_case_for_user_or_404(request.user, pk)
    try:
        data = agreement_pdf(case)
    except ValueError:
        messages.error(request, _("本案没有调解协议"))
        return redirect("mediation:my_case" if request.user.role == Role.CITIZEN else "mediation:case_detail", pk=pk)
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=case, changes={"document": "agreement"})
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.number}-agreement.pdf"'
    return response
