"""The grid (网格化) and declared conflicts of interest: maintained by leaders and administrators."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.models import Region, RegionLevel
from renshe.labour.inspection.models import ConflictDeclaration, GridAssignment
from renshe.registry.models import Employer

MANAGE = "inspection.manage_grid"


def _authenticated(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _inspector(actor, inspector_id, field="inspector") -> User:
    try:
        inspector = User.objects.select_related("org_unit").get(pk=int(inspector_id), role=Role.INSPECTOR)
    except (User.DoesNotExist, TypeError, ValueError):
        raise ValidationError({field: _("请选择劳动保障监察员")}) from None
    if actor is not None and not (inspector.region and user_can_see_region(actor, inspector.region.code)):
        raise ValidationError({field: _("该监察员不在您的管辖范围内")})
    return inspector


def _require(actor) -> None:
    if actor is not None and not actor.has_perm(MANAGE):
        raise PermissionDenied(_("您没有维护监察网格的权限"))


@transaction.atomic
def grid_assign(*, actor, town_code: str, inspector_id) -> GridAssignment:
    _require(actor)
    town = Region.objects.filter(pk=(town_code or "").strip(), level=RegionLevel.TOWN).first()
    if town is None or len(town.code) != 9:
        raise ValidationError({"town": _("请选择镇/街道（9位区划代码）")})
    if actor is not None and not user_can_see_region(actor, town.code):
        raise ValidationError({"town": _("该镇/街道不在您的管辖范围内")})
    inspector = _inspector(actor, inspector_id)
    if not town.code.startswith(inspector.region.scope_prefix):
        raise ValidationError({"inspector": _("监察员只能负责本辖区的镇/街道")})
    row, created = GridAssignment.objects.get_or_create(
        town=town, inspector=inspector, defaults={"created_by": _authenticated(actor)}
    )
    if created:
        audit_record(actor=actor, action=AuditAction.CREATE, obj=row)
    return row


@transaction.atomic
def grid_unassign(*, actor, assignment_id) -> None:
    _require(actor)
    row = GridAssignment.objects.filter(pk=assignment_id).first()
    if row is None or (actor is not None and not user_can_see_region(actor, row.town_id)):
        raise ValidationError({"assignment": _("网格分配不存在")})
    audit_record(actor=actor, action=AuditAction.DELETE, obj=row)
    row.delete()


@transaction.atomic
def conflict_declare(*, actor, inspector_id, credit_code: str, relation: str) -> ConflictDeclaration:
    """Record that an inspector is related to an employer: they are never drawn or assigned to it."""
    _require(actor)
    inspector = _inspector(actor, inspector_id)
    employer = Employer.objects.filter(credit_code=(credit_code or "").strip().upper()).first()
    if employer is None:
        raise ValidationError({"credit_code": _("未找到该统一社会信用代码的单位")})
    relation = (relation or "").strip()[:100]
    if not relation:
        raise ValidationError({"relation": _("请填写利害关系（如近亲属任职、曾任职等）")})
    row, created = ConflictDeclaration.objects.get_or_create(
        inspector=inspector,
        employer=employer,
        defaults={"relation": relation, "declared_on": timezone.localdate(), "created_by": _authenticated(actor)},
    )
    if created:
        audit_record(actor=actor, action=AuditAction.CREATE, obj=row, changes={"relation": relation})
    return row
