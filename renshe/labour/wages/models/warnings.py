"""Wage-arrears warnings (W1–W9, DOMAIN.md §6) and the history of what was done with each."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    RED = "red", _("红色")
    ORANGE = "orange", _("橙色")
    YELLOW = "yellow", _("黄色")


class WageWarning(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("待处置")
        ACKNOWLEDGED = "acknowledged", _("已签收")
        ESCALATED = "escalated", _("已上报")
        TO_INSPECTION = "to_inspection", _("已转监察立案")
        CLOSED = "closed", _("已关闭")

    rule = models.CharField(_("预警规则"), max_length=2)
    level = models.CharField(_("级别"), max_length=6, choices=Level.choices)
    period = models.CharField(_("期间"), max_length=10, blank=True)
    project = models.ForeignKey("wages.Project", on_delete=models.PROTECT, related_name="warnings")
    employer = models.ForeignKey("registry.Employer", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField(_("预警依据"))
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.OPEN)
    close_reason = models.CharField(_("关闭原因"), max_length=200, blank=True)
    inspection_ref = models.CharField(_("监察案件"), max_length=40, blank=True)
    inspection_case_id = models.PositiveIntegerField(null=True, blank=True)
    opened_on = models.DateField(_("预警日期"))
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("欠薪预警")
        verbose_name_plural = _("欠薪预警")
        ordering = ["-opened_on", "-id"]
        constraints = [
            # one live warning per project, rule and period: the job can run twice
            models.UniqueConstraint(
                fields=["project", "rule", "period"],
                condition=~models.Q(status="closed"),
                name="wages_warning_one_live",
            ),
        ]
        indexes = [models.Index(fields=["status", "region"], name="wages_warning_status_region")]

    def __str__(self) -> str:
        return f"{self.rule} {self.project} {self.period}"

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.CLOSED


class WarningAction(models.Model):
    warning = models.ForeignKey(WageWarning, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(_("操作"), max_length=20)
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    comment = models.CharField(_("说明"), max_length=200, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("预警处置记录")
        verbose_name_plural = _("预警处置记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.warning_id} {self.action}"
