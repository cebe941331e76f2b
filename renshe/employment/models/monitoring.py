"""Employment registration (城镇新增就业) and enterprise employment monitoring (规模性裁员预警)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmploymentRegistration(models.Model):
    """就业登记: a hire recorded with the bureau; counts toward new urban employment."""

    class Source(models.TextChoices):
        EMPLOYER = "employer", _("单位申报")
        FAIR = "fair", _("招聘会录用")
        WINDOW = "window", _("窗口登记")
        CASE = "case", _("事项办理")

    employment = models.OneToOneField("registry.Employment", on_delete=models.PROTECT, related_name="registration")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("core.Region", verbose_name=_("就业地"), on_delete=models.PROTECT, related_name="+")
    registered_on = models.DateField(_("登记日期"), db_index=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    is_urban_new = models.BooleanField(_("计入城镇新增就业"), default=True)
    was_unemployed = models.BooleanField(_("失业人员再就业"), default=False)
    was_difficult = models.BooleanField(_("就业困难人员就业"), default=False)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("就业登记")
        verbose_name_plural = _("就业登记")
        ordering = ["-registered_on"]

    def __str__(self) -> str:
        return f"{self.person} {self.registered_on}"


class MonitoredEmployer(models.Model):
    """An employer in the monthly employment-unemployment monitoring sample (就业失业动态监测)."""

    employer = models.OneToOneField("registry.Employer", on_delete=models.PROTECT, related_name="monitoring")
    since = models.DateField(_("纳入监测日期"))
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("监测企业")
        verbose_name_plural = _("监测企业")

    def __str__(self) -> str:
        return str(self.employer)


class HeadcountReport(models.Model):
    monitored = models.ForeignKey(MonitoredEmployer, on_delete=models.PROTECT, related_name="reports")
    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    headcount = models.PositiveIntegerField(_("月末在岗人数"))
    hired = models.PositiveIntegerField(_("本月新招人数"), default=0)
    left = models.PositiveIntegerField(_("本月减员人数"), default=0)
    reported_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("用工月报")
        verbose_name_plural = _("用工月报")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["monitored", "month"], name="one_report_per_month")]

    def __str__(self) -> str:
        return f"{self.monitored} {self.month:%Y-%m} {self.headcount}"


class LayoffWarning(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("待处置")
        ACKNOWLEDGED = "acknowledged", _("已核实")
        CLOSED = "closed", _("已关闭")

    monitored = models.ForeignKey(MonitoredEmployer, on_delete=models.PROTECT, related_name="warnings")
    month = models.DateField(_("月份"))
    previous = models.PositiveIntegerField(_("上月人数"))
    current = models.PositiveIntegerField(_("本月人数"))
    reason = models.CharField(_("预警原因"), max_length=120)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    note = models.TextField(_("处置情况"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("规模性裁员预警")
        verbose_name_plural = _("规模性裁员预警")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["monitored", "month"], name="one_warning_per_month")]

    def __str__(self) -> str:
        return f"{self.monitored} {self.month:%Y-%m}"
