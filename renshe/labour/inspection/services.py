"""Every write to an inspection case: opening, actions with two inspectors, recusal, orders,
penalties, extension, closure. One transaction each, through the declared ``workflow.CASE_ACTIONS``,
row-locked with the version the actor saw, recorded as a ``CaseTransition`` and audited.

``inspection_case_open`` is the interface other modules call (the wage-warning board with
``source="wage_warning"``): idempotent per (source, source_ref) while the case is open.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.cases.exceptions import CaseConflict
from renshe.core.workdays import add_working_days
from renshe.labour import rules
from renshe.labour.inspection.models import (
    ActionKind,
    CaseSource,
    CaseTransition,
    ConflictDeclaration,
    InspectionAction,
    InspectionCase,
    Penalty,
    RectificationOrder,
    RecusalDecision,
)
from renshe.labour.inspection.models.cases import OPEN_CASE_STATUSES
from renshe.labour.inspection.workflow import CASE_ACTIONS
from renshe.registry.models import Employer

ORDER_DAYS_DEFAULT = 15


def _today() -> date:
    return timezone.localdate()


def _authenticated(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- opening --------------------------------------------------------------------------------------


def inspection_case_open(
    *, actor, employer: Employer, summary: str, source: str, source_ref: str = ""
) -> InspectionCase:
    """Open (立案) an inspection case against ``employer``; a second call with the same
    (source, source_ref) returns the case already open. ``actor`` None: a system job."""
    if source not in CaseSource.values:
        raise ValidationError({"source": _("未知的案件来源 %(s)s") % {"s": source}})
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("请填写案情摘要")})
    source_ref = (source_ref or "").strip()[:40]
    if actor is not None:
        if not actor.has_perm("inspection.act_inspection"):
            raise PermissionDenied(_("您没有立案的权限"))
        if not user_can_see_region(actor, employer.region_id):
            raise ValidationError({"employer": _("该单位不在您的管辖范围内")})
    if source_ref:
        existing = _open_case_for(source, source_ref)
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            return _create_case(actor=actor, employer=employer, summary=summary, source=source, source_ref=source_ref)
    except IntegrityError:
        # Someone opened it at the same moment: the partial unique constraint kept one.
        existing = _open_case_for(source, source_ref) if source_ref else None
        if existing is None:
            raise
        return existing


def _open_case_for(source: str, source_ref: str) -> InspectionCase | None:
    return InspectionCase.objects.filter(source=source, source_ref=source_ref, status__in=OPEN_CASE_STATUSES).first()


def _create_case(*, actor, employer, summary, source, source_ref) -> InspectionCase:
    today = _today()
    case = InspectionCase.objects.create(
        number=f"tmp{secrets.token_hex(8)}",
        employer=employer,
        region_id=employer.region_id,
        summary=summary,
        source=source,
        source_ref=source_ref,
        filed_on=today,
        due_date=rules.inspection_deadline(today),
        wage_arrears=source == CaseSource.WAGE_WARNING,
        opened_by=_authenticated(actor),
    )
    case.number = f"JC{today:%Y%m%d}{case.pk:06d}"
    case.save(update_fields=["number"])
    _record(case, "open", "", case.status, actor, summary)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=case, changes={"source": source, "ref": source_ref})
    return case


# --- the transition frame ---------------------------------------------------------------------------


def _lock(case: InspectionCase, expected_version: int | None) -> InspectionCase:
    locked = InspectionCase.objects.select_for_update().select_related("employer").get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise CaseConflict(
            _("案件 %(n)s 已被他人处理（当前状态：%(s)s），请刷新后重试")
            % {"n": locked.number, "s": locked.get_status_display()}
        )
    return locked


def _begin(case: InspectionCase, action: str, actor, expected_version: int | None, comment: str = ""):
    spec = CASE_ACTIONS[action]
    case = _lock(case, expected_version)
    if actor is not None:
        if not actor.has_perm(spec.perm):
            raise PermissionDenied(_("您没有“%(a)s”的权限") % {"a": spec.label})
        if not user_can_see_region(actor, case.region_id):
            raise PermissionDenied(_("该案件不在您的管辖范围内"))
    if case.status not in spec.sources:
        raise CaseConflict(_("案件当前状态为“%(s)s”，不能%(a)s") % {"s": case.get_status_display(), "a": spec.label})
    if spec.comment_required and not (comment or "").strip():
        raise ValidationError({"comment": _("请填写%(a)s的理由") % {"a": spec.label}})
    return case, spec


def _finish(case: InspectionCase, spec, actor, comment: str = "", changes: dict | None = None) -> InspectionCase:
    from_status = case.status
    if spec.target is not None:
        case.status = spec.target
    case.version += 1
    case.save()
    _record(case, spec.name, from_status, case.status, actor, comment)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=case, changes={"action": spec.name, **(changes or {})})
    return case


def _record(case, action, from_status, to_status, actor, comment="") -> CaseTransition:
    return CaseTransition.objects.create(
        case=case,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=_authenticated(actor),
        comment=(comment or "")[:2000],
    )


# --- inspectors: two at least, no conflict of interest ------------------------------------------------


def conflicted_inspector_ids(employer_id: int) -> set[int]:
    return set(ConflictDeclaration.objects.filter(employer_id=employer_id).values_list("inspector_id", flat=True))


def _check_inspectors(case: InspectionCase, inspector_ids, field: str = "inspectors") -> list[User]:
    try:
        ids = sorted({int(i) for i in inspector_ids or []})
    except (TypeError, ValueError):
        raise ValidationError({field: _("监察员选择无效")}) from None
    if len(ids) < rules.INSPECTION_MIN_INSPECTORS:
        raise ValidationError(
            {
                field: _("检查措施须由至少%(n)d名劳动保障监察员共同进行（劳动保障监察条例第十六条）")
                % {"n": rules.INSPECTION_MIN_INSPECTORS}
            }
        )
    users = list(User.objects.filter(pk__in=ids, role=Role.INSPECTOR, is_active=True).select_related("org_unit"))
    if len(users) != len(ids):
        raise ValidationError({field: _("所选人员中有人不是在职的劳动保障监察员")})
    for user in users:
        if not user_can_see_region(user, case.region_id):
            raise ValidationError({field: _("%(u)s 不负责该单位所在地区") % {"u": user.display_name or user.username}})
    conflicted = conflicted_inspector_ids(case.employer_id)
    recused = set(case.recusals.values_list("inspector_id", flat=True))
    for user in users:
        if user.pk in conflicted or user.pk in recused:
            raise ValidationError(
                {field: _("%(u)s 与该单位存在利害关系，应当回避") % {"u": user.display_name or user.username}}
            )
    return users


# --- actions ---------------------------------------------------------------------------------------------


@transaction.atomic
def case_record_action(
    *,
    case: InspectionCase,
    actor,
    kind: str,
    inspector_ids,
    note: str,
    done_on: date | None = None,
    refused: bool = False,
    expected_version: int | None = None,
) -> InspectionAction:
    """Record a site inspection, inquiry, document request or notice done by at least two inspectors;
    ``refused``: the employer refused or obstructed it (劳动保障监察条例 Art. 30), kept for its credit record."""
    if kind not in ActionKind.values:
        raise ValidationError({"kind": _("请选择检查措施")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写情况记录")})
    case, spec = _begin(case, "record_action", actor, expected_version)
    done_on = done_on or _today()
    if done_on > _today():
        raise ValidationError({"done_on": _("日期不能晚于今天")})
    inspectors = _check_inspectors(case, inspector_ids)
    action = _add_action(case, kind, inspectors, note, done_on, actor)
    if refused:
        case.refused_inspection = True
    _finish(case, spec, actor, note, {"kind": kind, "inspectors": [u.pk for u in inspectors], "refused": refused})
    return action


def _add_action(case, kind, inspectors, note, done_on, actor) -> InspectionAction:
    action = InspectionAction.objects.create(
        case=case, kind=kind, done_on=done_on, note=note, recorded_by=_authenticated(actor)
    )
    action.inspectors.set(inspectors)
    return action


@transaction.atomic
def case_recuse(*, case: InspectionCase, actor, inspector_id, reason: str) -> RecusalDecision:
    """A recusal decision (回避决定): the inspector is withdrawn from the case."""
    case, spec = _begin(case, "recuse", actor, None, reason)
    inspector = User.objects.filter(pk=inspector_id, role=Role.INSPECTOR).first()
    if inspector is None:
        raise ValidationError({"inspector": _("请选择监察员")})
    decision, _created = RecusalDecision.objects.get_or_create(
        case=case,
        inspector=inspector,
        defaults={"reason": reason.strip(), "decided_by": _authenticated(actor), "decided_on": _today()},
    )
    _finish(case, spec, actor, reason, {"inspector": inspector.pk})
    return decision


def _parse_amount(value, field: str, *, positive: bool = False) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else "0")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("金额格式不正确")}) from None
    if amount < 0 or (positive and amount <= 0) or amount >= Decimal("1e12"):
        raise ValidationError({field: _("金额应大于零") if positive else _("金额不能为负数")})
    return amount


@transaction.atomic
def case_issue_order(
    *,
    case: InspectionCase,
    actor,
    items: str,
    inspector_ids,
    deadline: date | None = None,
    expected_version: int | None = None,
) -> RectificationOrder:
    """责令改正指令书: the order, its PDF, and its service recorded as a notice by two inspectors."""
    from renshe.labour.inspection.documents import order_pdf_store

    items = (items or "").strip()
    if not items:
        raise ValidationError({"items": _("请填写责令改正事项")})
    case, spec = _begin(case, "issue_order", actor, expected_version)
    today = _today()
    deadline = deadline or add_working_days(today, ORDER_DAYS_DEFAULT)
    if deadline <= today:
        raise ValidationError({"deadline": _("改正期限应晚于今天")})
    inspectors = _check_inspectors(case, inspector_ids)
    count = RectificationOrder.objects.filter(case=case).count() + 1
    order = RectificationOrder.objects.create(
        case=case,
        number=f"{case.number}-G{count}",
        items=items,
        deadline=deadline,
        issued_on=today,
        issued_by=_authenticated(actor),
    )
    order.file = order_pdf_store(order, inspectors)
    order.save(update_fields=["file"])
    _add_action(case, ActionKind.NOTICE, inspectors, _("送达责令改正指令书 %(n)s") % {"n": order.number}, today, actor)
    _finish(case, spec, actor, items, {"order": order.number, "deadline": deadline})
    return order


@transaction.atomic
def case_check_order(*, case: InspectionCase, actor, met: bool, note: str = "") -> RectificationOrder:
    """整改复查: the pending order met or not; the case goes back to investigation either way."""
    case, spec = _begin(case, "check_order", actor, None)
    order = case.orders.filter(status=RectificationOrder.Status.PENDING).order_by("-id").first()
    if order is None:
        raise CaseConflict(_("没有待复查的责令改正指令书"))
    order.status = RectificationOrder.Status.MET if met else RectificationOrder.Status.UNMET
    order.checked_on = _today()
    order.save(update_fields=["status", "checked_on"])
    _finish(case, spec, actor, note, {"order": order.number, "met": met})
    return order


@transaction.atomic
def case_penalize(
    *,
    case: InspectionCase,
    actor,
    amount,
    legal_basis: str,
    facts: str,
    inspector_ids,
    expected_version: int | None = None,
) -> Penalty:
    """行政处罚决定书: amount and legal basis, the PDF, served by two inspectors."""
    from renshe.labour.inspection.documents import penalty_pdf_store

    amount = _parse_amount(amount, "amount", positive=True)
    legal_basis, facts = (legal_basis or "").strip(), (facts or "").strip()
    if not legal_basis:
        raise ValidationError({"legal_basis": _("请填写法律依据")})
    if not facts:
        raise ValidationError({"facts": _("请填写违法事实")})
    case, spec = _begin(case, "penalize", actor, expected_version)
    inspectors = _check_inspectors(case, inspector_ids)
    today = _today()
    count = Penalty.objects.filter(case=case).count() + 1
    penalty = Penalty.objects.create(
        case=case,
        number=f"{case.number}-F{count}",
        amount=amount,
        legal_basis=legal_basis,
        facts=facts,
        decided_on=today,
        decided_by=_authenticated(actor),
    )
    penalty.file = penalty_pdf_store(penalty, inspectors)
    penalty.save(update_fields=["file"])
    case.violation_confirmed = True
    _add_action(
        case, ActionKind.NOTICE, inspectors, _("送达行政处罚决定书 %(n)s") % {"n": penalty.number}, today, actor
    )
    _finish(case, spec, actor, facts, {"penalty": penalty.number, "amount": amount})
    return penalty


@transaction.atomic
def case_extend(*, case: InspectionCase, actor, reason: str) -> InspectionCase:
    """+30 working days, approved by a leader or the inspector-in-charge; once."""
    case, spec = _begin(case, "extend", actor, None, reason)
    if case.extended:
        raise CaseConflict(_("办案期限已延长过一次"))
    case.extended = True
    case.extension_note = reason.strip()
    case.extension_approved_by = _authenticated(actor)
    case.due_date = rules.inspection_deadline(case.filed_on, extended=True)
    return _finish(case, spec, actor, reason, {"due_date": case.due_date})


@transaction.atomic
def case_close(
    *,
    case: InspectionCase,
    actor,
    violation_confirmed: bool,
    arrears_recovered=0,
    workers_helped=0,
    outcome_note: str = "",
    expected_version: int | None = None,
) -> InspectionCase:
    """结案 with the outcome; the complaints behind the case are closed and their complainants told."""
    from renshe.labour.inspection.services_complaints import complaints_close_with_case

    arrears = _parse_amount(arrears_recovered, "arrears_recovered")
    try:
        workers = int(workers_helped or 0)
    except (TypeError, ValueError):
        raise ValidationError({"workers_helped": _("请填写整数")}) from None
    if workers < 0:
        raise ValidationError({"workers_helped": _("人数不能为负数")})
    outcome_note = (outcome_note or "").strip()
    if not outcome_note:
        raise ValidationError({"outcome_note": _("请填写处理结果")})
    case, spec = _begin(case, "close", actor, expected_version)
    if case.orders.filter(status=RectificationOrder.Status.PENDING).exists():
        raise CaseConflict(_("责令改正指令书尚未复查，不能结案"))
    case.violation_confirmed = bool(violation_confirmed) or case.violation_confirmed is True
    case.arrears_recovered = arrears
    case.workers_helped = workers
    case.outcome_note = outcome_note
    case.closed_on = _today()
    if arrears > 0:
        case.wage_arrears = True
    _finish(case, spec, actor, outcome_note, {"arrears": arrears, "workers": workers})
    complaints_close_with_case(case=case, actor=actor)
    return case
