"""The service catalogue: 同一事项、同一标准、同一编码.

An item (``ServiceItem``) has a stable code; what it requires lives in numbered versions
(``ServiceItemVersion``). A case points at the version it was filed under, so editing an item
never changes cases already filed. The current version is the highest published number.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    EMPLOYMENT = "employment", _("就业创业")
    SOCIAL_INSURANCE = "social_insurance", _("社会保险")
    CARD = "social_security_card", _("社会保障卡")
    LABOUR = "labour_relations", _("劳动关系")
    TRAINING = "training", _("职业培训")
    TALENT = "talent", _("人才服务")
    PERSONNEL = "personnel", _("人事管理")


class ItemType(models.TextChoices):
    LICENSING = "行政许可", _("行政许可")
    PENALTY = "行政处罚", _("行政处罚")
    COERCION = "行政强制", _("行政强制")
    LEVY = "行政征收", _("行政征收")
    BENEFIT = "行政给付", _("行政给付")
    INSPECTION = "行政检查", _("行政检查")
    CONFIRMATION = "行政确认", _("行政确认")
    AWARD = "行政奖励", _("行政奖励")
    RULING = "行政裁决", _("行政裁决")
    OTHER_POWER = "其他行政权力", _("其他行政权力")
    PUBLIC_SERVICE = "公共服务", _("公共服务")


class ItemKind(models.TextChoices):
    IMMEDIATE = "即办件", _("即办件")
    PROMISED = "承诺件", _("承诺件")


class Channel(models.TextChoices):
    WINDOW = "window", _("窗口办理")
    WEB = "web", _("网上办理")
    MOBILE = "mobile", _("掌上办理")
    PHONE = "phone", _("电话办理")


class ServiceItem(models.Model):
    code = models.CharField(_("事项编码"), max_length=20, unique=True)
    name = models.CharField(_("事项名称"), max_length=80, db_index=True)
    category = models.CharField(_("类别"), max_length=30, choices=Category.choices, db_index=True)
    is_active = models.BooleanField(_("在用"), default=True)
    current_version = models.ForeignKey(
        "catalog.ServiceItemVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("现行版本"),
    )

    class Meta:
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        ordering = ["code"]
        permissions = [("manage_catalog", _("维护政务服务事项"))]

    def __str__(self) -> str:
        return self.name


class ServiceItemVersion(models.Model):
    """Every element of a service guide (DOMAIN.md §3). Never edited once a case uses it."""

    item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    published_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    change_note = models.CharField(_("变更说明"), max_length=200, blank=True)

    item_type = models.CharField(_("事项类型"), max_length=10, choices=ItemType.choices)
    legal_basis = models.TextField(_("设定依据"))
    level = models.CharField(_("实施层级"), max_length=10)
    implementing_body = models.CharField(_("实施主体"), max_length=100)
    service_object = models.CharField(_("服务对象"), max_length=20)
    kind = models.CharField(_("办件类型"), max_length=4, choices=ItemKind.choices)
    conditions = models.TextField(_("受理条件"))
    steps = models.JSONField(
        _("办理流程"), help_text=_('[{"name": "受理", "role": "clerk"}, {"name": "审核", "role": "reviewer"}]')
    )
    legal_limit_days = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"))
    promised_limit_days = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"))
    limit_note = models.CharField(_("时限说明"), max_length=120, blank=True)
    fee = models.DecimalField(_("收费标准（元）"), max_digits=10, decimal_places=2, default=0)
    fee_basis = models.CharField(_("收费依据"), max_length=120, default="不收费")
    result_name = models.CharField(_("办理结果"), max_length=80)
    channels = models.JSONField(_("办理渠道"), default=list)
    handling_office = models.CharField(_("承办科室"), max_length=100)
    place_hours = models.CharField(_("办理地点和时间"), max_length=200)
    visits = models.PositiveSmallIntegerField(_("到现场次数"), default=0)
    online_depth = models.PositiveSmallIntegerField(_("网上办理深度"), default=4)
    contacts = models.CharField(_("咨询电话"), max_length=60, default="12333")
    auto_checks = models.JSONField(_("秒批自动核验"), default=list, blank=True)
    form_fields = models.JSONField(_("申请表字段"), default=list, blank=True)

    class Meta:
        verbose_name = _("事项版本")
        verbose_name_plural = _("事项版本")
        ordering = ["item_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="item_version_unique_number"),
            models.CheckConstraint(
                condition=models.Q(promised_limit_days__lte=models.F("legal_limit_days")),
                name="promised_within_legal_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.name} v{self.number}"

    @property
    def review_steps(self) -> list[dict]:
        """The steps after acceptance: one review level each."""
        return list(self.steps[1:])

    @property
    def review_levels(self) -> int:
        return len(self.steps) - 1

    @property
    def is_instant(self) -> bool:
        return self.kind == ItemKind.IMMEDIATE


class Requirement(models.TextChoices):
    REQUIRED = "required", _("必交")
    OPTIONAL = "optional", _("选交")
    DEFERRABLE = "deferrable", _("可容缺")


class Material(models.Model):
    version = models.ForeignKey(ServiceItemVersion, on_delete=models.CASCADE, related_name="materials")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("材料名称"), max_length=120)
    form = models.CharField(_("材料形式"), max_length=20)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    requirement = models.CharField(_("要求"), max_length=12, choices=Requirement.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["version_id", "order", "id"]

    def __str__(self) -> str:
        return self.name


class Bundle(models.Model):
    """一件事: one application that spawns the cases of several items with shared materials."""

    code = models.CharField(_("编码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    description = models.TextField(_("说明"), blank=True)
    items = models.ManyToManyField(ServiceItem, through="BundleItem", related_name="bundles")
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class BundleItem(models.Model):
    bundle = models.ForeignKey(Bundle, on_delete=models.CASCADE)
    item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["bundle_id", "order"]
        constraints = [models.UniqueConstraint(fields=["bundle", "item"], name="bundle_item_unique")]

    def __str__(self) -> str:
        return f"{self.bundle} · {self.item}"
