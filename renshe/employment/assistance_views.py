"""Employment-assistance pages for staff: the module's workbench with the overdue-contact warning, the
real-name ledger, a person's page (registrations, recognition, contacts, plan), the window's
unemployment registration, public-welfare posts, zero-employment households and graduates.

Thin views: reads through the selectors of ``renshe.employment.assistance`` (another region's record
is a 404), one service per write; a service's ValidationError goes onto the form or into a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.scoping import require_region_prefix
from renshe.core.forms import apply_service_errors, errors_to_messages, form_errors_to_messages
from renshe.core.paging import page_of, query_string_without_page
from renshe.employment import assistance as svc
from renshe.employment import rules
from renshe.employment.forms_assistance import (
    ContactForm,
    DifficultyForm,
    EndForm,
    GraduateForm,
    GraduateStatusForm,
    HouseholdForm,
    PlacementForm,
    PlanForm,
    PlanStatusForm,
    UnemploymentForm,
    UnemploymentWindowForm,
    WelfarePostForm,
)
from renshe.employment.models import (
    AssistancePlan,
    GraduateTracking,
    UnemploymentRegistration,
    ZeroEmploymentHousehold,
)
from renshe.registry.selectors import get_employer_by_code_for_user

MANAGE = svc.MANAGE


# --- the module's workbench ------------------------------------------------------------------------


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def home(request):
    require_region_prefix(request.user)
    today = timezone.localdate()
    overdue = svc.ledger_with_status(svc.ledger(viewer=request.user, on_date=today, overdue_only=True)[:20], today)
    difficult_days, unemployed_days = svc.contact_intervals(today)
    return render(
        request,
        "employment/assistance/home.html",
        {
            "counts": svc.ledger_counts(viewer=request.user, on_date=today),
            "overdue": overdue,
            "ending": list(svc.placements_ending_soon(viewer=request.user, on_date=today)[:20]),
            "households": list(
                svc.zero_households(viewer=request.user, status=ZeroEmploymentHousehold.Status.OPEN)[:20]
            ),
            "graduates_unplaced": svc.graduates(viewer=request.user, status=GraduateTracking.Status.UNPLACED).count(),
            "difficult_days": difficult_days,
            "unemployed_days": unemployed_days,
        },
    )


# --- the ledger --------------------------------------------------------------------------------------


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def ledger(request):
    require_region_prefix(request.user)
    today = timezone.localdate()
    filters = {
        "query": request.GET.get("q", "").strip()[:40],
        "kind": request.GET.get("kind", "") if request.GET.get("kind") in ("difficulty", "unemployed") else "",
        "overdue_only": request.GET.get("overdue") == "1",
    }
    page = page_of(svc.ledger(viewer=request.user, on_date=today, **filters), request.GET.get("page"))
    page.object_list = svc.ledger_with_status(page.object_list, today)
    context = {"page_obj": page, "filters": filters, "query_string": query_string_without_page(request)}
    template = "employment/assistance/ledger_rows.html" if request.htmx else "employment/assistance/ledger.html"
    return render(request, template, context)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def find(request):
    """Open a person's page by identity number (what a clerk types at the window)."""
    try:
        person = svc.person_by_id_number(request.user, request.GET.get("id_number", ""))
    except ValidationError as exc:
        errors_to_messages(request, exc)
        return redirect("employment:assistance_ledger")
    return redirect("employment:assistance_person", pk=person.pk)


# --- a person's page -------------------------------------------------------------------------------


