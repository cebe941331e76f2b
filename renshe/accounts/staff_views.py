"""Administrators manage the staff accounts of their own region."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from renshe.accounts.models import STAFF_ROLES, Role
from renshe.accounts.selectors import org_units_visible_to, users_visible_to
from renshe.accounts.services import user_create
from renshe.core.forms import apply_service_errors
from renshe.core.paging import page_of, query_string_without_page


class StaffUserForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("用户名"), max_length=150, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    display_name = forms.CharField(
        label=gettext_lazy("姓名"), max_length=60, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    role = forms.ChoiceField(label=gettext_lazy("角色"), widget=forms.Select(attrs={"class": "form-select"}))
    org_unit = forms.ModelChoiceField(
        label=gettext_lazy("所属单位"), queryset=None, widget=forms.Select(attrs={"class": "form-select"})
    )
    password = forms.CharField(
        label=gettext_lazy("初始密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "new-password"}),
        help_text=gettext_lazy("至少8位，包含大写字母、小写字母、数字、符号中的至少3类"),
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r in STAFF_ROLES]
        self.fields["org_unit"].queryset = org_units_visible_to(viewer)


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
@require_GET
def user_list(request):
    users = users_visible_to(request.user).order_by("org_unit__region_id", "username")
    role = request.GET.get("role", "")
    if role in Role.values:
        users = users.filter(role=role)
    return render(
        request,
        "accounts/user_list.html",
        {
            "page_obj": page_of(users, request.GET.get("page"), size=50),
            "roles": [(r.value, r.label) for r in Role if r in STAFF_ROLES],
            "role": role,
            "query_string": query_string_without_page(request),
        },
    )


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
@require_http_methods(["GET", "POST"])
def user_new(request):
    form = StaffUserForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_create(
                actor=request.user,
                username=data["username"],
                password=data["password"],
                role=data["role"],
                org_unit=data["org_unit"],
                display_name=data["display_name"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已创建账号 %(u)s") % {"u": user.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form}, status=400 if form.errors else 200)
