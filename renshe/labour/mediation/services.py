"""Writes of the mediation app: applications, the one transition service, the overdue job.

Every write names its ``actor`` (None: a system job), runs in one transaction, writes the audit trail
and tells the applicant through the message centre. Time limits come from ``renshe.labour.rules``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Role
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.cases.exceptions import CaseConflict
from renshe.labour import rules
from renshe.labour.mediation.models import (
    Channel,
    DisputeItem,
    Level,
    MediationCase,
    Organisation,
    Outcome,
    Performance,
    Referral,
    Session,
    Status,
    Transition,
)
from renshe.labour.mediation.organisations import (  # re-exported: the services' public names
    default_organisation,
    organisation_covers,
    organisation_save,
    organisations_for,
)
from renshe.labour.mediation.workflow import ACTIONS, MEDIATE

__all__ = [
    "agreement_conclude",
    "case_apply",
    "case_refer",
    "case_transition",
    "cases_flag_overdue",
    "default_organisation",
    "organisation_covers",
    "organisation_save",
    "organisations_for",
    "session_record",
]

# Not a legal limit: a sanity bound against typing errors (one claim above ten million yuan is a typo).
MAX_ITEM_AMOUNT = Decimal("10000000")
MAX_ITEMS = 20


def _today() -> date:
    return timezone.localdate()


# --- applications -----------------------------------------------------------------------------------


def _clean_items(items: list[dict]) -> list[DisputeItem]:
    if not items:
        raise ValidationError({"items": _("请至少填写一项争议事项")})
    if len(items) > MAX_ITEMS:
        raise ValidationError({"items": _("争议事项最多 %(n)d 项") % {"n": MAX_ITEMS}})
    cleaned = []
    for n, item in enumerate(items, start=1):
        kind = item.get("kind", "")
        if kind not in rules.CLAIM_KINDS:
            raise ValidationError({"items": _("第 %(n)d 项：请选择请求类别") % {"n": n}})
        try:
            amount = Decimal(str(item.get("amount") if item.get("amount") not in (None, "") else "0"))
        except (InvalidOperation, ValueError):
            raise ValidationError({"items": _("第 %(n)d 项：金额不是数字") % {"n": n}}) from None
        if not amount.is_finite() or amount < 0:
            raise ValidationError({"items": _("第 %(n)d 项：金额不能为负数") % {"n": n}})
        if amount > MAX_ITEM_AMOUNT:
            raise ValidationError({"items": _("第 %(n)d 项：金额超过一千万元，请核对") % {"n": n}})
        if kind in rules.MONEY_KINDS and amount == 0:
            raise ValidationError({"items": _("第 %(n)d 项：请填写请求金额") % {"n": n}})
        facts = str(item.get("facts", "")).strip()[:500]
        start, end = _period(item, n, required=kind in rules.WAGE_KINDS)
        cleaned.append(
            DisputeItem(
                kind=kind, amount=amount.quantize(Decimal("0.01")), facts=facts, period_from=start, period_to=end
            )
        )
    return cleaned


def _period(item: dict, n: int, *, required: bool) -> tuple[date | None, date | None]:
    values = []
    for key in ("period_from", "period_to"):
        value = item.get(key)
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value) if value.strip() else None
            except ValueError:
                raise ValidationError({"items": _("第 %(n)d 项：日期格式应为 YYYY-MM-DD") % {"n": n}}) from None
        values.append(value)
    start, end = values
    if required and (start is None or end is None):
        raise ValidationError({"items": _("第 %(n)d 项：工资、加班费请填写所属期间") % {"n": n}})
    if start and end and end < start:
        raise ValidationError({"items": _("第 %(n)d 项：截止日期不能早于起始日期") % {"n": n}})
    if start and start > _today():
        raise ValidationError({"items": _("第 %(n)d 项：起始日期不能晚于今天") % {"n": n}})
    return start, end


@transaction.atomic
def case_apply(
    *,
    actor,
    applicant,
    organisation: Organisation,
    facts: str,
    items: list[dict],
    respondent_employer=None,
    respondent_name: str = "",
    respondent_address: str = "",
    channel: str = Channel.MOBILE,
) -> MediationCase:
    """A worker's application for mediation: on the phone (waits for the organisation to receive it) or
    entered by a mediator for a walk-in or a phone call (received at once: the 15 days start today)."""
    staff = actor is not None and actor.is_bureau_staff
    if staff:
        if not actor.has_perm(MEDIATE):
            raise PermissionDenied(_("您没有办理调解案件的权限"))
        if not user_can_see_region(actor, organisation.region_id):
            raise ValidationError({"organisation": _("该调解组织不在您的管辖范围内")})
        if channel not in (Channel.WALK_IN, Channel.PHONE):
            raise ValidationError({"channel": _("请选择来访登记或电话登记")})
    else:
        if actor is None or actor.role != Role.CITIZEN or actor.person_id != applicant.pk:
            raise PermissionDenied(_("只能为本人申请调解"))
        channel = Channel.MOBILE
    dispute_items = _clean_items(items)
    errors: dict[str, str] = {}
    if not (facts or "").strip():
        errors["facts"] = _("请填写事实与理由")
    respondent_name = (respondent_employer.name if respondent_employer is not None else respondent_name or "").strip()
    if not respondent_name:
        errors["respondent_name"] = _("请填写被申请单位名称")
    respondent_address = (respondent_address or "").strip()
    if respondent_employer is not None:
        respondent_address = respondent_address or respondent_employer.address
    elif not respondent_address:
        errors["respondent_address"] = _("被申请单位未登记时须填写其地址")
    if not organisation.active:
        errors["organisation"] = _("该调解组织已停用")
    elif organisation.level == Level.ENTERPRISE:
        if respondent_employer is None or organisation.employer_id != respondent_employer.pk:
            errors["organisation"] = _("企业调解委员会只调解本企业的争议")
    elif not any(
        organisation_covers(organisation, town)
        for town in [applicant.residence_region_id]
        + ([respondent_employer.region_id] if respondent_employer is not None else [])
    ):
        errors["organisation"] = _("该调解组织不在申请人或被申请单位所在地，请选择所在镇/街道或上级调解组织")
    if errors:
        raise ValidationError(errors)
    today = _today()
    case = MediationCase.objects.create(
        number=f"TMP{timezone.now().timestamp():.6f}"[:24],
        applicant=applicant,
        respondent_employer=respondent_employer,
        respondent_name=respondent_name[:100],
        respondent_address=respondent_address[:120],
        organisation=organisation,
        region_id=organisation.region_id,
        channel=channel,
        facts=facts.strip()[:2000],
        applied_on=today,
        status=Status.MEDIATING if staff else Status.PENDING,
        received_on=today if staff else None,
        deadline=rules.mediation_deadline(today) if staff else None,
        created_by=actor,
    )
    case.number = f"TJ{today:%Y}{case.pk:07d}"
    case.save(update_fields=["number"])
    for item in dispute_items:
        item.case = case
    DisputeItem.objects.bulk_create(dispute_items)
    _record(case, "apply", "", case.status, actor, "")
    audit_record(actor=actor, action=AuditAction.CREATE, obj=case, changes={"organisation": organisation.pk})
    if staff:
        _notify(
            case,
            _("调解申请已受理：%(n)s") % {"n": case.number},
            _("%(org)s 已受理您的调解申请，将在 %(d)s 前组织调解。") % {"org": organisation.name, "d": case.deadline},
        )
    else:
        _notify(
            case,
            _("调解申请已提交：%(n)s") % {"n": case.number},
            _("已提交至 %(org)s，受理后 15 日内组织调解。") % {"org": organisation.name},
        )
    return case


# --- the one transition service ------------------------------------------------------------------------


def _lock(case: MediationCase, expected_version: int | None) -> MediationCase:
    locked = MediationCase.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise CaseConflict(
            _("调解案件 %(n)s 已被他人处理（当前状态：%(s)s），请刷新后重试")
            % {"n": locked.number, "s": locked.get_status_display()}
        )
    return locked


def _check_actor(spec, case: MediationCase, actor) -> None:
    if actor is None:
        return  # a system job
    if spec.applicant and actor.role == Role.CITIZEN and actor.person_id == case.applicant_id:
        return
    if spec.perm is None or not actor.is_bureau_staff or not actor.has_perm(spec.perm):
        raise PermissionDenied(_("您没有“%(a)s”的权限") % {"a": spec.label})
    if not user_can_see_region(actor, case.region_id):
        raise PermissionDenied(_("该案件不在您的管辖范围内"))


def _record(case, action, from_status, to_status, actor, comment) -> Transition:
    return Transition.objects.create(
        case=case,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        comment=comment[:1000],
    )


def _notify(case: MediationCase, title: str, body: str) -> None:
    """The applicant's message centre (and an SMS); an applicant without an account is told in person."""
    account = getattr(case.applicant, "account", None)
    if account is None:
        return
    message_send(
        recipient=account,
        title=title,
        body=body,
        link=reverse("mediation:my_case", kwargs={"pk": case.pk}),
        sms=True,
    )


