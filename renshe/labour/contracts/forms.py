"""Forms of the contracts pages. They parse input only; every check that needs the rules or the
database is in the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renshe.labour.contracts.importing import MODE_ALL_OR_NOTHING, MODE_GOOD_ONLY
from renshe.labour.contracts.models import BlacklistGround, ContractType, Grade

_TEXT = {"class": "form-control"}
_SELECT = {"class": "form-select"}
_DATE = {"class": "form-control", "type": "date"}
_NUMBER = {"class": "form-control", "inputmode": "decimal"}
_AREA = {"class": "form-control", "rows": 3}


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"))


def _reason(label=None, max_length=300):
    label = label or _("理由")
    return forms.CharField(label=label, max_length=max_length, widget=forms.Textarea(attrs={**_AREA, "rows": 2}))


class ContractForm(forms.Form):
    id_number = forms.CharField(
        label=_("劳动者身份证号码"), max_length=18, widget=forms.TextInput(attrs={**_TEXT, "autocomplete": "off"})
    )
    contract_type = forms.ChoiceField(
        label=_("合同类型"), choices=ContractType.choices, widget=forms.Select(attrs=_SELECT)
    )
    start_date = _date(_("起始日期"))
    end_date = _date(_("终止日期"), required=False)
    probation_months = forms.IntegerField(
        label=_("试用期（月）"), min_value=0, max_value=6, initial=0, widget=forms.NumberInput(attrs=_TEXT)
    )
    position = forms.CharField(label=_("工作岗位"), max_length=60, widget=forms.TextInput(attrs=_TEXT))
    monthly_wage = forms.DecimalField(
        label=_("月工资（元）"), min_value=0, max_digits=10, decimal_places=2, widget=forms.TextInput(attrs=_NUMBER)
    )
    platform_ref = forms.CharField(
        label=_("电子合同平台编号"), max_length=64, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    signed_on = _date(_("签订日期"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = timezone.localdate()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"), widget=forms.ClearableFileInput(attrs={"class": "form-control"})
    )
    mode = forms.ChoiceField(
        label=_("导入方式"),
        choices=[(MODE_ALL_OR_NOTHING, _("全部正确才导入")), (MODE_GOOD_ONLY, _("只导入正确的行"))],
        initial=MODE_ALL_OR_NOTHING,
        widget=forms.Select(attrs=_SELECT),
    )


class RenewForm(forms.Form):
    contract_type = forms.ChoiceField(
        label=_("合同类型"), choices=ContractType.choices, widget=forms.Select(attrs=_SELECT)
    )
    end_date = _date(_("终止日期"), required=False)
    position = forms.CharField(label=_("工作岗位"), max_length=60, widget=forms.TextInput(attrs=_TEXT))
    monthly_wage = forms.DecimalField(
        label=_("月工资（元）"), min_value=0, max_digits=10, decimal_places=2, widget=forms.TextInput(attrs=_NUMBER)
    )
    platform_ref = forms.CharField(
        label=_("电子合同平台编号"), max_length=64, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    signed_on = _date(_("签订日期"))


class TerminateForm(forms.Form):
    terminated_on = _date(_("解除或终止日期"))
    reason = forms.CharField(label=_("解除或终止原因"), max_length=120, widget=forms.TextInput(attrs=_TEXT))


class LicenceForm(forms.Form):
    registered_capital = forms.DecimalField(
        label=_("注册资本（万元）"), min_value=0, max_digits=12, decimal_places=2, widget=forms.TextInput(attrs=_NUMBER)
    )
    premises_address = forms.CharField(label=_("经营场所地址"), max_length=120, widget=forms.TextInput(attrs=_TEXT))
    premises_area = forms.DecimalField(
        label=_("经营场所面积（平方米）"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        widget=forms.TextInput(attrs=_NUMBER),
    )
    rules_summary = forms.CharField(
        label=_("劳务派遣管理制度"),
        max_length=2000,
        help_text=_("写明劳动合同、劳动报酬、社会保险、工作时间、休息休假、劳动纪律等制度的名称和要点"),
        widget=forms.Textarea(attrs=_AREA),
    )


class LicenceChangeForm(LicenceForm):
    reason = _reason(_("变更事由"))


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("审批意见"), max_length=300, required=False, widget=forms.Textarea(attrs={**_AREA, "rows": 2})
    )


class ReasonForm(forms.Form):
    reason = _reason()


class RatingRunForm(forms.Form):
    year = forms.IntegerField(
        label=_("评价年度"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs=_TEXT)
    )


class RatingAdjustForm(forms.Form):
    grade = forms.ChoiceField(label=_("等级"), choices=Grade.choices, widget=forms.Select(attrs=_SELECT))
    reason = _reason(_("调整理由"))


class BlacklistProposeForm(forms.Form):
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, widget=forms.TextInput(attrs=_TEXT))
    ground = forms.ChoiceField(label=_("列入事由"), choices=BlacklistGround.choices, widget=forms.Select(attrs=_SELECT))
    facts = _reason(_("事实"))
    arrears_amount = forms.DecimalField(
        label=_("拖欠工资数额（元）"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs=_NUMBER),
    )
    order_date = _date(_("责令限期支付日期"))

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()


class RemoveEarlyForm(forms.Form):
    arrears_paid = forms.BooleanField(
        label=_("拖欠的工资已全部清偿"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    new_violations = forms.IntegerField(
        label=_("列入后新发生的拖欠工资违法行为（起）"), min_value=0, initial=0, widget=forms.NumberInput(attrs=_TEXT)
    )
    note = forms.CharField(label=_("说明"), max_length=300, required=False, widget=forms.TextInput(attrs=_TEXT))
