"""Forms of the planning pages: the register's filters and the value entry."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renshe.core.models import Region
from renshe.planning.data.indicators import PLAN_END_YEAR, PLAN_START_YEAR, Office, chapter_label
from renshe.planning.models import CITY, Indicator
from renshe.planning.rules import LEVELS

YEARS = list(range(PLAN_START_YEAR, PLAN_END_YEAR + 1))
LEVEL_LABELS = {"green": _("正常"), "yellow": _("关注"), "red": _("预警"), "grey": _("无数据")}


def region_options(prefix: str) -> list[tuple[str, str]]:
    """The city and its five counties, limited to the user's region."""
    names = dict(Region.objects.filter(code__in=[CITY, *_counties()]).values_list("code", "name"))
    return [(code, names.get(code, code)) for code in (CITY, *_counties()) if code.startswith(prefix)]


def _counties():
    from renshe.core.figures import COUNTIES

    return COUNTIES


class RegisterFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=[(y, y) for y in YEARS], required=False)
    ref = forms.ChoiceField(label=_("出处"), required=False)
    office = forms.ChoiceField(
        label=_("责任科室"), required=False, choices=[("", _("全部科室")), *((o, o) for o in Office.ALL)]
    )
    level = forms.ChoiceField(
        label=_("预警等级"), required=False, choices=[("", _("全部等级")), *((lv, LEVEL_LABELS[lv]) for lv in LEVELS)]
    )
    q = forms.CharField(label=_("指标名称"), required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refs = list(Indicator.objects.order_by("order").values_list("ref", flat=True))
        seen = list(dict.fromkeys(refs))
        self.fields["ref"].choices = [("", _("全部出处")), *((r, chapter_label(r)) for r in seen)]


class ValueForm(forms.Form):
    indicator = forms.ChoiceField(label=_("指标"))
    year = forms.IntegerField(label=_("年度"))
    month = forms.IntegerField(label=_("月份"), required=False, help_text=_("留空表示全年；按月填报时为当年累计至该月"))
    region_code = forms.ChoiceField(label=_("区域"))
    value = forms.CharField(label=_("数值"), max_length=30)
    source = forms.CharField(label=_("数据来源"), max_length=200)
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(
        label=_("更正原因"),
        required=False,
        max_length=200,
        help_text=_("该期已有数据时必填：新版本取代原数据，原数据保留"),
    )
    evidence = forms.FileField(label=_("佐证材料"), required=False, help_text=_("PDF、JPG、PNG 或 OFD，不超过 10 MB"))

    def __init__(self, *args, prefix_region: str = "4409", **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = {i.code: i for i in Indicator.objects.all() if i.enterable}
        self.fields["indicator"].choices = [
            ("", "——"),
            *((i.code, f"{i.code} {i.name}（{i.unit}）") for i in self.indicators.values()),
        ]
        self.fields["region_code"].choices = region_options(prefix_region)
        for name, field in self.fields.items():
            if name != "evidence":
                field.widget.attrs.setdefault(
                    "class", "form-select" if name in ("indicator", "region_code") else "form-control"
                )
            else:
                field.widget.attrs["class"] = "form-control"

    def selected(self) -> Indicator | None:
        code = self.data.get("indicator") if self.is_bound else self.initial.get("indicator")
        return self.indicators.get(code or "")
