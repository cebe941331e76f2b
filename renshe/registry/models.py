"""The real-name registry: people, employers, and who works where."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renshe.core.identity import mask_name, mask_phone, mask_resident_id


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class Person(models.Model):
    """A natural person known to the bureau. Birth date and gender are derived from the identity number.

    ``residence_region`` decides who serves the person (the plan serves non-local workers where
    they live), and so which staff see the record.
    """

    name = models.CharField(_("姓名"), max_length=40, db_index=True)
    name_initials = models.CharField(_("姓名拼音首字母"), max_length=40, db_index=True, editable=False)
    id_number = models.CharField(_("身份证号码"), max_length=18, unique=True)
    birth_date = models.DateField(_("出生日期"), editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, editable=False)
    phone = models.CharField(_("手机号码"), max_length=11, blank=True, db_index=True)
    household_region = models.ForeignKey(
        "core.Region",
        verbose_name=_("户籍地（茂名市内）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    household_address = models.CharField(_("户籍地址"), max_length=120, blank=True)
    residence_region = models.ForeignKey(
        "core.Region", verbose_name=_("居住地"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("居住地址"), max_length=120, blank=True)
    education = models.ForeignKey(
        "core.EducationLevel", verbose_name=_("学历"), null=True, blank=True, on_delete=models.PROTECT
    )
    tags = models.ManyToManyField("core.PersonTag", verbose_name=_("人员类别"), blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["-id"]
        permissions = [
            ("reveal_personal_data", _("查看完整身份证号码和手机号码")),
            ("import_registry", _("批量导入人员和单位")),
            ("export_registry", _("导出人员和单位")),
        ]
        indexes = [models.Index(fields=["residence_region", "-id"], name="person_region_recent_idx")]

    def __str__(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id_number(self) -> str:
        return mask_resident_id(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


class EmployerSize(models.TextChoices):
    LARGE = "large", _("大型")
    MEDIUM = "medium", _("中型")
    SMALL = "small", _("小型")
    MICRO = "micro", _("微型")


class Ownership(models.TextChoices):
    STATE = "state", _("国有")
    COLLECTIVE = "collective", _("集体")
    PRIVATE = "private", _("私营")
    FOREIGN = "foreign", _("外商投资")
    HMT = "hmt", _("港澳台投资")
    INDIVIDUAL = "individual", _("个体工商户")
    PUBLIC_INSTITUTION = "public", _("机关事业单位")
    SOCIAL = "social", _("社会组织")
    OTHER = "other", _("其他")


class Employer(models.Model):
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("单位名称"), max_length=100, db_index=True)
    industry = models.ForeignKey("core.Industry", verbose_name=_("行业"), on_delete=models.PROTECT)
    region = models.ForeignKey("core.Region", verbose_name=_("所在地"), on_delete=models.PROTECT, related_name="+")
    size = models.CharField(_("规模"), max_length=10, choices=EmployerSize.choices)
    ownership = models.CharField(_("经济类型"), max_length=12, choices=Ownership.choices)
    address = models.CharField(_("地址"), max_length=120, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=11, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("用人单位")
        verbose_name_plural = _("用人单位")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_contact_phone(self) -> str:
        return mask_phone(self.contact_phone)


class ContractType(models.TextChoices):
    FIXED = "fixed", _("固定期限")
    OPEN_ENDED = "open", _("无固定期限")
    TASK = "task", _("以完成一定工作任务为期限")
    DISPATCH = "dispatch", _("劳务派遣")
    PART_TIME = "part_time", _("非全日制")
    NONE = "none", _("未签订书面合同")


class Employment(models.Model):
    """A person working at an employer from ``start_date`` until ``end_date`` (open while null).

    Rows are never deleted: ending a job sets ``end_date``, so the history stays.
    """

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="employments")
    employer = models.ForeignKey(Employer, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="employments")
    start_date = models.DateField(_("起始日期"))
    end_date = models.DateField(_("终止日期"), null=True, blank=True)
    contract_type = models.CharField(_("合同类型"), max_length=12, choices=ContractType.choices)
    position = models.CharField(_("岗位"), max_length=60, blank=True)
    end_reason = models.CharField(_("终止原因"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("就业关系")
        verbose_name_plural = _("就业关系")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="employment_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "employer"],
                condition=models.Q(end_date__isnull=True),
                name="employment_one_open_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.employer}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class ImportJob(models.Model):
    """One upload of a people or employers file and what became of it (``registry.importing``).

    The uploaded file is kept under ``MEDIA_ROOT/imports`` (``stored_path`` is relative to
    ``MEDIA_ROOT``) so the run can be repeated and its sha256 checked. ``errors`` holds at most
    ``importing.ERROR_CAP`` entries, each ``[row, field, reason, level]``; ``failed`` counts them all,
    and ``errors_truncated`` says when the list was cut. ``error_rows`` keeps the original cell values
    of those rows (by row number) for the downloadable error file.
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("人员")
        EMPLOYER = "employer", _("用人单位")

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("全部成功才导入")
        GOOD_ONLY = "good_only", _("只导入正确的行")

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("导入人"), on_delete=models.PROTECT, related_name="import_jobs"
    )
    kind = models.CharField(_("导入内容"), max_length=10, choices=Kind.choices)
    mode = models.CharField(_("导入方式"), max_length=16, choices=Mode.choices)
    original_name = models.CharField(_("文件名"), max_length=200)
    stored_path = models.CharField(_("存储路径"), max_length=300)
    size = models.BigIntegerField(_("文件大小（字节）"), default=0)
    sha256 = models.CharField(_("文件SHA-256"), max_length=64, db_index=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(_("说明"), blank=True)
    total_rows = models.PositiveIntegerField(_("数据行数"), default=0)
    processed_rows = models.PositiveIntegerField(_("已处理行数"), default=0)
    created_count = models.PositiveIntegerField(_("新增"), default=0)
    skipped_count = models.PositiveIntegerField(_("已存在跳过"), default=0)
    failed_count = models.PositiveIntegerField(_("错误行数"), default=0)
    warned_count = models.PositiveIntegerField(_("已存在且信息不同"), default=0)
    rejected = models.BooleanField(_("因有错误行未导入"), default=False)
    headers = models.JSONField(_("文件表头"), default=list, blank=True)
    errors = models.JSONField(_("错误明细"), default=list, blank=True)
    error_rows = models.JSONField(_("错误行原始内容"), default=dict, blank=True)
    errors_truncated = models.BooleanField(_("错误明细已截断"), default=False)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-id"]
        indexes = [models.Index(fields=["created_by", "-id"], name="importjob_user_recent_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.original_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
