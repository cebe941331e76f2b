"""Job fairs: online, offline and hybrid; booths, sign-up, QR check-in, outcomes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FairTheme(models.TextChoices):
    GENERAL = "general", _("综合招聘会")
    GRADUATES = "graduates", _("高校毕业生专场")
    HOUSEKEEPING = "housekeeping", _("南粤家政专场")
    CHEF = "chef", _("粤菜师傅专场")
    VETERANS = "veterans", _("退役军人专场")
    MIGRANTS = "migrants", _("异地务工人员专场")
    RURAL = "rural", _("乡村振兴专场")
    DISABLED = "disabled", _("残疾人专场")


class FairMode(models.TextChoices):
    ONLINE = "online", _("线上")
    OFFLINE = "offline", _("线下")
    HYBRID = "hybrid", _("线上线下联动")


class JobFair(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("筹备中")
        OPEN = "open", _("报名中")
        CLOSED = "closed", _("已结束")
        CANCELLED = "cancelled", _("已取消")

    title = models.CharField(_("名称"), max_length=80)
    theme = models.CharField(_("主题"), max_length=15, choices=FairTheme.choices, default=FairTheme.GENERAL)
    mode = models.CharField(_("形式"), max_length=10, choices=FairMode.choices)
    region = models.ForeignKey("core.Region", verbose_name=_("举办地"), on_delete=models.PROTECT, related_name="+")
    venue = models.CharField(_("场地"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    booth_count = models.PositiveSmallIntegerField(_("展位数"), default=0)
    description = models.TextField(_("简介"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    organiser = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("招聘会")
        verbose_name_plural = _("招聘会")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="fair_ends_after_start")
        ]
        permissions = [("manage_fairs", _("组织招聘会")), ("check_in_fair", _("招聘会入场核验"))]

    def __str__(self) -> str:
        return self.title


class Booth(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("待审核")
        APPROVED = "approved", _("已确认")
        REJECTED = "rejected", _("未通过")
        CANCELLED = "cancelled", _("已取消")

    fair = models.ForeignKey(JobFair, on_delete=models.PROTECT, related_name="booths")
    employer = models.ForeignKey("registry.Employer", on_delete=models.PROTECT, related_name="booths")
    number = models.CharField(_("展位号"), max_length=10, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    jobs = models.ManyToManyField("employment.Job", verbose_name=_("参展岗位"), blank=True, related_name="booths")
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("展位")
        verbose_name_plural = _("展位")
        ordering = ["fair_id", "number", "id"]
        constraints = [models.UniqueConstraint(fields=["fair", "employer"], name="one_booth_per_employer")]

    def __str__(self) -> str:
        return f"{self.fair} {self.number or '-'} {self.employer}"


class FairRegistration(models.Model):
    """A job seeker's sign-up; ``code`` is what the QR code at the door carries."""

    fair = models.ForeignKey(JobFair, on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="fair_registrations")
    code = models.CharField(_("入场码"), max_length=12, unique=True)
    registered_at = models.DateTimeField(auto_now_add=True, db_index=True)
    checked_in_at = models.DateTimeField(_("入场时间"), null=True, blank=True, db_index=True)
    checked_in_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("招聘会报名")
        verbose_name_plural = _("招聘会报名")
        ordering = ["-registered_at"]
        constraints = [models.UniqueConstraint(fields=["fair", "person"], name="one_registration_per_fair")]

    def __str__(self) -> str:
        return f"{self.fair} {self.code}"


class FairOutcome(models.Model):
    """What an employer records after meeting a person at a fair."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("面试")
        INTENTION = "intention", _("达成就业意向")
        HIRED = "hired", _("录用")

    fair = models.ForeignKey(JobFair, on_delete=models.PROTECT, related_name="outcomes")
    booth = models.ForeignKey(Booth, on_delete=models.PROTECT, related_name="outcomes")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    job = models.ForeignKey("employment.Job", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("结果"), max_length=10, choices=Kind.choices)
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("招聘会成效")
        verbose_name_plural = _("招聘会成效")
        ordering = ["-recorded_at"]
        constraints = [models.UniqueConstraint(fields=["booth", "person", "kind"], name="one_outcome_kind_per_person")]

    def __str__(self) -> str:
        return f"{self.fair} {self.get_kind_display()}"


class FairEvent(models.Model):
    """One step in a fair's life — announced, opened, closed, cancelled, a booth approved or rejected —
    with who took it and why: the fair's timeline (the audit trail holds the same, tamper-evident)."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="events")
    booth = models.ForeignKey(Booth, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("招聘会记录")
        verbose_name_plural = _("招聘会记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.fair} {self.action}"
