"""Writes of the labour-contract register: an employer files, renews and ends its own contracts.

Every service takes the acting user, runs in one transaction and writes the audit trail. An employer
acts only on its own employees (a person it employs now, by the registry) and its own contracts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from renshe.accounts.models import Role
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record, diff, snapshot
from renshe.core.identity import normalize_resident_id, parse_resident_id
from renshe.core.money import minimum_wage
from renshe.labour.contracts import rules
from renshe.labour.contracts.models import ContractStatus, ContractType, LabourContract
from renshe.registry.selectors import persons_visible_to


def acting_employer(actor):
    """The employer an employer account speaks for, or ``PermissionDenied``."""
    if getattr(actor, "role", None) != Role.EMPLOYER or not actor.employer_id:
        raise PermissionDenied(_("只有用人单位账号可以办理"))
    return actor.employer


def employee_by_id_number(actor, id_number: str, *, field: str = "id_number"):
    """A person the actor's employer employs now (registry), by identity number; else a ValidationError."""
    try:
        parse_resident_id(id_number or "")
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    person = persons_visible_to(actor).filter(id_number=normalize_resident_id(id_number)).first()
    if person is None:
        raise ValidationError({field: _("该人员不是本单位在职职工（请先办理就业登记）")})
    return person


def wage_floor(employer, start: date, signed_on: date) -> Decimal:
    """The minimum wage in force where the employer is, on the later of start and signing."""
    try:
        return minimum_wage(max(start, signed_on), employer.region_id)
    except ObjectDoesNotExist:
        return Decimal(0)


def _decimal(value, field: str) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("请输入数字")}) from None


def contract_build(
    *,
    employer,
    person,
    contract_type: str,
    start_date: date,
    end_date: date | None,
    probation_months: int,
    position: str,
    monthly_wage,
    platform_ref: str = "",
    signed_on: date,
) -> LabourContract:
    """An unsaved, checked contract (used by the form, the API and the import alike)."""
    wage = _decimal(monthly_wage, "monthly_wage")
    if contract_type not in ContractType.values:
        raise ValidationError({"contract_type": _("合同类型无效")})
    problems = rules.contract_problems(
        contract_type=contract_type,
        start=start_date,
        end=end_date,
        probation_months=int(probation_months or 0),
        monthly_wage=wage,
        minimum_wage=wage_floor(employer, start_date, signed_on),
        signed_on=signed_on,
    )
    if not (position or "").strip():
        problems["position"] = _("请填写工作岗位")
    if problems:
        raise ValidationError(problems)
    return LabourContract(
        employer=employer,
        person=person,
        contract_type=contract_type,
        start_date=start_date,
        end_date=end_date,
        probation_months=int(probation_months or 0),
        position=position.strip()[:60],
        monthly_wage=wage,
        platform_ref=(platform_ref or "").strip()[:64],
        signed_on=signed_on,
    )


def _save_new(contract: LabourContract, actor) -> LabourContract:
    if LabourContract.objects.filter(
        person=contract.person, employer=contract.employer, status=ContractStatus.ACTIVE
    ).exists():
        raise ValidationError({"id_number": _("该职工已有履行中的劳动合同，请办理续订或先解除原合同")})
    contract.created_by = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError:  # a concurrent filing of the same person
        raise ValidationError({"id_number": _("该职工已有履行中的劳动合同，请办理续订或先解除原合同")}) from None
    return contract


@transaction.atomic
def contract_register(*, actor, id_number: str, **terms) -> LabourContract:
    """File one electronic labour contract of an employee of the actor's employer."""
    employer = acting_employer(actor)
    person = employee_by_id_number(actor, id_number)
    contract = _save_new(contract_build(employer=employer, person=person, **terms), actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=contract, changes=diff({}, snapshot(contract)))
    return contract


def _lock_own(actor, contract: LabourContract) -> LabourContract:
    employer = acting_employer(actor)
    locked = (
        LabourContract.objects.select_for_update()
        .select_related("employer", "person")
        .filter(pk=contract.pk, employer=employer)
        .first()
    )
    if locked is None:
        raise PermissionDenied
    return locked


@transaction.atomic
def contract_renew(
    *,
    actor,
    contract: LabourContract,
    contract_type: str,
    end_date: date | None,
    monthly_wage,
    position: str,
    signed_on: date,
    platform_ref: str = "",
) -> LabourContract:
    """Renew (续订) an active fixed-term contract: it becomes ``renewed`` and a new one starts the next day."""
    old = _lock_own(actor, contract)
    if old.status != ContractStatus.ACTIVE:
        raise ValidationError({"contract": _("只有履行中的劳动合同可以续订")})
    if old.end_date is None:
        raise ValidationError({"contract": _("无固定期限劳动合同无需续订")})
    start = date.fromordinal(old.end_date.toordinal() + 1)
    new = contract_build(
        employer=old.employer,
        person=old.person,
        contract_type=contract_type,
        start_date=start,
        end_date=end_date,
        probation_months=0,  # Art. 19: one probation per employer and worker
        position=position,
        monthly_wage=monthly_wage,
        platform_ref=platform_ref,
        signed_on=signed_on,
    )
    before = snapshot(old, ["status"])
    old.status = ContractStatus.RENEWED
    old.save(update_fields=["status"])
    new.renewed_from = old
    new = _save_new(new, actor)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=old, changes=diff(before, snapshot(old, ["status"])))
    audit_record(actor=actor, action=AuditAction.CREATE, obj=new, changes=diff({}, snapshot(new)))
    return new


@transaction.atomic
def contract_terminate(*, actor, contract: LabourContract, terminated_on: date, reason: str) -> LabourContract:
    """End (解除或终止) an active contract on ``terminated_on`` (its last day) with the reason."""
    locked = _lock_own(actor, contract)
    if locked.status != ContractStatus.ACTIVE:
        raise ValidationError({"terminated_on": _("该劳动合同不在履行中")})
    if terminated_on < locked.start_date:
        raise ValidationError({"terminated_on": _("解除或终止日期不能早于合同起始日期")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写解除或终止原因")})
    before = snapshot(locked)
    locked.status = ContractStatus.TERMINATED
    locked.terminated_on = terminated_on
    locked.termination_reason = reason.strip()[:120]
    locked.save(update_fields=["status", "terminated_on", "termination_reason"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=diff(before, snapshot(locked)))
    return locked
