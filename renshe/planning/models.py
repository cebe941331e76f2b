"""The plan's indicator register and the values reported against it.

``Indicator`` rows come from ``renshe.planning.data.indicators`` (loaded by ``register_sync`` after
every migrate and by ``manage.py load_indicators``). ``IndicatorValue`` rows are never changed in
place: a correction is a new version (``supersedes`` the old one, with a reason) and only the
newest version of a period is ``is_current``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CITY = "440900"


class Attribute(models.TextChoices):
    EXPECTED = "预期性", _("预期性")
    BINDING = "约束性", _("约束性")
    NONE = "/", _("无")


class Bound(models.TextChoices):
    REACH = "", _("达到")
    FLOOR = "floor", _("不低于")
    CEILING = "ceiling", _("不高于")


class Indicator(models.Model):
    code = models.CharField(_("编号"), max_length=10, unique=True)
    order = models.PositiveSmallIntegerField(_("顺序"), db_index=True)
    plan = models.CharField(_("规划期"), max_length=10)
    ref = models.CharField(_("出处"), max_length=40)
    group = models.CharField(_("类别"), max_length=40)
    name = models.CharField(_("指标"), max_length=120)
    unit = models.CharField(_("单位"), max_length=20)
    base_text = models.CharField(_("基数"), max_length=40)
    target_text = models.CharField(_("目标值"), max_length=40)
    result_text = models.CharField(_("完成值"), max_length=40, blank=True)
    completion_text = models.CharField(_("完成率"), max_length=40, blank=True)
    base_year = models.PositiveSmallIntegerField(_("基数年份"))
    target_year = models.PositiveSmallIntegerField(_("目标年份"))
    base = models.DecimalField(_("基数（数值）"), max_digits=16, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(_("目标（数值）"), max_digits=16, decimal_places=4, null=True, blank=True)
    bound = models.CharField(_("目标方向"), max_length=10, choices=Bound.choices, blank=True)
    cumulative = models.BooleanField(_("五年累计"), default=False)
    annual = models.BooleanField(_("逐年目标"), default=False)
    attribute = models.CharField(_("属性"), max_length=4, choices=Attribute.choices)
    owner = models.CharField(_("责任科室"), max_length=20, db_index=True)
    figure_key = models.CharField(_("数据来源指标"), max_length=60, blank=True)
    figure_scale = models.DecimalField(_("换算系数"), max_digits=12, decimal_places=6, default=1)
    restates = models.CharField(_("同一目标"), max_length=10, blank=True)
    restates_scale = models.DecimalField(max_digits=12, decimal_places=6, default=1)
    monitored = models.BooleanField(_("监测"), default=True)
    wording = models.TextField(_("规划原文"), blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("规划指标")
        verbose_name_plural = _("规划指标")
        permissions = [
            ("view_register", _("查看规划指标台账")),
            ("enter_indicator_value", _("填报规划指标数据")),
            ("export_indicator_report", _("导出规划评估报告")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def computed(self) -> bool:
        return bool(self.figure_key)

    @property
    def enterable(self) -> bool:
        return self.monitored and not self.figure_key and not self.restates


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"), default=0, help_text=_("0 表示全年"))
    region_code = models.CharField(_("区域"), max_length=6, default=CITY)
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=4)
    source = models.CharField(_("数据来源"), max_length=200)
    evidence = models.ForeignKey(
        "core.StoredFile", verbose_name=_("佐证材料"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("备注"), blank=True)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    is_current = models.BooleanField(_("当前版本"), default=True)
    supersedes = models.ForeignKey(
        "self", verbose_name=_("更正前版本"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("更正原因"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    class Meta:
        ordering = ["indicator", "year", "month", "region_code", "version"]
        verbose_name = _("规划指标数据")
        verbose_name_plural = _("规划指标数据")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "month", "region_code", "version"], name="planning_value_version"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "month", "region_code"],
                condition=models.Q(is_current=True),
                name="planning_value_one_current",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "is_current", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_label} {self.value}"

    @property
    def period_label(self) -> str:
        return f"{self.year}" if not self.month else f"{self.year}-{self.month:02d}"


class ReportRun(models.Model):
    """One evaluation report made in the background (tasks.planning_report_generate), with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    kind = models.CharField(_("报告类型"), max_length=10)
    year = models.PositiveSmallIntegerField(_("年度"))
    fmt = models.CharField(_("格式"), max_length=4)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    message = models.CharField(_("说明"), max_length=200, blank=True)
    file = models.ForeignKey("core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("评估报告生成")
        verbose_name_plural = _("评估报告生成")

    def __str__(self) -> str:
        return f"{self.kind}-{self.year}.{self.fmt}"