def _person_context(request, person, **forms) -> dict:
    today = timezone.localdate()
    data = svc.person_assistance(person)
    active_reg = next((r for r in data["registrations"] if r.status == UnemploymentRegistration.Status.ACTIVE), None)
    active_rec = next((r for r in data["recognitions"] if r.ended_on is None), None)
    return {
        "person": person,
        **data,
        "entry": svc.ledger_entry(person, today),
        "active_registration": active_reg,
        "active_recognition": active_rec,
        "active_plan": next((p for p in data["plans"] if p.status == AssistancePlan.Status.ACTIVE), None),
        "criteria_labels": rules.DIFFICULTY_CRITERIA,
        "service_labels": svc.CONTACT_SERVICES,
        "contact_form": forms.get("contact_form") or ContactForm(),
        "plan_form": forms.get("plan_form") or PlanForm(),
        "unemployment_form": forms.get("unemployment_form") or UnemploymentForm(),
        "end_form": EndForm(),
    }


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def person_page(request, pk: int):
    person = svc.get_assistance_person_or_404(request.user, pk)
    return render(request, "employment/assistance/person.html", _person_context(request, person))


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def contact_add(request, pk: int):
    person = svc.get_assistance_person_or_404(request.user, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            svc.contact_log(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已记录联系情况"))
            return redirect("employment:assistance_person", pk=person.pk)
    return render(
        request, "employment/assistance/person.html", _person_context(request, person, contact_form=form), status=400
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def plan_add(request, pk: int):
    person = svc.get_assistance_person_or_404(request.user, pk)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            svc.plan_create(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已制定援助计划"))
            return redirect("employment:assistance_person", pk=person.pk)
    return render(
        request, "employment/assistance/person.html", _person_context(request, person, plan_form=form), status=400
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def plan_status(request, pk: int, plan_pk: int):
    person = svc.get_assistance_person_or_404(request.user, pk)
    plan = svc.get_plan_for_person(person, plan_pk)
    form = PlanStatusForm(request.POST)
    if plan is None or not form.is_valid():
        messages.error(request, _("请选择计划的结果"))
    else:
        try:
            svc.plan_set_status(actor=request.user, plan=plan, status=form.cleaned_data["status"])
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("援助计划已更新"))
    return redirect("employment:assistance_person", pk=person.pk)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def unemployment_add(request, pk: int):
    person = svc.get_assistance_person_or_404(request.user, pk)
    form = UnemploymentForm(request.POST)
    if form.is_valid():
        try:
            _register_unemployment(request, person, form)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已办理失业登记"))
            return redirect("employment:assistance_person", pk=person.pk)
    return render(
        request,
        "employment/assistance/person.html",
        _person_context(request, person, unemployment_form=form),
        status=400,
    )


def _register_unemployment(request, person, form):
    data = form.cleaned_data
    last_employer = None
    if data.get("last_employer"):
        from renshe.employment.monitoring import employer_by_credit_code

        try:
            last_employer = employer_by_credit_code(data["last_employer"])
        except ValidationError:
            raise ValidationError({"last_employer": _("该统一社会信用代码的单位尚未登记")}) from None
    return svc.unemployment_register(
        actor=request.user,
        person=person,
        reason=data["reason"],
        registered_on=data["registered_on"],
        last_employer=last_employer,
        able_and_willing=data["able_and_willing"],
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def unemployment_window(request):
    """失业登记 at the window: the clerk types the identity number."""
    require_region_prefix(request.user)
    form = UnemploymentWindowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = svc.person_by_id_number(request.user, form.cleaned_data["id_number"])
            _register_unemployment(request, person, form)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已办理失业登记：%(name)s") % {"name": person.masked_name})
            return redirect("employment:assistance_person", pk=person.pk)
    return render(request, "employment/assistance/register.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def unemployment_end(request, pk: int):
    registration = svc.get_registration_or_404(request.user, pk)
    person = svc.get_assistance_person_or_404(request.user, registration.person_id)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            svc.unemployment_end(
                actor=request.user,
                registration=registration,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("已注销失业登记"))
    else:
        form_errors_to_messages(request, form)
    return redirect("employment:assistance_person", pk=person.pk)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def difficulty(request, pk: int):
    """就业困难人员认定 by a clerk: what the registry already shows, the claims backed by materials."""
    person = svc.get_assistance_person_or_404(request.user, pk)
    form = DifficultyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.difficulty_recognise(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已认定为就业困难人员"))
            return redirect("employment:assistance_person", pk=person.pk)
    assessment = svc.difficulty_assess(person=person)
    return render(
        request,
        "employment/assistance/difficulty.html",
        {
            "person": person,
            "form": form,
            "unmet": [rules.DIFFICULTY_PRECONDITIONS[c] for c in assessment.unmet],
            "criteria": [rules.DIFFICULTY_CRITERIA[c] for c in assessment.criteria],
        },
        status=400 if form.errors else 200,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def difficulty_end(request, pk: int):
    recognition = svc.get_recognition_or_404(request.user, pk)
    person = svc.get_assistance_person_or_404(request.user, recognition.person_id)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            svc.difficulty_end(
                actor=request.user,
                recognition=recognition,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("已退出就业困难人员认定"))
    else:
        form_errors_to_messages(request, form)
    return redirect("employment:assistance_person", pk=person.pk)


# --- public-welfare posts --------------------------------------------------------------------------


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def welfare_list(request):
    prefix = require_region_prefix(request.user)
    form = WelfarePostForm(
        request.POST or None,
        region_prefix=prefix,
        initial={"max_term_months": svc.setting_int("employment.welfare_max_term_months", timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            employer = get_employer_by_code_for_user(request.user, data.pop("credit_code"))
            post = svc.welfare_post_create(actor=request.user, employer=employer, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已新增公益性岗位：%(t)s") % {"t": post.title})
            return redirect("employment:assistance_welfare_post", pk=post.pk)
    page = page_of(svc.welfare_posts(viewer=request.user), request.GET.get("page"))
    return render(
        request,
        "employment/assistance/welfare_list.html",
        {"page_obj": page, "form": form, "query_string": query_string_without_page(request)},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def welfare_post(request, pk: int):
    post = svc.get_welfare_post_or_404(request.user, pk)
    form = PlacementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = svc.person_by_id_number(request.user, form.cleaned_data["id_number"])
            svc.welfare_place(
                actor=request.user,
                post=post,
                person=person,
                start_date=form.cleaned_data["start_date"],
                term_months=form.cleaned_data["term_months"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已安置：%(name)s") % {"name": person.masked_name})
            return redirect("employment:assistance_welfare_post", pk=post.pk)
    today = timezone.localdate()
    notice = svc.setting_int("employment.welfare_ending_notice_days", today)
    placements = list(post.placements.select_related("person").order_by("end_date", "-start_date"))
    for p in placements:
        p.ending_soon = p.end_date is None and rules.ending_within(p.term_ends_on, today, notice)
    return render(
        request,
        "employment/assistance/welfare_post.html",
        {
            "post": post,
            "placements": placements,
            "open_count": sum(1 for p in placements if p.end_date is None),
            "form": form,
            "end_form": EndForm(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def placement_end(request, pk: int):
    placement = svc.get_placement_or_404(request.user, pk)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            svc.welfare_placement_end(
                actor=request.user,
                placement=placement,
                end_date=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("已办理退出"))
    else:
        form_errors_to_messages(request, form)
    return redirect("employment:assistance_welfare_post", pk=placement.post_id)


# --- zero-employment households ------------------------------------------------------------------


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def households(request):
    require_region_prefix(request.user)
    form = HouseholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            members, errors = [], []
            for number in form.cleaned_data["members"]:
                try:
                    members.append(svc.person_by_id_number(request.user, number))
                except ValidationError:
                    errors.append(number[:6] + "********" + number[-4:])
            if errors:
                raise ValidationError(
                    {"members": _("以下号码未在辖区实名信息库中找到：%(n)s") % {"n": "、".join(errors)}}
                )
            household = svc.zero_household_identify(
                actor=request.user, household_ref=form.cleaned_data["household_ref"], members=members
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.warning(
                request, _("已列入零就业家庭名单：户号 %(ref)s，请及时帮扶") % {"ref": household.household_ref}
            )
            return redirect("employment:assistance_households")
    status = request.GET.get("status", "")
    status = status if status in ZeroEmploymentHousehold.Status.values else ""
    ref = request.GET.get("ref", "").strip()[:40]
    page = page_of(svc.zero_households(viewer=request.user, status=status, ref=ref), request.GET.get("page"))
    return render(
        request,
        "employment/assistance/households.html",
        {
            "page_obj": page,
            "form": form,
            "status": status,
            "ref": ref,
            "statuses": ZeroEmploymentHousehold.Status.choices,
            "query_string": query_string_without_page(request),
        },
        status=400 if form.errors else 200,
    )


# --- graduates ---------------------------------------------------------------------------------------


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def graduates(request):
    require_region_prefix(request.user)
    form = GraduateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = svc.person_by_id_number(request.user, data.pop("id_number"))
            svc.graduate_track(actor=request.user, person=person, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已列入跟踪名单：%(name)s") % {"name": person.masked_name})
            return redirect("employment:assistance_graduates")
    status = request.GET.get("status", "")
    status = status if status in GraduateTracking.Status.values else ""
    query = request.GET.get("q", "").strip()[:40]
    page = page_of(svc.graduates(viewer=request.user, status=status, query=query), request.GET.get("page"))
    return render(
        request,
        "employment/assistance/graduates.html",
        {
            "page_obj": page,
            "form": form,
            "status": status,
            "query": query,
            "statuses": GraduateTracking.Status.choices,
            "status_form": GraduateStatusForm(),
            "query_string": query_string_without_page(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def graduate_status(request, pk: int):
    tracking = svc.get_graduate_or_404(request.user, pk)
    form = GraduateStatusForm(request.POST)
    if form.is_valid():
        try:
            svc.graduate_set_status(actor=request.user, tracking=tracking, status=form.cleaned_data["status"])
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("已更新：%(name)s") % {"name": tracking.person.masked_name})
    else:
        form_errors_to_messages(request, form)
    return redirect("employment:assistance_graduates")
