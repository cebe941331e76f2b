"""The tribunal, recusals, hearings and the award: the actions that carry more than a comment.

Each goes through the same start and end as ``services.arbitration_transition`` (``begin``: row lock,
version, state, permission, region; ``finish``: new version, recorded step, audit), so the workflow
table (``renshe.labour.workflow``) stays the one place that says who may do what when.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.labour import rules
from renshe.labour.exceptions import ArbitrationConflict, BookingClash
from renshe.labour.models import ArbitrationCase, Hearing, HearingRoom, Recusal, TribunalMember, TribunalRole
from renshe.labour.services import (
    _as_amount,
    _today,
    begin,
    finish,
    notify_applicant,
    notify_respondent,
    notify_tribunal,
)

MAX_HEARING_MINUTES = 8 * 60


def arbitrators_for(case: ArbitrationCase):
    """Arbitrators who may sit on the case: active arbitrator accounts whose region covers it."""
    users = User.objects.filter(role=Role.ARBITRATOR, is_active=True).select_related("org_unit__region")
    return [u for u in users.order_by("username") if user_can_see_region(u, case.region_id)]


def _recused_ids(case: ArbitrationCase) -> set[int]:
    return set(case.recusals.filter(decision=Recusal.Decision.GRANTED).values_list("arbitrator_id", flat=True))


@transaction.atomic
def arbitration_form_tribunal(
    *, case: ArbitrationCase, actor, arbitrator_ids: list[int], expected_version: int | None = None
) -> ArbitrationCase:
    """Form the tribunal (Art. 31): a sole arbitrator under the simplified procedure, else three (the
    first is the chief). A recused arbitrator may not sit. Re-forming replaces the members."""
    spec, case, _comment = begin(case, "form_tribunal", actor, "", expected_version)
    try:
        ids = [int(i) for i in arbitrator_ids if str(i).strip()]
    except (TypeError, ValueError):
        raise ValidationError({"arbitrators": _("仲裁员选择无效")}) from None
    wanted = 1 if case.simplified else 3
    if len(ids) != wanted or len(set(ids)) != wanted:
        raise ValidationError(
            {
                "arbitrators": _("本案适用%(p)s，须选择 %(n)d 名不同的仲裁员")
                % {"p": _("简易程序（独任仲裁）") if case.simplified else _("普通程序（三人仲裁庭）"), "n": wanted}
            }
        )
    allowed = {u.pk: u for u in arbitrators_for(case)}
    unknown = [i for i in ids if i not in allowed]
    if unknown:
        raise ValidationError({"arbitrators": _("所选人员不是本案管辖范围内的仲裁员")})
    recused = _recused_ids(case) & set(ids)
    if recused:
        names = "、".join(allowed[i].display_name or allowed[i].username for i in recused)
        raise ValidationError({"arbitrators": _("仲裁员 %(n)s 已准予回避，不能担任本案仲裁员") % {"n": names}})
    today = _today()
    case.tribunal.all().delete()
    roles = [TribunalRole.SOLE] if wanted == 1 else [TribunalRole.CHIEF, TribunalRole.MEMBER, TribunalRole.MEMBER]
    TribunalMember.objects.bulk_create(
        [TribunalMember(case=case, arbitrator_id=i, role=r, added_on=today) for i, r in zip(ids, roles, strict=True)]
    )
    case.tribunal_formed_on = today
    names = "、".join(allowed[i].display_name or allowed[i].username for i in ids)
    comment = _("仲裁庭组成：%(n)s") % {"n": names}
    finish(case, spec, actor, comment, case.status, {"tribunal": [None, ids]})
    with translation.override(settings.LANGUAGE_CODE):
        title = _("仲裁案件 %(n)s：仲裁庭已组成") % {"n": case.number}
        notify_applicant(case, title, comment)
        notify_respondent(case, title, comment)
        notify_tribunal(case, title, comment)
    return case


@transaction.atomic
def arbitration_request_recusal(
    *, case: ArbitrationCase, actor, arbitrator_id: int, reason: str, expected_version: int | None = None
) -> Recusal:
    """Record a party's recusal request (Art. 33), made to the commission (entered by its staff)."""
    spec, case, reason = begin(case, "request_recusal", actor, reason, expected_version)
    member = case.tribunal.filter(arbitrator_id=arbitrator_id, active=True).select_related("arbitrator").first()
    if member is None:
        raise ValidationError({"arbitrator": _("该仲裁员不是本案仲裁庭成员")})
    if case.recusals.filter(arbitrator_id=arbitrator_id, decision=Recusal.Decision.PENDING).exists():
        raise ArbitrationConflict(_("该仲裁员的回避申请尚未决定"))
    recusal = Recusal.objects.create(
        case=case, arbitrator_id=arbitrator_id, reason=reason, requested_by=actor if actor else None
    )
    name = member.arbitrator.display_name or member.arbitrator.username
    finish(case, spec, actor, _("申请 %(n)s 回避：%(r)s") % {"n": name, "r": reason}, case.status)
    return recusal