@transaction.atomic
def case_transition(
    *,
    case: MediationCase,
    action: str,
    actor,
    comment: str = "",
    expected_version: int | None = None,
    **data: Any,
) -> MediationCase:
    """Move a case along one declared step (``renshe.labour.mediation.workflow``). ``data`` carries the
    step's own fields: ``organisation`` (transfer), ``held_on``/``place``/``mediator``/``notes``
    (session), ``agreed``/``performance_deadline``/``agreement_text`` (agree), ``performance`` (perform)."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise ValidationError({"action": _("未知的操作 %(a)s") % {"a": action}})
    case = _lock(case, expected_version)
    _check_actor(spec, case, actor)
    if case.status not in spec.sources:
        raise CaseConflict(_("案件当前状态为“%(s)s”，不能%(a)s") % {"s": case.get_status_display(), "a": spec.label})
    comment = (comment or "").strip()
    if spec.comment_required and not comment:
        raise ValidationError({"comment": _("请填写%(a)s的理由") % {"a": spec.label}})
    today = _today()
    from_status = case.status
    step = _STEPS.get(action)
    if step is not None:
        step(case, actor, today, data)
    if spec.target is not None:
        case.status = spec.target
    if spec.outcome:
        case.outcome = spec.outcome
        case.concluded_on = today
    case.version += 1
    case.save()
    _record(case, action, from_status, case.status, actor, comment)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        changes={"action": action, "status": [from_status, case.status], "comment": comment},
    )
    _tell(case, action, comment)
    return case


def _accept(case, actor, today, data) -> None:
    case.received_on = today
    case.deadline = rules.mediation_deadline(today)


def _transfer(case, actor, today, data) -> None:
    target = data.get("organisation")
    current = case.organisation
    if (
        target is None
        or not target.active
        or target.level <= current.level
        or target.level == Level.ENTERPRISE
        or not organisation_covers(target, current.region_id)
    ):
        raise ValidationError({"organisation": _("请选择覆盖本案所在地的上级调解组织")})
    case.organisation = target
    case.region_id = target.region_id
    case.received_on = case.deadline = None
    case.overdue_notified_on = None


def _session(case, actor, today, data) -> None:
    errors = {}
    held_on = data.get("held_on")
    if not isinstance(held_on, date) or held_on > today or (case.received_on and held_on < case.received_on):
        errors["held_on"] = _("调解日期须在受理日期与今天之间")
    if not (data.get("place") or "").strip():
        errors["place"] = _("请填写调解地点")
    if not (data.get("notes") or "").strip():
        errors["notes"] = _("请填写调解记录")
    mediator = data.get("mediator") or actor
    if (
        mediator is None
        or mediator.role != Role.MEDIATOR
        or not (mediator.region and case.region_id.startswith(mediator.region.scope_prefix))
    ):
        errors["mediator"] = _("请选择本案所在地的调解员")
    if errors:
        raise ValidationError(errors)
    Session.objects.create(
        case=case, held_on=held_on, place=data["place"].strip()[:120], mediator=mediator, notes=data["notes"].strip()
    )


def _agree(case, actor, today, data) -> None:
    """调解协议书 (第十四条): the agreed items (an amount or terms for at least one claim) and the
    date by which the respondent performs."""
    agreed: dict = data.get("agreed") or {}
    items = {item.pk: item for item in case.items.all()}
    errors = {}
    changed = []
    for pk, (amount, terms) in agreed.items():
        item = items.get(int(pk))
        if item is None:
            continue
        terms = (terms or "").strip()[:500]
        if amount in (None, "") and not terms:
            continue
        try:
            value = Decimal(str(amount)) if amount not in (None, "") else None
        except (InvalidOperation, ValueError):
            value = Decimal(-1)
        if value is not None and (not value.is_finite() or value < 0 or value > MAX_ITEM_AMOUNT):
            errors["agreed"] = _("协议金额须为 0 至一千万元")
            continue
        item.agreed_amount = value.quantize(Decimal("0.01")) if value is not None else None
        item.agreed_terms = terms
        changed.append(item)
    if not changed and "agreed" not in errors:
        errors["agreed"] = _("调解协议至少须约定一项争议事项")
    deadline = data.get("performance_deadline")
    if not isinstance(deadline, date) or deadline < today:
        errors["performance_deadline"] = _("请填写不早于今天的履行期限")
    if errors:
        raise ValidationError(errors)
    DisputeItem.objects.bulk_update(changed, ["agreed_amount", "agreed_terms"])
    case.performance_deadline = deadline
    case.agreement_text = (data.get("agreement_text") or "").strip()[:4000]
    case.performance = Performance.PENDING


def _expire(case, actor, today, data) -> None:
    if case.deadline is None or today <= case.deadline:
        raise CaseConflict(_("调解期限 %(d)s 尚未届满") % {"d": case.deadline})


def _perform(case, actor, today, data) -> None:
    value = data.get("performance")
    if value not in (Performance.PERFORMED, Performance.NOT_PERFORMED):
        raise ValidationError({"performance": _("请选择已履行或未履行")})
    case.performance = value


def _refer(case, actor, today, data) -> None:
    """调解不成或逾期（第十四条）、协议未履行（第十五条）: the claims go to arbitration."""
    if case.status == Status.MEDIATING:
        if case.deadline is None or today <= case.deadline:
            raise CaseConflict(_("调解期限 %(d)s 届满前不能转仲裁（可先记录调解不成）") % {"d": case.deadline})
        case.outcome, case.concluded_on = Outcome.EXPIRED, today
    if case.status == Status.AGREED and case.performance != Performance.NOT_PERFORMED:
        raise CaseConflict(_("调解协议未记录为未履行，不能转仲裁"))
    claims = [
        {
            "kind": i.kind,
            "amount": str(i.amount),
            "period_from": i.period_from.isoformat() if i.period_from else None,
            "period_to": i.period_to.isoformat() if i.period_to else None,
            "facts": i.facts,
        }
        for i in case.items.all()
        if case.status != Status.AGREED or i.agreed_amount is not None or i.agreed_terms
    ]
    ref = _arbitration_apply(case, claims, actor)
    Referral.objects.create(
        case=case,
        state=Referral.State.SENT if ref else Referral.State.WAITING,
        claims=claims,
        arbitration_ref=ref or "",
        referred_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    case.referred_on = today


def _arbitration_apply(case: MediationCase, claims: list[dict], actor) -> str:
    """Hand the claims to the arbitration app's service when it is installed; an empty reference
    leaves the referral waiting (待转仲裁) for the arbitration commission to take up."""
    try:
        from renshe.labour import services as labour_services
    except ImportError:
        return ""
    apply = getattr(labour_services, "arbitration_apply", None)
    if apply is None:
        return ""
    return _call_arbitration(apply, case, claims, actor)


def _call_arbitration(apply, case, claims, actor) -> str:
    """``renshe.labour.services.arbitration_apply`` (its docstring). The applicant files on the phone
    (channel ``mobile``), a mediator through ``mediation``. ``knew_on`` is the mediation application
    date: applying for mediation interrupts the limitation period, which runs again from then
    (劳动争议调解仲裁法 第二十七条第二款). The jurisdiction is the organisation's place (the employer's
    or the applicant's town, or the district or city above them)."""
    citizen = actor is not None and actor.role == Role.CITIZEN
    result = apply(
        actor=actor,
        applicant=case.applicant,
        claims=claims,
        knew_on=case.applied_on,
        respondent_employer=case.respondent_employer,
        respondent_name=case.respondent_name,
        respondent_address=case.respondent_address,
        facts=case.facts,
        channel="mobile" if citizen else "mediation",
        region=case.region_id,
        source_reference=case.number,
    )
    return str(getattr(result, "number", result) or "")


