"""The grid (网格化): towns assigned to inspectors, and inspectors' declared relations with employers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GridAssignment(models.Model):
    """One inspector covering one town (a 9-digit region code); a town may have several."""

    town = models.ForeignKey("core.Region", verbose_name=_("镇/街道"), on_delete=models.PROTECT, related_name="+")
    inspector = models.ForeignKey(
        "accounts.User", verbose_name=_("网格监察员"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("网格分配")
        verbose_name_plural = _("网格分配")
        ordering = ["town_id", "inspector_id"]
        constraints = [models.UniqueConstraint(fields=["town", "inspector"], name="inspection_grid_unique")]
        permissions = [("manage_grid", _("维护监察网格与回避关系"))]

    def __str__(self) -> str:
        return f"{self.town_id} {self.inspector}"


class ConflictDeclaration(models.Model):
    """A declared relation between an inspector and an employer: the inspector may not act on it."""

    inspector = models.ForeignKey("accounts.User", verbose_name=_("监察员"), on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(
        "registry.Employer", verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+"
    )
    relation = models.CharField(_("利害关系"), max_length=100)
    declared_on = models.DateField(_("申报日期"))
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("回避关系申报")
        verbose_name_plural = _("回避关系申报")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["inspector", "employer"], name="inspection_conflict_unique")]

    def __str__(self) -> str:
        return f"{self.inspector} ↔ {self.employer}"
