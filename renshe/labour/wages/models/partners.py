"""Partners exchanging data through the API (banks, the housing and construction bureau)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

SCOPES = {
    "projects:write": _("推送项目与施工许可"),
    "bank:write": _("推送专户入账与代发"),
}


class Partner(models.Model):
    class Kind(models.TextChoices):
        BANK = "bank", _("银行")
        HOUSING = "housing_construction", _("住房城乡建设部门")

    name = models.CharField(_("名称"), max_length=80, unique=True)
    kind = models.CharField(_("类型"), max_length=24, choices=Kind.choices)
    token_prefix = models.CharField(max_length=8, unique=True)
    token_hash = models.CharField(max_length=64)
    scopes = models.JSONField(_("权限范围"), default=list)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("合作方")
        verbose_name_plural = _("合作方")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    # DRF's IsAuthenticated asks the authenticated "user"
    is_authenticated = True