def _flag(case, actor, today, data) -> None:
    case.overdue_notified_on = today


_STEPS = {
    "accept": _accept,
    "transfer": _transfer,
    "session": _session,
    "agree": _agree,
    "expire": _expire,
    "perform": _perform,
    "refer": _refer,
    "flag_overdue": _flag,
}


def _tell(case: MediationCase, action: str, comment: str) -> None:
    n = case.number
    texts = {
        "accept": (
            _("调解申请已受理：%(n)s"),
            _("%(org)s 已受理，调解期限至 %(d)s；期满未达成协议的，可以申请劳动人事争议仲裁。"),
        ),
        "refuse": (_("调解申请不予受理：%(n)s"), _("理由：%(c)s。您可以依法申请劳动人事争议仲裁。")),
        "transfer": (_("调解案件已移交：%(n)s"), _("已移交 %(org)s 调解。")),
        "session": (_("调解已进行：%(n)s"), _("调解组织已记录一次调解。")),
        "agree": (_("已达成调解协议：%(n)s"), _("请在手机上查看调解协议书，履行期限至 %(p)s。")),
        "fail": (_("调解不成：%(n)s"), _("调解未能达成协议，您可以申请劳动人事争议仲裁（一键转仲裁）。")),
        "expire": (_("调解逾期结案：%(n)s"), _("15 日内未达成调解协议，您可以申请劳动人事争议仲裁。")),
        "withdraw": (_("调解申请已撤回：%(n)s"), ""),
        "perform": (_("调解协议履行情况已记录：%(n)s"), ""),
        "refer": (_("已转劳动人事争议仲裁：%(n)s"), _("您的仲裁请求已随案转交仲裁委员会。")),
        "flag_overdue": (
            _("调解期限已过：%(n)s"),
            _("自受理之日起 15 日内未达成调解协议（期限 %(d)s），您可以申请劳动人事争议仲裁。"),
        ),
    }
    title, body = texts[action]
    values = {
        "n": n,
        "org": case.organisation.name,
        "d": case.deadline,
        "p": case.performance_deadline,
        "c": comment,
    }
    _notify(case, title % values, body % values if body else "")


