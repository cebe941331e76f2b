"""双随机一公开: inspection plans, the draw, its verification and the publication of results.

The draw is reproducible: ``draw_compute`` is a pure function of the recorded seed, the sorted
population ids, the inspector pool and the conflicts at the time of the draw. ``draw_verify``
re-runs it from the stored record and compares; the draw tables have no update or delete path.
"""

from __future__ import annotations

import hashlib
import math
import random
import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.cases.exceptions import CaseConflict
from renshe.core.models import Industry, Region, RegionLevel
from renshe.labour import rules
from renshe.labour.inspection.models import (
    ConflictDeclaration,
    Draw,
    DrawPublication,
    DrawTarget,
    InspectionPlan,
)
from renshe.registry.models import Employer, EmployerSize

MANAGE = "inspection.manage_draws"


def _authenticated(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _require(actor, region_code: str) -> None:
    if actor is not None:
        if not actor.has_perm(MANAGE):
            raise PermissionDenied(_("您没有组织双随机抽查的权限"))
        if not user_can_see_region(actor, region_code):
            raise PermissionDenied(_("该地区不在您的管辖范围内"))


@transaction.atomic
def plan_create(
    *, actor, item: str, region_code: str, ratio, industry: str = "", size: str = "", inspectors_per_target=2
) -> InspectionPlan:
    errors = {}
    item = (item or "").strip()[:100]
    if not item:
        errors["item"] = _("请填写抽查事项")
    region = Region.objects.filter(pk=(region_code or "").strip(), code__startswith="4409").first()
    if region is None or region.level > RegionLevel.TOWN:
        errors["region"] = _("请选择抽查范围（市、区县或镇街）")
    try:
        ratio = Decimal(str(ratio)).quantize(Decimal("0.01"))
        if not Decimal(0) < ratio <= Decimal(100):
            raise InvalidOperation
    except (InvalidOperation, ValueError, TypeError):
        errors["ratio"] = _("抽查比例应大于0且不超过100（%）")
    industry_obj = None
    if industry:
        industry_obj = Industry.objects.filter(pk=industry).first()
        if industry_obj is None:
            errors["industry"] = _("行业门类无效")
    if size and size not in EmployerSize.values:
        errors["size"] = _("企业规模无效")
    try:
        per_target = int(inspectors_per_target)
        if not rules.INSPECTION_MIN_INSPECTORS <= per_target <= 5:
            raise ValueError
    except (TypeError, ValueError):
        errors["inspectors_per_target"] = _("每户监察员人数应为%(n)d至5人") % {"n": rules.INSPECTION_MIN_INSPECTORS}
    if errors:
        raise ValidationError(errors)
    _require(actor, region.code)
    plan = InspectionPlan.objects.create(
        item=item,
        region=region,
        industry=industry_obj,
        size=size or "",
        ratio=ratio,
        inspectors_per_target=per_target,
        created_by=_authenticated(actor),
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=plan, changes={"ratio": ratio, "region": region.code})
    return plan


def plan_population_ids(plan: InspectionPlan) -> list[int]:
    """The register snapshot the plan draws from: employers matching its filter, sorted by id."""
    qs = Employer.objects.filter(region__code__startswith=plan.region.scope_prefix)
    if plan.industry_id:
        qs = qs.filter(industry_id=plan.industry_id)
    if plan.size:
        qs = qs.filter(size=plan.size)
    return sorted(qs.values_list("pk", flat=True))


def plan_inspector_pool_ids(plan: InspectionPlan) -> list[int]:
    """Active inspectors of the plan's area (or of the county above a town)."""
    prefix = plan.region.scope_prefix if plan.region.level <= RegionLevel.COUNTY else plan.region.code[:6]
    return sorted(
        User.objects.filter(role=Role.INSPECTOR, is_active=True, org_unit__region__code__startswith=prefix).values_list(
            "pk", flat=True
        )
    )


def population_hash(ids: list[int]) -> str:
    return hashlib.sha256(",".join(str(i) for i in sorted(ids)).encode()).hexdigest()


def draw_size(count: int, ratio: Decimal) -> int:
    """How many to draw: ratio % of the population rounded up (at least one)."""
    return min(count, max(1, math.ceil(count * Decimal(ratio) / 100)))


def draw_compute(
    *, seed: str, population_ids: list[int], inspector_pool_ids: list[int], conflicts, ratio, per_target: int
) -> list[tuple[int, list[int]]]:
    """The draw itself, a pure function: [(employer id, [inspector ids]), …] in draw order.
    Employers are drawn from the sorted population; for each, inspectors from the sorted pool
    minus those related to that employer."""
    rng = random.Random(seed)
    population = sorted(population_ids)
    pool = sorted(inspector_pool_ids)
    related: dict[int, set[int]] = {}
    for inspector_id, employer_id in conflicts:
        related.setdefault(employer_id, set()).add(inspector_id)
    drawn = rng.sample(population, draw_size(len(population), Decimal(str(ratio))))
    result = []
    for employer_id in drawn:
        eligible = [i for i in pool if i not in related.get(employer_id, set())]
        if len(eligible) < per_target:
            raise ValidationError(
                {"inspectors": _("可抽取的监察员不足%(n)d人（已排除须回避的人员）") % {"n": per_target}}
            )
        result.append((employer_id, sorted(rng.sample(eligible, per_target))))
    return result


@transaction.atomic
def draw_run(*, actor, plan: InspectionPlan) -> Draw:
    """Draw once for a plan: a fresh seed from ``secrets``, recorded with the population."""
    plan = InspectionPlan.objects.select_for_update().select_related("region").get(pk=plan.pk)
    _require(actor, plan.region_id)
    if Draw.objects.filter(plan=plan).exists():
        raise CaseConflict(_("该计划已抽取，抽取结果不可更改"))
    population = plan_population_ids(plan)
    if not population:
        raise ValidationError({"population": _("抽查范围内没有符合条件的用人单位")})
    pool = plan_inspector_pool_ids(plan)
    conflicts = sorted(
        [i, e]
        for i, e in ConflictDeclaration.objects.filter(inspector_id__in=pool, employer_id__in=population).values_list(
            "inspector_id", "employer_id"
        )
    )
    seed = secrets.token_hex(16)
    result = draw_compute(
        seed=seed,
        population_ids=population,
        inspector_pool_ids=pool,
        conflicts=conflicts,
        ratio=plan.ratio,
        per_target=plan.inspectors_per_target,
    )
    today = timezone.localdate()
    draw = Draw.objects.create(
        plan=plan,
        seed=seed,
        population_count=len(population),
        population_hash=population_hash(population),
        population_ids=population,
        inspector_pool_ids=pool,
        conflicts=conflicts,
        drawn_count=len(result),
        drawn_on=today,
        drawn_by=_authenticated(actor),
    )
    DrawTarget.objects.bulk_create(
        DrawTarget(draw=draw, position=n, employer_id=e, inspector_ids=ids) for n, (e, ids) in enumerate(result, 1)
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=draw,
        changes={"seed": seed, "population": len(population), "hash": draw.population_hash, "drawn": len(result)},
    )
    return draw


def draw_verify(draw: Draw) -> bool:
    """Re-run the draw from its record: the same seed and population give the same targets."""
    if population_hash(draw.population_ids) != draw.population_hash or len(draw.population_ids) != (
        draw.population_count
    ):
        return False
    again = draw_compute(
        seed=draw.seed,
        population_ids=draw.population_ids,
        inspector_pool_ids=draw.inspector_pool_ids,
        conflicts=[tuple(c) for c in draw.conflicts],
        ratio=draw.plan.ratio,
        per_target=draw.plan.inspectors_per_target,
    )
    recorded = [(t.employer_id, list(t.inspector_ids)) for t in draw.targets.order_by("position")]
    return again == recorded


def draw_publication_due(draw: Draw):
    return rules.draw_publication_deadline(draw.drawn_on)


@transaction.atomic
def draw_open_cases(*, actor, draw: Draw) -> int:
    """Open one case per drawn employer (source "draw"); idempotent. Returns how many exist."""
    from renshe.labour.inspection.services import inspection_case_open

    _require(actor, draw.plan.region_id)
    n = 0
    for target in draw.targets.select_related("employer"):
        inspection_case_open(
            actor=None,
            employer=target.employer,
            summary=_("双随机抽查：%(item)s") % {"item": draw.plan.item},
            source="draw",
            source_ref=f"{draw.pk}-{target.position}",
        )
        n += 1
    return n


@transaction.atomic
def draw_publish(*, actor, draw: Draw) -> DrawPublication:
    """Publish the results on the public page (employer names and outcomes, no personal data)."""
    _require(actor, draw.plan.region_id)
    publication, created = DrawPublication.objects.get_or_create(
        draw=draw, defaults={"published_on": timezone.localdate(), "published_by": _authenticated(actor)}
    )
    if created:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=draw, changes={"published": True})
    return publication
