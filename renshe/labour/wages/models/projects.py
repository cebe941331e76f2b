"""Construction projects under wage-payment monitoring: the project, its special wage account, its wage
guarantee deposit, its real-name workers and their attendance (保障农民工工资支付条例 Arts. 26–32)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArrearsRecord(models.TextChoices):
    """The contractor's wage-arrears record, which waives or raises the deposit (DOMAIN.md §6 [M])."""

    CLEAN = "clean", _("近两年无拖欠（可减免）")
    NORMAL = "normal", _("一般")
    ARREARS = "arrears", _("有拖欠记录（提高比例）")


class Project(models.Model):
    """A construction project registered by its general contractor (施工总承包单位)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("在建")
        COMPLETED = "completed", _("已完工")

    employer = models.ForeignKey(
        "registry.Employer", verbose_name=_("施工总承包单位"), on_delete=models.PROTECT, related_name="wage_projects"
    )
    code = models.CharField(_("住建项目编码"), max_length=40, null=True, blank=True, unique=True)
    name = models.CharField(_("项目名称"), max_length=120)
    region = models.ForeignKey("core.Region", verbose_name=_("项目所在地"), on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("项目地址"), max_length=120, blank=True)
    approval_number = models.CharField(_("立项批准文号"), max_length=60, blank=True)
    funding_source = models.CharField(_("资金来源"), max_length=60, blank=True)
    funds_in_place = models.BooleanField(_("建设资金已落实"), default=False)
    permit_number = models.CharField(_("施工许可证号"), max_length=60, blank=True)
    contract_sum = models.DecimalField(_("合同价款（元）"), max_digits=14, decimal_places=2)
    contract_signed_on = models.DateField(_("施工合同签订日期"))
    start_on = models.DateField(_("开工日期"))
    end_on = models.DateField(_("计划竣工日期"))
    pay_day = models.PositiveSmallIntegerField(_("约定每月发薪日"))
    transfer_cycle_days = models.PositiveSmallIntegerField(_("人工费拨付周期（天）"), default=30)
    labour_share = models.DecimalField(_("约定人工费比例（%）"), max_digits=5, decimal_places=2, default=20)
    arrears_record = models.CharField(
        _("欠薪记录"), max_length=10, choices=ArrearsRecord.choices, default=ArrearsRecord.NORMAL
    )
    notice_board = models.BooleanField(_("已设置维权信息告示牌"), default=False)
    notice_board_photo = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("告示牌照片"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    risk_flag = models.BooleanField(_("风险标记"), default=False)
    risk_note = models.CharField(_("风险说明"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("在建工程项目")
        verbose_name_plural = _("在建工程项目")
        ordering = ["-created_at"]
        permissions = [
            ("monitor_wages", _("查看欠薪监控数据")),
            ("handle_wage_warning", _("处置欠薪预警")),
            ("import_bank_file", _("导入银行专户流水")),
            ("manage_partners", _("管理合作方接口")),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(contract_sum__gt=0), name="wages_project_contract_sum_positive"),
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")), name="wages_project_end_after_start"
            ),
            models.CheckConstraint(condition=models.Q(pay_day__gte=1, pay_day__lte=31), name="wages_project_pay_day"),
        ]

    def __str__(self) -> str:
        return self.name


class SpecialAccount(models.Model):
    """农民工工资专用账户 (Art. 26): one per project."""

    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="account")
    bank = models.CharField(_("开户银行"), max_length=60)
    number = models.CharField(_("专用账户账号"), max_length=32, unique=True)
    opened_on = models.DateField(_("开户日期"))

    class Meta:
        verbose_name = _("工资专用账户")
        verbose_name_plural = _("工资专用账户")

    def __str__(self) -> str:
        return f"{self.bank} {self.number}"


class Deposit(models.Model):
    """工资保证金 (Art. 32): cash deposited, or a bank guarantee letter with its expiry."""

    class Kind(models.TextChoices):
        CASH = "cash", _("现金存储")
        GUARANTEE = "guarantee", _("银行保函")

    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="deposit")
    kind = models.CharField(_("形式"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    letter_number = models.CharField(_("保函编号"), max_length=60, blank=True)
    expires_on = models.DateField(_("保函有效期至"), null=True, blank=True)
    lodged_on = models.DateField(_("存储日期"))

    class Meta:
        verbose_name = _("工资保证金")
        verbose_name_plural = _("工资保证金")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="wages_deposit_amount")]

    def __str__(self) -> str:
        return f"{self.project} {self.amount}"


class ProjectWorker(models.Model):
    """A worker on the project under real-name management (Arts. 28–29)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="workers")
    person = models.ForeignKey("registry.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+")
    contract_signed = models.BooleanField(_("已签订劳动合同"), default=False)
    registered = models.BooleanField(_("已实名登记"), default=False)
    bank_name = models.CharField(_("工资卡开户行"), max_length=60, blank=True)
    bank_card = models.CharField(_("工资卡号"), max_length=32, blank=True)
    team = models.CharField(_("班组"), max_length=60, blank=True)
    joined_on = models.DateField(_("进场日期"))
    left_on = models.DateField(_("退场日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("实名制工人")
        verbose_name_plural = _("实名制工人")
        ordering = ["project_id", "team", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="wages_worker_once_per_project")]

    def __str__(self) -> str:
        return f"{self.person.name} @ {self.project}"

    @property
    def masked_card(self) -> str:
        card = self.bank_card
        return f"{card[:6]}{'*' * max(len(card) - 10, 0)}{card[-4:]}" if len(card) > 10 else card


class Attendance(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("手工录入")
        IMPORT = "import", _("文件导入")

    worker = models.ForeignKey(ProjectWorker, on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField(_("日期"))
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        verbose_name = _("考勤")
        verbose_name_plural = _("考勤")
        constraints = [models.UniqueConstraint(fields=["worker", "day"], name="wages_attendance_once_a_day")]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.day}"
