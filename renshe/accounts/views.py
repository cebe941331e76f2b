from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from renshe.accounts.forms import CitizenRegisterForm, EmployerRegisterForm, LoginForm
from renshe.accounts.services import citizen_register, employer_account_register
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.forms import apply_service_errors


class PlatformLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        with transaction.atomic():
            audit_record(actor=form.get_user(), action=AuditAction.LOGIN, obj=form.get_user())
        return response

    def form_invalid(self, form):
        username = (form.data.get("username") or "")[:150]
        with transaction.atomic():
            audit_record(actor=None, action=AuditAction.LOGIN_FAILED, object_type="accounts.user", object_repr=username)
        return super().form_invalid(form)


class PlatformLogoutView(LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            with transaction.atomic():
                audit_record(actor=request.user, action=AuditAction.LOGOUT, obj=request.user)
        return super().post(request, *args, **kwargs)


@require_http_methods(["GET", "POST"])
def register_citizen(request):
    form = CitizenRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = citizen_register(
                username=data["username"],
                password=data["password"],
                name=data["name"],
                id_number=data["id_number"],
                phone=data["phone"],
                residence_region=data["residence_region"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("注册成功，已为您登录"))
            return redirect("core:portal")
    return render(
        request,
        "accounts/register.html",
        {"form": form, "title": _("个人实名注册")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def register_employer(request):
    form = EmployerRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = employer_account_register(
                username=data["username"],
                password=data["password"],
                credit_code=data["credit_code"],
                name=data["name"],
                industry=data["industry"],
                region=data["region"],
                size=data["size"],
                ownership=data["ownership"],
                legal_representative=data["legal_representative"],
                contact_phone=data["contact_phone"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("注册成功，已为您登录"))
            return redirect("core:portal")
    return render(
        request,
        "accounts/register.html",
        {"form": form, "title": _("单位实名注册")},
        status=400 if form.errors else 200,
    )


@login_required
def two_factor(request):
    """The second step of signing in: a code from the authenticator app, enrolling it the first time."""
    from renshe.accounts import two_factor as tf
    from renshe.core.pdf import qr_svg_data_uri

    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    if not tf.second_factor_required(request.user):
        return redirect(target or "core:workbench")
    device = tf.confirmed_device(request.user)
    enrolling = device is None
    error = ""
    if request.method == "POST":
        try:
            tf.second_factor_verify(request, request.POST.get("code", ""))
        except ValidationError as exc:
            error = " ".join(exc.message_dict.get("code", exc.messages))
        else:
            return redirect(target or "core:workbench")
    context = {"enrolling": enrolling, "error": error, "next": target}
    if enrolling:
        pending = tf.enrolment_device(request.user)
        context["qr"] = qr_svg_data_uri(pending.config_url)
        context["secret"] = base64.b32encode(pending.bin_key).decode()
    return render(request, "accounts/two_factor.html", context)
