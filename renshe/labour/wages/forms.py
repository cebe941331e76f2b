"""Forms of the wages pages: they check types only; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renshe.core.forms import RegionChoiceField
from renshe.labour.wages.models import SCOPES, Deposit, Level, Partner, WageWarning
from renshe.labour.wages.rules import RULES

DATE = {"type": "date", "class": "form-control"}
TEXT = {"class": "form-control"}
NUMBER = {"class": "form-control", "inputmode": "decimal"}
CHECK = {"class": "form-check-input"}


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("项目名称"), max_length=120, widget=forms.TextInput(TEXT))
    region = RegionChoiceField(label=_("项目所在地（镇/街道）"))
    address = forms.CharField(label=_("项目地址"), max_length=120, required=False, widget=forms.TextInput(TEXT))
    approval_number = forms.CharField(
        label=_("立项批准文号"), max_length=60, required=False, widget=forms.TextInput(TEXT)
    )
    funding_source = forms.CharField(label=_("资金来源"), max_length=60, required=False, widget=forms.TextInput(TEXT))
    funds_in_place = forms.BooleanField(label=_("建设资金已落实"), required=False, widget=forms.CheckboxInput(CHECK))
    permit_number = forms.CharField(
        label=_("施工许可证号"), max_length=60, required=False, widget=forms.TextInput(TEXT)
    )
    contract_sum = forms.DecimalField(
        label=_("合同价款（元）"), max_digits=14, decimal_places=2, widget=forms.NumberInput(NUMBER)
    )
    contract_signed_on = forms.DateField(label=_("施工合同签订日期"), widget=forms.DateInput(DATE))
    start_on = forms.DateField(label=_("开工日期"), widget=forms.DateInput(DATE))
    end_on = forms.DateField(label=_("计划竣工日期"), widget=forms.DateInput(DATE))
    pay_day = forms.IntegerField(label=_("约定每月发薪日"), widget=forms.NumberInput(NUMBER))
    transfer_cycle_days = forms.IntegerField(
        label=_("人工费拨付周期（天）"), initial=30, widget=forms.NumberInput(NUMBER)
    )
    labour_share = forms.DecimalField(
        label=_("约定人工费比例（%）"), initial=20, max_digits=5, decimal_places=2, widget=forms.NumberInput(NUMBER)
    )


class AccountForm(forms.Form):
    bank = forms.CharField(label=_("开户银行"), max_length=60, widget=forms.TextInput(TEXT))
    number = forms.CharField(label=_("专用账户账号"), max_length=40, widget=forms.TextInput(TEXT))
    opened_on = forms.DateField(label=_("开户日期"), widget=forms.DateInput(DATE))


class DepositForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("形式"), choices=Deposit.Kind.choices, widget=forms.Select({"class": "form-select"})
    )
    amount = forms.DecimalField(
        label=_("金额（元）"), max_digits=14, decimal_places=2, widget=forms.NumberInput(NUMBER)
    )
    lodged_on = forms.DateField(label=_("存储日期"), widget=forms.DateInput(DATE))
    letter_number = forms.CharField(label=_("保函编号"), max_length=60, required=False, widget=forms.TextInput(TEXT))
    expires_on = forms.DateField(label=_("保函有效期至"), required=False, widget=forms.DateInput(DATE))


class WorkerForm(forms.Form):
    id_number = forms.CharField(label=_("身份证号码"), max_length=20, widget=forms.TextInput(TEXT))
    joined_on = forms.DateField(label=_("进场日期"), widget=forms.DateInput(DATE))
    team = forms.CharField(label=_("班组"), max_length=60, required=False, widget=forms.TextInput(TEXT))
    bank_name = forms.CharField(label=_("工资卡开户行"), max_length=60, required=False, widget=forms.TextInput(TEXT))
    bank_card = forms.CharField(label=_("工资卡号"), max_length=32, required=False, widget=forms.TextInput(TEXT))
    contract_signed = forms.BooleanField(label=_("已签订劳动合同"), required=False, widget=forms.CheckboxInput(CHECK))
    registered = forms.BooleanField(label=_("已实名登记"), required=False, widget=forms.CheckboxInput(CHECK))


class FileForm(forms.Form):
    file = forms.FileField(label=_("文件"), widget=forms.ClearableFileInput({"class": "form-control"}))


class NoticeBoardForm(forms.Form):
    notice_board = forms.BooleanField(
        label=_("已设置维权信息告示牌"), required=False, widget=forms.CheckboxInput(CHECK)
    )
    photo = forms.FileField(
        label=_("告示牌照片（可选）"), required=False, widget=forms.ClearableFileInput({"class": "form-control"})
    )


class PayrollMonthForm(forms.Form):
    month = forms.CharField(label=_("工资月份"), widget=forms.TextInput({"type": "month", "class": "form-control"}))


class CloseForm(forms.Form):
    comment = forms.CharField(label=_("说明"), max_length=200, required=False, widget=forms.TextInput(TEXT))


class RiskForm(forms.Form):
    risk_flag = forms.BooleanField(label=_("风险标记"), required=False, widget=forms.CheckboxInput(CHECK))
    risk_note = forms.CharField(label=_("风险说明"), max_length=200, required=False, widget=forms.TextInput(TEXT))


class BoardFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("live", _("未关闭")), *WageWarning.Status.choices, ("", _("全部"))],
        widget=forms.Select({"class": "form-select"}),
    )
    level = forms.ChoiceField(
        label=_("级别"),
        required=False,
        choices=[("", _("全部级别")), *Level.choices],
        widget=forms.Select({"class": "form-select"}),
    )
    rule = forms.ChoiceField(
        label=_("规则"),
        required=False,
        choices=[("", _("全部规则"))] + [(k, f"{k} {v[1]}") for k, v in RULES.items()],
        widget=forms.Select({"class": "form-select"}),
    )
    region = RegionChoiceField(label=_("镇（街道）"), required=False)


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=80, widget=forms.TextInput(TEXT))
    kind = forms.ChoiceField(
        label=_("类型"), choices=Partner.Kind.choices, widget=forms.Select({"class": "form-select"})
    )
    scopes = forms.MultipleChoiceField(
        label=_("权限范围"), choices=list(SCOPES.items()), widget=forms.CheckboxSelectMultiple
    )


class AttendanceForm(forms.Form):
    worker = forms.TypedChoiceField(label=_("工人"), coerce=int, widget=forms.Select({"class": "form-select"}))
    day = forms.DateField(label=_("出勤日期"), widget=forms.DateInput(DATE))

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [(w.pk, f"{w.person.masked_name} {w.team}".strip()) for w in workers]