# --- convenience wrappers (named steps) ------------------------------------------------------------


def session_record(*, case, actor, held_on, place, notes, mediator=None, expected_version=None) -> MediationCase:
    return case_transition(
        case=case,
        action="session",
        actor=actor,
        expected_version=expected_version,
        held_on=held_on,
        place=place,
        notes=notes,
        mediator=mediator,
    )


def agreement_conclude(
    *, case, actor, agreed: dict, performance_deadline, agreement_text: str = "", expected_version=None
) -> MediationCase:
    return case_transition(
        case=case,
        action="agree",
        actor=actor,
        expected_version=expected_version,
        agreed=agreed,
        performance_deadline=performance_deadline,
        agreement_text=agreement_text,
    )


def case_refer(*, case, actor, expected_version=None) -> MediationCase:
    return case_transition(case=case, action="refer", actor=actor, expected_version=expected_version)


# --- the periodic job --------------------------------------------------------------------------------


def cases_flag_overdue(*, today: date | None = None) -> dict[str, int]:
    """Cases still in mediation after their 15 days: tell the applicant they may apply for
    arbitration (第十四条). Safe to run twice: a case is flagged once (``overdue_notified_on``)."""
    today = today or _today()
    ids = list(
        MediationCase.objects.filter(
            status=Status.MEDIATING, deadline__lt=today, overdue_notified_on__isnull=True
        ).values_list("pk", flat=True)
    )
    flagged = 0
    for pk in ids:
        with transaction.atomic():
            case = MediationCase.objects.select_for_update().get(pk=pk)
            if case.status != Status.MEDIATING or case.overdue_notified_on is not None:
                continue
            _flag_one(case, today)
            flagged += 1
    return {"checked": len(ids), "flagged": flagged}


def _flag_one(case: MediationCase, today: date) -> None:
    case.overdue_notified_on = today
    case.version += 1
    case.save(update_fields=["overdue_notified_on", "version"])
    _record(case, "flag_overdue", case.status, case.status, None, "")
    _tell(case, "flag_overdue", "")
