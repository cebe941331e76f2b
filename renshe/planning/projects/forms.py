"""Forms of the major-project pages: plain fields; the services check the rules and name the field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renshe.planning.projects.models import FIRST_YEAR, LAST_YEAR

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def year_choices():
    return [(y, str(y)) for y in range(FIRST_YEAR, LAST_YEAR + 1)]


QUARTERS = [(1, _("第一季度")), (2, _("第二季度")), (3, _("第三季度")), (4, _("第四季度"))]


class ProgressForm(forms.Form):
    project = forms.ChoiceField(label=_("项目"), widget=forms.Select(attrs=SELECT))
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=year_choices, widget=forms.Select(attrs=SELECT))
    quarter = forms.TypedChoiceField(label=_("季度"), coerce=int, choices=QUARTERS, widget=forms.Select(attrs=SELECT))
    completed = forms.CharField(
        label=_("本季度完成投资（万元）"), max_length=20, widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"})
    )
    physical_progress = forms.CharField(
        label=_("形象进度（%）"), max_length=3, widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"})
    )
    note = forms.CharField(label=_("进展情况"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 3}))
    reason = forms.CharField(
        label=_("更正理由"),
        required=False,
        max_length=200,
        help_text=_("更正已填报的季度时必填；原记录保留在历史中"),
        widget=forms.TextInput(attrs=TEXT),
    )

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [(p.code, f"{p.order}. {p.name}") for p in projects]
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("year", min(max(today.year, FIRST_YEAR), LAST_YEAR))
            self.initial.setdefault("quarter", (today.month - 1) // 3 + 1)


class MilestoneForm(forms.Form):
    name = forms.CharField(
        label=_("节点"),
        max_length=80,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": _("节点"), "aria-label": _("节点")}),
    )
    planned_on = forms.DateField(
        label=_("计划日期"), widget=forms.DateInput(attrs={**TEXT, "type": "date", "aria-label": _("计划日期")})
    )


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label=_("完成日期"), widget=forms.DateInput(attrs={**TEXT, "type": "date"}))


class IssueForm(forms.Form):
    description = forms.CharField(
        label=_("问题"),
        max_length=300,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": _("存在问题"), "aria-label": _("问题")}),
    )


class IssueCloseForm(forms.Form):
    resolution = forms.CharField(label=_("解决情况"), max_length=300, widget=forms.TextInput(attrs=TEXT))


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("现场照片"),
        widget=forms.ClearableFileInput(attrs={**TEXT, "accept": "image/jpeg,image/png", "aria-label": _("现场照片")}),
    )
    caption = forms.CharField(
        label=_("说明"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": _("说明"), "aria-label": _("说明")}),
    )
