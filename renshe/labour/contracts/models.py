"""Data of the contracts app: labour contracts, labour-dispatch licences, employer credit ratings and
the wage-arrears blacklist (plan 第九章; see docs/contracts.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renshe.core.identity import mask_name, mask_resident_id


class ContractType(models.TextChoices):
    # The same codes as registry.ContractType for the three kinds of 劳动合同法 Art. 12.
    FIXED = "fixed", _("固定期限")
    OPEN_ENDED = "open", _("无固定期限")
    TASK = "task", _("以完成一定工作任务为期限")


class ContractStatus(models.TextChoices):
    ACTIVE = "active", _("履行中")
    RENEWED = "renewed", _("已续订")
    TERMINATED = "terminated", _("已解除或终止")


class ContractImport(models.Model):
    """One uploaded contracts file of an employer; the same file (sha256) is never imported twice."""

    employer = models.ForeignKey("registry.Employer", verbose_name=_("用人单位"), on_delete=models.PROTECT)
    created_by = models.ForeignKey("accounts.User", verbose_name=_("导入人"), on_delete=models.PROTECT)
    original_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(_("文件SHA-256"), max_length=64)
    mode = models.CharField(_("导入方式"), max_length=16)
    total_rows = models.PositiveIntegerField(_("数据行数"), default=0)
    created_count = models.PositiveIntegerField(_("新增"), default=0)
    failed_count = models.PositiveIntegerField(_("错误行数"), default=0)
    errors = models.JSONField(_("错误明细"), default=list, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("劳动合同导入")
        verbose_name_plural = _("劳动合同导入")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["employer", "sha256"], name="contractimport_once_per_file")]

    def __str__(self) -> str:
        return self.original_name


class LabourContract(models.Model):
    """An electronic labour contract of an employee with an employer (劳动合同法; 电子劳动合同).

    Valid on a day when it has started, has not ended and was not terminated before that day; a
    renewal leaves the old contract ``renewed`` (still valid for its own dates) and starts a new one.
    """

    employer = models.ForeignKey(
        "registry.Employer", verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("registry.Person", verbose_name=_("劳动者"), on_delete=models.PROTECT, related_name="+")
    contract_type = models.CharField(_("合同类型"), max_length=8, choices=ContractType.choices)
    start_date = models.DateField(_("起始日期"))
    end_date = models.DateField(_("终止日期"), null=True, blank=True)
    probation_months = models.PositiveSmallIntegerField(_("试用期（月）"), default=0)
    position = models.CharField(_("工作岗位"), max_length=60)
    monthly_wage = models.DecimalField(_("月工资（元）"), max_digits=10, decimal_places=2)
    platform_ref = models.CharField(_("电子合同平台编号"), max_length=64, blank=True)
    signed_on = models.DateField(_("签订日期"))
    status = models.CharField(_("状态"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.ACTIVE)
    renewed_from = models.OneToOneField(
        "self", verbose_name=_("续订自"), null=True, blank=True, on_delete=models.PROTECT, related_name="renewal"
    )
    terminated_on = models.DateField(_("解除或终止日期"), null=True, blank=True)
    termination_reason = models.CharField(_("解除或终止原因"), max_length=120, blank=True)
    source = models.ForeignKey(
        ContractImport, verbose_name=_("导入批次"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("登记人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("劳动合同")
        verbose_name_plural = _("劳动合同")
        ordering = ["-id"]
        permissions = [("view_signing_rate", _("查看劳动合同签订率"))]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "employer"],
                condition=models.Q(status="active"),
                name="contract_one_active_per_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="contract_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["employer", "person", "start_date"], name="contract_pair_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{mask_name(self.person.name)} @ {self.employer.name}"

    @property
    def masked_id_number(self) -> str:
        return mask_resident_id(self.person.id_number)


class LicenceKind(models.TextChoices):
    NEW = "new", _("新申请")
    RENEWAL = "renewal", _("延续申请")


class LicenceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审批")
    VALID = "valid", _("有效")
    REFUSED = "refused", _("不予许可")
    SUPERSEDED = "superseded", _("已延续")
    EXPIRED = "expired", _("已过期")
    REVOKED = "revoked", _("已撤销")


class DispatchLicence(models.Model):
    """A 劳务派遣经营许可 application and, once approved, the licence (劳动合同法 Art. 57; 劳务派遣行政许可
    实施办法 2013). A renewal is a new row pointing at the licence it continues; it keeps the number."""

    employer = models.ForeignKey(
        "registry.Employer", verbose_name=_("申请单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("申请类型"), max_length=8, choices=LicenceKind.choices, default=LicenceKind.NEW)
    renews = models.OneToOneField(
        "self", verbose_name=_("延续的许可证"), null=True, blank=True, on_delete=models.PROTECT, related_name="renewal"
    )
    registered_capital = models.DecimalField(_("注册资本（万元）"), max_digits=12, decimal_places=2)
    premises_address = models.CharField(_("经营场所地址"), max_length=120)
    premises_area = models.DecimalField(_("经营场所面积（平方米）"), max_digits=10, decimal_places=2)
    rules_summary = models.TextField(_("劳务派遣管理制度"), max_length=2000)
    status = models.CharField(
        _("状态"), max_length=12, choices=LicenceStatus.choices, default=LicenceStatus.SUBMITTED, db_index=True
    )
    number = models.CharField(_("许可证编号"), max_length=40, blank=True, db_index=True)
    valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    applied_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    applied_by = models.ForeignKey(
        "accounts.User", verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.CharField(_("审批意见"), max_length=300, blank=True)
    reminded_on = models.DateField(_("到期提醒日期"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("劳务派遣经营许可")
        verbose_name_plural = _("劳务派遣经营许可")
        ordering = ["-id"]
        permissions = [("decide_dispatchlicence", _("审批、变更、撤销劳务派遣经营许可"))]
        constraints = [
            models.UniqueConstraint(
                fields=["employer"],
                condition=models.Q(status="submitted", kind="new"),
                name="licence_one_pending_new_per_employer",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"{self.employer.name} · {self.get_kind_display()}"


class Grade(models.TextChoices):
    A = "A", _("A级（守法诚信）")
    B = "B", _("B级（基本守法诚信）")
    C = "C", _("C级（不守法诚信）")


class CreditRating(models.Model):
    """An employer's 劳动保障守法诚信等级 for a year. ``computed_grade`` is what the rules gave;
    ``grade`` differs only after a manual adjustment, which a re-run keeps."""

    employer = models.ForeignKey(
        "registry.Employer", verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("评价年度"))
    grade = models.CharField(_("等级"), max_length=1, choices=Grade.choices)
    computed_grade = models.CharField(_("规则计算等级"), max_length=1, choices=Grade.choices)
    reasons = models.JSONField(_("评价理由"), default=list)
    inputs = models.JSONField(_("评价依据数据"), default=dict)
    computed_at = models.DateTimeField(_("计算时间"))
    adjusted = models.BooleanField(_("人工调整"), default=False)
    adjust_reason = models.CharField(_("调整理由"), max_length=300, blank=True)
    adjusted_by = models.ForeignKey(
        "accounts.User", verbose_name=_("调整人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_on = models.DateField(_("公布日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("劳动保障守法诚信等级")
        verbose_name_plural = _("劳动保障守法诚信等级")
        ordering = ["-year", "grade", "employer_id"]
        permissions = [("rate_employers", _("评价用人单位守法诚信等级"))]
        constraints = [models.UniqueConstraint(fields=["employer", "year"], name="rating_one_per_employer_year")]

    def __str__(self) -> str:
        return f"{self.employer.name} {self.year} {self.grade}"


class BlacklistGround(models.TextChoices):
    # 拖欠农民工工资失信联合惩戒对象名单管理暂行办法（人社部令第45号）第五条
    ARREARS = "arrears", _("克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准")
    INCIDENT = "incident", _("因拖欠农民工工资违法行为引发群体性事件、极端事件造成严重不良社会影响")


class BlacklistStatus(models.TextChoices):
    NOTIFIED = "notified", _("已告知拟列入")
    LISTED = "listed", _("已列入")
    WITHDRAWN = "withdrawn", _("不予列入")
    REMOVED_EARLY = "removed_early", _("已提前移出")
    EXPIRED = "expired", _("期满移出")


class BlacklistEntry(models.Model):
    """An employer on (or proposed for) the 拖欠农民工工资失信联合惩戒对象名单."""

    employer = models.ForeignKey(
        "registry.Employer", verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+"
    )
    ground = models.CharField(_("列入事由"), max_length=10, choices=BlacklistGround.choices)
    facts = models.CharField(_("事实"), max_length=300)
    arrears_amount = models.DecimalField(_("拖欠工资数额（元）"), max_digits=12, decimal_places=2)
    order_date = models.DateField(_("责令限期支付日期"))
    status = models.CharField(
        _("状态"), max_length=14, choices=BlacklistStatus.choices, default=BlacklistStatus.NOTIFIED, db_index=True
    )
    notified_on = models.DateField(_("告知日期"))
    listed_on = models.DateField(_("列入日期"), null=True, blank=True)
    ends_on = models.DateField(_("期满移出日期"), null=True, blank=True)
    removal_applied_on = models.DateField(_("申请提前移出日期"), null=True, blank=True)
    removal_application = models.CharField(_("提前移出申请理由"), max_length=300, blank=True)
    removed_on = models.DateField(_("移出日期"), null=True, blank=True)
    removal_note = models.CharField(_("移出说明"), max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        "accounts.User", verbose_name=_("经办人"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        "accounts.User", verbose_name=_("决定人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("拖欠农民工工资失信名单")
        verbose_name_plural = _("拖欠农民工工资失信名单")
        ordering = ["-id"]
        permissions = [("manage_blacklist", _("列入、移出拖欠农民工工资失信名单"))]
        constraints = [
            models.UniqueConstraint(
                fields=["employer"],
                condition=models.Q(status__in=["notified", "listed"]),
                name="blacklist_one_open_per_employer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer.name} · {self.get_status_display()}"
