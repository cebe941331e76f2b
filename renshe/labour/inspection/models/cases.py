"""Inspection cases (立案查处): actions with two inspectors, recusals, orders, penalties, outcome."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CaseSource(models.TextChoices):
    COMPLAINT = "complaint", _("举报投诉")
    DRAW = "draw", _("双随机抽查")
    WAGE_WARNING = "wage_warning", _("欠薪预警")
    EX_OFFICIO = "ex_officio", _("主动检查")


class CaseStatus(models.TextChoices):
    INVESTIGATING = "investigating", _("调查中")
    RECTIFYING = "rectifying", _("责令改正中")
    CLOSED = "closed", _("已结案")


OPEN_CASE_STATUSES = (CaseStatus.INVESTIGATING, CaseStatus.RECTIFYING)


class InspectionCase(models.Model):
    number = models.CharField(_("案件编号"), max_length=24, unique=True)
    employer = models.ForeignKey(
        "registry.Employer", verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey("core.Region", verbose_name=_("所在地"), on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("案情摘要"))
    source = models.CharField(_("案件来源"), max_length=14, choices=CaseSource.choices)
    source_ref = models.CharField(_("来源编号"), max_length=40, blank=True)
    status = models.CharField(
        _("状态"), max_length=14, choices=CaseStatus.choices, default=CaseStatus.INVESTIGATING, db_index=True
    )
    filed_on = models.DateField(_("立案日期"))
    due_date = models.DateField(_("办案期限"))
    extended = models.BooleanField(_("已延长"), default=False)
    extension_note = models.TextField(_("延长理由"), blank=True)
    extension_approved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    wage_arrears = models.BooleanField(_("涉及拖欠工资"), default=False)
    refused_inspection = models.BooleanField(_("拒绝、阻挠检查"), default=False)
    violation_confirmed = models.BooleanField(_("违法事实成立"), null=True, blank=True)
    arrears_recovered = models.DecimalField(_("追发工资（元）"), max_digits=14, decimal_places=2, default=0)
    workers_helped = models.PositiveIntegerField(_("涉及劳动者（人）"), default=0)
    outcome_note = models.TextField(_("处理结果"), blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    opened_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("监察案件")
        verbose_name_plural = _("监察案件")
        ordering = ["-id"]
        permissions = [
            ("act_inspection", _("立案、检查、责令改正、处罚、结案")),
            ("approve_extension", _("批准延长办案期限")),
            ("view_inspection_stats", _("查看监察统计")),
        ]
        constraints = [
            # inspection_case_open is idempotent per (source, source_ref) while the case is open
            models.UniqueConstraint(
                fields=["source", "source_ref"],
                condition=Q(status__in=["investigating", "rectifying"]) & ~Q(source_ref=""),
                name="inspection_case_open_source_unique",
            )
        ]
        indexes = [models.Index(fields=["region", "status"], name="inspection_case_rs")]

    def __str__(self) -> str:
        return self.number


class CaseTransition(models.Model):
    case = models.ForeignKey(InspectionCase, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("操作"), max_length=20)
    from_status = models.CharField(_("原状态"), max_length=14, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=14, choices=CaseStatus.choices)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("监察案件流转记录")
        verbose_name_plural = _("监察案件流转记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.action}"


class ActionKind(models.TextChoices):
    SITE_INSPECTION = "site", _("现场检查")
    INQUIRY = "inquiry", _("询问调查")
    DOCUMENT_REQUEST = "documents", _("调阅资料")
    NOTICE = "notice", _("送达文书")


class InspectionAction(models.Model):
    case = models.ForeignKey(InspectionCase, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("检查措施"), max_length=10, choices=ActionKind.choices)
    done_on = models.DateField(_("日期"))
    inspectors = models.ManyToManyField("accounts.User", verbose_name=_("监察员"), related_name="+")
    note = models.TextField(_("情况记录"))
    recorded_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("检查措施")
        verbose_name_plural = _("检查措施")
        ordering = ["done_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.kind}"


class RecusalDecision(models.Model):
    """An inspector withdrawn from a case (回避决定): they may no longer act on it."""

    case = models.ForeignKey(InspectionCase, on_delete=models.CASCADE, related_name="recusals")
    inspector = models.ForeignKey("accounts.User", verbose_name=_("监察员"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("回避理由"))
    decided_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("决定日期"))

    class Meta:
        verbose_name = _("回避决定")
        verbose_name_plural = _("回避决定")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["case", "inspector"], name="inspection_recusal_unique")]

    def __str__(self) -> str:
        return f"{self.case} {self.inspector}"


class RectificationOrder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("整改中")
        MET = "met", _("已按期改正")
        UNMET = "unmet", _("逾期未改正")

    case = models.ForeignKey(InspectionCase, on_delete=models.CASCADE, related_name="orders")
    number = models.CharField(_("文号"), max_length=30, unique=True)
    items = models.TextField(_("责令改正事项"))
    deadline = models.DateField(_("改正期限"))
    issued_on = models.DateField(_("签发日期"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.PENDING)
    checked_on = models.DateField(_("复查日期"), null=True, blank=True)
    file = models.ForeignKey("core.StoredFile", null=True, on_delete=models.PROTECT, related_name="+")
    issued_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("责令改正指令书")
        verbose_name_plural = _("责令改正指令书")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return self.number


class Penalty(models.Model):
    case = models.ForeignKey(InspectionCase, on_delete=models.CASCADE, related_name="penalties")
    number = models.CharField(_("文号"), max_length=30, unique=True)
    amount = models.DecimalField(_("罚款金额（元）"), max_digits=14, decimal_places=2)
    legal_basis = models.TextField(_("法律依据"))
    facts = models.TextField(_("违法事实"))
    decided_on = models.DateField(_("决定日期"))
    file = models.ForeignKey("core.StoredFile", null=True, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("行政处罚决定")
        verbose_name_plural = _("行政处罚决定")
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return self.number
