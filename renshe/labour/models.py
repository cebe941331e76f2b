"""Data of the labour app: labour-dispute arbitration (劳动人事争议仲裁).

One ``ArbitrationCase`` per application, its 要素式 claims (``Claim``), the tribunal
(``TribunalMember``, ``Recusal``), hearings in rooms (``HearingRoom``, ``Hearing``), every state change
(``ArbitrationTransition``) and the documents issued (``ArbitrationDocument``). Mediation, inspection,
wages and contracts are sub-apps with their own models.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimKind(models.TextChoices):
    """Exactly ``renshe.labour.rules.CLAIM_KINDS`` (a test checks they agree)."""

    WAGES = "wages", _("劳动报酬（工资）")
    OVERTIME = "overtime", _("加班费")
    WORK_INJURY_MEDICAL = "work_injury_medical", _("工伤医疗费")
    ECONOMIC_COMPENSATION = "economic_compensation", _("经济补偿")
    DAMAGES = "damages", _("赔偿金")
    WORKING_TIME = "working_time", _("工作时间")
    REST_LEAVE = "rest_leave", _("休息休假")
    SOCIAL_INSURANCE_STANDARD = "social_insurance_standard", _("社会保险")
    OTHER = "other", _("其他")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    SCHEDULED = "scheduled", _("已排期")
    SUSPENDED = "suspended", _("中止审理")
    AWARDED = "awarded", _("已裁决")
    MEDIATED = "mediated", _("已调解")
    REFUSED = "refused", _("不予受理")
    WITHDRAWN = "withdrawn", _("已撤回")
    CLOSED = "closed", _("已归档")


# Open: the award deadline runs (or the acceptance deadline, before acceptance).
OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.SCHEDULED, Status.SUSPENDED})
# In the commission's hands after acceptance, until an award, a mediation, a withdrawal.
PENDING_STATUSES = frozenset({Status.ACCEPTED, Status.SCHEDULED, Status.SUSPENDED})
# Closed for the closure rate (结案): decided by award or mediation, or withdrawn after acceptance.
CONCLUDED_STATUSES = frozenset({Status.AWARDED, Status.MEDIATED, Status.WITHDRAWN, Status.CLOSED})


class Channel(models.TextChoices):
    MOBILE = "mobile", _("掌上申请")
    WEB = "web", _("网上申请")
    WINDOW = "window", _("窗口录入")
    MEDIATION = "mediation", _("调解不成转仲裁")


class ArbitrationCase(models.Model):
    number = models.CharField(_("案号"), max_length=24, unique=True)
    applicant = models.ForeignKey(
        "registry.Person", verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="arbitration_cases"
    )
    respondent_employer = models.ForeignKey(
        "registry.Employer",
        verbose_name=_("被申请单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="arbitration_cases",
    )
    respondent_name = models.CharField(_("被申请人名称"), max_length=100)
    respondent_address = models.CharField(_("被申请人地址"), max_length=120, blank=True)
    region = models.ForeignKey("core.Region", verbose_name=_("管辖地"), on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("申请渠道"), max_length=10, choices=Channel.choices)
    source_reference = models.CharField(_("来源编号"), max_length=40, blank=True)

    facts = models.TextField(_("事实与理由"), blank=True)
    migrant_worker = models.BooleanField(_("农民工"), default=False)
    workers = models.PositiveIntegerField(_("劳动者人数"), default=1)
    knew_on = models.DateField(_("知道权利被侵害之日"))
    employment_ended = models.BooleanField(_("劳动关系已解除或终止"), default=False)
    employment_ended_on = models.DateField(_("劳动关系终止日期"), null=True, blank=True)

    # Routing, computed from renshe.labour.rules when filed (and shown on every page).
    green_channel = models.BooleanField(_("绿色通道"), default=False, db_index=True)
    collective = models.BooleanField(_("集体争议"), default=False, db_index=True)
    simplified = models.BooleanField(_("简易程序"), default=False)
    final_award = models.BooleanField(_("一裁终局"), default=False)
    time_barred = models.BooleanField(_("超过仲裁时效"), default=False)
    amount_claimed = models.DecimalField(_("请求金额"), max_digits=14, decimal_places=2, default=0)
    amount_awarded = models.DecimalField(_("裁决/调解金额"), max_digits=14, decimal_places=2, default=0)

    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    version = models.PositiveIntegerField(default=1, help_text="bumped by every action; guards concurrent actions")

    received_on = models.DateField(_("收到申请日期"))
    submitted_at = models.DateTimeField(_("申请时间"))
    acceptance_due = models.DateField(_("受理审查期限"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    copy_due = models.DateField(_("送达副本期限"), null=True, blank=True)
    copy_served_on = models.DateField(_("副本送达日期"), null=True, blank=True)
    defence_due = models.DateField(_("答辩期限"), null=True, blank=True)
    defence_received_on = models.DateField(_("答辩日期"), null=True, blank=True)
    defence = models.TextField(_("答辩意见"), blank=True)
    tribunal_notice_due = models.DateField(_("组庭通知期限"), null=True, blank=True)
    tribunal_formed_on = models.DateField(_("组庭日期"), null=True, blank=True)
    award_due = models.DateField(_("审理期限"), null=True, blank=True)
    extended = models.BooleanField(_("已延期"), default=False)
    suspended_since = models.DateField(_("中止日期"), null=True, blank=True)
    suspended_days = models.PositiveIntegerField(_("累计中止天数"), default=0)
    decided_on = models.DateField(_("裁决/调解/决定日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True, db_index=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    decision_note = models.TextField(_("决定意见"), blank=True)
    published = models.BooleanField(_("公开裁决书"), default=False, db_index=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    overdue_notified_on = models.DateField(_("超期提醒日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("仲裁案件")
        verbose_name_plural = _("仲裁案件")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["region", "status"], name="arb_region_status_idx"),
            models.Index(fields=["status", "award_due"], name="arb_status_due_idx"),
        ]
        permissions = [
            ("file_arbitration", _("窗口录入仲裁申请")),
            ("handle_arbitration", _("办理仲裁案件")),
            ("approve_arbitration_extension", _("批准仲裁延期")),
            ("view_arbitration_stats", _("查看仲裁统计")),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Claim(models.Model):
    """One 要素式 item: kind, amount, period, facts; and, once decided, what was upheld."""

    case = models.ForeignKey(ArbitrationCase, on_delete=models.CASCADE, related_name="claims")
    order = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(_("请求类型"), max_length=30, choices=ClaimKind.choices)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2, default=0)
    period_from = models.DateField(_("起始日期"), null=True, blank=True)
    period_to = models.DateField(_("截止日期"), null=True, blank=True)
    facts = models.TextField(_("事实与理由"), blank=True)
    final = models.BooleanField(_("终局裁决事项"), default=False)
    upheld = models.BooleanField(_("支持"), null=True, blank=True)
    awarded_amount = models.DecimalField(_("裁决金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("仲裁请求")
        verbose_name_plural = _("仲裁请求")
        ordering = ["case_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.case} #{self.order} {self.kind}"


class TribunalRole(models.TextChoices):
    SOLE = "sole", _("独任仲裁员")
    CHIEF = "chief", _("首席仲裁员")
    MEMBER = "member", _("仲裁员")


class TribunalMember(models.Model):
    case = models.ForeignKey(ArbitrationCase, on_delete=models.CASCADE, related_name="tribunal")
    arbitrator = models.ForeignKey(
        "accounts.User", verbose_name=_("仲裁员"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("职责"), max_length=10, choices=TribunalRole.choices)
    active = models.BooleanField(_("在庭"), default=True)
    added_on = models.DateField(_("组庭日期"))

    class Meta:
        verbose_name = _("仲裁庭组成人员")
        verbose_name_plural = _("仲裁庭组成人员")
        ordering = ["case_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "arbitrator"], name="arb_tribunal_member_once")]

    def __str__(self) -> str:
        return f"{self.case} {self.arbitrator}"


class Recusal(models.Model):
    """A party's request that an arbitrator withdraw (回避, Art. 33), and the commission's decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("待决定")
        GRANTED = "granted", _("准予回避")
        DENIED = "denied", _("驳回申请")

    case = models.ForeignKey(ArbitrationCase, on_delete=models.CASCADE, related_name="recusals")
    arbitrator = models.ForeignKey(
        "accounts.User", verbose_name=_("仲裁员"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("回避理由"))
    decision = models.CharField(_("决定"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(_("决定理由"), blank=True)
    requested_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("回避申请")
        verbose_name_plural = _("回避申请")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.arbitrator} {self.decision}"


class HearingRoom(models.Model):
    name = models.CharField(_("仲裁庭室"), max_length=40)
    region = models.ForeignKey("core.Region", verbose_name=_("所在地"), on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("地址"), max_length=120, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("仲裁庭室")
        verbose_name_plural = _("仲裁庭室")
        ordering = ["region_id", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="arb_room_unique_name")]

    def __str__(self) -> str:
        return self.name


class Hearing(models.Model):
    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("已排期")
        POSTPONED = "postponed", _("已延期开庭")
        CANCELLED = "cancelled", _("已取消")

    case = models.ForeignKey(ArbitrationCase, on_delete=models.CASCADE, related_name="hearings")
    room = models.ForeignKey(HearingRoom, verbose_name=_("仲裁庭室"), on_delete=models.PROTECT, related_name="hearings")
    starts_at = models.DateTimeField(_("开庭时间"))
    ends_at = models.DateTimeField(_("预计结束"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.SCHEDULED, db_index=True)
    arbitrator_ids = models.JSONField(default=list, help_text="the tribunal when scheduled (clash detection)")
    notice_sent_on = models.DateField(_("开庭通知日期"))
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("开庭排期")
        verbose_name_plural = _("开庭排期")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["room", "state", "starts_at"], name="arb_hearing_room_idx")]

    def __str__(self) -> str:
        return f"{self.case} {self.starts_at:%Y-%m-%d %H:%M}"


class ArbitrationTransition(models.Model):
    """One recorded step: who, when, from, to, comment (steps that keep the state too)."""

    case = models.ForeignKey(ArbitrationCase, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原状态"), max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10, choices=Status.choices)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("仲裁流转记录")
        verbose_name_plural = _("仲裁流转记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.from_status}→{self.to_status}"


class ArbitrationDocument(models.Model):
    class Kind(models.TextChoices):
        ACCEPTANCE = "acceptance", _("受理通知书")
        REFUSAL = "refusal", _("不予受理通知书")
        AWARD = "award", _("仲裁裁决书")
        MEDIATION = "mediation", _("仲裁调解书")

    case = models.ForeignKey(ArbitrationCase, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书"), max_length=12, choices=Kind.choices)
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("仲裁文书")
        verbose_name_plural = _("仲裁文书")
        ordering = ["issued_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="arb_document_once")]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"
