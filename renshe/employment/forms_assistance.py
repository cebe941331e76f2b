"""Forms of the unemployment, assistance, monitoring and entrepreneurship pages. They parse input only;
the rules and the checks that need the database are in the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renshe.core.forms import RegionChoiceField
from renshe.employment import rules
from renshe.employment.assistance import CONTACT_SERVICES, DIFFICULTY_CLAIMS
from renshe.employment.models import AssistanceContact, AssistancePlan, GraduateTracking, LayoffWarning
from renshe.registry.models import ContractType

_TEXT = {"class": "form-control"}
_SELECT = {"class": "form-select"}
_DATE = {"class": "form-control", "type": "date"}
_NUMBER = {"class": "form-control", "inputmode": "numeric"}

UNEMPLOYMENT_REASONS = [
    "劳动合同期满终止",
    "用人单位解除劳动合同",
    "本人辞职",
    "个体经营或灵活就业终止",
    "毕业后未就业",
    "其他",
]


def _choices(values):
    return [(v, v) for v in values]


class IdNumberField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("身份证号码"))
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("widget", forms.TextInput(attrs={**_TEXT, "autocomplete": "off"}))
        super().__init__(**kwargs)


class CreditCodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("统一社会信用代码"))
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("widget", forms.TextInput(attrs={**_TEXT, "autocomplete": "off"}))
        super().__init__(**kwargs)

    def clean(self, value):
        return (super().clean(value) or "").strip().upper()


# --- assistance ----------------------------------------------------------------------------------------


class UnemploymentForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("失业原因"), choices=_choices(UNEMPLOYMENT_REASONS), widget=forms.Select(attrs=_SELECT)
    )
    registered_on = forms.DateField(
        label=_("登记日期"), initial=timezone.localdate, widget=forms.DateInput(attrs=_DATE)
    )
    last_employer = CreditCodeField(label=_("原工作单位统一社会信用代码"), required=False)
    able_and_willing = forms.BooleanField(
        label=_("本人有劳动能力和就业要求"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class UnemploymentWindowForm(UnemploymentForm):
    id_number = IdNumberField()
    field_order = ["id_number"]


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("日期"), initial=timezone.localdate, widget=forms.DateInput(attrs=_DATE))
    reason = forms.CharField(label=_("原因"), max_length=60, widget=forms.TextInput(attrs=_TEXT))


class DifficultyForm(forms.Form):
    claims = forms.MultipleChoiceField(
        label=_("申请人提供证明的认定条件"),
        required=False,
        choices=[(c, rules.DIFFICULTY_CRITERIA[c]) for c in DIFFICULTY_CLAIMS],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("大龄、连续失业1年以上由系统根据实名信息和失业登记自动判断；残疾人、退役军人也可由人员类别带出"),
    )
    able_and_willing = forms.BooleanField(
        label=_("有劳动能力和就业意愿"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class ContactForm(forms.Form):
    contacted_on = forms.DateField(label=_("联系日期"), initial=timezone.localdate, widget=forms.DateInput(attrs=_DATE))
    channel = forms.ChoiceField(
        label=_("方式"), choices=AssistanceContact.Channel.choices, widget=forms.Select(attrs=_SELECT)
    )
    content = forms.CharField(label=_("服务内容"), max_length=2000, widget=forms.Textarea(attrs={**_TEXT, "rows": 3}))
    services = forms.MultipleChoiceField(
        label=_("提供的服务"),
        required=False,
        choices=list(CONTACT_SERVICES.items()),
        widget=forms.CheckboxSelectMultiple,
    )


class PlanForm(forms.Form):
    goal = forms.CharField(label=_("援助目标"), max_length=120, widget=forms.TextInput(attrs=_TEXT))
    measures = forms.CharField(label=_("援助措施（每行一项）"), widget=forms.Textarea(attrs={**_TEXT, "rows": 3}))

    def clean_measures(self):
        return [line.strip() for line in self.cleaned_data["measures"].splitlines() if line.strip()]


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(AssistancePlan.Status.DONE, _("已就业/已完成")), (AssistancePlan.Status.CLOSED, _("关闭"))]
    )


class WelfarePostForm(forms.Form):
    title = forms.CharField(label=_("岗位名称"), max_length=60, widget=forms.TextInput(attrs=_TEXT))
    credit_code = CreditCodeField(label=_("用人单位统一社会信用代码"))
    region = RegionChoiceField(label=_("岗位所在地（镇/街道）"))
    headcount = forms.IntegerField(
        label=_("岗位数"), min_value=1, max_value=999, widget=forms.NumberInput(attrs=_NUMBER)
    )
    max_term_months = forms.IntegerField(
        label=_("最长安置期限（月）"), min_value=1, max_value=120, widget=forms.NumberInput(attrs=_NUMBER)
    )
    monthly_subsidy = forms.DecimalField(
        label=_("岗位补贴（元/月）"), min_value=0, max_digits=8, decimal_places=2, widget=forms.NumberInput(attrs=_TEXT)
    )

    def __init__(self, *args, region_prefix: str = "4409", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].limit_to(region_prefix)


class PlacementForm(forms.Form):
    id_number = IdNumberField()
    start_date = forms.DateField(label=_("安置日期"), initial=timezone.localdate, widget=forms.DateInput(attrs=_DATE))
    term_months = forms.IntegerField(
        label=_("安置期限（月）"), min_value=0, max_value=120, widget=forms.NumberInput(attrs=_NUMBER)
    )


class HouseholdForm(forms.Form):
    household_ref = forms.CharField(label=_("户号"), max_length=40, widget=forms.TextInput(attrs=_TEXT))
    members = forms.CharField(
        label=_("家庭成员身份证号码（每行一个）"), widget=forms.Textarea(attrs={**_TEXT, "rows": 4})
    )

    def clean_members(self):
        return [line.strip() for line in self.cleaned_data["members"].splitlines() if line.strip()][:20]


class GraduateForm(forms.Form):
    id_number = IdNumberField()
    school = forms.CharField(label=_("毕业院校"), max_length=80, widget=forms.TextInput(attrs=_TEXT))
    major = forms.CharField(label=_("专业"), max_length=60, required=False, widget=forms.TextInput(attrs=_TEXT))
    graduated_on = forms.DateField(label=_("毕业时间"), widget=forms.DateInput(attrs=_DATE))


class GraduateStatusForm(forms.Form):
    status = forms.ChoiceField(choices=GraduateTracking.Status.choices, widget=forms.Select(attrs=_SELECT))


# --- monitoring ----------------------------------------------------------------------------------------


class EmploymentRegisterForm(forms.Form):
    id_number = IdNumberField(label=_("劳动者身份证号码"))
    credit_code = CreditCodeField(label=_("用人单位统一社会信用代码"))
    start_date = forms.DateField(label=_("录用日期"), initial=timezone.localdate, widget=forms.DateInput(attrs=_DATE))
    contract_type = forms.ChoiceField(
        label=_("合同类型"), choices=ContractType.choices, widget=forms.Select(attrs=_SELECT)
    )
    position = forms.CharField(label=_("岗位"), max_length=60, required=False, widget=forms.TextInput(attrs=_TEXT))


class MonitoredAddForm(forms.Form):
    credit_code = CreditCodeField()
    since = forms.DateField(label=_("纳入监测日期"), initial=timezone.localdate, widget=forms.DateInput(attrs=_DATE))


class HeadcountForm(forms.Form):
    month = forms.CharField(label=_("月份"), max_length=7, widget=forms.DateInput(attrs={**_TEXT, "type": "month"}))
    headcount = forms.IntegerField(label=_("月末在岗人数"), min_value=0, widget=forms.NumberInput(attrs=_NUMBER))
    hired = forms.IntegerField(label=_("本月新招人数"), min_value=0, initial=0, widget=forms.NumberInput(attrs=_NUMBER))
    left = forms.IntegerField(label=_("本月减员人数"), min_value=0, initial=0, widget=forms.NumberInput(attrs=_NUMBER))


class WarningForm(forms.Form):
    status = forms.ChoiceField(
        label=_("处置"),
        choices=[(LayoffWarning.Status.ACKNOWLEDGED, _("已核实")), (LayoffWarning.Status.CLOSED, _("关闭"))],
        widget=forms.Select(attrs=_SELECT),
    )
    note = forms.CharField(label=_("核实或处置情况"), max_length=500, widget=forms.Textarea(attrs={**_TEXT, "rows": 2}))


# --- entrepreneurship ----------------------------------------------------------------------------------


class LoanDisburseForm(forms.Form):
    bank = forms.CharField(label=_("经办银行"), max_length=60, widget=forms.TextInput(attrs=_TEXT))
    annual_rate = forms.DecimalField(
        label=_("贷款年利率（%）"),
        max_digits=6,
        decimal_places=3,
        widget=forms.NumberInput(attrs={**_TEXT, "step": "0.001"}),
    )
    lpr = forms.DecimalField(
        label=_("放款时LPR（%）"),
        required=False,
        max_digits=6,
        decimal_places=3,
        widget=forms.NumberInput(attrs={**_TEXT, "step": "0.001"}),
    )


class LoanMarkForm(forms.Form):
    event = forms.ChoiceField(
        label=_("变更"),
        choices=[("repaid", _("已结清")), ("defaulted", _("逾期/违约")), ("extended", _("展期"))],
        widget=forms.Select(attrs=_SELECT),
    )
    extra_months = forms.IntegerField(
        label=_("展期月数"), required=False, min_value=1, max_value=36, widget=forms.NumberInput(attrs=_NUMBER)
    )


class IncubationBaseForm(forms.Form):
    name = forms.CharField(label=_("基地名称"), max_length=80, widget=forms.TextInput(attrs=_TEXT))
    credit_code = CreditCodeField(label=_("运营单位统一社会信用代码"))
    region = RegionChoiceField(label=_("所在地（镇/街道）"))
    level = forms.ChoiceField(
        label=_("级别"),
        required=False,
        choices=[("", "——"), ("国家级", _("国家级")), ("省级", _("省级")), ("市级", _("市级")), ("县级", _("县级"))],
        widget=forms.Select(attrs=_SELECT),
    )
    capacity = forms.IntegerField(
        label=_("可入驻数"), min_value=1, max_value=9999, widget=forms.NumberInput(attrs=_NUMBER)
    )
    address = forms.CharField(label=_("地址"), max_length=120, required=False, widget=forms.TextInput(attrs=_TEXT))

    def __init__(self, *args, region_prefix: str = "4409", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].limit_to(region_prefix)


class TenantForm(forms.Form):
    credit_code = CreditCodeField(label=_("入驻企业统一社会信用代码"))
    founder_id_number = IdNumberField(label=_("创业者身份证号码"), required=False)
    since = forms.DateField(label=_("入驻日期"), initial=timezone.localdate, widget=forms.DateInput(attrs=_DATE))
    jobs_created = forms.IntegerField(
        label=_("带动就业人数"), min_value=0, initial=0, widget=forms.NumberInput(attrs=_NUMBER)
    )


class TenantUpdateForm(forms.Form):
    jobs_created = forms.IntegerField(
        label=_("带动就业人数"), min_value=0, required=False, widget=forms.NumberInput(attrs=_NUMBER)
    )
    until = forms.DateField(label=_("迁出日期"), required=False, widget=forms.DateInput(attrs=_DATE))


class StatisticsForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    month = forms.IntegerField(min_value=1, max_value=12, required=False)
    district = forms.CharField(max_length=12, required=False)
