"""Forms of the inspection pages. They render and parse; the services decide (and name the field)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renshe.core.forms import RegionChoiceField, industry_choices
from renshe.labour.inspection.models import ActionKind, ComplaintChannel, ComplaintKind, RefusalReason, ViolationType
from renshe.labour.inspection.models.complaints import STAFF_CHANNELS
from renshe.registry.models import EmployerSize

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
UPLOAD_ACCEPT = ".pdf,.jpg,.jpeg,.png,.ofd"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"), choices=ComplaintKind.choices, initial="complaint", widget=forms.RadioSelect
    )
    credit_code = forms.CharField(
        label=_("单位统一社会信用代码"),
        required=False,
        max_length=18,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("知道的请填写；不知道的请填写单位名称和地址"),
    )
    employer_name = forms.CharField(
        label=_("单位名称"), required=False, max_length=100, widget=forms.TextInput(attrs=TEXT)
    )
    employer_address = forms.CharField(
        label=_("单位地址"), required=False, max_length=120, widget=forms.TextInput(attrs=TEXT)
    )
    region = RegionChoiceField(label=_("单位所在镇/街道"), required=False)
    violation_types = forms.MultipleChoiceField(
        label=_("违法类型"), choices=ViolationType.choices, widget=forms.CheckboxSelectMultiple
    )
    workers_affected = forms.IntegerField(
        label=_("涉及人数"), initial=1, min_value=1, widget=forms.NumberInput(attrs=TEXT)
    )
    amount_owed = forms.DecimalField(
        label=_("涉及金额（元）"), required=False, min_value=0, decimal_places=2, widget=forms.NumberInput(attrs=TEXT)
    )
    violation_last_on = forms.DateField(
        label=_("违法行为最后发生日期"), widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    facts = forms.CharField(label=_("事实与理由"), widget=forms.Textarea(attrs={**TEXT, "rows": 4}))
    complainant_name = forms.CharField(
        label=_("投诉人姓名"), required=False, max_length=40, widget=forms.TextInput(attrs=TEXT)
    )
    complainant_phone = forms.CharField(
        label=_("联系电话"), required=False, max_length=11, widget=forms.TextInput(attrs={**TEXT, "inputmode": "tel"})
    )
    attachments = forms.FileField(
        label=_("附件（工资条、考勤记录、照片等，最多5个）"),
        required=False,
        widget=MultipleFileInput(attrs={**TEXT, "accept": UPLOAD_ACCEPT}),
    )


class StaffComplaintForm(ComplaintForm):
    channel = forms.ChoiceField(
        label=_("渠道"),
        choices=[(c.value, c.label) for c in (*STAFF_CHANNELS, ComplaintChannel.TRANSFER)],
        widget=forms.Select(attrs=SELECT),
    )
    transfer_body = forms.CharField(label=_("移送单位"), required=False, widget=forms.TextInput(attrs=TEXT))
    transfer_ref = forms.CharField(label=_("移送文号"), required=False, widget=forms.TextInput(attrs=TEXT))

    field_order = ["channel", "transfer_body", "transfer_ref"]


class RefuseForm(forms.Form):
    refusal_reason = forms.ChoiceField(
        label=_("不予受理理由"), choices=RefusalReason.choices, widget=forms.Select(attrs=SELECT)
    )
    comment = forms.CharField(label=_("书面说明"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))


def inspector_choices(inspectors):
    return [(u.pk, u.display_name or u.username) for u in inspectors]


class InspectorsMixin(forms.Form):
    inspectors = forms.MultipleChoiceField(
        label=_("参加的监察员（至少2名）"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, inspectors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].choices = inspector_choices(inspectors)


class ActionForm(InspectorsMixin):
    kind = forms.ChoiceField(label=_("检查措施"), choices=ActionKind.choices, widget=forms.Select(attrs=SELECT))
    note = forms.CharField(label=_("情况记录"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))
    refused = forms.BooleanField(label=_("单位拒绝、阻挠检查"), required=False)


class OrderForm(InspectorsMixin):
    items = forms.CharField(label=_("责令改正事项"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))
    deadline = forms.DateField(label=_("改正期限"), widget=forms.DateInput(attrs={**TEXT, "type": "date"}))


class PenaltyForm(InspectorsMixin):
    amount = forms.DecimalField(label=_("罚款金额（元）"), decimal_places=2, widget=forms.NumberInput(attrs=TEXT))
    legal_basis = forms.CharField(label=_("法律依据"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))
    facts = forms.CharField(label=_("违法事实"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))


class CloseForm(forms.Form):
    violation_confirmed = forms.BooleanField(label=_("违法事实成立"), required=False)
    arrears_recovered = forms.DecimalField(
        label=_("追发工资（元）"), required=False, min_value=0, decimal_places=2, widget=forms.NumberInput(attrs=TEXT)
    )
    workers_helped = forms.IntegerField(
        label=_("涉及劳动者（人）"), required=False, min_value=0, widget=forms.NumberInput(attrs=TEXT)
    )
    outcome_note = forms.CharField(label=_("处理结果"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))


class CaseOpenForm(forms.Form):
    credit_code = forms.CharField(label=_("单位统一社会信用代码"), max_length=18, widget=forms.TextInput(attrs=TEXT))
    summary = forms.CharField(label=_("案情摘要"), widget=forms.Textarea(attrs={**TEXT, "rows": 3}))


class PlanForm(forms.Form):
    item = forms.CharField(label=_("抽查事项"), max_length=100, widget=forms.TextInput(attrs=TEXT))
    region = forms.ChoiceField(label=_("抽查范围"), widget=forms.Select(attrs=SELECT))
    industry = forms.ChoiceField(label=_("行业门类"), required=False, widget=forms.Select(attrs=SELECT))
    size = forms.ChoiceField(
        label=_("企业规模"),
        required=False,
        choices=[("", "——"), *EmployerSize.choices],
        widget=forms.Select(attrs=SELECT),
    )
    ratio = forms.CharField(label=_("抽查比例（%）"), initial="5", widget=forms.TextInput(attrs=TEXT))
    inspectors_per_target = forms.IntegerField(
        label=_("每户监察员人数"), initial=2, widget=forms.NumberInput(attrs=TEXT)
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.code, f"{r.code} {r.name}") for r in regions]
        self.fields["industry"].choices = industry_choices()


def merge_service_errors(form: forms.Form, error) -> None:
    """A service's errors onto a form that may already have format errors (one message per field)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.error_dict.items():
        if field in form.errors:
            continue
        target = field if field in form.fields else None
        for e in errors:
            form.add_error(target, e.messages if hasattr(e, "messages") else e)
