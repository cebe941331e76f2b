"""Staff pages: the contract register and signing rate, dispatch licences, credit ratings and the
arrears blacklist. Reads go through the selectors (another region's record is a 404), one service per
write; a public account gets 403 from the permission check."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.scoping import require_region_prefix
from renshe.core.forms import apply_service_errors, errors_to_messages, form_errors_to_messages
from renshe.core.paging import page_of, query_string_without_page
from renshe.labour.contracts import rules, selectors
from renshe.labour.contracts import services_blacklist as blacklist
from renshe.labour.contracts import services_credit as credit
from renshe.labour.contracts import services_licences as licences
from renshe.labour.contracts.documents import licence_certificate_pdf, listing_decision_pdf
from renshe.labour.contracts.forms import (
    BlacklistProposeForm,
    LicenceChangeForm,
    NoteForm,
    RatingAdjustForm,
    RatingRunForm,
    ReasonForm,
    RemoveEarlyForm,
)
from renshe.labour.contracts.models import BlacklistStatus, ContractStatus, Grade, LicenceStatus
from renshe.registry.selectors import get_employer_by_code_for_user


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


# --- contracts and signing rate ---------------------------------------------------------------------


@login_required
@permission_required("contracts.view_labourcontract", raise_exception=True)
@require_GET
def contract_list(request):
    require_region_prefix(request.user)
    query = request.GET.get("q", "").strip()[:60]
    status = request.GET.get("status", "")
    page = page_of(selectors.contract_list(viewer=request.user, query=query, status=status), request.GET.get("page"))
    return render(
        request,
        "contracts/staff/contracts.html",
        {
            "page_obj": page,
            "query": query,
            "status": status,
            "statuses": ContractStatus.choices,
            "query_string": query_string_without_page(request),
        },
    )


@login_required
@permission_required("contracts.view_labourcontract", raise_exception=True)
@require_GET
def contract_detail(request, pk: int):
    contract = selectors.get_contract_for_user_or_404(request.user, pk)
    return render(request, "contracts/staff/contract.html", {"contract": contract})


@login_required
@permission_required("contracts.view_signing_rate", raise_exception=True)
@require_GET
def signing_rate(request):
    require_region_prefix(request.user)
    today = timezone.localdate()
    try:
        day = min(date.fromisoformat(request.GET.get("day", "")), today)
    except ValueError:
        day = today
    by = "industry" if request.GET.get("by") == "industry" else "county"
    return render(
        request,
        "contracts/staff/signing_rate.html",
        {
            "day": day,
            "by": by,
            "table": selectors.signing_rate_table(viewer=request.user, day=day, by=by),
            "trend": selectors.signing_rate_trend(viewer=request.user, today=day),
        },
    )


# --- dispatch licences ----------------------------------------------------------------------------


@login_required
@permission_required("contracts.view_dispatchlicence", raise_exception=True)
@require_GET
def licence_list(request):
    require_region_prefix(request.user)
    status = request.GET.get("status", "")
    page = page_of(selectors.licence_list(viewer=request.user, status=status), request.GET.get("page"))
    return render(
        request,
        "contracts/staff/licences.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": LicenceStatus.choices,
            "query_string": query_string_without_page(request),
        },
    )


@login_required
@permission_required("contracts.view_dispatchlicence", raise_exception=True)
@require_http_methods(["GET", "POST"])
def licence_detail(request, pk: int):
    licence = selectors.get_licence_for_user_or_404(request.user, pk)
    action = request.POST.get("action", "")
    change_form = LicenceChangeForm(
        request.POST if action == "change" else None,
        initial={
            "registered_capital": licence.registered_capital,
            "premises_address": licence.premises_address,
            "premises_area": licence.premises_area,
            "rules_summary": licence.rules_summary,
        },
    )
    if request.method == "POST":
        try:
            if action in ("approve", "refuse"):
                note = NoteForm(request.POST)
                note.is_valid()
                licences.licence_decide(
                    actor=request.user,
                    licence=licence,
                    approve=action == "approve",
                    note=note.cleaned_data.get("note", ""),
                    version=_version(request),
                )
                messages.success(request, _("已审批"))
                return redirect("contracts:licence_detail", pk=pk)
            if action == "revoke":
                form = ReasonForm(request.POST)
                if not form.is_valid():
                    form_errors_to_messages(request, form)
                    return redirect("contracts:licence_detail", pk=pk)
                licences.licence_revoke(
                    actor=request.user, licence=licence, reason=form.cleaned_data["reason"], version=_version(request)
                )
                messages.success(request, _("许可证已撤销"))
                return redirect("contracts:licence_detail", pk=pk)
            if action == "change" and change_form.is_valid():
                licences.licence_change(
                    actor=request.user, licence=licence, version=_version(request), **change_form.cleaned_data
                )
                messages.success(request, _("许可事项已变更"))
                return redirect("contracts:licence_detail", pk=pk)
        except ValidationError as exc:
            if action == "change":
                apply_service_errors(change_form, exc)
            else:
                errors_to_messages(request, exc)
    return render(
        request,
        "contracts/staff/licence.html",
        {
            "licence": licence,
            "change_form": change_form,
            "note_form": NoteForm(),
            "reason_form": ReasonForm(),
            "can_decide": request.user.has_perm(licences.DECIDE),
        },
        status=400 if change_form.errors else 200,
    )


@login_required
@permission_required("contracts.view_dispatchlicence", raise_exception=True)
@require_GET
def licence_certificate(request, pk: int):
    licence = selectors.get_licence_for_user_or_404(request.user, pk)
    return certificate_response(licence)


def certificate_response(licence) -> HttpResponse:
    """The certificate of a valid licence (404 for any other state)."""
    if licence.status != LicenceStatus.VALID:
        raise Http404
    response = HttpResponse(licence_certificate_pdf(licence), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="licence-{licence.number}.pdf"'
    return response


# --- credit ratings -------------------------------------------------------------------------------


@login_required
@permission_required("contracts.view_creditrating", raise_exception=True)
@require_http_methods(["GET", "POST"])
def rating_list(request):
    require_region_prefix(request.user)
    default_year = timezone.localdate().year - 1
    try:
        year = int(request.GET.get("year") or default_year)
    except ValueError:
        year = default_year
    run_form = RatingRunForm(request.POST or None, initial={"year": year})
    if request.method == "POST":
        if not request.user.has_perm(credit.RATE):
            raise PermissionDenied
        if run_form.is_valid():
            year = run_form.cleaned_data["year"]
            if request.POST.get("action") == "publish":
                count = credit.credit_ratings_publish(actor=request.user, year=year)
                messages.success(request, _("已公布 %(n)d 家C级单位") % {"n": count})
            else:
                result = credit.credit_rating_run(actor=request.user, year=year)
                messages.success(
                    request,
                    _("已评价 %(n)d 家单位：A级 %(a)d，B级 %(b)d，C级 %(c)d；保留人工调整 %(k)d 家")
                    % {
                        "n": result["rated"],
                        "a": result["A"],
                        "b": result["B"],
                        "c": result["C"],
                        "k": result["kept_adjusted"],
                    },
                )
                if result["missing"]:
                    messages.warning(
                        request, _("部分数据来源尚未接入，按无记录计：%(s)s") % {"s": "、".join(result["missing"])}
                    )
            return redirect(f"{request.path}?year={year}")
    grade = request.GET.get("grade", "")
    grade = grade if grade in Grade.values else ""
    query = request.GET.get("q", "").strip()[:60]
    page = page_of(
        selectors.rating_list(viewer=request.user, year=year, grade=grade, query=query), request.GET.get("page")
    )
    return render(
        request,
        "contracts/staff/ratings.html",
        {
            "page_obj": page,
            "year": year,
            "grade": grade,
            "grades": Grade.choices,
            "query": query,
            "run_form": run_form,
            "can_rate": request.user.has_perm(credit.RATE),
            "query_string": query_string_without_page(request),
        },
        status=400 if run_form.errors else 200,
    )


@login_required
@permission_required("contracts.view_creditrating", raise_exception=True)
@require_http_methods(["GET", "POST"])
def rating_detail(request, pk: int):
    rating = selectors.get_rating_for_user_or_404(request.user, pk)
    form = RatingAdjustForm(request.POST or None, initial={"grade": rating.grade})
    if request.method == "POST" and form.is_valid():
        try:
            credit.credit_rating_adjust(actor=request.user, rating=rating, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("等级已调整"))
            return redirect("contracts:rating_detail", pk=pk)
    return render(
        request,
        "contracts/staff/rating.html",
        {"rating": rating, "form": form, "can_rate": request.user.has_perm(credit.RATE)},
        status=400 if form.errors else 200,
    )


# --- blacklist ------------------------------------------------------------------------------------


@login_required
@permission_required("contracts.view_blacklistentry", raise_exception=True)
@require_http_methods(["GET", "POST"])
def blacklist_page(request):
    require_region_prefix(request.user)
    form = BlacklistProposeForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm(blacklist.MANAGE):
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                employer = get_employer_by_code_for_user(request.user, data.pop("credit_code"))
                entry = blacklist.blacklist_propose(actor=request.user, employer=employer, **data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("已向单位送达拟列入告知：%(e)s") % {"e": employer.name})
                return redirect("contracts:blacklist_detail", pk=entry.pk)
    status = request.GET.get("status", "")
    page = page_of(selectors.blacklist_list(viewer=request.user, status=status), request.GET.get("page"))
    return render(
        request,
        "contracts/staff/blacklist.html",
        {
            "page_obj": page,
            "form": form,
            "status": status,
            "statuses": BlacklistStatus.choices,
            "can_manage": request.user.has_perm(blacklist.MANAGE),
            "query_string": query_string_without_page(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("contracts.view_blacklistentry", raise_exception=True)
@require_GET
def blacklist_detail(request, pk: int):
    entry = selectors.get_blacklist_entry_for_user_or_404(request.user, pk)
    return render(
        request,
        "contracts/staff/blacklist_entry.html",
        {
            "entry": entry,
            "statement_ends": rules.statement_period_ends(entry.notified_on),
            "early_from": rules.early_removal_from(entry.listed_on) if entry.listed_on else None,
            "reason_form": ReasonForm(),
            "remove_form": RemoveEarlyForm(),
            "can_manage": request.user.has_perm(blacklist.MANAGE),
        },
    )


@login_required
@permission_required(blacklist.MANAGE, raise_exception=True)
@require_POST
def blacklist_act(request, pk: int):
    entry = selectors.get_blacklist_entry_for_user_or_404(request.user, pk)
    action = request.POST.get("action", "")
    try:
        if action == "list":
            blacklist.blacklist_list(actor=request.user, entry=entry, version=_version(request))
            messages.success(request, _("已作出列入决定"))
        elif action == "withdraw":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"reason": _("请写明不予列入的理由")})
            blacklist.blacklist_withdraw(
                actor=request.user, entry=entry, reason=form.cleaned_data["reason"], version=_version(request)
            )
            messages.success(request, _("已决定不予列入"))
        elif action == "remove":
            form = RemoveEarlyForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"new_violations": _("请填写新发生的违法行为数")})
            blacklist.blacklist_remove_early(
                actor=request.user, entry=entry, version=_version(request), **form.cleaned_data
            )
            messages.success(request, _("已提前移出名单"))
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("contracts:blacklist_detail", pk=pk)


def listing_response(entry) -> HttpResponse:
    """The listing decision of an entry that was listed (404 before the decision)."""
    if entry.listed_on is None:
        raise Http404
    response = HttpResponse(listing_decision_pdf(entry), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="listing-{entry.pk}.pdf"'
    return response


@login_required
@permission_required("contracts.view_blacklistentry", raise_exception=True)
@require_GET
def blacklist_decision(request, pk: int):
    return listing_response(selectors.get_blacklist_entry_for_user_or_404(request.user, pk))
