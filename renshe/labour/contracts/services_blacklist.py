"""Writes of the 拖欠农民工工资失信联合惩戒对象名单 (人社部令第45号, 2021).

The steps: staff propose an employer with the grounds and tell it first (告知, with its right to a
statement and defence); after the statement period they list it (3 years) or withdraw; a listed
employer may apply for early removal after one year when the arrears are paid and nothing new
happened; a daily job removes entries at the end of their period. Staff act through
``contracts.manage_blacklist`` on employers of their region only.
"""

from __future__ import annotations

from datetime import date
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
from renshe.labour.contracts.models import BlacklistEntry, BlacklistGround, BlacklistStatus
from renshe.labour.contracts.services_contracts import acting_employer

MANAGE = "contracts.manage_blacklist"
THRESHOLD_KEY = "contracts.blacklist_arrears_threshold"
# The value migration 0002 enters from 2022-01-01; used only if the table has none (a flushed test database).
THRESHOLD_DEFAULT = 30000


def arrears_threshold(on: date) -> Decimal:
    return param(THRESHOLD_KEY, on, THRESHOLD_DEFAULT)


def _notify(entry: BlacklistEntry, title: str, body: str = "") -> None:
    link = reverse("contracts:my_blacklist")
    for user in User.objects.filter(employer_id=entry.employer_id, role=Role.EMPLOYER, is_active=True):
        message_send(recipient=user, title=title, body=body, link=link)


def _require_staff(actor, employer) -> None:
    if not actor.has_perm(MANAGE) or not user_can_see_region(actor, employer.region_id):
        raise PermissionDenied


@transaction.atomic
def blacklist_propose(
    *, actor, employer, ground: str, facts: str, arrears_amount, order_date: date | None, today: date | None = None
) -> BlacklistEntry:
    """Propose listing and send the notice (告知) to the employer: grounds, facts, its rights."""
    _require_staff(actor, employer)
    today = today or timezone.localdate()
    if ground not in BlacklistGround.values:
        raise ValidationError({"ground": _("请选择列入事由")})
    try:
        amount = Decimal(str(arrears_amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"arrears_amount": _("请输入数字")}) from None
    problems = rules.blacklist_problems(
        ground=ground, arrears_amount=amount, threshold=arrears_threshold(today), order_date=order_date, today=today
    )
    if not (facts or "").strip():
        problems["facts"] = _("请写明拖欠工资的事实")
    if problems:
        raise ValidationError(problems)
    entry = BlacklistEntry(
        employer=employer,
        ground=ground,
        facts=facts.strip()[:300],
        arrears_amount=amount,
        order_date=order_date,
        notified_on=today,
        proposed_by=actor,
    )
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise ValidationError({"credit_code": _("该单位已在名单中或已告知拟列入")}) from None
    audit_record(actor=actor, action=AuditAction.CREATE, obj=entry, changes=diff({}, snapshot(entry)))
    ends = rules.statement_period_ends(today)
    title = _("拟列入拖欠农民工工资失信联合惩戒对象名单告知")
    body = _("事由：%(g)s。事实：%(f)s。您可在 %(d)s 前提出陈述、申辩。") % {
        "g": entry.get_ground_display(),
        "f": entry.facts,
        "d": ends,
    }
    _notify(entry, title, body)
    return entry


def _lock(actor, entry: BlacklistEntry, version: int | None) -> BlacklistEntry:
    locked = BlacklistEntry.objects.select_for_update().select_related("employer").get(pk=entry.pk)
    _require_staff(actor, locked.employer)
    if version is not None and version != locked.version:
        raise CaseConflict(_("该记录已被他人处理，请刷新后重试"))
    return locked


def _save(actor, locked: BlacklistEntry, before: dict) -> BlacklistEntry:
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=diff(before, snapshot(locked)))
    return locked


@transaction.atomic
def blacklist_list(*, actor, entry: BlacklistEntry, version: int | None = None, today: date | None = None):
    """Decide to list, once the statement period after the notice has passed; on the list 3 years."""
    today = today or timezone.localdate()
    locked = _lock(actor, entry, version)
    if locked.status != BlacklistStatus.NOTIFIED:
        raise CaseConflict(_("只有已告知的记录可以作出列入决定"))
    if not rules.may_list(locked.notified_on, today):
        raise ValidationError(
            {
                "listed_on": _("陈述、申辩期至 %(d)s，期满后方可作出列入决定")
                % {"d": rules.statement_period_ends(locked.notified_on)}
            }
        )
    before = snapshot(locked)
    locked.status = BlacklistStatus.LISTED
    locked.listed_on = today
    locked.ends_on = rules.listing_ends_on(today)
    locked.decided_by = actor
    _save(actor, locked, before)
    title = _("已列入拖欠农民工工资失信联合惩戒对象名单（%(a)s 至 %(b)s）") % {"a": today, "b": locked.ends_on}
    _notify(locked, title)
    return locked


