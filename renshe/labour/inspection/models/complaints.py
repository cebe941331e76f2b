"""Complaints and reports (举报投诉) from every channel, and their recorded state changes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("投诉（实名）")
    REPORT = "report", _("举报（可匿名）")


class ComplaintChannel(models.TextChoices):
    WEB = "web", _("网上/掌上")
    PHONE_12333 = "12333", _("12333 电话")
    PHONE_12345 = "12345", _("12345 热线")
    WALK_IN = "walk_in", _("来访")
    TRANSFER = "transfer", _("其他部门移送")


STAFF_CHANNELS = (ComplaintChannel.PHONE_12333, ComplaintChannel.PHONE_12345, ComplaintChannel.WALK_IN)


class ViolationType(models.TextChoices):
    WAGE_ARREARS = "wage_arrears", _("拖欠工资")
    NO_CONTRACT = "no_contract", _("未签劳动合同")
    OVERTIME = "overtime", _("超时加班")
    NO_INSURANCE = "no_insurance", _("未缴社保")
    CHILD_LABOUR = "child_labour", _("使用童工")
    MINIMUM_WAGE = "minimum_wage", _("低于最低工资")
    OTHER = "other", _("其他")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    REFUSED = "refused", _("不予受理")
    TRANSFERRED = "transferred", _("已移送")
    CLOSED = "closed", _("已办结")


OPEN_COMPLAINT_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED)


class RefusalReason(models.TextChoices):
    LIMITATION = "limitation", _("违法行为已超过两年未被发现（劳动保障监察条例第二十条）")
    NO_EMPLOYER = "no_employer", _("无明确的被投诉用人单位")
    NOT_LABOUR = "not_labour", _("不属于劳动保障监察事项")
    OTHER = "other", _("其他")


class Complaint(models.Model):
    number = models.CharField(_("编号"), max_length=24, unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=ComplaintKind.choices)
    channel = models.CharField(_("渠道"), max_length=10, choices=ComplaintChannel.choices)
    transfer_body = models.CharField(_("移送单位"), max_length=100, blank=True)
    transfer_ref = models.CharField(_("移送文号"), max_length=60, blank=True)
    complainant = models.ForeignKey(
        "accounts.User", verbose_name=_("投诉人账号"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    complainant_name = models.CharField(_("投诉人"), max_length=40, blank=True)
    complainant_phone = models.CharField(_("联系电话"), max_length=11, blank=True)
    employer = models.ForeignKey(
        "registry.Employer",
        verbose_name=_("被投诉单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    employer_name = models.CharField(_("单位名称"), max_length=100)
    employer_address = models.CharField(_("单位地址"), max_length=120, blank=True)
    region = models.ForeignKey("core.Region", verbose_name=_("所在镇/街道"), on_delete=models.PROTECT, related_name="+")
    violation_types = models.JSONField(_("违法类型"), default=list)
    workers_affected = models.PositiveIntegerField(_("涉及人数"), default=1)
    amount_owed = models.DecimalField(_("涉及金额（元）"), max_digits=14, decimal_places=2, default=0)
    violation_last_on = models.DateField(_("违法行为最后发生日期"))
    facts = models.TextField(_("事实与理由"))
    attachments = models.ManyToManyField("core.StoredFile", verbose_name=_("附件"), blank=True, related_name="+")
    status = models.CharField(
        _("状态"), max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED, db_index=True
    )
    received_on = models.DateField(_("收到日期"))
    acceptance_due = models.DateField(_("受理期限"))
    decided_on = models.DateField(_("受理决定日期"), null=True, blank=True)
    refusal_reason = models.CharField(_("不予受理理由"), max_length=12, choices=RefusalReason.choices, blank=True)
    decision_note = models.TextField(_("说明"), blank=True)
    transferred_to = models.CharField(_("移送至"), max_length=100, blank=True)
    refusal_file = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("不予受理告知书"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        "inspection.InspectionCase",
        verbose_name=_("监察案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    result = models.TextField(_("处理结果"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("举报投诉")
        verbose_name_plural = _("举报投诉")
        ordering = ["-id"]
        permissions = [
            ("enter_complaint", _("录入电话、来访、移送的举报投诉")),
            ("handle_complaint", _("受理、不予受理、移送举报投诉")),
        ]
        indexes = [models.Index(fields=["region", "status"], name="inspection_complaint_rs")]

    def __str__(self) -> str:
        return self.number

    @property
    def violation_labels(self) -> list[str]:
        return [str(ViolationType(v).label) for v in self.violation_types if v in ViolationType.values]


class ComplaintTransition(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("操作"), max_length=20)
    from_status = models.CharField(_("原状态"), max_length=12, choices=ComplaintStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=ComplaintStatus.choices)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("举报投诉流转记录")
        verbose_name_plural = _("举报投诉流转记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint} {self.from_status}→{self.to_status}"
