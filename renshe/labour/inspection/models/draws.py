"""双随机一公开: inspection plans and their draws. A draw and its targets are append-only."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renshe.audit.models import AppendOnlyError, AppendOnlyQuerySet


class InspectionPlan(models.Model):
    item = models.CharField(_("抽查事项"), max_length=100)
    region = models.ForeignKey("core.Region", verbose_name=_("抽查范围"), on_delete=models.PROTECT, related_name="+")
    industry = models.ForeignKey(
        "core.Industry", verbose_name=_("行业门类"), null=True, blank=True, on_delete=models.PROTECT
    )
    size = models.CharField(_("企业规模"), max_length=10, blank=True)
    ratio = models.DecimalField(_("抽查比例（%）"), max_digits=5, decimal_places=2)
    inspectors_per_target = models.PositiveSmallIntegerField(_("每户监察员人数"), default=2)
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-id"]
        permissions = [("manage_draws", _("制定抽查计划、摇号抽取、公开结果"))]

    def __str__(self) -> str:
        return self.item


class _AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("the draw log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("the draw log is append-only")


class Draw(_AppendOnly):
    """One draw. ``seed`` + ``population_ids`` + ``inspector_pool_ids`` + ``conflicts`` reproduce it."""

    plan = models.OneToOneField(InspectionPlan, on_delete=models.PROTECT, related_name="draw")
    seed = models.CharField(_("随机种子"), max_length=64)
    population_count = models.PositiveIntegerField(_("抽查对象总数"))
    population_hash = models.CharField(_("对象名录摘要"), max_length=64)
    population_ids = models.JSONField(default=list)
    inspector_pool_ids = models.JSONField(default=list)
    conflicts = models.JSONField(default=list)  # [[inspector id, employer id], …] at the time of the draw
    drawn_count = models.PositiveIntegerField(_("抽中户数"))
    drawn_on = models.DateField(_("抽取日期"))
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("抽取记录")
        verbose_name_plural = _("抽取记录")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.plan} {self.drawn_on}"


class DrawTarget(_AppendOnly):
    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="targets")
    position = models.PositiveIntegerField()
    employer = models.ForeignKey("registry.Employer", on_delete=models.PROTECT, related_name="+")
    inspector_ids = models.JSONField(default=list)

    class Meta:
        verbose_name = _("抽中对象")
        verbose_name_plural = _("抽中对象")
        ordering = ["draw_id", "position"]
        constraints = [models.UniqueConstraint(fields=["draw", "position"], name="inspection_draw_target_pos")]

    def __str__(self) -> str:
        return f"{self.draw_id}#{self.position}"


class DrawPublication(models.Model):
    draw = models.OneToOneField(Draw, on_delete=models.PROTECT, related_name="publication")
    published_on = models.DateField(_("公开日期"))
    published_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("抽查结果公开")
        verbose_name_plural = _("抽查结果公开")

    def __str__(self) -> str:
        return str(self.draw)
