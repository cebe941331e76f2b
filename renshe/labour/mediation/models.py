"""Labour-dispute mediation (劳动争议调解): the four-level organisations, their cases and what happens to them.

The plan's 四级调解 platform (第九章, 第十一章 第四节): enterprise committees, village/community
organisations, town/street and district/city centres. A case is received by one organisation; if no
agreement is reached within 15 days of receipt the party may apply for arbitration
(劳动争议调解仲裁法 第十四条, ``renshe.labour.rules.mediation_deadline``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renshe.labour import rules


class Level(models.IntegerChoices):
    ENTERPRISE = 1, _("企业")
    VILLAGE = 2, _("村/社区")
    TOWN = 3, _("镇/街道")
    DISTRICT = 4, _("县区/市")


class Organisation(models.Model):
    """A mediation organisation bound to a region: a town for the first three levels (village and
    community codes are not in the reference data, so a village organisation names its community and
    is bound to its town), a county or the city for the top level."""

    name = models.CharField(_("调解组织名称"), max_length=80, unique=True)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    region = models.ForeignKey("core.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    community = models.CharField(_("村/社区"), max_length=40, blank=True)
    employer = models.ForeignKey(
        "registry.Employer",
        verbose_name=_("所属企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("地址"), max_length=120, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    mediators = models.ManyToManyField(
        "accounts.User", verbose_name=_("调解员"), blank=True, related_name="mediation_organisations"
    )
    active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("调解组织")
        verbose_name_plural = _("调解组织")
        ordering = ["-level", "region_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(level=1) | models.Q(employer__isnull=False),
                name="mediation_enterprise_org_has_employer",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    PENDING = "pending", _("待受理")
    MEDIATING = "mediating", _("调解中")
    AGREED = "agreed", _("达成协议")
    FAILED = "failed", _("调解不成")
    EXPIRED = "expired", _("逾期未达成协议")
    WITHDRAWN = "withdrawn", _("已撤回")
    REFUSED = "refused", _("不予受理")
    REFERRED = "referred", _("已转仲裁")


OPEN_STATUSES = frozenset({Status.PENDING, Status.MEDIATING})
# Concluded by mediation (the success rate's denominator): an agreement, a failure, 15 days without one.
MEDIATED_OUTCOMES = ("agreement", "failure", "expired")


class Outcome(models.TextChoices):
    AGREEMENT = "agreement", _("达成调解协议")
    FAILURE = "failure", _("调解不成")
    EXPIRED = "expired", _("逾期未达成协议")
    WITHDRAWAL = "withdrawal", _("撤回调解申请")
    REFUSAL = "refusal", _("不予受理")


class Channel(models.TextChoices):
    MOBILE = "mobile", _("掌上申请")
    WALK_IN = "walk_in", _("来访登记")
    PHONE = "phone", _("电话登记")


class Performance(models.TextChoices):
    PENDING = "", _("待履行")
    PERFORMED = "performed", _("已履行")
    NOT_PERFORMED = "not_performed", _("未履行")


class ClaimKind(models.TextChoices):
    WAGES = "wages", _("拖欠工资")
    OVERTIME = "overtime", _("加班费")
    WORK_INJURY_MEDICAL = "work_injury_medical", _("工伤医疗费")
    ECONOMIC_COMPENSATION = "economic_compensation", _("经济补偿")
    DAMAGES = "damages", _("赔偿金")
    WORKING_TIME = "working_time", _("工作时间")
    REST_LEAVE = "rest_leave", _("休息休假")
    SOCIAL_INSURANCE_STANDARD = "social_insurance_standard", _("社会保险")
    OTHER = "other", _("其他")


assert set(ClaimKind.values) == set(rules.CLAIM_KINDS), "claim kinds must follow renshe.labour.rules"


class MediationCase(models.Model):
    number = models.CharField(_("案件编号"), max_length=24, unique=True)
    applicant = models.ForeignKey(
        "registry.Person", verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="mediation_cases"
    )
    respondent_employer = models.ForeignKey(
        "registry.Employer",
        verbose_name=_("被申请单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    respondent_name = models.CharField(_("被申请单位名称"), max_length=100)
    respondent_address = models.CharField(_("被申请单位地址"), max_length=120, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("受理调解组织"), on_delete=models.PROTECT, related_name="cases"
    )
    # The organisation's region, copied so scoping is one indexed prefix test.
    region = models.ForeignKey("core.Region", verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("申请渠道"), max_length=10, choices=Channel.choices)
    facts = models.TextField(_("事实与理由"), max_length=2000)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PENDING)
    outcome = models.CharField(_("调解结果"), max_length=12, choices=Outcome.choices, blank=True)
    applied_on = models.DateField(_("申请日期"))
    received_on = models.DateField(_("受理日期"), null=True, blank=True)
    deadline = models.DateField(_("调解期限"), null=True, blank=True)
    concluded_on = models.DateField(_("结案日期"), null=True, blank=True)
    overdue_notified_on = models.DateField(_("逾期提醒日期"), null=True, blank=True)
    agreement_text = models.TextField(_("协议内容"), blank=True)
    performance_deadline = models.DateField(_("履行期限"), null=True, blank=True)
    performance = models.CharField(
        _("履行情况"), max_length=14, choices=Performance.choices, default=Performance.PENDING, blank=True
    )
    referred_on = models.DateField(_("转仲裁日期"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("调解案件")
        verbose_name_plural = _("调解案件")
        ordering = ["-id"]
        permissions = [
            ("mediate_case", _("办理劳动争议调解案件")),
            ("view_mediation_stats", _("查看调解统计")),
            ("manage_mediation_organisations", _("管理调解组织")),
        ]
        indexes = [
            models.Index(fields=["region", "status"], name="mediation_region_status_idx"),
            models.Index(fields=["status", "deadline"], name="mediation_status_deadline_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class DisputeItem(models.Model):
    """One claim (要素式, the same kinds as arbitration) and, once agreed, what the parties agreed."""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("请求类别"), max_length=30, choices=ClaimKind.choices)
    amount = models.DecimalField(_("请求金额（元）"), max_digits=12, decimal_places=2, default=0)
    facts = models.CharField(_("请求事项说明"), max_length=500, blank=True)
    # 要素式: a wage or overtime claim names the period it is for (as arbitration does).
    period_from = models.DateField(_("起始日期"), null=True, blank=True)
    period_to = models.DateField(_("截止日期"), null=True, blank=True)
    agreed_amount = models.DecimalField(_("协议金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    agreed_terms = models.CharField(_("协议内容"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("争议事项")
        verbose_name_plural = _("争议事项")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="mediation_item_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Session(models.Model):
    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("调解日期"))
    place = models.CharField(_("调解地点"), max_length=120)
    mediator = models.ForeignKey("accounts.User", verbose_name=_("调解员"), on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("调解记录"), max_length=4000)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"


class Transition(models.Model):
    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=24)
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    actor = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    comment = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.action}"

    @property
    def action_label(self) -> str:
        from renshe.labour.mediation.workflow import ACTIONS

        spec = ACTIONS.get(self.action)
        return str(spec.label) if spec else str(_("提交调解申请"))


class Referral(models.Model):
    """A referral to arbitration (调解不成/逾期转仲裁) with the claims carried over. ``arbitration_ref``
    is the arbitration app's case number when its service took it; empty while it waits (待转仲裁)."""

    class State(models.TextChoices):
        WAITING = "waiting", _("待转仲裁")
        SENT = "sent", _("已转仲裁")

    case = models.OneToOneField(MediationCase, on_delete=models.PROTECT, related_name="referral")
    state = models.CharField(_("状态"), max_length=10, choices=State.choices)
    claims = models.JSONField(_("仲裁请求"), default=list)
    arbitration_ref = models.CharField(_("仲裁案件"), max_length=40, blank=True)
    referred_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("转仲裁记录")
        verbose_name_plural = _("转仲裁记录")

    def __str__(self) -> str:
        return f"{self.case} → {self.arbitration_ref or self.state}"
