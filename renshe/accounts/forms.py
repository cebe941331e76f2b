from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from renshe.core.forms import RegionChoiceField, industry_choices
from renshe.registry.models import EmployerSize, Ownership


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名"),
        widget=forms.TextInput(attrs={"class": "form-control", "autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "current-password"}),
    )


class _PasswordPair(forms.Form):
    username = forms.CharField(
        label=_("用户名"), max_length=150, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "new-password"}),
        help_text=_("至少8位，包含大写字母、小写字母、数字、符号中的至少3类"),
    )
    password2 = forms.CharField(
        label=_("确认密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致"))
        return data


class CitizenRegisterForm(_PasswordPair):
    name = forms.CharField(label=_("姓名"), max_length=40, widget=forms.TextInput(attrs={"class": "form-control"}))
    id_number = forms.CharField(
        label=_("身份证号码"),
        max_length=18,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("手机号码"), max_length=20, widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "tel"})
    )
    residence_region = RegionChoiceField(label=_("居住地（镇/街道）"))


class EmployerRegisterForm(_PasswordPair):
    credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=18, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    name = forms.CharField(label=_("单位名称"), max_length=100, widget=forms.TextInput(attrs={"class": "form-control"}))
    industry = forms.ChoiceField(
        label=_("行业"), choices=industry_choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    region = RegionChoiceField(label=_("所在地（镇/街道）"))
    size = forms.ChoiceField(
        label=_("规模"), choices=EmployerSize.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    ownership = forms.ChoiceField(
        label=_("经济类型"), choices=Ownership.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    legal_representative = forms.CharField(
        label=_("法定代表人"), max_length=40, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    contact_phone = forms.CharField(
        label=_("联系电话"), max_length=20, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
