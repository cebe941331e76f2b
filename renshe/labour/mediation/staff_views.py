"""Staff pages: the case list and a case's page with its steps, walk-in entry, organisations, statistics.

Thin views: reads through ``selectors`` (another region's case is a 404), one service per write; a
service's ValidationError goes onto the form or into a message.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.models import Role, User
from renshe.accounts.scoping import require_region_prefix
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.forms import apply_service_errors, errors_to_messages, form_errors_to_messages
from renshe.core.models import Region
from renshe.core.paging import page_of, query_string_without_page
from renshe.labour.mediation import selectors, services
from renshe.labour.mediation.forms import (
    CLAIM_CHOICES,
    AgreementForm,
    CommentForm,
    OrganisationForm,
    PerformanceForm,
    SessionForm,
    TransferForm,
    WalkInForm,
    item_rows,
    items_from_post,
)
from renshe.labour.mediation.models import Level, Organisation, Status
from renshe.labour.mediation.workflow import ACTIONS, MEDIATE
from renshe.registry.selectors import persons_visible_to

VIEW = selectors.VIEW
STATS = "mediation.view_mediation_stats"
ORGS = "mediation.manage_mediation_organisations"


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def case_list(request):
    require_region_prefix(request.user)
    today = timezone.localdate()
    filters = {
        "status": request.GET.get("status", ""),
        "overdue_only": request.GET.get("overdue") == "1",
        "query": request.GET.get("q", "").strip()[:40],
    }
    page = page_of(selectors.case_list(viewer=request.user, today=today, **filters), request.GET.get("page"))
    page.object_list = [{"case": c, "state": selectors.deadline_state(c, today)} for c in page.object_list]
    return render(
        request,
        "mediation/case_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "statuses": Status.choices,
            "query_string": query_string_without_page(request),
        },
    )


def _staff_organisations(user) -> list[Organisation]:
    return list(selectors.organisations_visible_to(user).filter(active=True).order_by("level", "name"))


@login_required
@permission_required(MEDIATE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def case_new(request):
    require_region_prefix(request.user)
    organisations = _staff_organisations(request.user)
    form = WalkInForm(request.POST or None, organisations=organisations)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            person = persons_visible_to(request.user).filter(id_number=data["id_number"].strip().upper()).first()
            try:
                if person is None:
                    raise ValidationError({"id_number": _("辖区内没有该身份证号码的人员，请先登记人员信息")})
                case = services.case_apply(
                    actor=request.user,
                    applicant=person,
                    organisation=next(o for o in organisations if o.pk == data["organisation"]),
                    respondent_employer=selectors.employer_by_credit_code(data["respondent_credit_code"]),
                    respondent_name=data["respondent_name"],
                    respondent_address=data["respondent_address"],
                    facts=data["facts"],
                    items=items_from_post(request.POST),
                    channel=data["channel"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("已登记并受理调解案件 %(n)s") % {"n": case.number})
                return redirect("mediation:case_detail", pk=case.pk)
    return render(
        request,
        "mediation/case_new.html",
        {"form": form, "rows": item_rows(request.POST or None), "claim_kinds": CLAIM_CHOICES},
        status=status,
    )


def _detail_context(request, case, **forms) -> dict:
    today = timezone.localdate()
    mediators = User.objects.filter(role=Role.MEDIATOR, is_active=True).select_related("org_unit__region")
    mediators = [m for m in mediators if m.region and case.region_id.startswith(m.region.scope_prefix)]
    higher = [
        o
        for o in Organisation.objects.filter(active=True, level__gt=case.organisation.level).select_related("region")
        if o.level != Level.ENTERPRISE and services.organisation_covers(o, case.organisation.region_id)
    ]
    available = {a.name for a in ACTIONS.values() if case.status in a.sources and a.perm}
    return {
        "case": case,
        "items": list(case.items.all()),
        "sessions": list(case.sessions.select_related("mediator")),
        "transitions": list(case.transitions.select_related("actor")),
        "state": selectors.deadline_state(case, today),
        "available": available if request.user.has_perm(MEDIATE) else set(),
        "past_deadline": bool(case.deadline and today > case.deadline),
        "referral": getattr(case, "referral", None) if case.status == Status.REFERRED else None,
        "session_form": forms.get("session_form") or SessionForm(initial={"held_on": today, "version": case.version}),
        "agreement_form": forms.get("agreement_form") or AgreementForm(initial={"version": case.version}),
        "transfer_form": forms.get("transfer_form")
        or TransferForm(organisations=higher, initial={"version": case.version}),
        "performance_form": PerformanceForm(initial={"version": case.version}),
        "comment_form": CommentForm(initial={"version": case.version}),
        "mediators": mediators,
        "has_higher": bool(higher),
    }


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def case_detail(request, pk: int):
    case = selectors.get_case_for_user_or_404(request.user, pk)
    audit_record(actor=request.user, action=AuditAction.REVEAL, obj=case, changes={"view": "mediation case"})
    return render(request, "mediation/case_detail.html", _detail_context(request, case))


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version") or 0) or None
    except ValueError:
        return None


def _agreed_from_post(post) -> dict:
    agreed = {}
    for key in post:
        if key.startswith("agreed-amount-"):
            pk = key.removeprefix("agreed-amount-")
            agreed[pk] = (post.get(key, "").strip(), post.get(f"agreed-terms-{pk}", ""))
    return agreed


@login_required
@permission_required(MEDIATE, raise_exception=True)
@require_POST
def case_act(request, pk: int, action: str):
    case = selectors.get_case_for_user_or_404(request.user, pk)
    if action not in ACTIONS or ACTIONS[action].perm is None:
        raise PermissionDenied
    forms_by_action = {
        "session": ("session_form", SessionForm(request.POST)),
        "agree": ("agreement_form", AgreementForm(request.POST)),
        "transfer": (
            "transfer_form",
            TransferForm(request.POST, organisations=Organisation.objects.filter(active=True)),
        ),
        "perform": (None, PerformanceForm(request.POST)),
    }
    name, form = forms_by_action.get(action, (None, CommentForm(request.POST)))
    if not form.is_valid():
        if name:
            return render(
                request, "mediation/case_detail.html", _detail_context(request, case, **{name: form}), status=400
            )
        form_errors_to_messages(request, form)
        return redirect("mediation:case_detail", pk=case.pk)
    data = dict(form.cleaned_data)
    extra = {}
    if action == "session":
        mediator = User.objects.filter(pk=request.POST.get("mediator") or request.user.pk).first()
        extra = {"held_on": data["held_on"], "place": data["place"], "notes": data["notes"], "mediator": mediator}
    elif action == "agree":
        extra = {
            "agreed": _agreed_from_post(request.POST),
            "performance_deadline": data["performance_deadline"],
            "agreement_text": data["agreement_text"],
        }
    elif action == "transfer":
        extra = {"organisation": Organisation.objects.filter(pk=data["organisation"]).first()}
    elif action == "perform":
        extra = {"performance": data["performance"]}
    try:
        services.case_transition(
            case=case,
            action=action,
            actor=request.user,
            comment=data.get("comment", ""),
            expected_version=_version(request),
            **extra,
        )
    except ValidationError as exc:
        if name:
            apply_service_errors(form, exc)
            return render(
                request, "mediation/case_detail.html", _detail_context(request, case, **{name: form}), status=400
            )
        errors_to_messages(request, exc)
        return redirect("mediation:case_detail", pk=case.pk)
    messages.success(request, _("已%(a)s") % {"a": ACTIONS[action].label})
    if action == "transfer":
        return redirect("mediation:case_list")
    return redirect("mediation:case_detail", pk=case.pk)


# --- organisations -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def organisation_list(request):
    user = request.user
    if not (user.has_perm(VIEW) or user.has_perm(ORGS)):
        raise PermissionDenied
    require_region_prefix(user)
    manage = user.has_perm(ORGS)
    form = OrganisationForm(request.POST or None) if manage else None
    status = 200
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            try:
                services.organisation_save(actor=user, **_organisation_fields(form.cleaned_data))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("已新增调解组织"))
                return redirect("mediation:organisation_list")
    level = request.GET.get("level", "")
    qs = selectors.organisations_visible_to(user).prefetch_related("mediators").order_by("-level", "region_id", "name")
    if level.isdigit():
        qs = qs.filter(level=int(level))
    page = page_of(qs, request.GET.get("page"), size=50)
    return render(
        request,
        "mediation/organisation_list.html",
        {
            "page_obj": page,
            "form": form,
            "levels": Level.choices,
            "level": level,
            "query_string": query_string_without_page(request),
        },
        status=status,
    )


def _organisation_fields(data: dict) -> dict:
    region = Region.objects.filter(pk=data["region"].strip()).first()
    if region is None:
        raise ValidationError({"region": _("没有该区划代码")})
    employer = selectors.employer_by_credit_code(data["employer_credit_code"], field="employer_credit_code")
    usernames = [u.strip() for u in data["mediators"].replace("，", ",").split(",") if u.strip()]
    mediators = list(User.objects.filter(username__in=usernames).select_related("org_unit__region"))
    if len(mediators) != len(set(usernames)):
        raise ValidationError({"mediators": _("有调解员账号不存在")})
    return {
        "name": data["name"],
        "level": data["level"],
        "region": region,
        "community": data["community"],
        "employer": employer,
        "address": data["address"],
        "phone": data["phone"],
        "mediators": mediators,
        "active": data["active"],
    }


# --- statistics -----------------------------------------------------------------------------------


def _date(text: str, default: date) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return default


@login_required
@permission_required(STATS, raise_exception=True)
@require_GET
def statistics(request):
    require_region_prefix(request.user)
    today = timezone.localdate()
    start = _date(request.GET.get("start", ""), date(today.year, 1, 1))
    end = _date(request.GET.get("end", ""), today)
    qs = selectors.cases_for_statistics(request.user)
    stats = selectors.statistics(qs=qs, start=start, end=end, today=today)
    return render(request, "mediation/statistics.html", {"stats": stats, "start": start, "end": end})
