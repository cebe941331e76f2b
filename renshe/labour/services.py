"""Every write to an arbitration case: filing and the declared actions. One transaction each, audited.

Filing — used by the citizen portal, the window, the API and the mediation app (a failed mediation
referred to arbitration)::

    arbitration_apply(
        *,
        actor,                          # User filing (citizen: only for themself; staff: needs
                                        # labour.file_arbitration and the region); None = system job
        applicant,                      # registry.Person
        claims,                         # list of dicts: {"kind": one of rules.CLAIM_KINDS,
                                        #   "amount": Decimal | str | int (元; money kinds: > 0),
                                        #   "period_from": date | "YYYY-MM-DD" | None,
                                        #   "period_to": date | "YYYY-MM-DD" | None, "facts": str}
        knew_on,                        # date the applicant knew of the infringement (limitation)
        respondent_employer=None,       # registry.Employer, or None with respondent_name + address
        respondent_name="",
        respondent_address="",
        employment_ended=False,
        employment_ended_on=None,       # date, when ended
        migrant_worker=False,
        workers=1,                      # number of workers (collective from 10)
        facts="",
        channel=Channel.MOBILE,         # "mobile" | "web" | "window" | "mediation"
        region=None,                    # jurisdiction (Region or code); default: the employer's
                                        # region, else the applicant's residence
        source_reference="",            # e.g. the mediation case number
        acknowledge_time_bar=False,     # must be True to file beyond the limitation period
        facts_clear=False, parties_agree=False,   # simplified procedure (办案规则 Art. 56)
    ) -> ArbitrationCase

Bad input raises ``django.core.exceptions.ValidationError`` with a dict naming each field
(``claims[0].amount`` for a claim's field) and nothing is stored.

Limitation (Art. 27) — decided here: an application beyond the one-year period is NOT refused (the
commission may not raise the limitation of its own motion; the respondent may invoke it, and
interruptions may apply). It is accepted with a visible warning: the applicant must confirm it
(``acknowledge_time_bar=True``), the case is flagged ``time_barred`` and every page shows it.

Actions (``renshe.labour.workflow.ACTIONS``) go through ``arbitration_transition``; tribunal,
recusal, hearings and the award through ``renshe.labour.services_hearings``.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.models import Region
from renshe.core.params import param
from renshe.labour import rules
from renshe.labour.exceptions import ArbitrationConflict
from renshe.labour.models import (
    ArbitrationCase,
    ArbitrationTransition,
    Channel,
    Claim,
    Hearing,
    Status,
)
from renshe.labour.workflow import ACTIONS

PROVINCE_WAGE_KEY = "labour.province_average_annual_wage"
# The value migration 0002 seeds; used only when the parameter table holds no row at all (a test
# database emptied by a flush). Administrators keep the dated values in core.Parameter.
PROVINCE_WAGE_SEED = Decimal("115000")
MAX_AMOUNT = Decimal("100000000")  # 1 亿元: anything above is a typing error, not a claim
MAX_CLAIMS = 20
MAX_WORKERS = 100000


def _today() -> date:
    return timezone.localdate()


# --- filing ---------------------------------------------------------------------------------------


def _as_date(value, field: str, errors: dict, *, required: bool = False) -> date | None:
    if value in (None, ""):
        if required:
            errors[field] = _("请填写日期")
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors[field] = _("日期格式应为 年-月-日")
        return None


def _as_amount(value, field: str, errors: dict, *, required: bool) -> Decimal:
    if value in (None, ""):
        if required:
            errors[field] = _("请填写金额")
        return Decimal(0)
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        errors[field] = _("金额应为数字")
        return Decimal(0)
    if not amount.is_finite():
        errors[field] = _("金额应为数字")
        return Decimal(0)
    if amount < 0:
        errors[field] = _("金额不能为负数")
    elif required and amount == 0:
        errors[field] = _("金额应大于零")
    elif amount > MAX_AMOUNT:
        errors[field] = _("金额超过 1 亿元，请核对")
    elif amount != amount.quantize(Decimal("0.01")):
        errors[field] = _("金额最多保留两位小数")
    return amount


def clean_claims(claims, errors: dict, *, today: date) -> list[dict]:
    """The 要素式 items, checked one by one; each error is named ``claims[i].field``."""
    if not isinstance(claims, list | tuple) or not claims:
        errors["claims"] = _("请至少填写一项仲裁请求")
        return []
    if len(claims) > MAX_CLAIMS:
        errors["claims"] = _("仲裁请求最多 %(n)d 项") % {"n": MAX_CLAIMS}
        return []
    cleaned = []
    for i, raw in enumerate(claims):
        prefix = f"claims[{i}]"
        if not isinstance(raw, dict):
            errors[prefix] = _("仲裁请求格式无效")
            continue
        kind = str(raw.get("kind") or "").strip()
        if kind not in rules.CLAIM_KINDS:
            errors[f"{prefix}.kind"] = _("未知的请求类型 %(k)s") % {"k": kind or "—"}
        money = kind in rules.MONEY_KINDS
        amount = _as_amount(raw.get("amount"), f"{prefix}.amount", errors, required=money)
        start = _as_date(raw.get("period_from"), f"{prefix}.period_from", errors, required=kind in rules.WAGE_KINDS)
        end = _as_date(raw.get("period_to"), f"{prefix}.period_to", errors, required=kind in rules.WAGE_KINDS)
        if start and end and end < start:
            errors[f"{prefix}.period_to"] = _("截止日期不能早于起始日期")
        if start and start > today:
            errors[f"{prefix}.period_from"] = _("起始日期不能晚于今天")
        text = str(raw.get("facts") or "").strip()
        if len(text) > 2000:
            errors[f"{prefix}.facts"] = _("事实与理由过长（最多 2000 字）")
        cleaned.append({"kind": kind, "amount": amount, "period_from": start, "period_to": end, "facts": text})
    return cleaned


def _region(value, fallback: Region, errors: dict) -> Region:
    if value in (None, ""):
        return fallback
    if isinstance(value, Region):
        return value
    region = Region.objects.filter(pk=str(value).strip()).first()
    if region is None or not region.code.startswith("4409"):
        errors["region"] = _("管辖地无效")
        return fallback
    return region


def _check_filer(actor, applicant, channel: str, region: Region) -> None:
    if actor is None:
        return
    if actor.role == Role.CITIZEN:
        if actor.person_id != applicant.pk:
            raise PermissionDenied(_("只能为本人申请仲裁"))
        if channel in (Channel.WINDOW, Channel.MEDIATION):
            raise ValidationError({"channel": _("该申请渠道只能由工作人员录入")})
        return
    if not actor.is_bureau_staff or not actor.has_perm("labour.file_arbitration"):
        raise PermissionDenied(_("您没有录入仲裁申请的权限"))
    if not user_can_see_region(actor, region.code):
        raise ValidationError({"region": _("该案件不在您的管辖范围内")})


def routing(claims: list[tuple[str, Decimal]], *, applied_on: date, migrant_worker: bool, workers: int, **simple):
    """The platform's routing of an application: green channel, collective, simplified, final award."""
    wage = param(PROVINCE_WAGE_KEY, applied_on, PROVINCE_WAGE_SEED)
    return {
        "green_channel": rules.is_green_channel(claims, migrant_worker=migrant_worker),
        "collective": rules.is_collective(workers),
        "simplified": rules.is_simplified(claims, province_average_annual_wage=wage, **simple),
        "final_award": rules.is_final_award(claims, applied_on),
        "final_items": rules.final_award_items(claims, applied_on),
        "final_ceiling": rules.final_award_ceiling(applied_on),
        "province_wage": wage,
    }


