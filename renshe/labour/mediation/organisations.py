"""Mediation organisations: which may receive a dispute, and creating or changing one (admin)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renshe.accounts.models import Role
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.models import RegionLevel
from renshe.labour.mediation.models import Level, Organisation

# --- organisations ------------------------------------------------------------------------------------


def organisation_covers(organisation: Organisation, region_code: str) -> bool:
    """A town (or anything below) lies within the organisation's region."""
    return region_code.startswith(organisation.region.scope_prefix)


@transaction.atomic
def organisation_save(
    *,
    actor,
    organisation: Organisation | None = None,
    name: str,
    level: int,
    region,
    community: str = "",
    employer=None,
    address: str = "",
    phone: str = "",
    mediators=(),
    active: bool = True,
) -> Organisation:
    """Create or change an organisation. Enterprise, village and town organisations sit in a town;
    the top level in a county or the city; an enterprise committee belongs to an employer of its town."""
    if actor is not None and not actor.has_perm("mediation.manage_mediation_organisations"):
        raise PermissionDenied(_("您没有管理调解组织的权限"))
    if actor is not None and not user_can_see_region(actor, region.code):
        raise ValidationError({"region": _("该区划不在您的管辖范围内")})
    level = int(level)
    if level not in Level.values:
        raise ValidationError({"level": _("请选择调解组织的层级")})
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = _("请填写调解组织名称")
    if level == Level.DISTRICT and region.level not in (RegionLevel.CITY, RegionLevel.COUNTY):
        errors["region"] = _("县区/市级调解组织须设在县区或市")
    if level != Level.DISTRICT and region.level != RegionLevel.TOWN:
        errors["region"] = _("企业、村/社区、镇/街道调解组织须选择所在镇/街道")
    if level == Level.ENTERPRISE:
        if employer is None:
            errors["employer"] = _("企业劳动争议调解委员会须关联用人单位")
        elif employer.region_id != region.code:
            errors["employer"] = _("该单位不在所选镇/街道")
    elif employer is not None:
        errors["employer"] = _("只有企业调解委员会关联用人单位")
    if level == Level.VILLAGE and not (community or "").strip():
        errors["community"] = _("请填写村/社区名称")
    mediators = list(mediators)
    for user in mediators:
        if user.role != Role.MEDIATOR or not (user.region and region.code.startswith(user.region.scope_prefix[:6])):
            errors["mediators"] = _("%(u)s 不是本辖区的调解员") % {"u": user}
    if errors:
        raise ValidationError(errors)
    creating = organisation is None
    organisation = organisation or Organisation()
    organisation.name = name.strip()
    organisation.level = level
    organisation.region = region
    organisation.community = (community or "").strip()
    organisation.employer = employer
    organisation.address = address
    organisation.phone = phone
    organisation.active = active
    organisation.full_clean(exclude=["mediators"])
    organisation.save()
    organisation.mediators.set(mediators)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=organisation,
        changes={"level": level, "region": region.code, "mediators": [u.pk for u in mediators]},
    )
    return organisation


def organisations_for(*, applicant_region: str, employer=None):
    """The active organisations that may receive a dispute of a person living in ``applicant_region``
    with ``employer``: those covering either town, and the employer's own committee."""
    towns = [applicant_region] + ([employer.region_id] if employer is not None else [])
    result = []
    for org in Organisation.objects.filter(active=True).select_related("region").order_by("level", "name"):
        if org.level == Level.ENTERPRISE:
            if employer is not None and org.employer_id == employer.pk:
                result.append(org)
        elif any(organisation_covers(org, town) for town in towns):
            result.append(org)
    return result


def default_organisation(*, applicant_region: str, employer=None) -> Organisation | None:
    """The town organisation of the employer's town, else of the applicant's town, else the lowest."""
    candidates = organisations_for(applicant_region=applicant_region, employer=employer)
    for town in [employer.region_id if employer is not None else None, applicant_region]:
        for org in candidates:
            if org.level == Level.TOWN and org.region_id == town:
                return org
    return candidates[0] if candidates else None
