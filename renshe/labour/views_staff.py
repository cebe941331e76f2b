"""Staff pages of arbitration: the queue, the window, one case with its actions, the hearing calendar.

Every case comes through ``get_arbitration_for_user_or_404`` (region scoping: another district's
case is a 404); every action POSTs the version the page showed and goes to one service.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renshe.accounts.scoping import region_q, require_region_prefix
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.forms import errors_to_messages
from renshe.core.models import Region, RegionLevel
from renshe.core.paging import page_of, query_string_without_page
from renshe.labour import selectors, services, services_hearings
from renshe.labour.forms import WindowApplicationForm, claim_rows, kind_choices
from renshe.labour.models import Channel, Hearing, HearingRoom, Recusal, Status
from renshe.labour.views_public import STATUS_BADGE, _case_context, document_response, file_from_form
from renshe.labour.workflow import ACTIONS, actions_from
from renshe.registry.selectors import persons_visible_to

VIEW = "labour.view_arbitrationcase"
HANDLE = "labour.handle_arbitration"
SIMPLE_ACTIONS = (
    "accept", "refuse", "serve_copy", "record_defence", "postpone", "suspend", "resume", "extend",
    "mediate", "withdraw", "close", "publish",
)  # fmt: skip


def _staff_case(request, pk):
    if not request.user.is_bureau_staff:
        raise Http404
    return selectors.get_arbitration_for_user_or_404(request.user, pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def queue(request):
    user = request.user
    g = request.GET
    qs = selectors.arbitration_queue(
        viewer=user,
        state=g.get("state", "open"),
        green=g.get("green") == "1",
        collective=g.get("collective") == "1",
        overdue=g.get("overdue") == "1",
        district=g.get("district", ""),
        query=g.get("q", "").strip()[:40],
    )
    page = page_of(qs, g.get("page"))
    for case in page.object_list:
        case.badge = STATUS_BADGE.get(case.status, "secondary")
        case.deadline = selectors.main_deadline(case)
    prefix = require_region_prefix(user)
    districts = [
        r
        for r in Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="4409").order_by("code")
        if r.code.startswith(prefix) or prefix.startswith(r.code)
    ]
    return render(
        request,
        "labour/staff/queue.html",
        {
            "page_obj": page,
            "filters": g,
            "states": [("open", _("在办")), *Status.choices, ("all", _("全部"))],
            "districts": districts,
            "query_string": query_string_without_page(request),
        },
    )


@login_required
@permission_required("labour.file_arbitration", raise_exception=True)
def window_apply(request):
    user = request.user
    require_region_prefix(user)
    errors: dict = {}
    form = WindowApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        applicant = persons_visible_to(user).filter(id_number=form.cleaned_data["applicant_id_number"].upper()).first()
        if applicant is None:
            form.add_error("applicant_id_number", _("辖区实名信息库中没有该公民身份号码，请先登记人员"))
        else:
            case, errors = file_from_form(request, form, actor=user, applicant=applicant, channel=Channel.WINDOW)
            if case is not None:
                messages.success(request, _("已录入仲裁申请，案号 %(n)s") % {"n": case.number})
                return redirect("labour:staff_case", case.pk)
    return render(
        request,
        "labour/staff/window.html",
        {
            "form": form,
            "rows": claim_rows(request.POST if request.method == "POST" else None, errors),
            "kinds": kind_choices(),
            "claims_error": errors.get("claims"),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def case_detail(request, pk):
    case = _staff_case(request, pk)
    context = _case_context(case)
    audit_record(actor=request.user, action=AuditAction.REVEAL, obj=case, changes={"viewed": [None, "case"]})
    available = {a.name for a in actions_from(case.status)} if request.user.has_perm(HANDLE) else set()
    if request.user.has_perm("labour.approve_arbitration_extension") and case.status in ACTIONS["extend"].sources:
        available.add("extend")
    if case.extended:
        available.discard("extend")
    if case.published:
        available.discard("publish")
    if not case.transitions.filter(action="award").exists():
        available.discard("publish")
    tribunal = list(case.tribunal.filter(active=True).select_related("arbitrator"))
    context.update(
        {
            "available": available,
            "simple": [ACTIONS[a] for a in SIMPLE_ACTIONS if a in available],
            "tribunal": tribunal,
            "recusals": list(case.recusals.select_related("arbitrator")),
            "arbitrators": services_hearings.arbitrators_for(case) if "form_tribunal" in available else [],
            "rooms": HearingRoom.objects.filter(region_q(request.user, "region"), active=True),
            "default_day": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "person": case.applicant,
        }
    )
    return render(request, "labour/staff/case_detail.html", context)


def _version(request):
    return request.POST.get("version") or None


def _done(request, case, exc=None, ok: str = ""):
    if exc is not None:
        if isinstance(exc, PermissionDenied):
            messages.error(request, str(exc) or _("您没有权限"))
        else:
            errors_to_messages(request, exc)
    elif ok:
        messages.success(request, ok)
    return redirect("labour:staff_case", case.pk)


@login_required
@require_POST
def case_act(request, pk, action):
    case = _staff_case(request, pk)
    if action not in SIMPLE_ACTIONS:
        raise Http404
    try:
        on = request.POST.get("on") or None
        services.arbitration_transition(
            case=case,
            action=action,
            actor=request.user,
            comment=request.POST.get("comment", ""),
            expected_version=_version(request),
            on=datetime.strptime(on, "%Y-%m-%d").date() if on else None,  # noqa: DTZ007 — a date only
            defence=request.POST.get("defence", ""),
            amount=request.POST.get("amount") or None,
        )
    except (ValidationError, PermissionDenied) as exc:
        return _done(request, case, exc)
    except ValueError:
        return _done(request, case, ValidationError(_("日期格式应为 年-月-日")))
    return _done(request, case, ok=_("已办理：%(a)s") % {"a": ACTIONS[action].label})


@login_required
@require_POST
def form_tribunal(request, pk):
    case = _staff_case(request, pk)
    try:
        services_hearings.arbitration_form_tribunal(
            case=case,
            actor=request.user,
            arbitrator_ids=request.POST.getlist("arbitrators"),
            expected_version=_version(request),
        )
    except (ValidationError, PermissionDenied) as exc:
        return _done(request, case, exc)
    return _done(request, case, ok=_("仲裁庭已组成"))


@login_required
@require_POST
def request_recusal(request, pk):
    case = _staff_case(request, pk)
    try:
        services_hearings.arbitration_request_recusal(
            case=case,
            actor=request.user,
            arbitrator_id=int(request.POST.get("arbitrator") or 0),
            reason=request.POST.get("comment", ""),
            expected_version=_version(request),
        )
    except (ValidationError, PermissionDenied) as exc:
        return _done(request, case, exc)
    return _done(request, case, ok=_("已记录回避申请"))


@login_required
@require_POST
def decide_recusal(request, pk, recusal_pk):
    case = _staff_case(request, pk)
    recusal = Recusal.objects.filter(case=case, pk=recusal_pk).first()
    if recusal is None:
        raise Http404
    try:
        services_hearings.arbitration_decide_recusal(
            recusal=recusal,
            actor=request.user,
            grant=request.POST.get("grant") == "1",
            note=request.POST.get("comment", ""),
            expected_version=_version(request),
        )
    except (ValidationError, PermissionDenied) as exc:
        return _done(request, case, exc)
    return _done(request, case, ok=_("已作出回避决定"))


@login_required
@require_POST
def schedule_hearing(request, pk):
    case = _staff_case(request, pk)
    room = HearingRoom.objects.filter(pk=request.POST.get("room") or 0, active=True).first()
    try:
        starts_at = datetime.strptime(
            f"{request.POST.get('day', '')} {request.POST.get('time', '')}", "%Y-%m-%d %H:%M"
        ).replace(tzinfo=timezone.get_current_timezone())
    except ValueError:
        return _done(request, case, ValidationError({"starts_at": _("请填写开庭日期和时间")}))
    try:
        services_hearings.arbitration_schedule_hearing(
            case=case,
            actor=request.user,
            room=room,
            starts_at=starts_at,
            minutes=request.POST.get("minutes") or 120,
            expected_version=_version(request),
        )
    except (ValidationError, PermissionDenied) as exc:
        return _done(request, case, exc)
    return _done(request, case, ok=_("已排期开庭并通知当事人"))


@login_required
@require_POST
def award(request, pk):
    case = _staff_case(request, pk)
    decisions = {
        claim.pk: {
            "upheld": request.POST.get(f"upheld_{claim.pk}") == "1",
            "amount": request.POST.get(f"amount_{claim.pk}") or "0",
        }
        for claim in case.claims.all()
    }
    try:
        services_hearings.arbitration_award(
            case=case,
            actor=request.user,
            decisions=decisions,
            reasoning=request.POST.get("comment", ""),
            expected_version=_version(request),
        )
    except (ValidationError, PermissionDenied) as exc:
        return _done(request, case, exc)
    return _done(request, case, ok=_("已作出裁决，裁决书已生成"))


@login_required
@permission_required(VIEW, raise_exception=True)
def document(request, pk, kind):
    return document_response(request, _staff_case(request, pk), kind)


@login_required
@permission_required(VIEW, raise_exception=True)
def hearing_calendar(request):
    """庭审排期: the scheduled hearings of the coming weeks, by room, in the user's region."""
    user = request.user
    require_region_prefix(user)
    try:
        start = datetime.strptime(request.GET.get("from", ""), "%Y-%m-%d").date()  # noqa: DTZ007
    except ValueError:
        start = timezone.localdate()
    end = start + timedelta(days=28)
    hearings = (
        Hearing.objects.filter(
            state=Hearing.State.SCHEDULED,
            starts_at__date__gte=start,
            starts_at__date__lt=end,
        )
        .filter(region_q(user, "case__region") | region_q(user, "room__region"))
        .select_related("room", "case")
        .order_by("starts_at")
    )
    return render(request, "labour/staff/hearings.html", {"hearings": hearings, "start": start, "end": end})
