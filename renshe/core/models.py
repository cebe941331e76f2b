"""Reference data shared by every module: regions, classifications, calendar, dated amounts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    CITY = 1, _("市")
    COUNTY = 2, _("区/县级市")
    TOWN = 3, _("镇/街道")
    VILLAGE = 4, _("村/社区")


class Region(models.Model):
    """An administrative region (GB/T 2260 and the statistical division codes).

    The primary key is the code itself, so a record's region code is stored without a join and
    region scoping is a prefix test (``scope_prefix``): 440900 → ``4409``, 440902 → ``440902``,
    440902001 → ``440902001``. Regions are never deleted; a merged or renamed one gets ``valid_to``.
    """

    code = models.CharField(_("区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=60)
    level = models.PositiveSmallIntegerField(_("层级"), choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(_("类别"), max_length=10, blank=True, help_text=_("街道、镇、农场等"))
    valid_from = models.DateField(_("启用日期"), null=True, blank=True)
    valid_to = models.DateField(_("停用日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        permissions = [("manage_reference", _("维护基础数据（区划、节假日、最低工资等）"))]
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_prefix(self) -> str:
        """The code prefix shared by this region and everything below it."""
        if self.level == RegionLevel.CITY:
            return self.code[:4]
        return self.code

    @property
    def county_code(self) -> str:
        return self.code[:6]


class Industry(models.Model):
    """GB/T 4754-2017 industry sections (门类) A–T."""

    code = models.CharField(_("代码"), max_length=4, primary_key=True)
    name = models.CharField(_("名称"), max_length=60)

    class Meta:
        verbose_name = _("行业门类")
        verbose_name_plural = _("行业门类")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EducationLevel(models.Model):
    """Education levels (GB/T 4658 top levels), ordered by ``rank`` for “at least” comparisons."""

    code = models.CharField(_("代码"), max_length=4, primary_key=True)
    name = models.CharField(_("名称"), max_length=30)
    rank = models.PositiveSmallIntegerField(_("次序"))

    class Meta:
        verbose_name = _("学历")
        verbose_name_plural = _("学历")
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name


class Occupation(models.Model):
    """The national occupational classification (2022), major groups and medium groups."""

    code = models.CharField(_("代码"), max_length=10, primary_key=True)
    name = models.CharField(_("名称"), max_length=80)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        verbose_name = _("职业分类")
        verbose_name_plural = _("职业分类")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PersonTag(models.Model):
    """Groups the plan cares about (异地务工人员, 高校毕业生, 退役军人, …)."""

    code = models.CharField(_("代码"), max_length=30, primary_key=True)
    name = models.CharField(_("名称"), max_length=30)

    class Meta:
        verbose_name = _("人员标签")
        verbose_name_plural = _("人员标签")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CalendarDay(models.Model):
    """A day of a year's holiday notice entered by an administrator (for years the package lacks)."""

    day = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("是否工作日"))
    note = models.CharField(_("说明"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {'班' if self.is_working_day else '休'}"


class MinimumWage(models.Model):
    """Monthly and hourly minimum wage in force from ``valid_from`` (DOMAIN.md §7)."""

    region_code = models.CharField(_("区划代码"), max_length=12, default="440900")
    valid_from = models.DateField(_("施行日期"))
    monthly = models.DecimalField(_("月最低工资（元）"), max_digits=10, decimal_places=2)
    hourly = models.DecimalField(_("小时最低工资（元）"), max_digits=8, decimal_places=2)
    source = models.CharField(_("依据"), max_length=120)

    class Meta:
        verbose_name = _("最低工资标准")
        verbose_name_plural = _("最低工资标准")
        ordering = ["region_code", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["region_code", "valid_from"], name="minimum_wage_unique_date")]

    def __str__(self) -> str:
        return f"{self.region_code} {self.valid_from} {self.monthly}"


class Parameter(models.Model):
    """A rule parameter that changes with policy (rates, thresholds, day counts), by date.

    DOMAIN.md: every amount, rate and threshold is stored with the date it takes effect, and a
    computation uses the value in force on the relevant date. Read with ``renshe.core.params.param``.
    """

    key = models.CharField(_("参数"), max_length=60)
    valid_from = models.DateField(_("施行日期"))
    value = models.DecimalField(_("取值"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    description = models.CharField(_("说明"), max_length=120)
    source = models.CharField(_("依据"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("业务参数")
        verbose_name_plural = _("业务参数")
        ordering = ["key", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["key", "valid_from"], name="parameter_unique_date")]

    def __str__(self) -> str:
        return f"{self.key}={self.value} ({self.valid_from})"


class StoredFile(models.Model):
    """An uploaded file, kept outside the web root under a random name; served only through a view
    that checks who may see it and audits the download (``renshe.core.files``)."""

    storage_name = models.CharField(max_length=80, unique=True, editable=False)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("上传文件")
        verbose_name_plural = _("上传文件")

    def __str__(self) -> str:
        return self.original_name


class FigureValue(models.Model):
    """One figure of one module for one period and one region: the roll-up the big screen and the plan
    indicators read (``renshe.core.figures``). Recomputed by ``refresh_figures``; live counts are also
    bumped as things happen."""

    key = models.CharField(_("指标键"), max_length=80)
    period = models.CharField(_("期间"), max_length=10, help_text=_("年（2026）、月（2026-03）或 live"))
    region_code = models.CharField(_("区划代码"), max_length=12)
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=4)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("汇总数值")
        verbose_name_plural = _("汇总数值")
        constraints = [
            models.UniqueConstraint(fields=["key", "period", "region_code"], name="figurevalue_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.period} {self.region_code}={self.value}"
