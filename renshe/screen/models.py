"""Data of the screen app: the administrators' panel configuration (one row, ``name="default"``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from renshe.screen import rules


def _default_panels() -> list[str]:
    return list(rules.DEFAULT_PANELS)


class ScreenConfig(models.Model):
    """Which panels the wall display shows and in what order, the map's default indicator and how
    often the screen refreshes itself. Edited on the workbench (大屏配置) or in Django admin."""

    name = models.CharField(_("名称"), max_length=40, unique=True, default="default")
    panels = models.JSONField(_("面板及顺序"), default=_default_panels)
    map_indicator = models.CharField(
        _("地图默认指标"),
        max_length=60,
        default=rules.DEFAULT_MAP_INDICATOR,
        choices=[(k, rules.METRICS[k].label) for k in rules.MAP_INDICATORS],
    )
    refresh_seconds = models.PositiveIntegerField(_("刷新间隔（秒）"), default=rules.DEFAULT_REFRESH_SECONDS)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("大屏配置")
        verbose_name_plural = _("大屏配置")
        permissions = [
            ("view_screen", _("查看大屏")),
            ("configure_screen", _("配置大屏")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(refresh_seconds__gte=rules.MIN_REFRESH_SECONDS)
                & models.Q(refresh_seconds__lte=rules.MAX_REFRESH_SECONDS),
                name="screenconfig_refresh_range",
            )
        ]

    def __str__(self) -> str:
        return str(_("大屏配置"))

    def clean(self) -> None:
        rules.panels_clean(self.panels)
        rules.map_indicator_clean(self.map_indicator)
        rules.refresh_seconds_clean(self.refresh_seconds)