@transaction.atomic
def arbitration_decide_recusal(
    *, recusal: Recusal, actor, grant: bool, note: str = "", expected_version: int | None = None
) -> Recusal:
    """Decide a recusal: granted, the arbitrator leaves the tribunal (re-form it); denied, they stay."""
    spec, case, note = begin(recusal.case, "decide_recusal", actor, note, expected_version)
    recusal = Recusal.objects.select_for_update().get(pk=recusal.pk)
    if recusal.decision != Recusal.Decision.PENDING:
        raise ArbitrationConflict(_("该回避申请已经决定"))
    if not grant and not note:
        raise ValidationError({"comment": _("驳回回避申请须写明理由")})
    recusal.decision = Recusal.Decision.GRANTED if grant else Recusal.Decision.DENIED
    recusal.decision_note = note
    recusal.decided_by = actor if actor else None
    recusal.decided_on = _today()
    recusal.save()
    if grant:
        case.tribunal.filter(arbitrator_id=recusal.arbitrator_id).delete()
        case.tribunal_formed_on = None
    arbitrator = recusal.arbitrator
    comment = _("%(n)s：%(d)s") % {
        "n": arbitrator.display_name or arbitrator.username,
        "d": recusal.get_decision_display(),
    }
    finish(case, spec, actor, f"{comment} {note}".strip(), case.status, {"recusal": [None, recusal.decision]})
    return recusal


def _aware(value: datetime) -> datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@transaction.atomic
def arbitration_schedule_hearing(
    *,
    case: ArbitrationCase,
    actor,
    room: HearingRoom,
    starts_at: datetime,
    minutes: int = 120,
    expected_version: int | None = None,
) -> Hearing:
    """Book a room for the hearing (Art. 35). Refused when the room or an arbitrator of the tribunal is
    already booked at that time, or when the parties can no longer be notified 5 days before.

    The room's row and the arbitrators' rows are locked (always in the same order: room, then
    arbitrators by id), so two bookings at once are serialised and the second one sees the first."""
    spec, case, _comment = begin(case, "schedule", actor, "", expected_version)
    errors: dict = {}
    members = list(case.tribunal.filter(active=True).values_list("arbitrator_id", flat=True))
    if not members:
        raise ValidationError({"room": _("请先组成仲裁庭，再排期开庭")})
    if room is None or not room.active or (actor is not None and not user_can_see_region(actor, room.region_id)):
        errors["room"] = _("仲裁庭室无效")
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        minutes = 0
    if not 30 <= minutes <= MAX_HEARING_MINUTES:
        errors["minutes"] = _("庭审时长应在 30 至 %(n)d 分钟之间") % {"n": MAX_HEARING_MINUTES}
    if starts_at is None:
        errors["starts_at"] = _("请填写开庭时间")
    if errors:
        raise ValidationError(errors)
    starts_at = _aware(starts_at)
    ends_at = starts_at + timedelta(minutes=minutes)
    today = _today()
    hearing_day = timezone.localdate(starts_at)
    latest = rules.hearing_notice_latest(hearing_day)
    if today > latest:
        raise ValidationError(
            {
                "starts_at": _("开庭通知须在开庭五日前送达当事人：%(d)s 开庭最迟应于 %(l)s 通知，请另选日期")
                % {"d": hearing_day, "l": latest}
            }
        )
    if case.award_due and hearing_day > case.award_due:
        raise ValidationError({"starts_at": _("开庭日期晚于审理期限 %(d)s") % {"d": case.award_due}})
    HearingRoom.objects.select_for_update().get(pk=room.pk)
    list(User.objects.select_for_update().filter(pk__in=members).order_by("pk").values_list("pk", flat=True))
    overlapping = Hearing.objects.filter(
        state=Hearing.State.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).select_related("room", "case")
    for other in overlapping:
        if other.room_id == room.pk:
            raise BookingClash(
                {
                    "room": _("%(r)s 在 %(s)s–%(e)s 已有案件 %(c)s 开庭，不能重复预订")
                    % {
                        "r": room.name,
                        "s": f"{timezone.localtime(other.starts_at):%Y-%m-%d %H:%M}",
                        "e": f"{timezone.localtime(other.ends_at):%H:%M}",
                        "c": other.case.number,
                    }
                }
            )
        busy = set(other.arbitrator_ids or []) & set(members)
        if busy:
            names = "、".join(u.display_name or u.username for u in User.objects.filter(pk__in=busy).order_by("pk"))
            raise BookingClash(
                {
                    "starts_at": _("仲裁员 %(n)s 在 %(s)s 已有案件 %(c)s 开庭，时间冲突")
                    % {"n": names, "s": f"{timezone.localtime(other.starts_at):%Y-%m-%d %H:%M}", "c": other.case.number}
                }
            )
    case.hearings.filter(state=Hearing.State.SCHEDULED).update(state=Hearing.State.CANCELLED)
    hearing = Hearing.objects.create(
        case=case,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        arbitrator_ids=sorted(members),
        notice_sent_on=today,
        created_by=actor if actor else None,
    )
    when = f"{timezone.localtime(starts_at):%Y-%m-%d %H:%M}"
    comment = _("%(w)s 在 %(r)s 开庭") % {"w": when, "r": room.name}
    finish(case, spec, actor, comment, case.status, {"hearing": [None, when]})
    with translation.override(settings.LANGUAGE_CODE):
        title = _("开庭通知：仲裁案件 %(n)s") % {"n": case.number}
        body = _("定于 %(w)s 在 %(r)s（%(a)s）开庭，请准时到庭。如需延期开庭，请于 %(l)s 前提出。") % {
            "w": when,
            "r": room.name,
            "a": room.address,
            "l": rules.adjournment_request_latest(hearing_day),
        }
        notify_applicant(case, title, body, sms=True)
        notify_respondent(case, title, body)
        notify_tribunal(case, title, body)
    return hearing


