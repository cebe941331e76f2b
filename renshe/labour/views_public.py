"""Citizen pages of arbitration (mobile-first): apply, my applications with their timeline, the
documents, and the public list of published awards (masked, no login).

Every case page fetches through ``get_arbitration_for_user_or_404``: another person's case is a 404.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.files import upload_root
from renshe.core.forms import apply_service_errors, errors_to_messages
from renshe.core.paging import page_of
from renshe.labour import publishing, selectors, services
from renshe.labour.exceptions import ArbitrationConflict
from renshe.labour.forms import ApplicationForm, claim_rows, kind_choices, posted_claims
from renshe.labour.models import ArbitrationDocument, Channel, Status
from renshe.labour.timeline import timeline
from renshe.registry.models import Employer

STATUS_BADGE = {
    Status.SUBMITTED: "primary",
    Status.ACCEPTED: "info",
    Status.SCHEDULED: "info",
    Status.SUSPENDED: "secondary",
    Status.AWARDED: "success",
    Status.MEDIATED: "success",
    Status.REFUSED: "danger",
    Status.WITHDRAWN: "secondary",
    Status.CLOSED: "success",
}
_CLAIM_KEY = re.compile(r"^claims\[(\d+)\](.*)$")


def _public_user(request):
    if not request.user.is_public or request.user.person_id is None:
        raise Http404
    return request.user


def _party_user(request):
    """A party to cases: the applicant (a citizen) or the respondent (an employer account, which sees
    the cases filed against it — the copy of the application it is served, the hearing, the award)."""
    user = request.user
    if not user.is_public or (user.person_id is None and user.employer_id is None):
        raise Http404
    return user


def respondent_by_code(code: str):
    """A registered employer by its exact credit code: the name the applicant sees is public data."""
    code = (code or "").strip().upper()
    return Employer.objects.filter(credit_code=code).first() if code else None


def remap_claim_errors(errors: dict, rows: list[int]) -> dict:
    """Service errors name the i-th posted claim; the form shows them on the row it came from."""
    result = {}
    for key, value in errors.items():
        match = _CLAIM_KEY.match(key)
        if match and int(match.group(1)) < len(rows):
            key = f"claims[{rows[int(match.group(1))]}]{match.group(2)}"
        result[key] = value
    return result


def file_from_form(request, form, *, actor, applicant, channel):
    """Shared by the citizen page and the window: run the service, put its errors on the form."""
    data = form.cleaned_data
    claims, rows = posted_claims(request.POST)
    employer = respondent_by_code(data.get("respondent_credit_code"))
    if data.get("respondent_credit_code") and employer is None:
        form.add_error("respondent_credit_code", _("未找到该统一社会信用代码的单位，请填写名称和地址"))
        return None, {}
    try:
        case = services.arbitration_apply(
            actor=actor,
            applicant=applicant,
            claims=claims,
            knew_on=data["knew_on"],
            respondent_employer=employer,
            respondent_name=data.get("respondent_name", ""),
            respondent_address=data.get("respondent_address", ""),
            employment_ended=data.get("employment_ended", False),
            employment_ended_on=data.get("employment_ended_on"),
            migrant_worker=data.get("migrant_worker", False),
            workers=data.get("workers") or 1,
            facts=data.get("facts", ""),
            channel=channel,
            acknowledge_time_bar=data.get("acknowledge_time_bar", False),
        )
    except ValidationError as exc:
        errors = remap_claim_errors(exc.message_dict, rows) if hasattr(exc, "error_dict") else {}
        header = {k: v for k, v in errors.items() if not k.startswith("claims[")}
        if header or not errors:
            apply_service_errors(form, ValidationError(header) if header else exc)
        return None, errors
    return case, {}


@login_required
def apply(request):
    user = _public_user(request)
    errors: dict = {}
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case, errors = file_from_form(request, form, actor=user, applicant=user.person, channel=Channel.MOBILE)
        if case is not None:
            messages.success(request, _("仲裁申请已提交，案号 %(n)s") % {"n": case.number})
            return redirect("labour:my_case", case.pk)
    return render(
        request,
        "labour/public/apply.html",
        {
            "form": form,
            "rows": claim_rows(request.POST if request.method == "POST" else None, errors),
            "kinds": kind_choices(),
            "claims_error": errors.get("claims"),
        },
    )


@login_required
def my_cases(request):
    user = _party_user(request)
    page = page_of(selectors.my_arbitrations(viewer=user), request.GET.get("page"))
    for case in page.object_list:
        case.badge = STATUS_BADGE.get(case.status, "secondary")
        case.deadline = selectors.main_deadline(case)
    return render(
        request, "labour/public/my_cases.html", {"page_obj": page, "as_respondent": user.employer_id is not None}
    )


def _case_context(case) -> dict:
    case.badge = STATUS_BADGE.get(case.status, "secondary")
    return {
        "case": case,
        "claims": list(case.claims.all()),
        "deadlines": selectors.case_deadlines(case),
        "timeline": timeline(case),
        "hearing": case.hearings.filter(state="scheduled").select_related("room").first(),
        "documents": list(case.documents.all()),
        "ceiling": services.rules.final_award_ceiling(case.received_on),
    }


@login_required
def my_case(request, pk):
    user = _party_user(request)
    case = selectors.get_arbitration_for_user_or_404(user, pk)
    context = _case_context(case)
    context["can_withdraw"] = case.status in services.ACTIONS["withdraw"].sources and user.role == "citizen"
    context["as_respondent"] = user.employer_id is not None
    return render(request, "labour/public/my_case.html", context)


@login_required
@require_POST
def my_withdraw(request, pk):
    user = _public_user(request)
    case = selectors.get_arbitration_for_user_or_404(user, pk)
    try:
        services.arbitration_transition(
            case=case,
            action="withdraw",
            actor=user,
            comment=request.POST.get("comment", ""),
            expected_version=request.POST.get("version") or None,
        )
    except (ArbitrationConflict, ValidationError, PermissionDenied) as exc:
        errors_to_messages(request, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
    else:
        messages.success(request, _("已撤回仲裁申请"))
    return redirect("labour:my_case", case.pk)


def document_response(request, case, kind: str):
    """Serve an issued document (issuing it now if the worker has not yet): audited."""
    from renshe.labour.documents import document_issue

    if kind not in ArbitrationDocument.Kind.values:
        raise Http404
    allowed = {
        ArbitrationDocument.Kind.ACCEPTANCE: case.accepted_on is not None,
        ArbitrationDocument.Kind.REFUSAL: case.status == Status.REFUSED,
        ArbitrationDocument.Kind.AWARD: case.transitions.filter(action="award").exists(),
        ArbitrationDocument.Kind.MEDIATION: case.transitions.filter(action="mediate").exists(),
    }
    if not allowed[kind]:
        raise Http404
    doc = document_issue(case_id=case.pk, kind=kind)
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=case, changes={"document": [None, kind]})
    return FileResponse(
        (upload_root() / doc.file.storage_name).open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=doc.file.original_name,
    )


@login_required
def my_document(request, pk, kind):
    user = _party_user(request)
    return document_response(request, selectors.get_arbitration_for_user_or_404(user, pk), kind)


# --- published awards (public) -------------------------------------------------------------------


def published_list(request):
    page = page_of(selectors.published_awards(), request.GET.get("page"))
    awards = [publishing.public_award(case) for case in page.object_list]
    return render(request, "labour/public/published_list.html", {"page_obj": page, "awards": awards})


def published_detail(request, pk):
    case = selectors.published_awards().filter(pk=pk).first()
    if case is None:
        raise Http404
    return render(
        request,
        "labour/public/published_detail.html",
        {"award": publishing.public_award(case), "today": timezone.localdate()},
    )
