"""The panel configuration form: per panel "shown" and its position, the map's indicator, the interval."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renshe.screen import rules


class ScreenConfigForm(forms.Form):
    map_indicator = forms.ChoiceField(label=_("地图默认指标"), widget=forms.Select(attrs={"class": "form-select"}))
    refresh_seconds = forms.IntegerField(
        label=_("刷新间隔（秒）"),
        min_value=rules.MIN_REFRESH_SECONDS,
        max_value=rules.MAX_REFRESH_SECONDS,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        help_text=_("大屏每隔多少秒自动取数刷新（不重新加载页面），建议 30 秒。"),
    )

    def __init__(self, *args, config=None, **kwargs):
        if config is not None and "initial" not in kwargs:
            kwargs["initial"] = {"map_indicator": config.map_indicator, "refresh_seconds": config.refresh_seconds}
        super().__init__(*args, **kwargs)
        self.fields["map_indicator"].choices = [(k, rules.METRICS[k].label) for k in rules.MAP_INDICATORS]
        shown = list(config.panels) if config is not None else list(rules.DEFAULT_PANELS)
        for position, panel_id in enumerate(self.panel_ids(shown), start=1):
            label = rules.PANELS[panel_id][0]
            self.fields[f"show_{panel_id}"] = forms.BooleanField(
                label=label,
                required=False,
                initial=panel_id in shown,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"order_{panel_id}"] = forms.IntegerField(
                label=_("%(panel)s的顺序") % {"panel": label},
                min_value=1,
                max_value=len(rules.PANELS),
                initial=position,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )

    @staticmethod
    def panel_ids(shown: list[str]) -> list[str]:
        """The shown panels in their order, then the hidden ones."""
        return [p for p in shown if p in rules.PANELS] + [p for p in rules.PANELS if p not in shown]

    def panel_rows(self):
        return [
            (self[f"show_{p}"], self[f"order_{p}"], p)
            for p in self.panel_ids([k[5:] for k in self.fields if k.startswith("show_")])
        ]

    def clean(self):
        data = super().clean()
        shown = [p for p in rules.PANELS if data.get(f"show_{p}")]
        orders = [data.get(f"order_{p}") for p in shown]
        if None in orders:
            return data
        if len(set(orders)) != len(orders):
            raise forms.ValidationError(_("显示的面板顺序号不能重复。"), code="duplicate_order")
        data["panels"] = [p for _o, p in sorted(zip(orders, shown, strict=True))]
        return data
