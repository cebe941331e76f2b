"""Entrepreneurship support: guarantee loans (创业担保贷款) and incubation bases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GuaranteeLoan(models.Model):
    """A guarantee loan decided through the catalogue's case; keeps the rule version it was decided under."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("已核准")
        DISBURSED = "disbursed", _("已放款")
        REPAID = "repaid", _("已结清")
        DEFAULTED = "defaulted", _("逾期/违约")

    class BorrowerKind(models.TextChoices):
        INDIVIDUAL = "individual", _("个人")
        PARTNERSHIP = "partnership", _("合伙创业")
        SMALL_ENTERPRISE = "enterprise", _("小微企业")

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="guarantee_loan")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey("registry.Employer", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    borrower_kind = models.CharField(_("借款人类型"), max_length=12, choices=BorrowerKind.choices)
    eligible_group = models.CharField(_("扶持对象类别"), max_length=30)
    amount = models.DecimalField(_("贷款金额（元）"), max_digits=12, decimal_places=2)
    term_months = models.PositiveSmallIntegerField(_("期限（月）"))
    bank = models.CharField(_("经办银行"), max_length=60)
    annual_rate = models.DecimalField(_("贷款年利率（%）"), max_digits=6, decimal_places=3)
    lpr = models.DecimalField(_("LPR（%）"), max_digits=6, decimal_places=3)
    borrower_rate = models.DecimalField(_("借款人承担利率（%）"), max_digits=6, decimal_places=3)
    subsidy_rate = models.DecimalField(_("财政贴息利率（%）"), max_digits=6, decimal_places=3)
    rule_snapshot = models.JSONField(_("适用规则"), default=dict)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.APPROVED)
    decided_on = models.DateField(_("核准日期"), db_index=True)

    class Meta:
        verbose_name = _("创业担保贷款")
        verbose_name_plural = _("创业担保贷款")
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.person} {self.amount}"


class IncubationBase(models.Model):
    name = models.CharField(_("基地名称"), max_length=80)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(
        "registry.Employer", verbose_name=_("运营单位"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("级别"), max_length=20, blank=True, help_text=_("国家级、省级、市级"))
    capacity = models.PositiveSmallIntegerField(_("可入驻数"))
    address = models.CharField(_("地址"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("创业孵化基地")
        verbose_name_plural = _("创业孵化基地")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IncubationTenant(models.Model):
    base = models.ForeignKey(IncubationBase, on_delete=models.PROTECT, related_name="tenants")
    employer = models.ForeignKey("registry.Employer", on_delete=models.PROTECT, related_name="+")
    founder = models.ForeignKey("registry.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    since = models.DateField(_("入驻日期"))
    until = models.DateField(_("迁出日期"), null=True, blank=True)
    jobs_created = models.PositiveSmallIntegerField(_("带动就业人数"), default=0)

    class Meta:
        verbose_name = _("入驻企业")
        verbose_name_plural = _("入驻企业")
        ordering = ["-since"]

    def __str__(self) -> str:
        return f"{self.base} {self.employer}"
