"""Job-fair pages: the public list and fair page, sign-up and "my fairs" (with the entry QR code),
booth booking and outcomes for employers, and the staff pages — announcing and running a fair,
booth approval, results with the Excel export, and the phone page that checks people in at the door.

Thin views (STYLE.md habit 8): reads through ``selectors_fairs`` (another region's fair is a 404),
writes through one service of ``services_fairs`` each; the service's errors become messages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.models import Role
from renshe.accounts.scoping import region_prefix
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.excel import xlsx_bytes, xlsx_response
from renshe.core.forms import apply_service_errors
from renshe.core.models import Region, RegionLevel
from renshe.core.paging import page_of, query_string_without_page
from renshe.core.pdf import qr_svg_data_uri
from renshe.employment import rules
from renshe.employment import selectors_fairs as selectors
from renshe.employment import services_fairs as services
from renshe.employment.fair_forms import (
    BoothApproveForm,
    BoothBookForm,
    BoothRejectForm,
    CheckInForm,
    FairActionForm,
    FairForm,
    OutcomeForm,
)
from renshe.employment.models import Booth, FairOutcome, JobFair
from renshe.employment.models.fairs import FairMode, FairTheme
from renshe.registry.models import ContractType

MANAGE = "employment.manage_fairs"
CHECK_IN = "employment.check_in_fair"

STATUS_BADGE = {
    JobFair.Status.DRAFT: "secondary",
    JobFair.Status.OPEN: "success",
    JobFair.Status.CLOSED: "dark",
    JobFair.Status.CANCELLED: "danger",
}
BOOTH_BADGE = {
    Booth.Status.REQUESTED: "warning",
    Booth.Status.APPROVED: "success",
    Booth.Status.REJECTED: "danger",
    Booth.Status.CANCELLED: "secondary",
}
EVENT_LABELS = {
    "announce": gettext_lazy("发布筹备"),
    "open": gettext_lazy("开放报名"),
    "close": gettext_lazy("结束"),
    "cancel": gettext_lazy("取消"),
    "book": gettext_lazy("单位申请展位"),
    "approve": gettext_lazy("确认展位"),
    "reject": gettext_lazy("展位未通过"),
}


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or _("您没有权限执行该操作")


def _posted(request):
    """The form data of a POST (even an empty one, which must be refused, not shown as a blank form)."""
    return request.POST if request.method == "POST" else None


def _decorate(fair: JobFair) -> JobFair:
    fair.badge = STATUS_BADGE.get(fair.status, "secondary")
    return fair


def _filters(request) -> dict:
    theme = request.GET.get("theme", "").strip()
    mode = request.GET.get("mode", "").strip()
    district = request.GET.get("district", "").strip()
    return {
        "theme": theme if theme in FairTheme.values else "",
        "mode": mode if mode in FairMode.values else "",
        "district": district if district.isdigit() and len(district) == 6 else "",
    }


def _filter_context(request, filters: dict) -> dict:
    return {
        "filters": filters,
        "themes": FairTheme.choices,
        "modes": FairMode.choices,
        "districts": Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="4409").order_by("code"),
        "query_string": query_string_without_page(request),
    }


# --- public pages -----------------------------------------------------------------------------


@require_GET
def fair_list(request):
    """招聘会 for everyone, no login: running and upcoming first, filter by theme, district and form."""
    filters = _filters(request)
    page = page_of(selectors.fair_list_public(viewer=request.user, **filters), request.GET.get("page"))
    for fair in page.object_list:
        _decorate(fair)
    return render(request, "employment/fairs/list.html", {"page_obj": page, **_filter_context(request, filters)})


@require_GET
def fair_detail(request, pk: int):
    fair = _decorate(selectors.get_public_fair_or_404(pk, viewer=request.user))
    user = request.user
    now = timezone.now()
    registration = selectors.my_registration_for(viewer=user, fair=fair)
    applied_job_ids = selectors.my_fair_applied_job_ids(viewer=user, fair=fair) if registration else set()
    accepting = fair.status == JobFair.Status.OPEN and fair.ends_at > now
    return render(
        request,
        "employment/fairs/detail.html",
        {
            "fair": fair,
            "booths": selectors.fair_booths_public(fair),
            "counts": selectors.fair_live_counts(fair),
            "registration": registration,
            "my_booth": selectors.my_booth_for(viewer=user, fair=fair),
            "applied_job_ids": applied_job_ids,
            "has_seeker": registration is not None and selectors.has_job_seeker_profile(viewer=user),
            "accepting": accepting,
            "online": fair.mode != FairMode.OFFLINE,
            "is_citizen": user.is_authenticated and user.role == Role.CITIZEN,
            "is_employer": user.is_authenticated and user.role == Role.EMPLOYER,
        },
    )


@require_GET
def fair_live(request, pk: int):
    """The live counts on the fair page, refreshed by htmx every few seconds."""
    fair = selectors.get_public_fair_or_404(pk, viewer=request.user)
    return render(
        request, "employment/fairs/_live_counts.html", {"fair": fair, "counts": selectors.fair_live_counts(fair)}
    )


@login_required
@require_POST
def fair_sign_up(request, pk: int):
    fair = selectors.get_public_fair_or_404(pk, viewer=request.user)
    try:
        registration, created = services.fair_sign_up(actor=request.user, fair=fair)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
        return redirect("employment:fair_detail", pk=fair.pk)
    code = rules.entry_code_display(registration.code)
    if created:
        messages.success(request, _("报名成功，您的入场码是 %(c)s，入场时请出示二维码") % {"c": code})
    else:
        messages.info(request, _("您已报名本场招聘会，入场码 %(c)s") % {"c": code})
    return redirect("employment:my_fairs")


@login_required
@require_POST
def fair_apply(request, pk: int, job_pk: int):
    fair = selectors.get_public_fair_or_404(pk, viewer=request.user)
    job = selectors.fair_booth_job(fair=fair, job_pk=job_pk)
    try:
        services.fair_job_apply(actor=request.user, fair=fair, job=job)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("已投递：%(t)s（%(e)s）") % {"t": job.title, "e": job.employer.name})
    return redirect("employment:fair_detail", pk=fair.pk)


@login_required
@require_GET
def my_fairs(request):
    """A citizen's sign-ups, each with its entry code as a QR code; an employer's booths."""
    user = request.user
    if user.is_bureau_staff:
        return redirect("employment:fair_manage_list")
    registrations = list(selectors.my_registrations(viewer=user).order_by("-fair__starts_at"))
    for registration in registrations:
        _decorate(registration.fair)
        registration.display_code = rules.entry_code_display(registration.code)
        registration.qr = qr_svg_data_uri(registration.code)
    booths = list(selectors.my_booths(viewer=user).order_by("-fair__starts_at"))
    for booth in booths:
        booth.badge = BOOTH_BADGE.get(booth.status, "secondary")
    return render(request, "employment/fairs/mine.html", {"registrations": registrations, "booths": booths})


# --- employers: booths and outcomes -----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def booth_book(request, pk: int):
    fair = selectors.get_public_fair_or_404(pk, viewer=request.user)
    if request.user.role != Role.EMPLOYER or not request.user.employer_id:
        messages.error(request, _("请使用已登记的用人单位账号预订展位"))
        return redirect("employment:fair_detail", pk=fair.pk)
    existing = selectors.my_booth_for(viewer=request.user, fair=fair)
    if existing is not None:
        messages.info(
            request, _("贵单位已预订本场招聘会的展位（当前状态：%(s)s）") % {"s": existing.get_status_display()}
        )
        return redirect("employment:fair_booth", pk=existing.pk)
    jobs = list(selectors.employer_bookable_jobs(viewer=request.user))
    form = BoothBookForm(_posted(request), jobs=jobs)
    if request.method == "POST" and form.is_valid():
        try:
            booth = services.booth_book(
                actor=request.user, fair=fair, jobs=form.cleaned_data["jobs"], note=form.cleaned_data["note"]
            )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, ValidationError):
                apply_service_errors(form, exc)
            else:
                form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("展位预订已提交，等待主办方确认"))
            return redirect("employment:fair_booth", pk=booth.pk)
    return render(
        request,
        "employment/fairs/book.html",
        {"fair": fair, "form": form, "has_jobs": bool(jobs)},
        status=400 if form.errors else 200,
    )


def _outcome_form(booth, data=None):
    return OutcomeForm(data, jobs=list(booth.jobs.all()))


@login_required
@require_GET
def booth_page(request, pk: int):
    booth = selectors.get_my_booth_or_404(request.user, pk)
    return _render_booth(request, booth, _outcome_form(booth))


def _render_booth(request, booth, form, status: int = 200):
    booth.badge = BOOTH_BADGE.get(booth.status, "secondary")
    fair = _decorate(booth.fair)
    can_record = (
        booth.status == Booth.Status.APPROVED
        and fair.status in (JobFair.Status.OPEN, JobFair.Status.CLOSED)
        and fair.starts_at <= timezone.now()
    )
    return render(
        request,
        "employment/fairs/booth.html",
        {
            "booth": booth,
            "fair": fair,
            "jobs": booth.jobs.all(),
            "outcomes": selectors.booth_outcomes(booth),
            "applicants": selectors.booth_online_applicants(booth)[:200],
            "form": form,
            "can_record": can_record,
            "kinds": FairOutcome.Kind.choices,
            "contract_types": ContractType.choices,
        },
        status=status,
    )


@login_required
@require_POST
def booth_outcome(request, pk: int):
    booth = selectors.get_my_booth_or_404(request.user, pk)
    form = _outcome_form(booth, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        registration = selectors.registration_for_booth(
            booth=booth, code=rules.entry_code_normalise(data["code"]), application_id=data["application"]
        )
        job = booth.jobs.filter(pk=data["job"]).first() if data["job"] else None
        try:
            outcome = services.fair_outcome_record(
                actor=request.user,
                booth=booth,
                registration=registration,
                kind=data["kind"],
                job=job,
                contract_type=data["contract_type"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(
                request,
                _("已登记：%(p)s · %(k)s") % {"p": outcome.person.masked_name, "k": outcome.get_kind_display()},
            )
            return redirect("employment:fair_booth", pk=booth.pk)
    return _render_booth(request, booth, form, status=400)


# --- staff: announcing and running fairs ------------------------------------------------------


def _staff_prefix(request) -> str:
    prefix = region_prefix(request.user)
    if prefix is None:
        raise PermissionDenied
    return prefix


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def manage_list(request):
    filters = _filters(request)
    status = request.GET.get("status", "").strip()
    filters_status = status if status in JobFair.Status.values else ""
    qs = selectors.fair_list_staff(viewer=request.user, perm=MANAGE, status=filters_status, **filters)
    page = page_of(qs, request.GET.get("page"))
    for fair in page.object_list:
        _decorate(fair)
    return render(
        request,
        "employment/fairs/manage_list.html",
        {
            "page_obj": page,
            "statuses": JobFair.Status.choices,
            "status": filters_status,
            **_filter_context(request, filters),
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage_create(request):
    form = FairForm(_posted(request), region_prefix=_staff_prefix(request))
    if request.method == "POST" and form.is_valid():
        try:
            fair = services.fair_announce(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("招聘会已创建（筹备中），确认无误后请“发布并开放报名”"))
            return redirect("employment:fair_manage", pk=fair.pk)
    return render(
        request,
        "employment/fairs/manage_form.html",
        {"form": form, "title": _("发布招聘会")},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage_edit(request, pk: int):
    fair = selectors.get_fair_for_staff_or_404(request.user, pk)
    initial = {
        "title": fair.title,
        "theme": fair.theme,
        "mode": fair.mode,
        "region": fair.region_id,
        "venue": fair.venue,
        "starts_at": timezone.localtime(fair.starts_at),
        "ends_at": timezone.localtime(fair.ends_at),
        "booth_count": fair.booth_count,
        "description": fair.description,
    }
    form = FairForm(_posted(request), initial=initial, region_prefix=_staff_prefix(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.fair_update(actor=request.user, fair=fair, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("employment:fair_manage", pk=fair.pk)
    return render(
        request,
        "employment/fairs/manage_form.html",
        {"form": form, "title": _("修改招聘会"), "fair": fair},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def manage_detail(request, pk: int):
    fair = _decorate(selectors.get_fair_for_staff_or_404(request.user, pk))
    booths = list(selectors.fair_booths_staff(fair))
    for booth in booths:
        booth.badge = BOOTH_BADGE.get(booth.status, "secondary")
    taken = selectors.taken_booth_numbers(fair)
    events = list(selectors.fair_events(fair))
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
    return render(
        request,
        "employment/fairs/manage_detail.html",
        {
            "fair": fair,
            "booths": booths,
            "counts": selectors.fair_live_counts(fair),
            "actions": services.fair_actions_from(fair.status),
            "events": events,
            "next_number": rules.first_free_booth_number(fair.booth_count, taken),
            "can_edit": fair.status in (JobFair.Status.DRAFT, JobFair.Status.OPEN),
            "can_check_in": request.user.has_perm(CHECK_IN) and fair.mode != FairMode.ONLINE,
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def manage_transition(request, pk: int):
    fair = selectors.get_fair_for_staff_or_404(request.user, pk)
    form = FairActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请求无效"))
    else:
        try:
            fair = services.fair_transition(
                actor=request.user, fair=fair, action=form.cleaned_data["action"], comment=form.cleaned_data["comment"]
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("招聘会状态：%(s)s") % {"s": fair.get_status_display()})
    return redirect("employment:fair_manage", pk=pk)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def booth_approve(request, pk: int):
    booth = selectors.get_booth_for_staff_or_404(request.user, pk)
    form = BoothApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            booth = services.booth_approve(actor=request.user, booth=booth, number=form.cleaned_data["number"])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("已确认 %(e)s，展位号 %(n)s") % {"e": booth.employer.name, "n": booth.number})
    return redirect("employment:fair_manage", pk=booth.fair_id)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def booth_reject(request, pk: int):
    booth = selectors.get_booth_for_staff_or_404(request.user, pk)
    form = BoothRejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写不予确认的原因"))
    else:
        try:
            booth = services.booth_reject(actor=request.user, booth=booth, reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("已退回 %(e)s 的展位申请") % {"e": booth.employer.name})
    return redirect("employment:fair_manage", pk=booth.fair_id)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def manage_export(request, pk: int):
    """The fair's results in Excel: one row per outcome (names masked), then the totals."""
    fair = selectors.get_fair_for_staff_or_404(request.user, pk)
    counts = selectors.fair_live_counts(fair, use_cache=False)
    headers = [_("展位号"), _("用人单位"), _("求职者"), _("岗位"), _("结果"), _("登记时间")]
    rows: list[list] = [
        [
            o.booth.number,
            o.booth.employer.name,
            o.person.masked_name,
            o.job.title if o.job else "",
            o.get_kind_display(),
            timezone.localtime(o.recorded_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for o in selectors.fair_outcomes_for_export(fair)
    ]
    rows.append([])
    totals = [
        (_("报名人数"), counts["signed_up"]),
        (_("入场人数"), counts["checked_in"]),
        (_("参展单位"), counts["booths"]),
        (_("岗位数"), counts["jobs"]),
        (_("招聘人数"), counts["positions"]),
        (_("线上投递"), counts["applications"]),
        (_("面试"), counts["interviews"]),
        (_("达成就业意向人数"), counts["intentions"]),
        (_("录用"), counts["hires"]),
    ]
    rows.extend([label, value, "", "", "", ""] for label, value in totals)
    data = xlsx_bytes(headers, rows, title=_("招聘会成效"))
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            obj=fair,
            changes={"export": [None, "fair_outcomes"], "rows": [None, len(rows)]},
        )
    return xlsx_response(f"招聘会成效-{fair.pk}-{timezone.localdate():%Y%m%d}.xlsx", data)


# --- staff: the door --------------------------------------------------------------------------


@login_required
@permission_required(CHECK_IN, raise_exception=True)
@require_GET
def checkin_list(request):
    fairs = [_decorate(f) for f in selectors.fair_list_check_in(viewer=request.user)[:50]]
    return render(request, "employment/fairs/checkin_list.html", {"fairs": fairs})


def _checkin_context(fair, form, result=None) -> dict:
    return {
        "fair": fair,
        "form": form,
        "result": result,
        "counts": selectors.fair_live_counts(fair),
        "recent": selectors.recent_check_ins(fair),
    }


@login_required
@permission_required(CHECK_IN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def checkin(request, pk: int):
    """The phone page at the door: type or scan a code, get ✓ (masked name and time) or ✗ and why."""
    fair = selectors.get_fair_for_staff_or_404(request.user, pk, perm=CHECK_IN)
    if request.method == "GET":
        return render(request, "employment/fairs/checkin.html", _checkin_context(fair, CheckInForm()))
    form = CheckInForm(request.POST)
    status = 200
    if not form.is_valid():
        result = {"ok": False, "reason": "empty", "message": _("请输入或扫描入场码")}
        status = 400
    else:
        try:
            registration = services.fair_check_in(actor=request.user, fair=fair, code=form.cleaned_data["code"])
        except services.CheckInRefused as exc:
            result = {"ok": False, "reason": exc.reason, "message": exc.messages[0]}
            if exc.registration is not None and exc.reason == "already":
                result["name"] = exc.registration.person.masked_name
            status = 409 if exc.reason in ("already", "other_fair") else 400
        else:
            result = {
                "ok": True,
                "name": registration.person.masked_name,
                "time": timezone.localtime(registration.checked_in_at).strftime("%H:%M:%S"),
            }
    context = _checkin_context(fair, CheckInForm(), result)
    if request.htmx:
        # htmx swaps error responses only when told to: answer 200 with the result inside.
        return render(request, "employment/fairs/_checkin_result.html", context)
    return render(request, "employment/fairs/checkin.html", context, status=status)
