"""Job seekers, job postings, applications and recommendations (人岗匹配)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Hours(models.TextChoices):
    FULL_TIME = "full_time", _("全职")
    PART_TIME = "part_time", _("兼职/非全日制")
    ANY = "any", _("均可")


class JobSeeker(models.Model):
    """A person's job-seeking profile (求职登记): wishes, skills, availability, and consent.

    Employers see a seeker only when ``visible_to_employers`` is set (the seeker's own consent).
    ``match_tokens`` holds the jieba tokens of the profile, recomputed by the service on every save.
    """

    class Status(models.TextChoices):
        SEEKING = "seeking", _("求职中")
        PAUSED = "paused", _("暂停求职")
        EMPLOYED = "employed", _("已就业")

    person = models.OneToOneField("registry.Person", on_delete=models.PROTECT, related_name="job_seeker")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SEEKING, db_index=True)
    visible_to_employers = models.BooleanField(_("同意向用人单位公开求职信息"), default=False)
    desired_occupations = models.ManyToManyField("core.Occupation", verbose_name=_("意向职业"), blank=True)
    desired_regions = models.ManyToManyField("core.Region", verbose_name=_("意向工作地"), blank=True, related_name="+")
    desired_titles = models.CharField(
        _("意向岗位"), max_length=100, blank=True, help_text=_("如：保洁员、粤菜厨师（用顿号或空格分隔）")
    )
    salary_expected = models.PositiveIntegerField(_("期望月薪（元）"), null=True, blank=True)
    hours = models.CharField(_("工作时间"), max_length=10, choices=Hours.choices, default=Hours.ANY)
    available_from = models.DateField(_("可到岗日期"), null=True, blank=True)
    skills = models.TextField(_("技能特长"), blank=True)
    certificates = models.TextField(_("证书"), blank=True)
    summary = models.TextField(_("工作经历与自我介绍"), blank=True)
    match_tokens = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("求职者")
        verbose_name_plural = _("求职者")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return str(self.person)


class JobStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已发布")
    REJECTED = "rejected", _("审核未通过")
    EXPIRED = "expired", _("已过期")
    FILLED = "filled", _("已招满")
    WITHDRAWN = "withdrawn", _("已撤回")


class Job(models.Model):
    """A job posting. Public only once a reviewer approved it (``published``), until it expires."""

    employer = models.ForeignKey(
        "registry.Employer", verbose_name=_("招聘单位"), on_delete=models.PROTECT, related_name="jobs"
    )
    title = models.CharField(_("岗位名称"), max_length=60)
    description = models.TextField(_("岗位描述"))
    occupation = models.ForeignKey(
        "core.Occupation", verbose_name=_("职业"), null=True, blank=True, on_delete=models.PROTECT
    )
    region = models.ForeignKey("core.Region", verbose_name=_("工作地点"), on_delete=models.PROTECT, related_name="+")
    salary_min = models.PositiveIntegerField(_("月薪下限（元）"))
    salary_max = models.PositiveIntegerField(_("月薪上限（元）"))
    headcount = models.PositiveIntegerField(_("招聘人数"))
    education = models.ForeignKey(
        "core.EducationLevel", verbose_name=_("最低学历"), null=True, blank=True, on_delete=models.PROTECT
    )
    age_min = models.PositiveSmallIntegerField(_("年龄下限"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("年龄上限"), null=True, blank=True)
    hours = models.CharField(_("工作时间"), max_length=10, choices=Hours.choices, default=Hours.FULL_TIME)
    status = models.CharField(
        _("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING, db_index=True
    )
    review_flags = models.JSONField(_("自动审查提示"), default=list, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    share_token = models.CharField(max_length=24, unique=True, editable=False)
    match_tokens = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("招聘岗位")
        verbose_name_plural = _("招聘岗位")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "region"], name="job_status_region_idx"),
            models.Index(fields=["status", "occupation"], name="job_status_occupation_idx"),
            # The public list (newest first) and the matching index's incremental refresh (``matching``).
            models.Index(fields=["status", "-published_at"], name="job_status_published_idx"),
            models.Index(fields=["updated_at"], name="job_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(salary_max__gte=models.F("salary_min")), name="job_salary_range"),
            models.CheckConstraint(condition=models.Q(headcount__gte=1), name="job_headcount_positive"),
        ]
        permissions = [("review_job", _("审核招聘岗位")), ("manage_jobs", _("管理辖区招聘岗位"))]

    def __str__(self) -> str:
        return self.title


class JobEvent(models.Model):
    """One step of a job's life: submitted, flagged, approved, rejected, expired, filled."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.job} {self.action}"


class JobApplication(models.Model):
    """A seeker's application to a job, and what came of it."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("已投递")
        INTERVIEW = "interview", _("面试")
        OFFER = "offer", _("达成意向")
        HIRED = "hired", _("已录用")
        DECLINED = "declined", _("未录用")
        WITHDRAWN = "withdrawn", _("已撤回")

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="applications")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.APPLIED)
    fair = models.ForeignKey(
        "employment.JobFair", null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("求职申请")
        verbose_name_plural = _("求职申请")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["job", "seeker"], name="one_application_per_job")]

    def __str__(self) -> str:
        return f"{self.seeker} → {self.job}"


class Recommendation(models.Model):
    """A job pushed to a person (e.g. from the assistance ledger), with the score and reasons."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="recommendations")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="recommendations")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    source = models.CharField(max_length=20, default="matching")
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-score"]
        constraints = [models.UniqueConstraint(fields=["seeker", "job"], name="one_recommendation_per_job")]

    def __str__(self) -> str:
        return f"{self.job} → {self.seeker} ({self.score:.2f})"
