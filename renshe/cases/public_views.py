"""The applicant's case pages under /cases/mine/ and the public status page behind a notice's QR code.

/cases/mine/ is the applicant's own desk: a citizen (or an employer) sees only their own cases; staff,
who see cases through their region, use the staff pages instead and get 404 here. Every POST carries
the case version the page showed, so a stale page gets the conflict message instead of acting twice.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from renshe.cases import selectors, services
from renshe.cases.exceptions import CaseConflict
from renshe.cases.forms import RatingForm, ResubmitForm, SupplyForm, WithdrawForm
from renshe.cases.models import MaterialStatus, Rating, Status, Transition
from renshe.cases.rules import DUE_SOON_DAYS
from renshe.cases.workflow import ACTIONS
from renshe.core.forms import apply_service_errors
from renshe.core.paging import page_of, query_string_without_page

STATUS_BADGE = {
    Status.SUBMITTED: "primary",
    Status.CORRECTION: "warning",
    Status.IN_REVIEW: "info",
    Status.SUSPENDED: "secondary",
    Status.APPROVED: "success",
    Status.DENIED: "danger",
    Status.REJECTED: "danger",
    Status.WITHDRAWN: "secondary",
    Status.CLOSED: "success",
}
MATERIAL_BADGE = {
    MaterialStatus.SUBMITTED: "primary",
    MaterialStatus.ACCEPTED: "success",
    MaterialStatus.DEFERRED: "warning",
    MaterialStatus.MISSING: "danger",
}
# Steps that are not declared transitions (workflow.ACTIONS) but are recorded on the timeline.
OTHER_STEPS = {
    "submit": gettext_lazy("提交申请"),
    "auto_approve": gettext_lazy("秒批办结"),
    "supply": gettext_lazy("补交材料"),
}
RATABLE = frozenset({Status.CLOSED, Status.REJECTED})
STALE = gettext_lazy("办件 %(n)s 已有新的办理进展（当前状态：%(s)s），请查看最新情况后重试")


# --- access -----------------------------------------------------------------------------------


def _own_cases(user):
    """The viewer's own cases: empty for staff, whose region-wide view belongs to the staff pages."""
    qs = selectors.my_cases(viewer=user)
    return qs if user.is_public else qs.none()


def _my_case_or_404(request, pk):
    if not request.user.is_public:
        raise Http404
    return selectors.get_case_for_user_or_404(request.user, pk)


def _decorate(case, today=None) -> None:
    """Status badge colour, working days left and their colour (green / yellow / red)."""
    case.badge = STATUS_BADGE.get(case.status, "secondary")
    days = selectors.case_days_left(case, today)
    case.days_left = days
    if days is None:
        case.days_badge = ""
    elif days < 0:
        case.days_badge = "danger"
    elif days <= DUE_SOON_DAYS:
        case.days_badge = "warning"
    else:
        case.days_badge = "success"
    case.days_overdue = -days if days is not None and days < 0 else 0


def _who(transition, applicant_id) -> str:
    """Staff are shown by role (and office), never by name; the applicant as themself."""
    actor = transition.actor
    if actor is None:
        return _("系统")
    if actor.person_id and actor.person_id == applicant_id:
        return _("申请人")
    if actor.is_bureau_staff:
        office = actor.org_unit.name if actor.org_unit_id else ""
        return f"{actor.get_role_display()}（{office}）" if office else actor.get_role_display()
    return actor.get_role_display()


def _timeline(transitions, applicant_id) -> list[dict]:
    rows = []
    for t in transitions:
        spec = ACTIONS.get(t.action)
        rows.append(
            {
                "at": t.at,
                "case": t.case,
                "who": _who(t, applicant_id),
                "action": spec.label if spec else OTHER_STEPS.get(t.action, t.action),
                "from_status": t.get_from_status_display() if t.from_status else "",
                "to_status": t.get_to_status_display(),
                "to_badge": STATUS_BADGE.get(t.to_status, "secondary"),
                "changed": t.from_status != t.to_status,
                "comment": t.comment,
            }
        )
    return rows


def _transitions(cases_qs):
    return (
        Transition.objects.filter(case__in=cases_qs)
        .select_related("actor__org_unit", "case__item_version__item")
        .order_by("at", "id")
    )


def _stale(request, case, seen: int | None) -> bool:
    """True (and the conflict message queued) when the page was older than the case."""
    if seen == case.version:
        return False
    messages.error(request, STALE % {"n": case.number, "s": case.get_status_display()})
    return True


# --- pages ------------------------------------------------------------------------------------


@login_required
@require_GET
def my_cases(request):
    page = page_of(_own_cases(request.user), request.GET.get("page"))
    for case in page.object_list:
        _decorate(case)
    return render(
        request,
        "cases/public/my_cases.html",
        {"page_obj": page, "query_string": query_string_without_page(request)},
    )


