"""Forms of the mediation pages. They parse input; the services decide (and name the field on refusal)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renshe.labour.mediation.models import Channel, ClaimKind, Level, Performance

ITEM_ROWS = 3

_TEXT = {"class": "form-control"}
_SELECT = {"class": "form-select"}
_DATE = {"class": "form-control", "type": "date"}
DATE_FORMAT = "%Y-%m-%d"  # what <input type="date"> takes, whatever the language


def items_from_post(data) -> list[dict]:
    """The dispute-item rows of a form (``item-N-kind``, ``item-N-amount``, ``item-N-facts``); empty rows dropped."""
    rows = []
    for n in range(ITEM_ROWS):
        kind = (data.get(f"item-{n}-kind") or "").strip()
        amount = (data.get(f"item-{n}-amount") or "").strip()
        facts = (data.get(f"item-{n}-facts") or "").strip()
        start = (data.get(f"item-{n}-period_from") or "").strip()
        end = (data.get(f"item-{n}-period_to") or "").strip()
        if kind or amount or facts or start or end:
            rows.append({"kind": kind, "amount": amount or "0", "facts": facts, "period_from": start, "period_to": end})
    return rows


def item_rows(data=None) -> list[dict]:
    """Rows to draw (with what was typed, after an error)."""
    data = data or {}
    return [
        {
            "n": n,
            "kind": data.get(f"item-{n}-kind", ""),
            "amount": data.get(f"item-{n}-amount", ""),
            "facts": data.get(f"item-{n}-facts", ""),
            "period_from": data.get(f"item-{n}-period_from", ""),
            "period_to": data.get(f"item-{n}-period_to", ""),
        }
        for n in range(ITEM_ROWS)
    ]


CLAIM_CHOICES = ClaimKind.choices


class ApplyForm(forms.Form):
    """A worker's own application on the phone."""

    respondent_name = forms.CharField(label=_("被申请单位名称"), max_length=100, widget=forms.TextInput(attrs=_TEXT))
    respondent_credit_code = forms.CharField(
        label=_("被申请单位统一社会信用代码"),
        max_length=18,
        required=False,
        help_text=_("选填：填写后可选择该企业的调解委员会"),
        widget=forms.TextInput(attrs=_TEXT),
    )
    respondent_address = forms.CharField(
        label=_("被申请单位地址"),
        max_length=120,
        required=False,
        help_text=_("单位未登记时必填"),
        widget=forms.TextInput(attrs=_TEXT),
    )
    organisation = forms.TypedChoiceField(label=_("申请调解的组织"), coerce=int, widget=forms.Select(attrs=_SELECT))
    facts = forms.CharField(label=_("事实与理由"), max_length=2000, widget=forms.Textarea(attrs={**_TEXT, "rows": 4}))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, f"{o.name}（{o.get_level_display()}）") for o in organisations]


class WalkInForm(ApplyForm):
    """A mediator records a walk-in or a phone call for a worker of the registry."""

    id_number = forms.CharField(label=_("申请人身份证号码"), max_length=18, widget=forms.TextInput(attrs=_TEXT))
    channel = forms.ChoiceField(
        label=_("登记方式"),
        choices=[(Channel.WALK_IN, Channel.WALK_IN.label), (Channel.PHONE, Channel.PHONE.label)],
        widget=forms.Select(attrs=_SELECT),
    )
    field_order = [
        "id_number",
        "channel",
        "respondent_name",
        "respondent_credit_code",
        "respondent_address",
        "organisation",
        "facts",
    ]


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("意见"), max_length=1000, required=False, widget=forms.Textarea(attrs={**_TEXT, "rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SessionForm(CommentForm):
    held_on = forms.DateField(label=_("调解日期"), widget=forms.DateInput(attrs=_DATE, format=DATE_FORMAT))
    place = forms.CharField(label=_("调解地点"), max_length=120, widget=forms.TextInput(attrs=_TEXT))
    notes = forms.CharField(label=_("调解记录"), max_length=4000, widget=forms.Textarea(attrs={**_TEXT, "rows": 3}))


class AgreementForm(CommentForm):
    performance_deadline = forms.DateField(label=_("履行期限"), widget=forms.DateInput(attrs=_DATE, format=DATE_FORMAT))
    agreement_text = forms.CharField(
        label=_("其他约定"), max_length=4000, required=False, widget=forms.Textarea(attrs={**_TEXT, "rows": 2})
    )


class TransferForm(CommentForm):
    organisation = forms.TypedChoiceField(label=_("移交至"), coerce=int, widget=forms.Select(attrs=_SELECT))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


class PerformanceForm(CommentForm):
    performance = forms.ChoiceField(
        label=_("履行情况"),
        choices=[
            (Performance.PERFORMED, Performance.PERFORMED.label),
            (Performance.NOT_PERFORMED, Performance.NOT_PERFORMED.label),
        ],
        widget=forms.Select(attrs=_SELECT),
    )


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("调解组织名称"), max_length=80, widget=forms.TextInput(attrs=_TEXT))
    level = forms.TypedChoiceField(
        label=_("层级"), coerce=int, choices=Level.choices, widget=forms.Select(attrs=_SELECT)
    )
    region = forms.CharField(
        label=_("所在区划代码"),
        max_length=12,
        help_text=_("镇/街道代码（县区/市级填县区或市代码）"),
        widget=forms.TextInput(attrs=_TEXT),
    )
    community = forms.CharField(label=_("村/社区"), max_length=40, required=False, widget=forms.TextInput(attrs=_TEXT))
    employer_credit_code = forms.CharField(
        label=_("企业统一社会信用代码"), max_length=18, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    address = forms.CharField(label=_("地址"), max_length=120, required=False, widget=forms.TextInput(attrs=_TEXT))
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False, widget=forms.TextInput(attrs=_TEXT))
    mediators = forms.CharField(
        label=_("调解员账号"),
        max_length=400,
        required=False,
        help_text=_("多个账号用逗号分隔"),
        widget=forms.TextInput(attrs=_TEXT),
    )
    active = forms.BooleanField(label=_("有效"), required=False, initial=True)
