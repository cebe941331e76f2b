"""Reads about accounts, scoped by who asks."""

from __future__ import annotations

from django.db.models import QuerySet

from renshe.accounts.models import OrgUnit, User
from renshe.accounts.scoping import NOTHING, region_q


def users_visible_to(viewer) -> QuerySet[User]:
    """Staff accounts in the viewer's region, for administrators (``accounts.manage_users``)."""
    if not viewer.has_perm("accounts.manage_users"):
        return User.objects.filter(NOTHING)
    return User.objects.filter(region_q(viewer, "org_unit__region")).select_related("org_unit__region")


def org_units_visible_to(viewer) -> QuerySet[OrgUnit]:
    if not viewer.has_perm("accounts.manage_users"):
        return OrgUnit.objects.filter(NOTHING)
    return OrgUnit.objects.filter(region_q(viewer, "region")).select_related("region").order_by("region_id", "name")
