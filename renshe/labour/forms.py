"""Forms of the arbitration pages: the application (header fields + 要素式 claim rows) and actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renshe.labour.models import ClaimKind

CLAIM_ROWS = 3
CLAIM_FIELDS = ("kind", "amount", "period_from", "period_to", "facts")

_text = {"class": "form-control"}
_date = {"class": "form-control", "type": "date"}
_check = {"class": "form-check-input"}


class ApplicationForm(forms.Form):
    respondent_credit_code = forms.CharField(
        label=_("被申请单位统一社会信用代码"),
        max_length=18,
        required=False,
        help_text=_("已在人社部门登记的单位，填写信用代码即可；未登记的，请填写名称和地址"),
        widget=forms.TextInput(attrs=_text),
    )
    respondent_name = forms.CharField(
        label=_("被申请人名称"), max_length=100, required=False, widget=forms.TextInput(attrs=_text)
    )
    respondent_address = forms.CharField(
        label=_("被申请人地址"), max_length=120, required=False, widget=forms.TextInput(attrs=_text)
    )
    migrant_worker = forms.BooleanField(label=_("我是农民工"), required=False, widget=forms.CheckboxInput(attrs=_check))
    workers = forms.IntegerField(
        label=_("劳动者人数"),
        min_value=1,
        initial=1,
        help_text=_("10 人以上共同请求的为集体争议"),
        widget=forms.NumberInput(attrs=_text),
    )
    knew_on = forms.DateField(
        label=_("知道权利被侵害之日"), widget=forms.DateInput(attrs=_date), help_text=_("例如约定的发薪日")
    )
    employment_ended = forms.BooleanField(
        label=_("劳动关系已解除或终止"), required=False, widget=forms.CheckboxInput(attrs=_check)
    )
    employment_ended_on = forms.DateField(
        label=_("劳动关系终止日期"), required=False, widget=forms.DateInput(attrs=_date)
    )
    facts = forms.CharField(
        label=_("事实与理由"), required=False, max_length=5000, widget=forms.Textarea(attrs={**_text, "rows": 3})
    )
    acknowledge_time_bar = forms.BooleanField(
        label=_("我已知晓可能超过仲裁时效，仍要提交"), required=False, widget=forms.CheckboxInput(attrs=_check)
    )


class WindowApplicationForm(ApplicationForm):
    applicant_id_number = forms.CharField(
        label=_("申请人公民身份号码"), max_length=18, widget=forms.TextInput(attrs=_text)
    )

    field_order = ["applicant_id_number"]


def claim_rows(data=None, errors: dict | None = None, rows: int = CLAIM_ROWS) -> list[dict]:
    """The claim rows of the form, with their posted values and errors (``claims[i].field``)."""
    errors = errors or {}
    result = []
    for i in range(rows):
        values = {name: (data.get(f"claim-{i}-{name}", "") if data else "") for name in CLAIM_FIELDS}
        row_errors = {name: errors.get(f"claims[{i}].{name}") for name in CLAIM_FIELDS}
        result.append({"index": i, "values": values, "errors": row_errors, "error": errors.get(f"claims[{i}]")})
    return result


def posted_claims(data, rows: int = CLAIM_ROWS) -> tuple[list[dict], list[int]]:
    """Claims from the posted rows, and the row each came from; a row with neither a kind nor an
    amount is left out."""
    claims, used = [], []
    for i in range(rows):
        row = {name: (data.get(f"claim-{i}-{name}") or "").strip() for name in CLAIM_FIELDS}
        if row["kind"] or row["amount"]:
            claims.append(row)
            used.append(i)
    return claims, used


def kind_choices():
    return [("", "——"), *ClaimKind.choices]
