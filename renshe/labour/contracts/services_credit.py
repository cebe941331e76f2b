"""The yearly 劳动保障守法诚信等级评价 of employers (A/B/C), its manual adjustment and the publication
of C-rated employers.

The inputs come from the other labour apps through their selectors:
``renshe.labour.inspection.selectors.employer_inspection_record`` and
``renshe.labour.selectors.employer_dispute_record`` (each ``(employer_ids, *, since) -> {id: dict}``),
and from this app's blacklist. When one of those modules is not installed yet, its records count
as empty and the run says so (``missing``), and every rating's ``inputs`` records it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from importlib import import_module

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.scoping import region_prefix, user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record, diff, snapshot
from renshe.labour.contracts import rules
from renshe.labour.contracts.models import CreditRating, Grade
from renshe.labour.contracts.selectors import dangerously_listed_employer_ids
from renshe.registry.models import Employer

RATE = "contracts.rate_employers"
CHUNK = 1000
SOURCES = {
    "inspection": ("renshe.labour.inspection.selectors", "employer_inspection_record"),
    "dispute": ("renshe.labour.selectors", "employer_dispute_record"),
}

Records = dict[int, dict]
Loader = Callable[[list[int], date], Records]


def _loader(name: str) -> Loader | None:
    module_name, function = SOURCES[name]
    try:
        module = import_module(module_name)
    except ImportError:
        return None
    found = getattr(module, function, None)
    if found is None:
        return None
    return lambda ids, since: found(ids, since=since)


def credit_sources() -> dict[str, Loader | None]:
    """The record loaders that are installed now (None for a missing one)."""
    return {name: _loader(name) for name in SOURCES}


def _plain(record: dict) -> dict:
    return {k: (str(v) if not isinstance(v, bool | int | str | type(None)) else v) for k, v in (record or {}).items()}


def credit_rating_run(
    *,
    year: int,
    actor=None,
    inspection: Records | None = None,
    dispute: Records | None = None,
    employer_ids: Iterable[int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Rate every employer (of the actor's region; all for a system run) for ``year``.

    ``inspection`` / ``dispute`` given as dicts are used as they are (tests, imports); otherwise the
    other apps' selectors are asked chunk by chunk. Re-running replaces that year's computed ratings,
    except those adjusted by hand, which keep their grade and reason. Each chunk is one transaction.
    """
    if actor is not None and not actor.has_perm(RATE):
        raise PermissionDenied
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("评价年度无效")})
    since = date(year, 1, 1)
    employers = Employer.objects.order_by("pk")
    if actor is not None:
        prefix = region_prefix(actor)
        if prefix is None:
            raise PermissionDenied
        employers = employers.filter(region__code__startswith=prefix)
    if employer_ids is not None:
        employers = employers.filter(pk__in=list(employer_ids))
    loaders = credit_sources()
    missing = sorted(
        name
        for name, loader in loaders.items()
        if loader is None and (inspection if name == "inspection" else dispute) is None
    )
    ids = list(employers.values_list("pk", flat=True))
    counts = {"rated": 0, "created": 0, "updated": 0, "kept_adjusted": 0, "A": 0, "B": 0, "C": 0}
    now = timezone.now()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        insp = (
            inspection
            if inspection is not None
            else (loaders["inspection"](chunk, since) if loaders["inspection"] else {})
        )
        disp = dispute if dispute is not None else (loaders["dispute"](chunk, since) if loaders["dispute"] else {})
        listed = dangerously_listed_employer_ids(chunk)
        with transaction.atomic():
            existing = {
                r.employer_id: r
                for r in CreditRating.objects.select_for_update().filter(year=year, employer_id__in=chunk)
            }
            new_rows, changed = [], []
            for employer_id in chunk:
                i_rec, d_rec = insp.get(employer_id) or {}, disp.get(employer_id) or {}
                grade, reasons = rules.credit_grade(i_rec, d_rec, blacklisted=employer_id in listed)
                inputs = {"inspection": _plain(i_rec), "dispute": _plain(d_rec), "blacklisted": employer_id in listed}
                if missing:
                    inputs["missing_sources"] = missing
                rating = existing.get(employer_id)
                if rating is None:
                    new_rows.append(
                        CreditRating(
                            employer_id=employer_id,
                            year=year,
                            grade=grade,
                            computed_grade=grade,
                            reasons=reasons,
                            inputs=inputs,
                            computed_at=now,
                        )
                    )
                    counts[grade] += 1
                elif rating.adjusted:
                    counts["kept_adjusted"] += 1
                    counts[rating.grade] += 1
                else:
                    if rating.grade != grade:
                        rating.published_on = None
                    rating.grade = rating.computed_grade = grade
                    rating.reasons, rating.inputs, rating.computed_at = reasons, inputs, now
                    changed.append(rating)
                    counts[grade] += 1
            CreditRating.objects.bulk_create(new_rows)
            CreditRating.objects.bulk_update(
                changed, ["grade", "computed_grade", "reasons", "inputs", "computed_at", "published_on"]
            )
        counts["created"] += len(new_rows)
        counts["updated"] += len(changed)
        counts["rated"] += len(chunk)
        if progress:
            progress(f"{counts['rated']}/{len(ids)}")
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="contracts.creditrating",
            object_id=str(year),
            object_repr=f"credit rating run {year}",
            changes={**counts, "missing_sources": missing},
        )
    return {**counts, "missing": missing}


@transaction.atomic
def credit_rating_adjust(*, actor, rating: CreditRating, grade: str, reason: str) -> CreditRating:
    """Set a grade by hand with the reason (audited); later runs keep it."""
    if not actor.has_perm(RATE):
        raise PermissionDenied
    locked = CreditRating.objects.select_for_update().select_related("employer").get(pk=rating.pk)
    if not user_can_see_region(actor, locked.employer.region_id):
        raise PermissionDenied
    if grade not in Grade.values:
        raise ValidationError({"grade": _("等级无效")})
    if len((reason or "").strip()) < 4:
        raise ValidationError({"reason": _("请写明调整理由")})
    before = snapshot(locked)
    if locked.grade != grade:
        locked.published_on = None
    locked.grade = grade
    locked.adjusted = True
    locked.adjust_reason = reason.strip()[:300]
    locked.adjusted_by = actor
    locked.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=diff(before, snapshot(locked)))
    return locked


@transaction.atomic
def credit_ratings_publish(*, actor, year: int, today: date | None = None) -> int:
    """Publish the C-rated employers of ``year`` in the actor's region (public page)."""
    if not actor.has_perm(RATE):
        raise PermissionDenied
    prefix = region_prefix(actor)
    if prefix is None:
        raise PermissionDenied
    today = today or timezone.localdate()
    rows = list(
        CreditRating.objects.select_for_update()
        .filter(year=year, grade="C", published_on__isnull=True, employer__region__code__startswith=prefix)
        .select_related("employer")
    )
    for rating in rows:
        rating.published_on = today
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=rating, changes={"published_on": [None, today]})
    CreditRating.objects.bulk_update(rows, ["published_on"])
    return len(rows)