@transaction.atomic
def arbitration_award(
    *,
    case: ArbitrationCase,
    actor,
    decisions: dict,
    reasoning: str,
    expected_version: int | None = None,
) -> ArbitrationCase:
    """The award (裁决书, Art. 46–47): per claim, upheld or not and the amount awarded (never more than
    claimed). ``decisions`` maps a claim id to ``{"upheld": bool, "amount": Decimal | str}``."""
    spec, case, reasoning = begin(case, "award", actor, reasoning, expected_version)
    if not case.tribunal.filter(active=True).exists():
        raise ValidationError({"tribunal": _("尚未组成仲裁庭，不能作出裁决")})
    if not reasoning:
        raise ValidationError({"reasoning": _("请填写裁决理由")})
    errors: dict = {}
    claims = list(case.claims.all())
    total = Decimal(0)
    for claim in claims:
        item = decisions.get(claim.pk) or decisions.get(str(claim.pk))
        field = f"claim_{claim.pk}"
        if item is None:
            errors[field] = _("请对第 %(n)d 项请求作出裁决") % {"n": claim.order}
            continue
        upheld = bool(item.get("upheld"))
        amount = _as_amount(item.get("amount"), field, errors, required=False) if upheld else Decimal(0)
        if amount > claim.amount and claim.kind in rules.MONEY_KINDS:
            errors[field] = _("裁决金额不能超过请求金额 %(a)s 元") % {"a": claim.amount}
        claim.upheld, claim.awarded_amount = upheld, amount
        total += amount
    if errors:
        raise ValidationError(errors)
    for claim in claims:
        claim.save(update_fields=["upheld", "awarded_amount"])
    today = _today()
    case.amount_awarded = total
    case.decided_on = case.closed_on = today
    case.decision_note = reasoning
    case.hearings.filter(state=Hearing.State.SCHEDULED, starts_at__gt=timezone.now()).update(
        state=Hearing.State.CANCELLED
    )
    finish(case, spec, actor, reasoning, case.status, {"amount_awarded": [None, total]})
    from renshe.labour.documents import issue_after_commit

    with translation.override(settings.LANGUAGE_CODE):
        title = _("仲裁案件 %(n)s：已作出裁决") % {"n": case.number}
        body = _("裁决金额合计 %(a)s 元。") % {"a": total}
        if case.final_award:
            body += _("本裁决为终局裁决，自作出之日起发生法律效力。")
        notify_applicant(case, title, body, sms=True)
        notify_respondent(case, title, body)
    issue_after_commit(case, "award")
    return case