@transaction.atomic
def blacklist_withdraw(*, actor, entry: BlacklistEntry, reason: str, version: int | None = None):
    """Not listed after all (the statement and defence were accepted, or the wages were paid)."""
    locked = _lock(actor, entry, version)
    if locked.status != BlacklistStatus.NOTIFIED:
        raise CaseConflict(_("只有已告知的记录可以不予列入"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请写明不予列入的理由")})
    before = snapshot(locked)
    locked.status = BlacklistStatus.WITHDRAWN
    locked.removal_note = reason.strip()[:300]
    locked.decided_by = actor
    return _save(actor, locked, before)


@transaction.atomic
def blacklist_apply_removal(*, actor, entry: BlacklistEntry, reason: str, today: date | None = None):
    """The listed employer applies for early removal (after one year)."""
    employer = acting_employer(actor)
    today = today or timezone.localdate()
    locked = BlacklistEntry.objects.select_for_update().filter(pk=entry.pk, employer=employer).first()
    if locked is None:
        raise PermissionDenied
    if locked.status != BlacklistStatus.LISTED:
        raise ValidationError({"reason": _("该记录不在名单中")})
    if today < rules.early_removal_from(locked.listed_on):
        raise ValidationError(
            {
                "reason": _("列入名单满1年后（%(d)s 起）方可申请提前移出")
                % {"d": rules.early_removal_from(locked.listed_on)}
            }
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请写明已改正的情况")})
    before = snapshot(locked)
    locked.removal_applied_on = today
    locked.removal_application = reason.strip()[:300]
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=diff(before, snapshot(locked)))
    return locked


def _arrears_cases_since(employer_id: int, since: date) -> int:
    """Wage-arrears inspection cases against the employer since listing (0 when inspection is absent)."""
    from renshe.labour.contracts.services_credit import credit_sources

    loader = credit_sources()["inspection"]
    if loader is None:
        return 0
    return int((loader([employer_id], since).get(employer_id) or {}).get("arrears_cases") or 0)


@transaction.atomic
def blacklist_remove_early(
    *,
    actor,
    entry: BlacklistEntry,
    arrears_paid: bool,
    new_violations: int,
    note: str = "",
    version: int | None = None,
    today: date | None = None,
):
    """Staff grant early removal on the employer's application: a full year listed, arrears paid, no
    new violation since listing."""
    today = today or timezone.localdate()
    locked = _lock(actor, entry, version)
    if locked.status != BlacklistStatus.LISTED:
        raise CaseConflict(_("该记录不在名单中"))
    if locked.removal_applied_on is None:
        raise ValidationError({"removal": _("提前移出须由单位提出申请")})
    problems = rules.may_remove_early(
        listed_on=locked.listed_on,
        today=today,
        arrears_paid=arrears_paid,
        new_violations=max(new_violations, _arrears_cases_since(locked.employer_id, locked.listed_on)),
    )
    if problems:
        raise ValidationError(problems)
    before = snapshot(locked)
    locked.status = BlacklistStatus.REMOVED_EARLY
    locked.removed_on = today
    locked.removal_note = (note or "").strip()[:300]
    _save(actor, locked, before)
    _notify(locked, _("已提前移出拖欠农民工工资失信联合惩戒对象名单"))
    return locked


def blacklist_expire(*, today: date | None = None) -> dict[str, int]:
    """Daily: entries whose 3 years are over leave the list. Safe to run twice."""
    today = today or timezone.localdate()
    removed = 0
    due = BlacklistEntry.objects.filter(status=BlacklistStatus.LISTED, ends_on__lte=today).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            locked = BlacklistEntry.objects.select_for_update().get(pk=pk)
            if locked.status != BlacklistStatus.LISTED:
                continue
            before = snapshot(locked)
            locked.status = BlacklistStatus.EXPIRED
            locked.removed_on = today
            _save(None, locked, before)
            removed += 1
    return {"removed": removed}
