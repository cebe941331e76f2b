"""Unemployment registration and employment assistance (就业援助)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnemploymentRegistration(models.Model):
    """失业登记 (广东省失业保险条例 第十四条), also for non-local workers where they live."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("失业登记有效")
        ENDED = "ended", _("已注销")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="unemployment_registrations")
    region = models.ForeignKey("core.Region", verbose_name=_("登记地"), on_delete=models.PROTECT, related_name="+")
    registered_on = models.DateField(_("登记日期"), db_index=True)
    reason = models.CharField(_("失业原因"), max_length=40)
    last_employer = models.ForeignKey(
        "registry.Employer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_non_local = models.BooleanField(_("异地务工人员在常住地登记"), default=False)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    ended_on = models.DateField(_("注销日期"), null=True, blank=True)
    end_reason = models.CharField(_("注销原因"), max_length=60, blank=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("失业登记")
        verbose_name_plural = _("失业登记")
        ordering = ["-registered_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="active"), name="one_active_unemployment_registration"
            )
        ]
        permissions = [("manage_assistance", _("就业援助经办"))]

    def __str__(self) -> str:
        return f"{self.person} {self.registered_on}"


class DifficultyRecognition(models.Model):
    """就业困难人员认定 (粤人社规〔2023〕11号): which criteria applied, and until when."""

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="difficulty_recognitions")
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    criteria = models.JSONField(_("认定条件"), default=list)
    recognised_on = models.DateField(_("认定日期"))
    ended_on = models.DateField(_("退出日期"), null=True, blank=True)
    end_reason = models.CharField(_("退出原因"), max_length=60, blank=True)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recognised_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("就业困难人员认定")
        verbose_name_plural = _("就业困难人员认定")
        ordering = ["-recognised_on"]

    def __str__(self) -> str:
        return f"{self.person} {self.recognised_on}"


class AssistanceContact(models.Model):
    """One contact in the real-name ledger (联系台账): who, when, how, what was offered."""

    class Channel(models.TextChoices):
        VISIT = "visit", _("上门走访")
        PHONE = "phone", _("电话")
        WINDOW = "window", _("窗口")
        ONLINE = "online", _("线上")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="assistance_contacts")
    contacted_on = models.DateField(_("联系日期"))
    channel = models.CharField(_("方式"), max_length=10, choices=Channel.choices)
    content = models.TextField(_("服务内容"))
    services = models.JSONField(_("提供的服务"), default=list, blank=True)
    staff = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("援助联系记录")
        verbose_name_plural = _("援助联系记录")
        ordering = ["-contacted_on", "-id"]
        indexes = [models.Index(fields=["person", "-contacted_on"], name="contact_person_recent_idx")]

    def __str__(self) -> str:
        return f"{self.person} {self.contacted_on}"


class AssistancePlan(models.Model):
    """An individual assistance plan (一人一策)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("实施中")
        DONE = "done", _("已就业/已完成")
        CLOSED = "closed", _("已关闭")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="assistance_plans")
    goal = models.CharField(_("援助目标"), max_length=120)
    measures = models.JSONField(_("援助措施"), default=list)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_on = models.DateField(_("最近评估日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("援助计划")
        verbose_name_plural = _("援助计划")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person} {self.goal}"


class PublicWelfarePost(models.Model):
    """公益性岗位: a post funded to place people with employment difficulty, with a term limit."""

    title = models.CharField(_("岗位名称"), max_length=60)
    employer = models.ForeignKey(
        "registry.Employer", verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    headcount = models.PositiveSmallIntegerField(_("岗位数"))
    max_term_months = models.PositiveSmallIntegerField(_("最长安置期限（月）"), default=36)
    monthly_subsidy = models.DecimalField(_("岗位补贴（元/月）"), max_digits=8, decimal_places=2, default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("公益性岗位")
        verbose_name_plural = _("公益性岗位")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class PublicWelfarePlacement(models.Model):
    post = models.ForeignKey(PublicWelfarePost, on_delete=models.PROTECT, related_name="placements")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(_("安置日期"))
    term_ends_on = models.DateField(_("期满日期"))
    end_date = models.DateField(_("实际退出日期"), null=True, blank=True)
    end_reason = models.CharField(_("退出原因"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("公益性岗位安置")
        verbose_name_plural = _("公益性岗位安置")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.person} @ {self.post}"


class ZeroEmploymentHousehold(models.Model):
    """零就业家庭: a household of working-age members none of whom is employed; kept at zero."""

    class Status(models.TextChoices):
        OPEN = "open", _("待帮扶")
        CLEARED = "cleared", _("已动态清零")

    household_ref = models.CharField(_("户号"), max_length=40)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField("registry.Person", verbose_name=_("劳动年龄成员"), related_name="+")
    identified_on = models.DateField(_("认定日期"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    cleared_on = models.DateField(_("清零日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("零就业家庭")
        verbose_name_plural = _("零就业家庭")
        ordering = ["status", "-identified_on"]

    def __str__(self) -> str:
        return self.household_ref


class GraduateTracking(models.Model):
    """离校未就业高校毕业生: tracked until placed."""

    class Status(models.TextChoices):
        UNPLACED = "unplaced", _("未就业")
        PLACED = "placed", _("已就业")
        FURTHER_STUDY = "study", _("升学/出国")
        NO_WISH = "no_wish", _("暂无就业意愿")

    person = models.OneToOneField("registry.Person", on_delete=models.PROTECT, related_name="graduate_tracking")
    school = models.CharField(_("毕业院校"), max_length=80)
    major = models.CharField(_("专业"), max_length=60, blank=True)
    graduated_on = models.DateField(_("毕业时间"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.UNPLACED, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("离校未就业高校毕业生")
        verbose_name_plural = _("离校未就业高校毕业生")
        ordering = ["-graduated_on"]

    def __str__(self) -> str:
        return f"{self.person} {self.school}"