def _render_case(request, case, *, resubmit_form=None, rating_form=None, supply_error=None, status=200):
    _decorate(case)
    materials = list(case.materials.select_related("material", "file"))
    for cm in materials:
        cm.badge = MATERIAL_BADGE.get(cm.status, "secondary")
    open_case = case.is_open
    deferred = [cm for cm in materials if cm.status == MaterialStatus.DEFERRED and open_case]
    supply_forms = [
        (
            cm,
            SupplyForm(initial={"expected_version": case.version, "material": cm.material_id}),
            supply_error if supply_error and supply_error[0] == cm.material_id else None,
        )
        for cm in deferred
    ]
    rating = Rating.objects.filter(case=case).first()
    can_rate = case.status in RATABLE and rating is None
    if case.status == Status.CORRECTION and resubmit_form is None:
        resubmit_form = ResubmitForm(case.item_version.materials.all(), initial={"expected_version": case.version})
    if can_rate and rating_form is None:
        rating_form = RatingForm(initial={"expected_version": case.version})
    correction = (
        case.transitions.filter(action="request_correction").order_by("-at", "-id").first()
        if case.status == Status.CORRECTION
        else None
    )
    if case.bundle_id:
        siblings = list(_own_cases(request.user).filter(bundle_id=case.bundle_id).order_by("id"))
        timeline = _timeline(_transitions(_own_cases(request.user).filter(bundle_id=case.bundle_id)), case.applicant_id)
    else:
        siblings = []
        timeline = _timeline(_transitions(_own_cases(request.user).filter(pk=case.pk)), case.applicant_id)
    context = {
        "case": case,
        "item": case.item_version.item,
        "version": case.item_version,
        "materials": materials,
        "documents": list(case.documents.all()),
        "timeline": timeline,
        "siblings": siblings,
        "can_withdraw": case.status in ACTIONS["withdraw"].sources,
        "withdraw_form": WithdrawForm(initial={"expected_version": case.version}),
        "resubmit_form": resubmit_form if case.status == Status.CORRECTION else None,
        "correction": correction,
        "supply_forms": supply_forms,
        "rating": rating,
        "rating_form": rating_form if can_rate else None,
    }
    return render(request, "cases/public/my_case.html", context, status=status)


@login_required
@require_GET
def my_case(request, pk: int):
    return _render_case(request, _my_case_or_404(request, pk))


@login_required
@require_GET
def my_bundle(request, number: str):
    """One 一件事 application: its cases and their combined timeline."""
    if not request.user.is_public:
        raise Http404
    cases = list(_own_cases(request.user).filter(bundle__number=number).select_related("bundle__bundle").order_by("id"))
    if not cases:
        raise Http404
    for case in cases:
        _decorate(case)
    application = cases[0].bundle
    timeline = _timeline(_transitions(_own_cases(request.user).filter(bundle__number=number)), cases[0].applicant_id)
    return render(
        request,
        "cases/public/my_bundle.html",
        {"application": application, "bundle": application.bundle, "cases": cases, "timeline": timeline},
    )


# --- the applicant's actions ------------------------------------------------------------------


def _back(case):
    return redirect("cases:my_case", pk=case.pk)


@login_required
@require_POST
def my_case_withdraw(request, pk: int):
    case = _my_case_or_404(request, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("页面已过期，请刷新后重试"))
        return _back(case)
    try:
        services.case_transition(
            case=case,
            action="withdraw",
            actor=request.user,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except ValidationError as exc:  # CaseConflict included: a stale page or a state that no longer allows it
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已撤回申请 %(n)s") % {"n": case.number})
    return _back(case)


@login_required
@require_POST
def my_case_resubmit(request, pk: int):
    """补正: upload the corrected materials and send the case back for acceptance."""
    case = _my_case_or_404(request, pk)
    form = ResubmitForm(case.item_version.materials.all(), request.POST, request.FILES)
    if not form.is_valid():
        return _render_case(request, case, resubmit_form=form, status=400)
    try:
        services.case_transition(
            case=case,
            action="resubmit",
            actor=request.user,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["expected_version"],
            files=form.files_by_material(),
        )
    except CaseConflict as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(case)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _render_case(request, case, resubmit_form=form, status=400)
    messages.success(request, _("补正材料已提交，等待窗口重新受理审查"))
    return _back(case)


@login_required
@require_POST
def my_case_supply(request, pk: int):
    """容缺受理: supply a material deferred at application."""
    case = _my_case_or_404(request, pk)
    form = SupplyForm(request.POST, request.FILES)
    if not form.is_valid():
        material = form.cleaned_data.get("material")
        errors = [e for field in ("file", "material", "expected_version") for e in form.errors.get(field, [])]
        return _render_case(request, case, supply_error=(material, errors), status=400)
    if _stale(request, case, form.cleaned_data["expected_version"]):
        return _back(case)
    material_id = form.cleaned_data["material"]
    try:
        services.case_material_supply(
            case=case, material_id=material_id, upload=form.cleaned_data["file"], actor=request.user
        )
    except CaseConflict as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(case)
    except ValidationError as exc:
        return _render_case(request, case, supply_error=(material_id, exc.messages), status=400)
    messages.success(request, _("材料已补交"))
    return _back(case)


@login_required
@require_POST
def my_case_rate(request, pk: int):
    """好差评 of a finished case; a bad grade needs a comment and opens a rectification."""
    case = _my_case_or_404(request, pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, rating_form=form, status=400)
    data = form.cleaned_data
    if _stale(request, case, data["expected_version"]):
        return _back(case)
    try:
        rating = services.case_rate(
            case=case,
            actor=request.user,
            grade=data["grade"],
            window_grade=data["window_grade"],
            staff_grade=data["staff_grade"],
            comment=data["comment"],
        )
    except CaseConflict as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(case)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _render_case(request, case, rating_form=form, status=400)
    if rating.is_bad:
        messages.success(request, _("感谢您的评价。我们将核实您反映的问题，整改后回复您。"))
    else:
        messages.success(request, _("感谢您的评价"))
    return _back(case)


# --- public status page -----------------------------------------------------------------------


@require_GET
def verify(request, token: str):
    """The page behind a notice's QR code: proves the notice is genuine. No personal data."""
    case = selectors.get_case_by_token_or_404(token)
    case.badge = STATUS_BADGE.get(case.status, "secondary")
    response = render(
        request,
        "cases/public/verify.html",
        {"case": case, "item": case.item_version.item, "version": case.item_version},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