@transaction.atomic
def arbitration_apply(
    *,
    actor,
    applicant,
    claims,
    knew_on,
    respondent_employer=None,
    respondent_name: str = "",
    respondent_address: str = "",
    employment_ended: bool = False,
    employment_ended_on=None,
    migrant_worker: bool = False,
    workers: int = 1,
    facts: str = "",
    channel: str = Channel.MOBILE,
    region=None,
    source_reference: str = "",
    acknowledge_time_bar: bool = False,
    facts_clear: bool = False,
    parties_agree: bool = False,
) -> ArbitrationCase:
    """File an arbitration application (劳动争议调解仲裁法 Arts. 28–29). See the module docstring."""
    today = _today()
    errors: dict = {}
    if channel not in Channel.values:
        errors["channel"] = _("申请渠道无效")
    cleaned = clean_claims(claims, errors, today=today)
    knew = _as_date(knew_on, "knew_on", errors, required=True)
    if knew and knew > today:
        errors["knew_on"] = _("知道权利被侵害之日不能晚于今天")
    ended_on = _as_date(employment_ended_on, "employment_ended_on", errors, required=True) if employment_ended else None
    if ended_on and ended_on > today:
        errors["employment_ended_on"] = _("劳动关系终止日期不能晚于今天")
    try:
        workers = int(workers)
    except (TypeError, ValueError):
        errors["workers"] = _("劳动者人数应为整数")
        workers = 1
    if not 1 <= workers <= MAX_WORKERS:
        errors["workers"] = _("劳动者人数应在 1 至 %(n)d 之间") % {"n": MAX_WORKERS}
    respondent_name = (respondent_name or "").strip()
    respondent_address = (respondent_address or "").strip()
    if respondent_employer is not None:
        respondent_name = respondent_employer.name
        respondent_address = respondent_address or respondent_employer.address
    else:
        if not respondent_name:
            errors["respondent_name"] = _("请填写被申请人名称，或选择已登记的用人单位")
        if not respondent_address:
            errors["respondent_address"] = _("被申请人未登记时须填写其地址")
    if len(respondent_name) > 100:
        errors["respondent_name"] = _("被申请人名称过长")
    if len(respondent_address) > 120:
        errors["respondent_address"] = _("被申请人地址过长")
    if len(facts or "") > 5000:
        errors["facts"] = _("事实与理由过长（最多 5000 字）")
    fallback = respondent_employer.region if respondent_employer is not None else applicant.residence_region
    case_region = _region(region, fallback, errors)
    time_barred = False
    if knew and not errors:
        wage_claim = any(c["kind"] in rules.WAGE_KINDS for c in cleaned)
        time_barred = rules.is_time_barred(
            knew, today, wages_during_employment=wage_claim, employment_ended_on=ended_on
        )
        if time_barred and not acknowledge_time_bar:
            errors["knew_on"] = _(
                "申请已超过一年仲裁时效（劳动争议调解仲裁法第二十七条）：仍可提交，但被申请人可能以时效抗辩，"
                "请确认知晓后再提交"
            )
    if errors:
        raise ValidationError(errors)
    _check_filer(actor, applicant, channel, case_region)

    pairs = [(c["kind"], c["amount"]) for c in cleaned]
    route = routing(
        pairs,
        applied_on=today,
        migrant_worker=migrant_worker,
        workers=workers,
        facts_clear=facts_clear,
        parties_agree=parties_agree,
    )
    case = ArbitrationCase.objects.create(
        number=uuid.uuid4().hex[:24],
        applicant=applicant,
        respondent_employer=respondent_employer,
        respondent_name=respondent_name,
        respondent_address=respondent_address,
        region=case_region,
        channel=channel,
        source_reference=(source_reference or "")[:40],
        facts=(facts or "").strip(),
        migrant_worker=bool(migrant_worker),
        workers=workers,
        knew_on=knew,
        employment_ended=bool(employment_ended),
        employment_ended_on=ended_on,
        green_channel=route["green_channel"],
        collective=route["collective"],
        simplified=route["simplified"],
        final_award=route["final_award"],
        time_barred=time_barred,
        amount_claimed=sum((a for _k, a in pairs), Decimal(0)),
        received_on=today,
        submitted_at=timezone.now(),
        acceptance_due=rules.acceptance_deadline(today),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    case.number = f"MZLR{today:%Y%m%d}{case.pk:06d}"
    case.save(update_fields=["number"])
    Claim.objects.bulk_create(
        [Claim(case=case, order=i + 1, final=route["final_items"][i], **c) for i, c in enumerate(cleaned)]
    )
    with translation.override(settings.LANGUAGE_CODE):
        notes = []
        if case.green_channel:
            notes.append(_("农民工欠薪绿色通道"))
        if case.collective:
            notes.append(_("集体争议"))
        if case.time_barred:
            notes.append(_("已超过仲裁时效，申请人确认仍提交"))
        record(
            case=case,
            action="submit",
            from_status="",
            to_status=Status.SUBMITTED,
            actor=actor,
            comment="；".join(notes),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=case,
            changes={"status": [None, Status.SUBMITTED], "claims": [None, len(cleaned)], "channel": [None, channel]},
        )
        notify_applicant(
            case,
            _("仲裁申请已提交：%(n)s") % {"n": case.number},
            _("仲裁委员会将在 %(d)s 前作出是否受理的决定。") % {"d": case.acceptance_due},
        )
    return case


# --- shared helpers ---------------------------------------------------------------------------------


def record(*, case, action, from_status, to_status, actor, comment="") -> ArbitrationTransition:
    return ArbitrationTransition.objects.create(
        case=case,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        comment=comment,
    )


def case_link(case: ArbitrationCase, *, staff: bool) -> str:
    return reverse("labour:staff_case" if staff else "labour:my_case", args=[case.pk])


def notify_applicant(case: ArbitrationCase, title: str, body: str = "", *, sms: bool = False) -> None:
    for user in User.objects.filter(person_id=case.applicant_id, is_active=True):
        message_send(recipient=user, title=title, body=body, link=case_link(case, staff=False), sms=sms)


def notify_respondent(case: ArbitrationCase, title: str, body: str = "") -> None:
    if case.respondent_employer_id is None:
        return
    for user in User.objects.filter(employer_id=case.respondent_employer_id, is_active=True):
        message_send(recipient=user, title=title, body=body)


def notify_tribunal(case: ArbitrationCase, title: str, body: str = "") -> int:
    sent = 0
    users = User.objects.filter(pk__in=case.tribunal.filter(active=True).values("arbitrator_id"), is_active=True)
    for user in users:
        message_send(recipient=user, title=title, body=body, link=case_link(case, staff=True))
        sent += 1
    return sent


def lock(case: ArbitrationCase, expected_version: int | None) -> ArbitrationCase:
    locked = ArbitrationCase.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != int(expected_version):
        raise ArbitrationConflict(
            _("案件 %(n)s 已被他人处理（当前状态：%(s)s），请刷新后重试")
            % {"n": locked.number, "s": locked.get_status_display()}
        )
    return locked


def check_actor(spec, case: ArbitrationCase, actor) -> None:
    if spec.staff:
        if actor is None:
            return
        if not actor.is_bureau_staff or (spec.perm and not actor.has_perm(spec.perm)):
            raise PermissionDenied(_("您没有“%(a)s”的权限") % {"a": spec.label})
        if not user_can_see_region(actor, case.region_id):
            raise PermissionDenied(_("该案件不在您的管辖范围内"))
        return
    if actor is not None and actor.person_id and actor.person_id == case.applicant_id:
        return
    if (
        actor is not None
        and actor.is_bureau_staff
        and (actor.has_perm("labour.handle_arbitration") or actor.has_perm("labour.file_arbitration"))
        and user_can_see_region(actor, case.region_id)
    ):
        return
    raise PermissionDenied(_("只有申请人本人可以%(a)s") % {"a": spec.label})


def award_due(case: ArbitrationCase) -> date | None:
    """Art. 43: 45 days from acceptance (+15 if extended); suspended days do not count."""
    if case.accepted_on is None:
        return None
    return rules.arbitration_deadline(case.accepted_on + timedelta(days=case.suspended_days), case.extended)


def begin(case: ArbitrationCase, action: str, actor, comment: str, expected_version) -> tuple:
    """Lock, check the state and the actor, and the comment: the start of every action."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise ValidationError({"action": _("未知的操作 %(a)s") % {"a": action}})
    case = lock(case, expected_version)
    if case.status not in spec.sources:
        raise ArbitrationConflict(
            _("案件当前状态为“%(s)s”，不能%(a)s") % {"s": case.get_status_display(), "a": spec.label}
        )
    check_actor(spec, case, actor)
    comment = (comment or "").strip()
    if spec.comment_required and not comment:
        raise ValidationError({"comment": _("请填写%(a)s的理由或意见") % {"a": spec.label}})
    if len(comment) > 5000:
        raise ValidationError({"comment": _("意见过长（最多 5000 字）")})
    return spec, case, comment


def finish(case: ArbitrationCase, spec, actor, comment: str, from_status: str, changes: dict | None = None):
    """Save with a new version, record the step, audit it."""
    if spec.target is not None:
        case.status = spec.target
    case.version += 1
    case.save()
    record(case=case, action=spec.name, from_status=from_status, to_status=case.status, actor=actor, comment=comment)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        changes={"status": [from_status, case.status], "action": [None, spec.name], **(changes or {})},
    )
    return case


# --- the simple actions ------------------------------------------------------------------------------


@transaction.atomic
def arbitration_transition(
    *,
    case: ArbitrationCase,
    action: str,
    actor,
    comment: str = "",
    expected_version: int | None = None,
    on: date | None = None,
    defence: str = "",
    amount: Decimal | str | None = None,
) -> ArbitrationCase:
    """One declared action that needs no more than a comment (and a date, a defence, an amount).

    ``on``: the day the copy was served (serve_copy) or the defence received (record_defence),
    default today. ``amount``: the sum agreed in a mediation (mediate).
    """
    if action in ("form_tribunal", "schedule", "award", "request_recusal", "decide_recusal"):
        raise ValidationError({"action": _("该操作须通过专门的办理页面完成")})
    spec, case, comment = begin(case, action, actor, comment, expected_version)
    from_status = case.status
    today = _today()
    changes: dict = {}
    if action == "accept":
        case.accepted_on = today
        case.copy_due = rules.respondent_copy_deadline(today)
        case.tribunal_notice_due = rules.tribunal_notice_deadline(today)
        case.award_due = award_due(case)
        case.decision_note = comment
    elif action == "refuse":
        case.decided_on = today
        case.decision_note = comment
    elif action == "serve_copy":
        served = on or today
        if served > today or served < case.accepted_on:
            raise ValidationError({"on": _("送达日期应在受理日期与今天之间")})
        case.copy_served_on = served
        case.defence_due = rules.defence_deadline(served)
        changes["copy_served_on"] = [None, served]
    elif action == "record_defence":
        if case.copy_served_on is None:
            raise ValidationError({"defence": _("尚未送达申请书副本，不能记录答辩")})
        received = on or today
        if received > today or received < case.copy_served_on:
            raise ValidationError({"on": _("答辩日期应在副本送达日期与今天之间")})
        case.defence_received_on = received
        case.defence = (defence or "").strip()[:5000]
    elif action == "postpone":
        hearing = case.hearings.filter(state=Hearing.State.SCHEDULED).order_by("starts_at").first()
        if hearing is not None:
            latest = rules.adjournment_request_latest(timezone.localdate(hearing.starts_at))
            if today > latest:
                raise ValidationError(
                    {"comment": _("延期开庭须在开庭三日前提出（最迟 %(d)s），已超过期限") % {"d": latest}}
                )
            hearing.state = Hearing.State.POSTPONED
            hearing.save(update_fields=["state"])
    elif action == "suspend":
        case.suspended_since = today
        case.hearings.filter(state=Hearing.State.SCHEDULED).update(state=Hearing.State.CANCELLED)
    elif action == "resume":
        case.suspended_days += (today - (case.suspended_since or today)).days
        case.suspended_since = None
        case.award_due = award_due(case)
        changes["suspended_days"] = [None, case.suspended_days]
    elif action == "extend":
        if case.extended:
            raise ArbitrationConflict(_("审理期限已延长过一次，不能再次延长"))
        case.extended = True
        case.award_due = award_due(case)
        changes["award_due"] = [None, case.award_due]
    elif action == "mediate":
        value = _as_amount(amount, "amount", errs := {}, required=False)
        if errs:
            raise ValidationError(errs)
        case.amount_awarded = value
        case.decided_on = case.closed_on = today
        case.decision_note = comment
        case.hearings.filter(state=Hearing.State.SCHEDULED).update(state=Hearing.State.CANCELLED)
    elif action == "withdraw":
        case.decided_on = today
        if case.accepted_on is not None:
            case.closed_on = today  # a withdrawal after acceptance concludes the case (结案)
        case.hearings.filter(state=Hearing.State.SCHEDULED).update(state=Hearing.State.CANCELLED)
    elif action == "close":
        case.archived_on = today
    elif action == "publish":
        if case.published:
            raise ArbitrationConflict(_("裁决书已公开"))
        case.published, case.published_on = True, today
    finish(case, spec, actor, comment, from_status, changes)
    with translation.override(settings.LANGUAGE_CODE):
        after_action(case, action, comment)
    return case


def after_action(case: ArbitrationCase, action: str, comment: str) -> None:
    """Tell the parties (message centre) what happened, and issue the documents after commit."""
    from renshe.labour.documents import issue_after_commit

    label = ACTIONS[action].label if action in ACTIONS else action
    title = _("仲裁案件 %(n)s：%(a)s") % {"n": case.number, "a": label}
    if action == "accept":
        body = _("已受理，仲裁庭应于 %(d)s 前作出裁决。") % {"d": case.award_due}
        notify_applicant(case, title, body, sms=True)
        notify_respondent(case, title, _("请在收到申请书副本后十日内提交答辩书。"))
        issue_after_commit(case, "acceptance")
    elif action == "refuse":
        notify_applicant(case, title, comment, sms=True)
        issue_after_commit(case, "refusal")
    elif action in ("serve_copy", "postpone", "suspend", "resume", "extend", "withdraw"):
        notify_applicant(case, title, comment)
        notify_respondent(case, title, comment)
        if action != "withdraw":
            notify_tribunal(case, title, comment)
    elif action == "mediate":
        notify_applicant(case, title, comment, sms=True)
        notify_respondent(case, title, comment)
        issue_after_commit(case, "mediation")
    elif action in ("close", "record_defence"):
        notify_applicant(case, title, comment)
