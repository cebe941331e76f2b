"""Accounts: users, their role, and the organisation unit (and so the region) they work for."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("个人")
    EMPLOYER = "employer", _("单位")
    TRAINING_ORG = "training_org", _("培训机构")
    CLERK = "clerk", _("窗口受理员")
    REVIEWER = "reviewer", _("审核员")
    MEDIATOR = "mediator", _("调解员")
    ARBITRATOR = "arbitrator", _("仲裁员")
    INSPECTOR = "inspector", _("劳动保障监察员")
    STATISTICIAN = "statistician", _("统计员")
    LEADER = "leader", _("领导")
    ADMIN = "admin", _("管理员")
    AUDITOR = "auditor", _("审计员")


PUBLIC_ROLES = frozenset({Role.CITIZEN, Role.EMPLOYER, Role.TRAINING_ORG})
STAFF_ROLES = frozenset(set(Role) - PUBLIC_ROLES)


class OrgUnit(models.Model):
    """An office of the bureau (or a town/village service point) bound to one region."""

    name = models.CharField(_("名称"), max_length=80)
    region = models.ForeignKey(
        "core.Region", verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="org_units"
    )
    parent = models.ForeignKey("self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("组织机构")
        verbose_name_plural = _("组织机构")
        ordering = ["region_id", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="orgunit_unique_name_in_region")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """One account per natural person (等保: unique accounts). Staff have an org unit; the public a record."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("所属单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    # The registry record a citizen or employer account speaks for (set at real-name registration).
    person = models.OneToOneField(
        "registry.Person",
        verbose_name=_("本人档案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account",
    )
    employer = models.ForeignKey(
        "registry.Employer",
        verbose_name=_("所属单位档案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    display_name = models.CharField(_("姓名"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        permissions = [("manage_users", _("管理本辖区账号"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(STAFF_ROLES)) | models.Q(org_unit__isnull=False),
                name="staff_user_has_org_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_public(self) -> bool:
        return self.role in PUBLIC_ROLES

    @property
    def is_bureau_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def region(self):
        return self.org_unit.region if self.org_unit_id else None


class Message(models.Model):
    """The message centre: one in-platform message to one account."""

    recipient = models.ForeignKey(User, verbose_name=_("收件人"), on_delete=models.CASCADE, related_name="messages")
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="message_unread_idx")]

    def __str__(self) -> str:
        return self.title


class SmsOutbox(models.Model):
    """SMS waiting for (or handed to) the gateway. The default sender only logs (see ``renshe.accounts.sms``)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    phone = models.CharField(_("手机号码"), max_length=11)
    text = models.CharField(_("短信内容"), max_length=300)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("短信发件箱")
        verbose_name_plural = _("短信发件箱")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.phone}: {self.text[:20]}"
