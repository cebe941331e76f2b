"""Registry pages for staff (people, employers, employment) and a citizen's own record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.scoping import require_region_prefix
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.excel import xlsx_bytes, xlsx_response
from renshe.core.forms import apply_service_errors
from renshe.core.paging import page_of, query_string_without_page
from renshe.core.selectors import counties_under, industries, person_tags, towns_under
from renshe.registry import selectors, services
from renshe.registry.forms import EmployerForm, EmploymentEndForm, EmploymentStartForm, PersonEditForm, PersonForm
from renshe.registry.models import Employer, Gender

EXPORT_MAX_ROWS = 100_000


# --- people ---------------------------------------------------------------------------------


def _person_filters(request) -> dict:
    return {
        "query": request.GET.get("q", "").strip()[:40],
        "region": request.GET.get("region", "").strip()[:12],
        "tag": request.GET.get("tag", "").strip()[:30],
        "gender": request.GET.get("gender", "").strip()[:1],
    }


@login_required
@permission_required("registry.view_person", raise_exception=True)
@require_GET
def person_list(request):
    prefix = require_region_prefix(request.user)
    filters = _person_filters(request)
    page = page_of(selectors.person_list(viewer=request.user, **filters), request.GET.get("page"))
    context = {
        "page_obj": page,
        "filters": filters,
        "query_string": query_string_without_page(request),
        "regions": counties_under(prefix) if len(prefix) <= 6 else [],
        "towns": towns_under(prefix),
        "tags": person_tags(),
        "genders": Gender.choices,
    }
    template = "registry/partials/person_rows.html" if request.htmx else "registry/person_list.html"
    return render(request, template, context)


@login_required
@permission_required("registry.export_registry", raise_exception=True)
@require_GET
def person_export(request):
    filters = _person_filters(request)
    qs = selectors.person_list(viewer=request.user, **filters).select_related("education")[:EXPORT_MAX_ROWS]
    headers = [_("姓名"), _("身份证号码"), _("性别"), _("出生日期"), _("手机号码"), _("居住地"), _("学历")]
    rows = (
        (
            p.masked_name,
            p.masked_id_number,
            p.get_gender_display(),
            p.birth_date,
            p.masked_phone,
            p.residence_region.name,
            p.education.name if p.education else "",
        )
        for p in qs.iterator(chunk_size=2000)
    )
    data = xlsx_bytes(headers, rows, title=_("人员"))
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="registry.person",
            object_repr=_("人员名单导出"),
            changes={"filters": filters, "max_rows": EXPORT_MAX_ROWS},
        )
    return xlsx_response(f"人员名单-{timezone.localdate():%Y%m%d}.xlsx", data)


@login_required
@permission_required("registry.view_person", raise_exception=True)
@require_GET
def person_detail(request, pk: int):
    person = selectors.get_person_for_user_or_404(request.user, pk)
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "employments": selectors.employment_history(viewer=request.user, person=person),
            "tags": person.tags.all(),
            "can_reveal": request.user.has_perm("registry.reveal_personal_data"),
            "can_change": request.user.has_perm("registry.change_person"),
            "employment_form": EmploymentStartForm(),
        },
    )


@login_required
@require_POST
def person_reveal(request, pk: int):
    person = selectors.get_person_for_user_or_404(request.user, pk)
    values = services.person_reveal(actor=request.user, person=person)
    return render(request, "registry/partials/person_revealed.html", {"person": person, "values": values})


@login_required
@permission_required("registry.add_person", raise_exception=True)
@require_http_methods(["GET", "POST"])
def person_create(request):
    prefix = require_region_prefix(request.user)
    form = PersonForm(request.POST or None, region_prefix=prefix)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_register(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已登记：%(name)s") % {"name": person.name})
            return redirect("registry:person_detail", pk=person.pk)
    return render(
        request, "registry/person_form.html", {"form": form, "title": _("登记人员")}, status=400 if form.errors else 200
    )


@login_required
@permission_required("registry.change_person", raise_exception=True)
@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = selectors.get_person_for_user_or_404(request.user, pk)
    initial = {
        "name": person.name,
        "id_number": person.id_number,
        "phone": person.phone,
        "residence_region": person.residence_region_id,
        "address": person.address,
        "household_region": person.household_region_id or "",
        "household_address": person.household_address,
        "education": person.education_id or "",
        "tags": list(person.tags.values_list("code", flat=True)),
    }
    form = PersonEditForm(request.POST or None, initial=initial, region_prefix=require_region_prefix(request.user))
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data}
        try:
            services.person_update(actor=request.user, person=person, **changed)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("registry:person_detail", pk=person.pk)
    return render(
        request,
        "registry/person_form.html",
        {"form": form, "title": _("修改人员信息"), "person": person},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("registry.add_employment", raise_exception=True)
@require_POST
def employment_start(request, pk: int):
    person = selectors.get_person_for_user_or_404(request.user, pk)
    form = EmploymentStartForm(request.POST)
    if form.is_valid():
        employer = Employer.objects.filter(credit_code=form.cleaned_data["credit_code"].strip().upper()).first()
        if employer is None:
            messages.error(request, _("统一社会信用代码未登记，请先登记用人单位"))
        else:
            try:
                services.employment_start(
                    actor=request.user,
                    person=person,
                    employer=employer,
                    start_date=form.cleaned_data["start_date"],
                    contract_type=form.cleaned_data["contract_type"],
                    position=form.cleaned_data["position"],
                )
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, _("已登记就业关系"))
    else:
        messages.error(request, "；".join(f"{form.fields[f].label}：{e[0]}" for f, e in form.errors.items()))
    return redirect("registry:person_detail", pk=person.pk)


@login_required
@permission_required("registry.change_employment", raise_exception=True)
@require_POST
def employment_end(request, pk: int):
    employment = selectors.get_employment_for_user_or_404(request.user, pk)
    form = EmploymentEndForm(request.POST)
    if form.is_valid():
        try:
            services.employment_end(
                actor=request.user,
                employment=employment,
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("已终止就业关系"))
    else:
        messages.error(request, _("请填写有效的终止日期"))
    return redirect("registry:person_detail", pk=employment.person_id)


# --- employers ------------------------------------------------------------------------------


def _employer_filters(request) -> dict:
    return {
        "query": request.GET.get("q", "").strip()[:60],
        "region": request.GET.get("region", "").strip()[:12],
        "industry": request.GET.get("industry", "").strip()[:4],
    }


@login_required
@permission_required("registry.view_employer", raise_exception=True)
@require_GET
def employer_list(request):
    prefix = require_region_prefix(request.user)
    filters = _employer_filters(request)
    page = page_of(selectors.employer_list(viewer=request.user, **filters), request.GET.get("page"))
    context = {
        "page_obj": page,
        "filters": filters,
        "query_string": query_string_without_page(request),
        "towns": towns_under(prefix),
        "industries": industries(),
    }
    template = "registry/partials/employer_rows.html" if request.htmx else "registry/employer_list.html"
    return render(request, template, context)


@login_required
@permission_required("registry.export_registry", raise_exception=True)
@require_GET
def employer_export(request):
    filters = _employer_filters(request)
    qs = selectors.employer_list(viewer=request.user, **filters)[:EXPORT_MAX_ROWS]
    headers = [_("统一社会信用代码"), _("单位名称"), _("行业"), _("所在地"), _("规模"), _("经济类型"), _("联系电话")]
    rows = (
        (
            e.credit_code,
            e.name,
            e.industry.name,
            e.region.name,
            e.get_size_display(),
            e.get_ownership_display(),
            e.masked_contact_phone,
        )
        for e in qs.iterator(chunk_size=2000)
    )
    data = xlsx_bytes(headers, rows, title=_("用人单位"))
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="registry.employer",
            object_repr=_("用人单位名单导出"),
            changes={"filters": filters},
        )
    return xlsx_response(f"用人单位名单-{timezone.localdate():%Y%m%d}.xlsx", data)


@login_required
@permission_required("registry.view_employer", raise_exception=True)
@require_GET
def employer_detail(request, pk: int):
    employer = selectors.get_employer_for_user_or_404(request.user, pk)
    employments = (
        selectors.employments_visible_to(request.user)
        .filter(employer=employer, end_date__isnull=True)
        .select_related("person")
    )
    return render(
        request,
        "registry/employer_detail.html",
        {
            "employer": employer,
            "employments": page_of(employments, request.GET.get("page"), size=50),
            "can_change": request.user.has_perm("registry.change_employer"),
        },
    )


@login_required
@permission_required("registry.add_employer", raise_exception=True)
@require_http_methods(["GET", "POST"])
def employer_create(request):
    form = EmployerForm(request.POST or None, region_prefix=require_region_prefix(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.employer_register(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已登记：%(name)s") % {"name": employer.name})
            return redirect("registry:employer_detail", pk=employer.pk)
    return render(
        request,
        "registry/employer_form.html",
        {"form": form, "title": _("登记用人单位")},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("registry.change_employer", raise_exception=True)
@require_http_methods(["GET", "POST"])
def employer_edit(request, pk: int):
    employer = selectors.get_employer_for_user_or_404(request.user, pk)
    initial = {
        f: getattr(employer, f)
        for f in ("credit_code", "name", "size", "ownership", "address", "legal_representative", "contact_phone")
    }
    initial.update(industry=employer.industry_id, region=employer.region_id)
    form = EmployerForm(request.POST or None, initial=initial, region_prefix=require_region_prefix(request.user))
    form.fields["credit_code"].disabled = True
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data and k != "credit_code"}
        try:
            services.employer_update(actor=request.user, employer=employer, **changed)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("registry:employer_detail", pk=employer.pk)
    return render(
        request,
        "registry/employer_form.html",
        {"form": form, "title": _("修改单位信息"), "employer": employer},
        status=400 if form.errors else 200,
    )


# --- the public's own record ----------------------------------------------------------------


@login_required
@require_GET
def my_record(request):
    """A citizen's own record and employment history (masked: they know their own number)."""
    if not request.user.person_id:
        return redirect("core:portal")
    person = selectors.get_person_for_user_or_404(request.user, request.user.person_id)
    return render(
        request,
        "registry/my_record.html",
        {
            "person": person,
            "employments": selectors.employment_history(viewer=request.user, person=person),
        },
    )
