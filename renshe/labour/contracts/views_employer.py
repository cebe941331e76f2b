"""The employer's own pages: its labour contracts (one by one and by import), its dispatch licence
applications, and its blacklist entries (with the application for early removal)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.models import Role
from renshe.core.excel import xlsx_response
from renshe.core.forms import apply_service_errors, errors_to_messages
from renshe.core.paging import page_of, query_string_without_page
from renshe.labour.contracts import importing, rules, selectors
from renshe.labour.contracts import services_blacklist as blacklist
from renshe.labour.contracts import services_contracts as contracts
from renshe.labour.contracts import services_licences as licences
from renshe.labour.contracts.forms import ContractForm, ImportForm, LicenceForm, ReasonForm, RenewForm, TerminateForm
from renshe.labour.contracts.models import ContractStatus, LicenceStatus
from renshe.registry.importing import ImportFileError


def employer_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.role != Role.EMPLOYER or not request.user.employer_id:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@employer_required
@require_http_methods(["GET", "POST"])
def my_contracts(request):
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract = contracts.contract_register(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("劳动合同已登记：%(p)s") % {"p": contract.person.masked_name})
            return redirect("contracts:my_contract", pk=contract.pk)
    status = request.GET.get("status", "")
    page = page_of(selectors.contract_list(viewer=request.user, status=status), request.GET.get("page"))
    return render(
        request,
        "contracts/employer/contracts.html",
        {
            "form": form,
            "page_obj": page,
            "status": status,
            "statuses": ContractStatus.choices,
            "query_string": query_string_without_page(request),
        },
        status=400 if form.errors else 200,
    )


@employer_required
@require_http_methods(["GET", "POST"])
def my_contract(request, pk: int):
    contract = selectors.get_contract_for_user_or_404(request.user, pk)
    renew_form = RenewForm(
        request.POST if request.POST.get("action") == "renew" else None,
        initial={
            "contract_type": contract.contract_type,
            "position": contract.position,
            "monthly_wage": contract.monthly_wage,
            "signed_on": timezone.localdate(),
        },
    )
    end_form = TerminateForm(request.POST if request.POST.get("action") == "terminate" else None)
    if request.method == "POST":
        form = renew_form if request.POST.get("action") == "renew" else end_form
        if form.is_valid():
            try:
                if form is renew_form:
                    new = contracts.contract_renew(actor=request.user, contract=contract, **form.cleaned_data)
                    messages.success(request, _("劳动合同已续订"))
                    return redirect("contracts:my_contract", pk=new.pk)
                contracts.contract_terminate(actor=request.user, contract=contract, **form.cleaned_data)
                messages.success(request, _("劳动合同已解除或终止"))
                return redirect("contracts:my_contract", pk=contract.pk)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    bad = renew_form.errors or end_form.errors
    return render(
        request,
        "contracts/employer/contract.html",
        {"contract": contract, "renew_form": renew_form, "end_form": end_form},
        status=400 if bad else 200,
    )


@employer_required
@require_http_methods(["GET", "POST"])
def my_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importing.contracts_import(
                actor=request.user, file_name=upload.name, data=upload.read(), mode=form.cleaned_data["mode"]
            )
        except ImportFileError as exc:
            form.add_error("file", exc.messages)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(
        request,
        "contracts/employer/import.html",
        {"form": form, "result": result, "columns": importing.COLUMNS},
        status=400 if form.errors else 200,
    )


@employer_required
@require_GET
def import_template(request):
    return xlsx_response("劳动合同导入模板.xlsx", importing.template_xlsx())


@employer_required
@require_http_methods(["GET", "POST"])
def my_licences(request):
    today = timezone.localdate()
    form = LicenceForm(request.POST if request.POST.get("action") == "apply" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "apply" and form.is_valid():
                licences.licence_apply(actor=request.user, **form.cleaned_data)
                messages.success(request, _("许可申请已提交，等待审批"))
                return redirect("contracts:my_licences")
            if action == "renew":
                current = selectors.get_licence_for_user_or_404(request.user, request.POST.get("licence"))
                licences.licence_apply_renewal(
                    actor=request.user,
                    licence=current,
                    registered_capital=current.registered_capital,
                    premises_address=current.premises_address,
                    premises_area=current.premises_area,
                    rules_summary=current.rules_summary,
                )
                messages.success(request, _("延续申请已提交"))
                return redirect("contracts:my_licences")
        except ValidationError as exc:
            if action == "apply":
                apply_service_errors(form, exc)
            else:
                errors_to_messages(request, exc)
    rows = []
    for lic in selectors.licence_list(viewer=request.user):
        window = (
            rules.renewal_window(lic.valid_until) if lic.status == LicenceStatus.VALID and lic.valid_until else None
        )
        rows.append({"licence": lic, "window": window, "can_renew": bool(window and window[0] <= today <= window[1])})
    return render(
        request,
        "contracts/employer/licences.html",
        {"form": form, "rows": rows},
        status=400 if form.errors else 200,
    )


@employer_required
@require_GET
def my_blacklist(request):
    entries = list(selectors.blacklist_list(viewer=request.user))
    return render(
        request,
        "contracts/employer/blacklist.html",
        {"entries": entries, "form": ReasonForm(), "today": timezone.localdate()},
    )


@employer_required
@require_POST
def my_blacklist_apply(request, pk: int):
    entry = selectors.get_blacklist_entry_for_user_or_404(request.user, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            blacklist.blacklist_apply_removal(actor=request.user, entry=entry, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("提前移出申请已提交"))
    else:
        messages.error(request, _("请写明已改正的情况"))
    return redirect("contracts:my_blacklist")


@employer_required
@require_GET
def my_licence_certificate(request, pk: int):
    from renshe.labour.contracts.views_staff import certificate_response

    return certificate_response(selectors.get_licence_for_user_or_404(request.user, pk))


@employer_required
@require_GET
def my_blacklist_decision(request, pk: int):
    from renshe.labour.contracts.views_staff import listing_response

    return listing_response(selectors.get_blacklist_entry_for_user_or_404(request.user, pk))
