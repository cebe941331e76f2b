"""Writes of 劳务派遣经营许可: an employer applies (new or renewal), staff of its region approve or refuse,
change the recorded items, revoke; a daily job reminds holders before expiry and expires old licences.

Staff act through ``contracts.decide_dispatchlicence`` on licences of their region only; each decision
locks the row and checks its ``version`` so two reviewers acting at once cannot both succeed.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record, diff, snapshot
from renshe.cases.exceptions import CaseConflict
from renshe.core.params import param
from renshe.labour.contracts import rules
from renshe.labour.contracts.models import DispatchLicence, LicenceKind, LicenceStatus
from renshe.labour.contracts.services_contracts import acting_employer

MIN_CAPITAL_KEY = "contracts.dispatch_min_capital"
DECIDE = "contracts.decide_dispatchlicence"


def _amount(value, field: str) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("请输入数字")}) from None


def _check(*, registered_capital, premises_address, premises_area, rules_summary, today: date) -> dict:
    capital = _amount(registered_capital, "registered_capital")
    area = _amount(premises_area, "premises_area")
    problems = rules.licence_problems(
        registered_capital=capital,
        minimum_capital=param(MIN_CAPITAL_KEY, today, 200),
        premises_area=area,
        rules=rules_summary,
    )
    if not (premises_address or "").strip():
        problems["premises_address"] = _("请填写经营场所地址")
    if problems:
        raise ValidationError(problems)
    return {
        "registered_capital": capital,
        "premises_address": premises_address.strip()[:120],
        "premises_area": area,
        "rules_summary": rules_summary.strip()[:2000],
    }


@transaction.atomic
def licence_apply(
    *, actor, registered_capital, premises_address, premises_area, rules_summary, today: date | None = None
) -> DispatchLicence:
    """An employer applies for a new licence (one pending application at a time)."""
    employer = acting_employer(actor)
    today = today or timezone.localdate()
    items = _check(
        registered_capital=registered_capital,
        premises_address=premises_address,
        premises_area=premises_area,
        rules_summary=rules_summary,
        today=today,
    )
    if DispatchLicence.objects.filter(employer=employer, status=LicenceStatus.VALID, valid_until__gte=today).exists():
        raise ValidationError({"registered_capital": _("本单位已持有有效的劳务派遣经营许可证，到期前请申请延续")})
    licence = DispatchLicence(employer=employer, kind=LicenceKind.NEW, applied_by=actor, **items)
    try:
        with transaction.atomic():
            licence.save()
    except IntegrityError:
        raise ValidationError({"registered_capital": _("已有待审批的申请，请等待审批结果")}) from None
    audit_record(actor=actor, action=AuditAction.CREATE, obj=licence, changes=diff({}, snapshot(licence)))
    return licence


@transaction.atomic
def licence_apply_renewal(*, actor, licence: DispatchLicence, today: date | None = None, **items) -> DispatchLicence:
    """Apply to continue a valid licence, inside its renewal window (劳务派遣行政许可实施办法 Art. 18)."""
    employer = acting_employer(actor)
    today = today or timezone.localdate()
    current = DispatchLicence.objects.select_for_update().filter(pk=licence.pk, employer=employer).first()
    if current is None:
        raise PermissionDenied
    if current.status != LicenceStatus.VALID:
        raise ValidationError({"licence": _("只有有效的许可证可以申请延续")})
    opens, closes = rules.renewal_window(current.valid_until)
    if not opens <= today <= closes:
        raise ValidationError(
            {"licence": _("延续申请应在 %(a)s 至 %(b)s 之间提出（有效期届满60日前）") % {"a": opens, "b": closes}}
        )
    if DispatchLicence.objects.filter(renews=current).exclude(status=LicenceStatus.REFUSED).exists():
        raise ValidationError({"licence": _("已提交延续申请")})
    checked = _check(today=today, **items)
    renewal = DispatchLicence(employer=employer, kind=LicenceKind.RENEWAL, renews=current, applied_by=actor, **checked)
    renewal.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=renewal, changes=diff({}, snapshot(renewal)))
    return renewal


def _lock_for_staff(actor, licence: DispatchLicence, version: int | None) -> DispatchLicence:
    if not actor.has_perm(DECIDE):
        raise PermissionDenied
    locked = DispatchLicence.objects.select_for_update(of=("self",)).select_related("employer").get(pk=licence.pk)
    if not user_can_see_region(actor, locked.employer.region_id):
        raise PermissionDenied
    if version is not None and version != locked.version:
        raise CaseConflict(_("该许可已被他人处理，请刷新后重试"))
    return locked


def _notify(licence: DispatchLicence, title: str) -> None:
    link = reverse("contracts:my_licences")
    for user in User.objects.filter(employer_id=licence.employer_id, role=Role.EMPLOYER, is_active=True):
        message_send(recipient=user, title=title, link=link)


def _next_number(today: date) -> str:
    prefix = f"440900{today.year}"
    last = (
        DispatchLicence.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
    ).first()
    serial = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{serial:04d}"


@transaction.atomic
def licence_decide(
    *, actor, licence: DispatchLicence, approve: bool, note: str = "", version: int | None = None, today=None
) -> DispatchLicence:
    """Approve (number, valid 3 years; a renewal continues the old number from the day after it ends)
    or refuse with the reason."""
    today = today or timezone.localdate()
    locked = _lock_for_staff(actor, licence, version)
    if locked.status != LicenceStatus.SUBMITTED:
        raise CaseConflict(_("该申请已审批"))
    if not approve and not (note or "").strip():
        raise ValidationError({"note": _("不予许可应写明理由")})
    before = snapshot(locked)
    if approve:
        if locked.kind == LicenceKind.RENEWAL:
            old = DispatchLicence.objects.select_for_update().get(pk=locked.renews_id)
            locked.number = old.number
            locked.valid_from = max(old.valid_until + timedelta(days=1), today)
            old_before = snapshot(old)
            old.status = LicenceStatus.SUPERSEDED
            old.version += 1
            old.save(update_fields=["status", "version"])
            audit_record(actor=actor, action=AuditAction.UPDATE, obj=old, changes=diff(old_before, snapshot(old)))
        else:
            locked.number = _next_number(today)
            locked.valid_from = today
        locked.valid_until = rules.licence_valid_until(locked.valid_from)
        locked.status = LicenceStatus.VALID
    else:
        locked.status = LicenceStatus.REFUSED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_note = (note or "").strip()[:300]
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=diff(before, snapshot(locked)))
    title = (
        _("劳务派遣经营许可已批准：%(n)s") % {"n": locked.number}
        if approve
        else _("劳务派遣经营许可申请不予许可：%(r)s") % {"r": locked.decision_note}
    )
    _notify(locked, title)
    return locked


@transaction.atomic
def licence_change(*, actor, licence: DispatchLicence, reason: str, version: int | None = None, **items):
    """Record a change of a valid licence's items (变更: capital, premises, rules) with the reason."""
    locked = _lock_for_staff(actor, licence, version)
    if locked.status != LicenceStatus.VALID:
        raise ValidationError({"reason": _("只有有效的许可证可以变更")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写变更事由")})
    checked = _check(today=timezone.localdate(), **items)
    before = snapshot(locked)
    for field, value in checked.items():
        setattr(locked, field, value)
    locked.decision_note = reason.strip()[:300]
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=diff(before, snapshot(locked)))
    return locked


@transaction.atomic
def licence_revoke(*, actor, licence: DispatchLicence, reason: str, version: int | None = None) -> DispatchLicence:
    locked = _lock_for_staff(actor, licence, version)
    if locked.status != LicenceStatus.VALID:
        raise ValidationError({"reason": _("只有有效的许可证可以撤销")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("撤销应写明理由")})
    before = snapshot(locked)
    locked.status = LicenceStatus.REVOKED
    locked.decision_note = reason.strip()[:300]
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=diff(before, snapshot(locked)))
    title = _("劳务派遣经营许可 %(n)s 已被撤销：%(r)s") % {"n": locked.number, "r": locked.decision_note}
    _notify(locked, title)
    return locked


