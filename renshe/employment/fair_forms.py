"""Forms of the job-fair pages. They parse input only; the rules live in ``services_fairs``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renshe.core.models import Region, RegionLevel
from renshe.employment.models import FairOutcome
from renshe.employment.models.fairs import FairMode, FairTheme
from renshe.registry.models import ContractType

_TEXT = {"class": "form-control"}
_SELECT = {"class": "form-select"}
_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def fair_region_choices(prefix: str) -> list:
    """The places a fair may be held by staff of ``prefix``: the city (for city staff), counties, towns."""
    regions = Region.objects.filter(code__startswith=prefix, level__lte=RegionLevel.TOWN).order_by("code")
    choices: list = [("", "——")]
    groups: dict[str, list] = {}
    for region in regions:
        if region.level == RegionLevel.CITY:
            choices.append((region.code, _("%(name)s（全市）") % {"name": region.name}))
        elif region.level == RegionLevel.COUNTY:
            groups.setdefault(region.code, []).append((region.code, _("%(name)s（全区/市）") % {"name": region.name}))
        else:
            groups.setdefault(region.code[:6], []).append((region.code, region.name))
    names = dict(Region.objects.filter(code__in=list(groups)).values_list("code", "name"))
    choices.extend((names.get(code, code), items) for code, items in groups.items())
    return choices


class FairForm(forms.Form):
    title = forms.CharField(label=_("招聘会名称"), max_length=80, widget=forms.TextInput(attrs=_TEXT))
    theme = forms.ChoiceField(label=_("主题"), choices=FairTheme.choices, widget=forms.Select(attrs=_SELECT))
    mode = forms.ChoiceField(label=_("形式"), choices=FairMode.choices, widget=forms.Select(attrs=_SELECT))
    region = forms.ChoiceField(label=_("举办地"), widget=forms.Select(attrs=_SELECT))
    venue = forms.CharField(
        label=_("场地"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs=_TEXT),
        help_text=_("线下、线上线下联动招聘会必填"),
    )
    starts_at = forms.DateTimeField(
        label=_("开始时间"),
        widget=forms.DateTimeInput(format=_DATETIME_FORMAT, attrs={**_TEXT, "type": "datetime-local"}),
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"),
        widget=forms.DateTimeInput(format=_DATETIME_FORMAT, attrs={**_TEXT, "type": "datetime-local"}),
    )
    booth_count = forms.IntegerField(
        label=_("展位数"),
        min_value=1,
        max_value=2000,
        widget=forms.NumberInput(attrs={**_TEXT, "inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=_("简介"), required=False, max_length=4000, widget=forms.Textarea(attrs={**_TEXT, "rows": 4})
    )

    def __init__(self, *args, region_prefix: str = "4409", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = fair_region_choices(region_prefix)


class FairActionForm(forms.Form):
    action = forms.CharField(max_length=20)
    comment = forms.CharField(
        label=_("原因或说明"), required=False, max_length=500, widget=forms.TextInput(attrs=_TEXT)
    )


class BoothBookForm(forms.Form):
    jobs = forms.MultipleChoiceField(
        label=_("参展岗位"), widget=forms.CheckboxSelectMultiple, help_text=_("只能选择本单位已发布（审核通过）的岗位")
    )
    note = forms.CharField(
        label=_("说明"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=_TEXT),
        help_text=_("如需用电、桌椅等，可在此说明"),
    )

    def __init__(self, *args, jobs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jobs"].choices = [
            (
                j.pk,
                _("%(t)s（%(n)s 人，%(a)s–%(b)s 元/月）")
                % {"t": j.title, "n": j.headcount, "a": j.salary_min, "b": j.salary_max},
            )
            for j in jobs
        ]


class BoothApproveForm(forms.Form):
    number = forms.IntegerField(
        label=_("展位号"),
        required=False,
        widget=forms.NumberInput(attrs={**_TEXT, "inputmode": "numeric"}),
        help_text=_("留空则分配第一个空闲展位"),
    )


class BoothRejectForm(forms.Form):
    reason = forms.CharField(label=_("不予确认的原因"), max_length=200, widget=forms.TextInput(attrs=_TEXT))


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("入场码"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                **_TEXT,
                "class": "form-control form-control-lg text-uppercase",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autofocus": True,
                "placeholder": "ABCD-2345",
                "spellcheck": "false",
            }
        ),
    )


class OutcomeForm(forms.Form):
    code = forms.CharField(
        label=_("求职者入场码"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={**_TEXT, "autocomplete": "off", "autocapitalize": "characters"}),
        help_text=_("请求职者出示“我的招聘会”中的入场码"),
    )
    application = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("结果"), choices=FairOutcome.Kind.choices, widget=forms.Select(attrs=_SELECT))
    job = forms.ChoiceField(label=_("岗位"), required=False, widget=forms.Select(attrs=_SELECT))
    contract_type = forms.ChoiceField(
        label=_("劳动合同类型（录用时必填）"),
        required=False,
        choices=[("", "——"), *ContractType.choices],
        widget=forms.Select(attrs=_SELECT),
    )

    def __init__(self, *args, jobs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].choices = [("", "——"), *((str(j.pk), j.title) for j in jobs)]

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("application"):
            self.add_error("code", _("请输入求职者的入场码"))
        return data
