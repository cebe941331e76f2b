from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renshe.core.forms import RegionChoiceField, education_choices, industry_choices, tag_choices
from renshe.registry.models import ContractType, EmployerSize, Ownership

_TEXT = {"class": "form-control"}
_SELECT = {"class": "form-select"}


class PersonForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40, widget=forms.TextInput(attrs=_TEXT))
    id_number = forms.CharField(
        label=_("身份证号码"),
        max_length=18,
        widget=forms.TextInput(attrs={**_TEXT, "autocomplete": "off"}),
        help_text=_("出生日期和性别由身份证号码自动带出"),
    )
    phone = forms.CharField(
        label=_("手机号码"), max_length=20, required=False, widget=forms.TextInput(attrs={**_TEXT, "inputmode": "tel"})
    )
    residence_region = RegionChoiceField(label=_("居住地（镇/街道）"))
    address = forms.CharField(label=_("居住地址"), max_length=120, required=False, widget=forms.TextInput(attrs=_TEXT))
    household_region = RegionChoiceField(label=_("户籍地（茂名市内）"), required=False)
    household_address = forms.CharField(
        label=_("户籍地址"), max_length=120, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    education = forms.ChoiceField(
        label=_("学历"), choices=education_choices, required=False, widget=forms.Select(attrs=_SELECT)
    )
    tags = forms.MultipleChoiceField(
        label=_("人员类别"), choices=tag_choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, region_prefix: str = "4409", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence_region"].limit_to(region_prefix)


class PersonEditForm(PersonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_number"].help_text = _("更正身份证号码时，出生日期和性别随之更正")


class EmployerForm(forms.Form):
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, widget=forms.TextInput(attrs=_TEXT))
    name = forms.CharField(label=_("单位名称"), max_length=100, widget=forms.TextInput(attrs=_TEXT))
    industry = forms.ChoiceField(label=_("行业"), choices=industry_choices, widget=forms.Select(attrs=_SELECT))
    region = RegionChoiceField(label=_("所在地（镇/街道）"))
    size = forms.ChoiceField(label=_("规模"), choices=EmployerSize.choices, widget=forms.Select(attrs=_SELECT))
    ownership = forms.ChoiceField(label=_("经济类型"), choices=Ownership.choices, widget=forms.Select(attrs=_SELECT))
    address = forms.CharField(label=_("地址"), max_length=120, required=False, widget=forms.TextInput(attrs=_TEXT))
    legal_representative = forms.CharField(
        label=_("法定代表人"), max_length=40, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    contact_phone = forms.CharField(
        label=_("联系电话"), max_length=20, required=False, widget=forms.TextInput(attrs=_TEXT)
    )

    def __init__(self, *args, region_prefix: str = "4409", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].limit_to(region_prefix)


class EmploymentStartForm(forms.Form):
    credit_code = forms.CharField(label=_("单位统一社会信用代码"), max_length=18, widget=forms.TextInput(attrs=_TEXT))
    start_date = forms.DateField(label=_("起始日期"), widget=forms.DateInput(attrs={**_TEXT, "type": "date"}))
    contract_type = forms.ChoiceField(
        label=_("合同类型"), choices=ContractType.choices, widget=forms.Select(attrs=_SELECT)
    )
    position = forms.CharField(label=_("岗位"), max_length=60, required=False, widget=forms.TextInput(attrs=_TEXT))


class EmploymentEndForm(forms.Form):
    end_date = forms.DateField(label=_("终止日期"), widget=forms.DateInput(attrs={**_TEXT, "type": "date"}))
    reason = forms.CharField(label=_("终止原因"), max_length=60, required=False, widget=forms.TextInput(attrs=_TEXT))
