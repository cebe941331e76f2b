"""Cases (办件): one application for one service item version, from filing to closure."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    CORRECTION = "correction", _("待补正")
    IN_REVIEW = "in_review", _("审核中")
    SUSPENDED = "suspended", _("已挂起")
    APPROVED = "approved", _("准予办理")
    DENIED = "denied", _("不予批准")
    REJECTED = "rejected", _("不予受理")
    WITHDRAWN = "withdrawn", _("已撤回")
    CLOSED = "closed", _("已办结")


OPEN_STATUSES = frozenset(
    {Status.SUBMITTED, Status.CORRECTION, Status.IN_REVIEW, Status.SUSPENDED, Status.APPROVED, Status.DENIED}
)
FINISHED_STATUSES = frozenset({Status.REJECTED, Status.WITHDRAWN, Status.CLOSED})


class Channel(models.TextChoices):
    WEB = "web", _("网上申请")
    MOBILE = "mobile", _("掌上申请")
    WINDOW = "window", _("窗口代办")
    PHONE = "phone", _("电话申请")


class SlaState(models.TextChoices):
    NORMAL = "normal", _("正常")
    DUE_SOON = "due_soon", _("临期")
    OVERDUE = "overdue", _("超期")
    NONE = "none", _("不计时")


class Bundle(models.Model):
    """One 一件事 application: the cases it spawned share its materials and one timeline."""

    number = models.CharField(_("申请编号"), max_length=24, unique=True)
    bundle = models.ForeignKey("catalog.Bundle", on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("一件事申请")
        verbose_name_plural = _("一件事申请")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.number


class Case(models.Model):
    number = models.CharField(_("办件编号"), max_length=24, unique=True)
    # Printed as a QR code on every notice: opens the public status page, which shows no personal data.
    verify_token = models.CharField(max_length=32, unique=True, editable=False)
    item_version = models.ForeignKey(
        "catalog.ServiceItemVersion", verbose_name=_("事项"), on_delete=models.PROTECT, related_name="+"
    )
    applicant = models.ForeignKey(
        "registry.Person", verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="cases"
    )
    applicant_employer = models.ForeignKey(
        "registry.Employer",
        verbose_name=_("申请单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    region = models.ForeignKey("core.Region", verbose_name=_("办理地"), on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("申请渠道"), max_length=10, choices=Channel.choices)
    bundle = models.ForeignKey(Bundle, null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    form_data = models.JSONField(_("申请信息"), default=dict, blank=True)

    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    review_level = models.PositiveSmallIntegerField(_("当前审核层级"), default=0)
    version = models.PositiveIntegerField(default=1, help_text="bumped by every transition; guards concurrent actions")

    submitted_at = models.DateTimeField(_("申请时间"))
    acceptance_due = models.DateField(_("受理期限"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True, db_index=True)
    due_date = models.DateField(_("承诺办结期限"), null=True, blank=True)
    legal_due_date = models.DateField(_("法定办结期限"), null=True, blank=True)
    suspended_since = models.DateField(_("挂起日期"), null=True, blank=True)
    suspended_working_days = models.PositiveSmallIntegerField(_("累计挂起工作日"), default=0)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True, db_index=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    sla_state = models.CharField(
        _("时限状态"), max_length=10, choices=SlaState.choices, default=SlaState.NORMAL, db_index=True
    )

    deferred_until = models.DateField(_("容缺材料补交期限"), null=True, blank=True)
    deferral_commitment = models.TextField(_("容缺承诺"), blank=True)
    auto_approved = models.BooleanField(_("秒批"), default=False)
    decision_note = models.TextField(_("决定意见"), blank=True)
    handler = models.ForeignKey(
        "accounts.User", verbose_name=_("经办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["region", "status"], name="case_region_status_idx"),
            models.Index(fields=["status", "due_date"], name="case_status_due_idx"),
        ]
        permissions = [
            ("accept_case", _("受理办件")),
            ("review_case", _("审核办件")),
            ("deliver_case", _("送达办理结果")),
            ("apply_on_behalf", _("窗口代为申请")),
            ("view_case_metrics", _("查看办件统计")),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def item(self):
        return self.item_version.item

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Transition(models.Model):
    """One recorded state change: who, when, from, to, comment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原状态"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=Status.choices)
    level = models.PositiveSmallIntegerField(_("审核层级"), default=0)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("办件流转记录")
        verbose_name_plural = _("办件流转记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.from_status}→{self.to_status}"


class MaterialStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    MISSING = "missing", _("缺少")
    DEFERRED = "deferred", _("容缺待补")
    ACCEPTED = "accepted", _("已核验")


class CaseMaterial(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey("catalog.Material", on_delete=models.PROTECT, related_name="+")
    file = models.ForeignKey("core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=MaterialStatus.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["case_id", "material__order", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "material"], name="case_material_unique")]

    def __str__(self) -> str:
        return f"{self.case}: {self.material}"


class Grade(models.IntegerChoices):
    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    BASIC = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


BAD_GRADES = frozenset({Grade.DISSATISFIED, Grade.VERY_DISSATISFIED})


class Rating(models.Model):
    """好差评: one rating of a finished case, of its window and of the staff member who handled it."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="rating")
    grade = models.PositiveSmallIntegerField(_("办件评价"), choices=Grade.choices)
    window_grade = models.PositiveSmallIntegerField(_("窗口评价"), choices=Grade.choices)
    staff_grade = models.PositiveSmallIntegerField(_("工作人员评价"), choices=Grade.choices)
    comment = models.TextField(_("评价内容"), blank=True)
    window = models.ForeignKey("accounts.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    rated_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(_("评价时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("好差评")
        verbose_name_plural = _("好差评")
        ordering = ["-rated_at"]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_grade_display()}"

    @property
    def is_bad(self) -> bool:
        return min(self.grade, self.window_grade, self.staff_grade) in BAD_GRADES


class Rectification(models.Model):
    """A bad rating's follow-up: verify, respond to the applicant, rectify — by a deadline."""

    class Stage(models.TextChoices):
        VERIFY = "verify", _("核实")
        RESPOND = "respond", _("回复")
        RECTIFY = "rectify", _("整改")
        DONE = "done", _("已办结")

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="rectification")
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(_("阶段"), max_length=10, choices=Stage.choices, default=Stage.VERIFY)
    due_date = models.DateField(_("整改期限"))
    finding = models.TextField(_("核实情况"), blank=True)
    response = models.TextField(_("回复内容"), blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    updated_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")
        ordering = ["due_date"]

    def __str__(self) -> str:
        return f"{self.rating.case} {self.get_stage_display()}"


class CaseDocument(models.Model):
    """A generated notice or letter (PDF), kept as issued."""

    class Kind(models.TextChoices):
        ACCEPTANCE = "acceptance", _("受理通知书")
        CORRECTION = "correction", _("一次性告知书")
        REFUSAL = "refusal", _("不予受理决定书")
        DECISION = "decision", _("办理决定书")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书"), max_length=12, choices=Kind.choices)
    case_version = models.PositiveIntegerField(
        help_text="the case's version when issued: one document per kind and version"
    )
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "case_version"], name="case_document_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"
