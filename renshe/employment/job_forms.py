"""Forms of the job pages: phone-friendly inputs only; the services do the validation that matters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renshe.core.forms import education_choices
from renshe.core.models import Occupation, Region, RegionLevel
from renshe.employment.models import JobSeeker
from renshe.employment.models.jobs import Hours

_TEXT = {"class": "form-control"}
_SELECT = {"class": "form-select"}
_NUMBER = {"class": "form-control", "inputmode": "numeric", "min": "0"}


def place_choices(prefix: str = "4409", *, counties: bool = True):
    """Counties (the whole county) and their towns, grouped by county, limited to ``prefix``."""

    def build():
        regions = Region.objects.filter(
            code__startswith=prefix[:6] if len(prefix) > 6 else prefix,
            level__in=[RegionLevel.COUNTY, RegionLevel.TOWN],
            valid_to__isnull=True,
        ).order_by("code")
        groups: dict[str, list] = {}
        names: dict[str, str] = {}
        for region in regions:
            if region.level == RegionLevel.COUNTY:
                names[region.code] = region.name
                if counties:
                    groups.setdefault(region.name, []).append((region.code, _("%(n)s（全区县）") % {"n": region.name}))
            else:
                groups.setdefault(names.get(region.code[:6], region.code[:6]), []).append((region.code, region.name))
        return list(groups.items())

    return build


def occupation_choices():
    """Major groups with their medium groups under them."""
    result = []
    for occupation in Occupation.objects.order_by("code"):
        label = occupation.name if occupation.parent_id is None else f"— {occupation.name}"
        result.append((occupation.code, label))
    return result


class JobForm(forms.Form):
    title = forms.CharField(
        label=_("岗位名称"), max_length=60, widget=forms.TextInput(attrs={**_TEXT, "placeholder": _("如：粤菜厨师")})
    )
    description = forms.CharField(
        label=_("岗位描述"),
        max_length=4000,
        widget=forms.Textarea(attrs={**_TEXT, "rows": 6}),
        help_text=_("工作内容、技能要求、待遇。不得含性别、民族、户籍、婚育、乙肝等歧视性要求。"),
    )
    region = forms.ChoiceField(label=_("工作地点"), choices=place_choices(), widget=forms.Select(attrs=_SELECT))
    occupation = forms.ChoiceField(
        label=_("职业类别"),
        choices=lambda: [("", "——"), *occupation_choices()],
        required=False,
        widget=forms.Select(attrs=_SELECT),
    )
    hours = forms.ChoiceField(
        label=_("工作时间"),
        choices=Hours.choices,
        initial=Hours.FULL_TIME,
        widget=forms.Select(attrs=_SELECT),
        help_text=_("全日制岗位月薪不得低于当地最低工资；非全日制按小时计酬，不得低于小时最低工资。"),
    )
    salary_min = forms.IntegerField(label=_("月薪下限（元/月）"), min_value=0, widget=forms.NumberInput(attrs=_NUMBER))
    salary_max = forms.IntegerField(label=_("月薪上限（元/月）"), min_value=0, widget=forms.NumberInput(attrs=_NUMBER))
    headcount = forms.IntegerField(label=_("招聘人数"), min_value=0, initial=1, widget=forms.NumberInput(attrs=_NUMBER))
    education = forms.ChoiceField(
        label=_("最低学历"), choices=education_choices, required=False, widget=forms.Select(attrs=_SELECT)
    )
    age_min = forms.IntegerField(
        label=_("年龄下限"), required=False, min_value=0, widget=forms.NumberInput(attrs=_NUMBER)
    )
    age_max = forms.IntegerField(
        label=_("年龄上限"), required=False, min_value=0, widget=forms.NumberInput(attrs=_NUMBER)
    )
    expires_on = forms.DateField(
        label=_("有效期至"),
        required=False,
        widget=forms.DateInput(attrs={**_TEXT, "type": "date"}),
        help_text=_("不填则为审核通过后60天"),
    )


class SeekerForm(forms.Form):
    desired_titles = forms.CharField(
        label=_("意向岗位"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={**_TEXT, "placeholder": _("如：保洁员、粤菜厨师")}),
    )
    desired_occupations = forms.MultipleChoiceField(
        label=_("意向职业"),
        choices=occupation_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={**_SELECT, "size": 6}),
        help_text=_("可多选（最多5个）"),
    )
    desired_regions = forms.MultipleChoiceField(
        label=_("意向工作地"),
        choices=place_choices(),
        required=False,
        widget=forms.SelectMultiple(attrs={**_SELECT, "size": 8}),
        help_text=_("可多选（最多5个）；不选则全市均可"),
    )
    salary_expected = forms.IntegerField(
        label=_("期望月薪（元）"), required=False, min_value=0, widget=forms.NumberInput(attrs=_NUMBER)
    )
    hours = forms.ChoiceField(label=_("工作时间"), choices=Hours.choices, initial=Hours.ANY, widget=forms.RadioSelect)
    available_from = forms.DateField(
        label=_("可到岗日期"), required=False, widget=forms.DateInput(attrs={**_TEXT, "type": "date"})
    )
    skills = forms.CharField(
        label=_("技能特长"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={**_TEXT, "rows": 3, "placeholder": _("如：粤菜烹饪、收纳整理、叉车驾驶")}),
    )
    certificates = forms.CharField(
        label=_("证书"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={**_TEXT, "rows": 2, "placeholder": _("如：中式烹调师（四级）、低压电工作业证")}),
    )
    summary = forms.CharField(
        label=_("工作经历与自我介绍"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={**_TEXT, "rows": 4}),
    )
    status = forms.ChoiceField(
        label=_("求职状态"),
        choices=JobSeeker.Status.choices,
        initial=JobSeeker.Status.SEEKING,
        widget=forms.Select(attrs=_SELECT),
    )
    visible_to_employers = forms.BooleanField(
        label=_("我同意向用人单位公开求职信息（姓名只显示姓氏；投递岗位后该单位可查看联系方式）"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("审核意见"), required=False, max_length=500, widget=forms.Textarea(attrs={**_TEXT, "rows": 3})
    )
