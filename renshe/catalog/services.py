"""Writes to the catalogue: loading the bureau's catalogue and publishing new item versions."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.catalog.models import (
    Bundle,
    BundleItem,
    Category,
    ItemKind,
    ItemType,
    Material,
    Requirement,
    ServiceItem,
    ServiceItemVersion,
)
from renshe.catalog.selectors import current_version

VERSION_FIELDS = (
    "item_type",
    "legal_basis",
    "level",
    "implementing_body",
    "service_object",
    "kind",
    "conditions",
    "steps",
    "legal_limit_days",
    "promised_limit_days",
    "limit_note",
    "fee",
    "fee_basis",
    "result_name",
    "channels",
    "handling_office",
    "place_hours",
    "visits",
    "online_depth",
    "contacts",
    "auto_checks",
    "form_fields",
)
STEP_ROLES = {"clerk", "reviewer", "leader"}


def _version_values(data: dict) -> dict:
    values = {f: data[f] for f in VERSION_FIELDS if f in data}
    values["fee"] = Decimal(str(values.get("fee", "0")))
    return values


def _validate(values: dict, materials: list[dict]) -> None:
    errors = {}
    if values.get("item_type") not in ItemType.values:
        errors["item_type"] = _("事项类型无效")
    if values.get("kind") not in ItemKind.values:
        errors["kind"] = _("办件类型无效")
    steps = values.get("steps") or []
    if not steps or steps[0].get("role") != "clerk" or any(s.get("role") not in STEP_ROLES for s in steps):
        errors["steps"] = _("办理流程须以窗口受理开始，各环节角色须为受理、审核或审批")
    try:
        legal, promised = int(values.get("legal_limit_days")), int(values.get("promised_limit_days"))
    except (TypeError, ValueError):
        errors["legal_limit_days"] = _("时限须为整数工作日")
    else:
        if promised > legal:
            errors["promised_limit_days"] = _("承诺时限（%(p)d）不能超过法定时限（%(l)d）") % {
                "p": promised,
                "l": legal,
            }
        if legal < 0 or promised < 0:
            errors["legal_limit_days"] = _("时限不能为负数")
    if values.get("fee", Decimal(0)) > 0 and values.get("fee_basis", "不收费") in ("", "不收费"):
        errors["fee_basis"] = _("收费须有法定依据（行政许可法第五十八条）")
    for m in materials:
        if m.get("requirement") not in Requirement.values:
            errors["materials"] = _("材料要求无效：%(n)s") % {"n": m.get("name", "?")}
    if errors:
        raise ValidationError(errors)


def _same(version: ServiceItemVersion, values: dict, materials: list[dict]) -> bool:
    for field, value in values.items():
        if getattr(version, field) != value:
            return False
    existing = [(m.name, m.form, m.copies, m.requirement, m.note) for m in version.materials.all()]
    wanted = [(m["name"], m["form"], int(m.get("copies", 1)), m["requirement"], m.get("note", "")) for m in materials]
    return existing == wanted


@transaction.atomic
def item_version_publish(
    *, actor, item: ServiceItem, values: dict, materials: list[dict], change_note: str = ""
) -> ServiceItemVersion:
    """Publish a new version of ``item``. Cases filed under earlier versions keep theirs."""
    if actor is not None and not actor.has_perm("catalog.manage_catalog"):
        raise PermissionDenied(_("您没有维护政务服务事项的权限"))
    previous = current_version(item)
    merged = {f: getattr(previous, f) for f in VERSION_FIELDS} if previous else {}
    merged.update(values)
    _validate(merged, materials)
    number = (previous.number + 1) if previous else 1
    version = ServiceItemVersion.objects.create(
        item=item, number=number, published_by=actor, change_note=change_note[:200], **merged
    )
    for order, m in enumerate(materials):
        Material.objects.create(
            version=version,
            order=order,
            name=m["name"],
            form=m["form"],
            copies=int(m.get("copies", 1)),
            requirement=m["requirement"],
            note=m.get("note", ""),
        )
    item.current_version = version
    item.save(update_fields=["current_version"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=version,
        changes={
            "item": [None, item.code],
            "number": [previous.number if previous else None, number],
            "note": [None, change_note],
        },
    )
    return version


@transaction.atomic
def catalogue_load(*, items: list[dict], bundles: list[dict], actor=None) -> dict[str, int]:
    """Load the bureau's catalogue (renshe/catalog/data/catalogue.py). Idempotent: an unchanged item
    gets no new version; a changed one gets the next version number."""
    counts = {"items": 0, "new_versions": 0, "bundles": 0}
    for data in items:
        if data["category"] not in Category.values:
            raise ValidationError({"category": _("类别无效：%(c)s") % {"c": data["category"]}})
        item, _created = ServiceItem.objects.get_or_create(
            code=data["code"], defaults={"name": data["name"], "category": data["category"]}
        )
        if item.name != data["name"] or item.category != data["category"]:
            item.name, item.category = data["name"], data["category"]
            item.save(update_fields=["name", "category"])
        values = _version_values(data)
        previous = current_version(item)
        counts["items"] += 1
        if previous is not None and _same(previous, values, data["materials"]):
            continue
        item_version_publish(
            actor=actor,
            item=item,
            values=values,
            materials=data["materials"],
            change_note=_("载入事项目录") if previous is None else _("事项目录更新"),
        )
        counts["new_versions"] += 1
    for data in bundles:
        bundle, _created = Bundle.objects.update_or_create(
            code=data["code"], defaults={"name": data["name"], "description": data.get("description", "")}
        )
        BundleItem.objects.filter(bundle=bundle).delete()
        for order, code in enumerate(data["items"]):
            BundleItem.objects.create(bundle=bundle, item=ServiceItem.objects.get(code=code), order=order)
        counts["bundles"] += 1
    return counts
