"""Writes of the planning app: loading the register, recording a value (a correction is a new version)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.figures import COUNTIES
from renshe.planning.data.indicators import PLAN_END_YEAR, PLAN_START_YEAR, parse_cell, register_rows
from renshe.planning.models import CITY, Indicator, IndicatorValue

ENTER = "planning.enter_indicator_value"
REGIONS = (CITY, *COUNTIES)
# A value more than this many times the target (or the 2020 base) is refused as a likely unit slip.
MAX_TIMES_TARGET = 10


def register_sync() -> dict[str, int]:
    """Create or update every row of the register from the data module; safe to run twice."""
    created = updated = 0
    with transaction.atomic():
        existing = {i.code: i for i in Indicator.objects.all()}
        for row in register_rows():
            target, base = parse_cell(row["target"]), parse_cell(row["base"])
            fields = dict(
                order=row["order"],
                plan=row["plan"],
                ref=row["ref"],
                group=row["group"],
                name=row["name"],
                unit=row["unit"],
                base_text=row["base"],
                target_text=row["target"],
                result_text=row["result"],
                completion_text=row["completion"],
                base_year=row["base_year"],
                target_year=row["target_year"],
                base=base["number"],
                target=target["number"],
                bound=target["bound"],
                cumulative=target["cumulative"],
                annual=row["annual"],
                attribute=row["attribute"],
                owner=row["owner"],
                figure_key=row["figure"],
                figure_scale=Decimal(row["scale"]),
                restates=row["restates"],
                restates_scale=Decimal(row["restates_scale"]),
                monitored=row["monitored"],
                wording=row["wording"],
                note=row["note"],
            )
            current = existing.get(row["code"])
            if current is None:
                Indicator.objects.create(code=row["code"], **fields)
                created += 1
                continue
            changed = [k for k, v in fields.items() if getattr(current, k) != v]
            if changed:
                for k in changed:
                    setattr(current, k, fields[k])
                current.save(update_fields=changed)
                updated += 1
    return {"created": created, "updated": updated}


def value_bounds(indicator: Indicator) -> tuple[Decimal, Decimal | None]:
    """The plausible range of a value of ``indicator`` (docs/planning.md): never negative; a
    percentage 0–100 (0–200 for a completion rate); at most 10× the target or the 2020 base."""
    if indicator.unit == "%":
        return Decimal(0), Decimal(200) if "完成率" in indicator.name else Decimal(100)
    # a cumulative indicator's base is the previous five years' total: only its target counts
    sizes = (indicator.target,) if indicator.cumulative else (indicator.target, indicator.base)
    biggest = max((x for x in sizes if x is not None), default=None)
    return Decimal(0), biggest * MAX_TIMES_TARGET if biggest else None


def _clean(indicator: Indicator, *, year, month, region_code, value, source) -> dict:
    errors: dict[str, str] = {}
    if not indicator.enterable:
        raise ValidationError(
            _("指标 %(c)s 由系统计算或同其他指标，不接受填报") % {"c": indicator.code}
            if indicator.monitored
            else _("指标 %(c)s 为“十三五”历史记录，不接受填报") % {"c": indicator.code}
        )
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = None
    if year is None or not PLAN_START_YEAR <= year <= PLAN_END_YEAR:
        errors["year"] = _("年度须在 %(a)d–%(b)d 年之间（“十四五”规划期）") % {"a": PLAN_START_YEAR, "b": PLAN_END_YEAR}
    try:
        month = int(month or 0)
    except (TypeError, ValueError):
        month = -1
    if not 0 <= month <= 12:
        errors["month"] = _("月份须为 1–12，或留空表示全年")
    if region_code not in REGIONS:
        errors["region_code"] = _("区域须为茂名市或五个区县之一（%(c)s）") % {"c": "、".join(REGIONS)}
    try:
        number = Decimal(str(value).strip().replace(",", ""))
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        number = None
        errors["value"] = _("请输入数字（单位：%(u)s）") % {"u": indicator.unit}
    if number is not None:
        low, high = value_bounds(indicator)
        if number < low:
            errors["value"] = _("数值不能为负数（单位：%(u)s）") % {"u": indicator.unit}
        elif high is not None and number > high:
            if indicator.unit == "%":
                errors["value"] = _("百分比须在 0–%(h)s 之间") % {"h": f"{high:.0f}"}
            else:
                errors["value"] = _("数值 %(v)s%(u)s 超过目标值的 %(n)d 倍，请核对单位（%(u)s）") % {
                    "v": number.normalize(),
                    "u": indicator.unit,
                    "n": MAX_TIMES_TARGET,
                }
        elif number.as_tuple().exponent < -4:
            errors["value"] = _("最多保留 4 位小数")
    if not (source or "").strip():
        errors["source"] = _("请填写数据来源")
    if errors:
        raise ValidationError(errors)
    return {"year": year, "month": month, "region_code": region_code, "value": number}


def value_record(
    *,
    actor,
    indicator: Indicator,
    year,
    value,
    source: str,
    month=0,
    region_code: str = CITY,
    note: str = "",
    reason: str = "",
    evidence=None,
) -> IndicatorValue:
    """Record ``value`` for a period; when the period already has a value, a correction: a new
    version (``reason`` required) supersedes the current one, which is kept. One transaction."""
    if not actor.has_perm(ENTER):
        raise PermissionDenied
    data = _clean(indicator, year=year, month=month, region_code=region_code, value=value, source=source)
    if not user_can_see_region(actor, data["region_code"]):
        raise ValidationError({"region_code": _("您只能填报本辖区的数据")})
    with transaction.atomic():
        previous = (
            IndicatorValue.objects.select_for_update()
            .filter(indicator=indicator, is_current=True, year=data["year"], month=data["month"])
            .filter(region_code=data["region_code"])
            .first()
        )
        if previous is not None and not (reason or "").strip():
            raise ValidationError(
                {
                    "reason": _("%(p)s 已填报 %(v)s，如需更正请填写更正原因")
                    % {"p": previous.period_label, "v": previous.value.normalize()}
                }
            )
        stored = None
        if evidence is not None:
            from renshe.core.files import file_store

            stored = file_store(uploaded=evidence, actor=actor, field="evidence")
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
        row = IndicatorValue.objects.create(
            indicator=indicator,
            year=data["year"],
            month=data["month"],
            region_code=data["region_code"],
            value=data["value"],
            source=source.strip()[:200],
            note=(note or "").strip(),
            reason=(reason or "").strip()[:200] if previous is not None else "",
            evidence=stored,
            version=previous.version + 1 if previous else 1,
            supersedes=previous,
            entered_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE if previous else AuditAction.CREATE,
            obj=row,
            changes={
                "indicator": indicator.code,
                "period": row.period_label,
                "region": row.region_code,
                "value": str(row.value),
                "previous": str(previous.value) if previous else None,
                "reason": row.reason,
                "version": row.version,
            },
        )
    return row