def licences_remind_and_expire(*, today: date | None = None) -> dict[str, int]:
    """Daily: remind holders of licences within ``REMINDER_DAYS`` of expiry (once per licence) and
    mark licences past their last day expired. Safe to run twice: ``reminded_on`` and the status
    are set in the same transaction as the message."""
    today = today or timezone.localdate()
    reminded = expired = 0
    due = DispatchLicence.objects.filter(
        status=LicenceStatus.VALID,
        reminded_on__isnull=True,
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=rules.REMINDER_DAYS),
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            lic = DispatchLicence.objects.select_for_update().select_related("employer").get(pk=pk)
            if lic.reminded_on is not None or lic.status != LicenceStatus.VALID:
                continue
            lic.reminded_on = today
            lic.save(update_fields=["reminded_on"])
            _opens, closes = rules.renewal_window(lic.valid_until)
            title = _("劳务派遣经营许可证 %(n)s 将于 %(d)s 到期，请于 %(c)s 前申请延续") % {
                "n": lic.number,
                "d": lic.valid_until,
                "c": closes,
            }
            audit_record(actor=None, action=AuditAction.UPDATE, obj=lic, changes={"reminded_on": [None, today]})
            _notify(lic, title)
            reminded += 1
    for pk in list(
        DispatchLicence.objects.filter(status=LicenceStatus.VALID, valid_until__lt=today).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            lic = DispatchLicence.objects.select_for_update().get(pk=pk)
            if lic.status != LicenceStatus.VALID:
                continue
            lic.status = LicenceStatus.EXPIRED
            lic.version += 1
            lic.save(update_fields=["status", "version"])
            audit_record(actor=None, action=AuditAction.UPDATE, obj=lic, changes={"status": ["valid", "expired"]})
            expired += 1
    return {"reminded": reminded, "expired": expired}
