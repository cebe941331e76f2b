"""The major-project ledger (重大项目台账) of the plan's 附件: the nine projects, their quarterly progress
reports, milestones, issues and photos.

``MajorProject`` rows come from ``renshe.planning.projects.data.projects`` (loaded by ``projects_load``,
run by the data migration and by ``demo.py``). Amounts are in 万元, the plan's unit.

A ``ProgressReport`` is never changed in place: a correction of a quarter is a new version that
``supersedes`` the old one, with a reason; only the newest version of a quarter ``is_current``.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 2021, 2025


class ProjectStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开工")
    IN_PROGRESS = "in_progress", _("在建")
    COMPLETED = "completed", _("已完工")


class MajorProject(models.Model):
    code = models.CharField(_("编号"), max_length=10, unique=True)
    order = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("项目名称"), max_length=120)
    county = models.ForeignKey("core.Region", verbose_name=_("所在地"), on_delete=models.PROTECT, related_name="+")
    owner = models.CharField(_("建设单位"), max_length=60, blank=True)
    content = models.TextField(_("建设内容和规模"))
    period = models.CharField(_("建设起止年限"), max_length=20)
    start_year = models.PositiveSmallIntegerField(_("开工年份"))
    end_year = models.PositiveSmallIntegerField(_("完工年份"))
    total_investment = models.DecimalField(_("总投资（万元）"), max_digits=12, decimal_places=2)
    plan_investment = models.DecimalField(_("“十四五”时期投资（万元）"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("重大项目")
        verbose_name_plural = _("重大项目")
        ordering = ["order"]
        permissions = [("report_progress", _("填报重大项目进度"))]

    def __str__(self) -> str:
        return self.name


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * (quarter - 1) + 1, 1)


class ProgressReport(models.Model):
    """One quarter's progress of a project, as reported by the project office (one version)."""

    project = models.ForeignKey(MajorProject, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    starts_on = models.DateField(_("季度首日"), editable=False)
    completed = models.DecimalField(_("本季度完成投资（万元）"), max_digits=12, decimal_places=2)
    physical_progress = models.PositiveSmallIntegerField(_("形象进度（%）"))
    note = models.TextField(_("进展情况"), blank=True)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    is_current = models.BooleanField(default=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    reason = models.CharField(_("更正理由"), max_length=200, blank=True)
    reported_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("季度进度")
        verbose_name_plural = _("季度进度")
        ordering = ["project__order", "-year", "-quarter", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "quarter"],
                condition=models.Q(is_current=True),
                name="majorprojects_one_current_report",
            ),
            models.UniqueConstraint(fields=["project", "year", "quarter", "version"], name="majorprojects_version"),
            models.CheckConstraint(condition=models.Q(completed__gte=0), name="majorprojects_completed_not_negative"),
            models.CheckConstraint(condition=models.Q(physical_progress__lte=100), name="majorprojects_progress_pct"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="majorprojects_quarter"),
        ]
        indexes = [models.Index(fields=["is_current", "starts_on"], name="majorprojects_current_idx")]

    def __str__(self) -> str:
        return f"{self.project} {self.label}"

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.quarter}"


class Milestone(models.Model):
    project = models.ForeignKey(MajorProject, on_delete=models.PROTECT, related_name="milestones")
    name = models.CharField(_("节点"), max_length=80)
    planned_on = models.DateField(_("计划日期"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("节点")
        verbose_name_plural = _("节点")
        ordering = ["project__order", "planned_on", "id"]

    def __str__(self) -> str:
        return f"{self.project} {self.name}"


class ProjectIssue(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("未解决")
        CLOSED = "closed", _("已解决")

    project = models.ForeignKey(MajorProject, on_delete=models.PROTECT, related_name="issues")
    description = models.CharField(_("问题"), max_length=300)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    raised_on = models.DateField(_("提出日期"))
    closed_on = models.DateField(_("解决日期"), null=True, blank=True)
    resolution = models.CharField(_("解决情况"), max_length=300, blank=True)
    raised_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("问题")
        verbose_name_plural = _("问题")
        ordering = ["status", "-raised_on", "-id"]

    def __str__(self) -> str:
        return self.description


class ProjectPhoto(models.Model):
    project = models.ForeignKey(MajorProject, on_delete=models.PROTECT, related_name="photos")
    report = models.ForeignKey(ProgressReport, null=True, blank=True, on_delete=models.PROTECT, related_name="photos")
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    caption = models.CharField(_("说明"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("现场照片")
        verbose_name_plural = _("现场照片")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.caption or str(self.file_id)
