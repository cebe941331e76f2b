"""Monthly payrolls with each worker's confirmation, and the bank's records of the special account:
labour-cost credits and wage payouts (the bank's own transaction id is unique, so nothing applies twice)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Payroll(models.Model):
    """工资支付表 of one work month (kept ≥3 years, Art. 15)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已报送")

    project = models.ForeignKey("wages.Project", on_delete=models.PROTECT, related_name="payrolls")
    month = models.DateField(_("工资月份"), help_text=_("该月第一天"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    filed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    scan = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("签字工资表扫描件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("工资支付表")
        verbose_name_plural = _("工资支付表")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["project", "month"], name="wages_payroll_once_a_month")]

    def __str__(self) -> str:
        return f"{self.project} {self.month:%Y-%m}"


class Signature(models.TextChoices):
    NONE = "none", _("未确认")
    PHONE = "phone", _("本人手机确认")
    SCAN = "scan", _("签字表扫描件")


class PayrollLine(models.Model):
    payroll = models.ForeignKey(Payroll, on_delete=models.CASCADE, related_name="lines")
    worker = models.ForeignKey("wages.ProjectWorker", on_delete=models.PROTECT, related_name="payroll_lines")
    days = models.PositiveSmallIntegerField(_("出勤天数"))
    amount_due = models.DecimalField(_("应发工资（元）"), max_digits=12, decimal_places=2)
    amount_paid = models.DecimalField(_("实发工资（元）"), max_digits=12, decimal_places=2)
    signature = models.CharField(_("确认方式"), max_length=8, choices=Signature.choices, default=Signature.NONE)
    signed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("工资支付表明细")
        verbose_name_plural = _("工资支付表明细")
        constraints = [
            models.UniqueConstraint(fields=["payroll", "worker"], name="wages_payroll_line_once"),
            models.CheckConstraint(
                condition=models.Q(amount_due__gte=0, amount_paid__gte=0), name="wages_payroll_line_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payroll} {self.worker_id}"


class BankImport(models.Model):
    """One bank file: applied whole, or rejected whole with every bad line listed."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("已入账")
        REJECTED = "rejected", _("有错误，未入账")

    original_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    lines = models.PositiveIntegerField(_("数据行数"), default=0)
    applied = models.PositiveIntegerField(_("新入账"), default=0)
    already = models.PositiveIntegerField(_("已入账跳过"), default=0)
    errors = models.JSONField(_("错误明细"), default=list, blank=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("银行流水导入")
        verbose_name_plural = _("银行流水导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name


class BankTransaction(models.Model):
    class Kind(models.TextChoices):
        CREDIT = "credit", _("人工费拨付入账")
        PAYOUT = "payout", _("工资代发")

    class Source(models.TextChoices):
        FILE = "file", _("银行文件")
        API = "api", _("银行接口")

    account = models.ForeignKey("wages.SpecialAccount", on_delete=models.PROTECT, related_name="transactions")
    bank_txn_id = models.CharField(_("银行流水号"), max_length=64, unique=True)
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    value_date = models.DateField(_("交易日期"))
    worker = models.ForeignKey(
        "wages.ProjectWorker", null=True, blank=True, on_delete=models.PROTECT, related_name="payouts"
    )
    source = models.CharField(_("来源"), max_length=6, choices=Source.choices)
    batch = models.ForeignKey(BankImport, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey("wages.Partner", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("专户交易")
        verbose_name_plural = _("专户交易")
        ordering = ["-value_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="wages_txn_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(kind="credit", worker__isnull=True) | models.Q(kind="payout", worker__isnull=False),
                name="wages_txn_payout_has_worker",
            ),
        ]

    def __str__(self) -> str:
        return self.bank_txn_id
