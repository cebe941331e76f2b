"""Every write about job fairs: announcing and running a fair, booths, sign-up, check-in, outcomes.

Each service names its actor, runs in one transaction, locks the rows it changes, records the step
on the fair's timeline (``FairEvent``) where it is one, and writes the audit row. Errors are typed:
a ``ValidationError`` naming the field for bad input, ``FairConflict`` (HTTP 409 in the API) when the
fair or booth is not in a state that allows the action, ``CheckInRefused`` at the door, and
``PermissionDenied`` for the wrong kind of account.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record, diff, snapshot
from renshe.cases.exceptions import CaseConflict
from renshe.core.models import Region, RegionLevel
from renshe.employment import monitoring, rules
from renshe.employment import services_jobs as jobs_services
from renshe.employment.models import (
    Booth,
    EmploymentRegistration,
    FairEvent,
    FairOutcome,
    FairRegistration,
    Job,
    JobApplication,
    JobFair,
)
from renshe.employment.models.fairs import FairMode, FairTheme
from renshe.employment.models.jobs import JobStatus
from renshe.registry.models import ContractType

MANAGE = "employment.manage_fairs"
CHECK_IN = "employment.check_in_fair"
MAX_BOOTHS = 2000


class FairConflict(CaseConflict):
    """The fair or booth is not in a state that allows the action (or someone else acted first)."""


class CheckInRefused(ValidationError):
    """A code refused at the door. ``reason``: ``unknown``, ``other_fair``, ``already``, ``not_today``."""

    def __init__(self, message: str, *, reason: str, registration: FairRegistration | None = None):
        super().__init__(message, code=reason)
        self.reason = reason
        self.registration = registration


# --- the fair's status: declared transitions -------------------------------------------------


@dataclass(frozen=True)
class FairAction:
    name: str
    label: str
    sources: frozenset
    target: str
    comment_required: bool = False


S = JobFair.Status
FAIR_ACTIONS: dict[str, FairAction] = {
    a.name: a
    for a in [
        FairAction("open", gettext_lazy("发布并开放报名"), frozenset({S.DRAFT}), S.OPEN),
        FairAction("close", gettext_lazy("结束招聘会"), frozenset({S.OPEN}), S.CLOSED),
        FairAction("cancel", gettext_lazy("取消招聘会"), frozenset({S.DRAFT, S.OPEN}), S.CANCELLED, True),
    ]
}


def fair_actions_from(status: str) -> list[FairAction]:
    return [a for a in FAIR_ACTIONS.values() if status in a.sources]


# --- helpers ---------------------------------------------------------------------------------


def _require_staff(actor, fair_region: Region | None = None, perm: str = MANAGE) -> None:
    if actor is None:
        return
    if not actor.is_bureau_staff or not actor.has_perm(perm):
        raise PermissionDenied(_("您没有执行此操作的权限"))
    if fair_region is not None and not user_can_see_region(actor, fair_region.code):
        raise PermissionDenied(_("该招聘会不在您的管辖范围内"))


def _require_citizen(actor) -> None:
    if actor is None or actor.role != Role.CITIZEN or not actor.person_id:
        raise PermissionDenied(_("请使用已实名登记的个人账号操作"))


def _require_employer(actor) -> None:
    if actor is None or actor.role != Role.EMPLOYER or not actor.employer_id:
        raise PermissionDenied(_("请使用已登记的用人单位账号操作"))


def _lock_fair(fair: JobFair) -> JobFair:
    return JobFair.objects.select_for_update().select_related("region").get(pk=fair.pk)


def _event(*, fair: JobFair, action: str, from_status: str, to_status: str, actor, comment: str = "", booth=None):
    return FairEvent.objects.create(
        fair=fair,
        booth=booth,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        comment=comment,
    )


def _notify_employer(booth: Booth, title: str, body: str, link: str = "") -> None:
    for account in User.objects.filter(employer_id=booth.employer_id, role=Role.EMPLOYER, is_active=True):
        message_send(recipient=account, title=title, body=body, link=link)


def _booth_link(booth: Booth) -> str:
    return reverse("employment:fair_booth", args=[booth.pk])


def _fair_region(value, actor) -> Region:
    region = value if isinstance(value, Region) else Region.objects.filter(pk=str(value or "").strip()).first()
    if region is None:
        raise ValidationError({"region": _("请选择举办地")})
    if region.level > RegionLevel.TOWN:
        raise ValidationError({"region": _("举办地请选择到区县或镇街一级")})
    if actor is not None and not user_can_see_region(actor, region.code):
        raise ValidationError({"region": _("%(region)s 不在您的管辖范围内") % {"region": region.name}})
    return region


def _clean_fair_fields(
    *,
    actor,
    title: str,
    theme: str,
    mode: str,
    region,
    venue: str,
    starts_at: datetime,
    ends_at: datetime,
    booth_count: int,
    description: str,
) -> dict:
    """Every problem with a fair's fields at once (a form shows them all), else the clean values."""
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("请填写招聘会名称")
    elif len(title) > 80:
        errors["title"] = _("名称过长（最多80个字）")
    if theme not in FairTheme.values:
        errors["theme"] = _("请选择招聘会主题")
    if mode not in FairMode.values:
        errors["mode"] = _("请选择招聘会形式（线上、线下或线上线下联动）")
    venue = (venue or "").strip()
    if mode in (FairMode.OFFLINE, FairMode.HYBRID) and not venue:
        errors["venue"] = _("线下招聘会须填写场地")
    if len(venue) > 120:
        errors["venue"] = _("场地过长（最多120个字）")
    if not starts_at:
        errors["starts_at"] = _("请填写开始时间")
    if not ends_at:
        errors["ends_at"] = _("请填写结束时间")
    elif starts_at and ends_at <= starts_at:
        errors["ends_at"] = _("结束时间须晚于开始时间")
    elif ends_at <= timezone.now():
        errors["ends_at"] = _("结束时间已过，不能发布已结束的招聘会")
    if booth_count is None or booth_count < 1:
        errors["booth_count"] = _("展位数至少为 1")
    elif booth_count > MAX_BOOTHS:
        errors["booth_count"] = _("展位数不能超过 %(n)s") % {"n": MAX_BOOTHS}
    try:
        clean_region = _fair_region(region, actor)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        clean_region = None
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "theme": theme,
        "mode": mode,
        "region": clean_region,
        "venue": venue,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "booth_count": booth_count,
        "description": (description or "").strip(),
    }


# --- fairs ------------------------------------------------------------------------------------


@transaction.atomic
def fair_announce(
    *,
    actor,
    title: str,
    theme: str,
    mode: str,
    region,
    starts_at: datetime,
    ends_at: datetime,
    booth_count: int,
    venue: str = "",
    description: str = "",
    organiser=None,
) -> JobFair:
    """Announce a fair (as a draft: ``fair_transition(action="open")`` publishes it and opens sign-up)."""
    _require_staff(actor)
    values = _clean_fair_fields(
        actor=actor,
        title=title,
        theme=theme,
        mode=mode,
        region=region,
        venue=venue,
        starts_at=starts_at,
        ends_at=ends_at,
        booth_count=booth_count,
        description=description,
    )
    organiser = organiser or (actor.org_unit if actor is not None else None)
    if organiser is None:
        raise ValidationError({"organiser": _("请指定主办单位")})
    fair = JobFair.objects.create(
        **values, organiser=organiser, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    _event(fair=fair, action="announce", from_status="", to_status=fair.status, actor=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=fair, changes=diff({}, snapshot(fair)))
    return fair


@transaction.atomic
def fair_update(*, actor, fair: JobFair, **fields) -> JobFair:
    """Change a draft or open fair. Booths already approved keep their numbers: the count may not drop below them."""
    fair = _lock_fair(fair)
    _require_staff(actor, fair.region)
    if fair.status not in (S.DRAFT, S.OPEN):
        raise FairConflict(_("招聘会当前状态为“%(s)s”，不能修改") % {"s": fair.get_status_display()})
    before = snapshot(fair)
    current = {
        k: getattr(fair, k)
        for k in ("title", "theme", "mode", "region", "venue", "starts_at", "ends_at", "booth_count", "description")
    }
    values = _clean_fair_fields(actor=actor, **{**current, **fields})
    approved = Booth.objects.filter(fair=fair, status=Booth.Status.APPROVED).values_list("number", flat=True)
    highest = max((int(n) for n in approved if n.isdigit()), default=0)
    if values["booth_count"] < highest:
        raise ValidationError({"booth_count": _("已分配到 %(n)s 号展位，展位数不能少于 %(n)s") % {"n": highest}})
    for key, value in values.items():
        setattr(fair, key, value)
    fair.save()
    changes = diff(before, snapshot(fair))
    if changes:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=fair, changes=changes)
    return fair


@transaction.atomic
def fair_transition(*, actor, fair: JobFair, action: str, comment: str = "") -> JobFair:
    """Move a fair along one declared transition (``FAIR_ACTIONS``): open, close or cancel.

    The row is locked, so two people pressing at once cannot both succeed: the second gets
    ``FairConflict``. Cancelling tells everyone signed up and every employer with a booth.
    """
    spec = FAIR_ACTIONS.get(action)
    if spec is None:
        raise ValidationError({"action": _("未知的操作 %(a)s") % {"a": action}})
    fair = _lock_fair(fair)
    _require_staff(actor, fair.region)
    if fair.status not in spec.sources:
        raise FairConflict(_("招聘会当前状态为“%(s)s”，不能%(a)s") % {"s": fair.get_status_display(), "a": spec.label})
    comment = (comment or "").strip()
    if spec.comment_required and not comment:
        raise ValidationError({"comment": _("请填写%(a)s的原因") % {"a": spec.label}})
    if action == "open" and fair.ends_at <= timezone.now():
        raise ValidationError({"ends_at": _("结束时间已过，不能开放报名，请先修改时间")})
    from_status = fair.status
    fair.status = spec.target
    fair.save(update_fields=["status"])
    _event(fair=fair, action=action, from_status=from_status, to_status=fair.status, actor=actor, comment=comment)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=fair,
        changes={"status": [from_status, fair.status], **({"comment": [None, comment]} if comment else {})},
    )
    if action == "cancel":
        _notify_cancelled(fair, comment)
    return fair


def _notify_cancelled(fair: JobFair, reason: str) -> None:
    title = _("招聘会已取消：%(t)s") % {"t": fair.title}
    body = _("原因：%(r)s") % {"r": reason}
    for account in User.objects.filter(
        person__fair_registrations__fair=fair, role=Role.CITIZEN, is_active=True
    ).select_related("person"):
        message_send(recipient=account, title=title, body=body, sms=True)
    for booth in Booth.objects.filter(fair=fair, status__in=[Booth.Status.REQUESTED, Booth.Status.APPROVED]):
        _notify_employer(booth, title, body)


def _require_open_for_sign_up(fair: JobFair, what: str) -> None:
    if fair.status != S.OPEN:
        raise FairConflict(_("招聘会当前状态为“%(s)s”，不能%(w)s") % {"s": fair.get_status_display(), "w": what})
    if fair.ends_at <= timezone.now():
        raise FairConflict(_("招聘会已结束，不能%(w)s") % {"w": what})


# --- booths -----------------------------------------------------------------------------------


def _existing_booth(fair: JobFair, employer_id: int) -> Booth | None:
    return Booth.objects.filter(fair=fair, employer_id=employer_id).first()


def _booked_message(booth: Booth) -> str:
    return _("贵单位已预订本场招聘会的展位（当前状态：%(s)s），每场招聘会只能预订一个展位") % {
        "s": booth.get_status_display()
    }


@transaction.atomic
def booth_book(*, actor, fair: JobFair, jobs: Iterable, note: str = "") -> Booth:
    """An employer asks for a booth at an open fair, showing some of its published jobs. Once per fair.

    The unique constraint (fair, employer) is the backstop when two requests race: the loser gets
    the same message as a plain second booking.
    """
    _require_employer(actor)
    fair = JobFair.objects.get(pk=fair.pk)
    _require_open_for_sign_up(fair, _("预订展位"))
    existing = _existing_booth(fair, actor.employer_id)
    if existing is not None:
        raise ValidationError({"fair": _booked_message(existing)})
    job_ids = {int(getattr(j, "pk", j)) for j in jobs}
    if not job_ids:
        raise ValidationError({"jobs": _("请至少选择一个已发布的岗位参展")})
    chosen = list(Job.objects.filter(pk__in=job_ids, employer_id=actor.employer_id, status=JobStatus.PUBLISHED))
    if len(chosen) != len(job_ids):
        raise ValidationError({"jobs": _("只能选择本单位已发布（审核通过）的岗位")})
    note = (note or "").strip()
    if len(note) > 200:
        raise ValidationError({"note": _("说明过长（最多200个字）")})
    try:
        with transaction.atomic():
            booth = Booth.objects.create(fair=fair, employer_id=actor.employer_id, note=note)
    except IntegrityError:
        existing = _existing_booth(fair, actor.employer_id)
        raise ValidationError({"fair": _booked_message(existing) if existing else _("不能重复预订展位")}) from None
    booth.jobs.set(chosen)
    _event(fair=fair, booth=booth, action="book", from_status="", to_status=booth.status, actor=actor, comment=note)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=booth,
        changes={"fair": [None, fair.pk], "status": [None, booth.status], "jobs": [None, sorted(job_ids)]},
    )
    return booth


def _lock_booth(booth: Booth) -> tuple[JobFair, Booth]:
    """Lock the fair first, then the booth: approvals of one fair are serialised, so a number goes once."""
    fair = _lock_fair(booth.fair)
    booth = Booth.objects.select_for_update().select_related("employer").get(pk=booth.pk)
    return fair, booth


@transaction.atomic
def booth_approve(*, actor, booth: Booth, number: int | None = None) -> Booth:
    """Confirm a booth request and assign its number (the first free one when none is given)."""
    fair, booth = _lock_booth(booth)
    _require_staff(actor, fair.region)
    if booth.status != Booth.Status.REQUESTED:
        raise FairConflict(_("该展位申请当前状态为“%(s)s”，不能确认") % {"s": booth.get_status_display()})
    if fair.status != S.OPEN:
        raise FairConflict(_("招聘会当前状态为“%(s)s”，不能确认展位") % {"s": fair.get_status_display()})
    taken = {
        int(n)
        for n in Booth.objects.filter(fair=fair, status=Booth.Status.APPROVED).values_list("number", flat=True)
        if n.isdigit()
    }
    if number is None:
        number = rules.first_free_booth_number(fair.booth_count, taken)
        if number is None:
            raise ValidationError({"number": _("本场 %(n)s 个展位已全部分配") % {"n": fair.booth_count}})
    problem = rules.booth_number_error(number, fair.booth_count, taken)
    if problem == "too_small":
        raise ValidationError({"number": _("展位号须为正整数")})
    if problem == "beyond_count":
        raise ValidationError(
            {"number": _("展位号 %(x)s 超出本场展位数（共 %(n)s 个）") % {"x": number, "n": fair.booth_count}}
        )
    if problem == "taken":
        raise ValidationError({"number": _("展位号 %(x)s 已分配给其他单位") % {"x": number}})
    before = snapshot(booth, ["status", "number"])
    booth.status = Booth.Status.APPROVED
    booth.number = rules.booth_number_label(number)
    booth.save(update_fields=["status", "number"])
    _event(
        fair=fair,
        booth=booth,
        action="approve",
        from_status=Booth.Status.REQUESTED,
        to_status=booth.status,
        actor=actor,
        comment=booth.number,
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=booth, changes=diff(before, snapshot(booth)))
    _notify_employer(
        booth,
        _("展位预订已确认：%(t)s") % {"t": fair.title},
        _("展位号 %(n)s。请于 %(d)s 前到场布展。")
        % {"n": booth.number, "d": timezone.localtime(fair.starts_at).strftime("%Y-%m-%d %H:%M")},
        _booth_link(booth),
    )
    return booth


@transaction.atomic
def booth_reject(*, actor, booth: Booth, reason: str) -> Booth:
    """Refuse a booth request, with the reason the employer will read."""
    fair, booth = _lock_booth(booth)
    _require_staff(actor, fair.region)
    if booth.status != Booth.Status.REQUESTED:
        raise FairConflict(_("该展位申请当前状态为“%(s)s”，不能退回") % {"s": booth.get_status_display()})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写不予确认的原因")})
    if len(reason) > 200:
        raise ValidationError({"reason": _("原因过长（最多200个字）")})
    before = snapshot(booth, ["status", "note"])
    booth.status = Booth.Status.REJECTED
    booth.note = reason
    booth.save(update_fields=["status", "note"])
    _event(
        fair=fair,
        booth=booth,
        action="reject",
        from_status=Booth.Status.REQUESTED,
        to_status=booth.status,
        actor=actor,
        comment=reason,
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=booth, changes=diff(before, snapshot(booth)))
    _notify_employer(
        booth, _("展位预订未通过：%(t)s") % {"t": fair.title}, _("原因：%(r)s") % {"r": reason}, _booth_link(booth)
    )
    return booth


# --- job seekers: sign-up and online applications ---------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(rules.ENTRY_CODE_ALPHABET) for _ in range(rules.ENTRY_CODE_LENGTH))


@transaction.atomic
def fair_sign_up(*, actor, fair: JobFair) -> tuple[FairRegistration, bool]:
    """A job seeker signs up and gets an entry code; signing up again returns the same code.

    Returns ``(registration, created)``.
    """
    _require_citizen(actor)
    fair = JobFair.objects.get(pk=fair.pk)
    existing = FairRegistration.objects.filter(fair=fair, person_id=actor.person_id).first()
    if existing is not None:
        return existing, False
    _require_open_for_sign_up(fair, _("报名"))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                registration = FairRegistration.objects.create(fair=fair, person_id=actor.person_id, code=_new_code())
            break
        except IntegrityError:
            # Either the same person signed up at the same moment, or (rarely) the code was taken.
            existing = FairRegistration.objects.filter(fair=fair, person_id=actor.person_id).first()
            if existing is not None:
                return existing, False
    else:  # pragma: no cover - five collisions in 8.5e11 codes
        raise FairConflict(_("入场码生成失败，请重试"))
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=registration,
        object_repr=f"{fair.title} · {registration.person}",  # the code is a credential: not in the log
        changes={"fair": [None, fair.pk], "person": [None, actor.person_id]},
    )
    return registration, True


@transaction.atomic
def fair_job_apply(*, actor, fair: JobFair, job: Job) -> JobApplication:
    """Apply online to a job shown at a booth of an online or hybrid fair (after signing up).

    The application itself is the jobs module's (``services_jobs.application_create``: the person's
    求职登记 is required, the employer is told); this marks it as made through the fair.
    """
    _require_citizen(actor)
    fair = JobFair.objects.get(pk=fair.pk)
    if fair.mode == FairMode.OFFLINE:
        raise ValidationError({"fair": _("这是线下招聘会，请到现场投递")})
    _require_open_for_sign_up(fair, _("投递简历"))
    if not FairRegistration.objects.filter(fair=fair, person_id=actor.person_id).exists():
        raise ValidationError({"fair": _("请先报名参加本场招聘会")})
    shown = Job.objects.filter(
        pk=job.pk, status=JobStatus.PUBLISHED, booths__fair=fair, booths__status=Booth.Status.APPROVED
    ).exists()
    if not shown:
        raise ValidationError({"job": _("该岗位不在本场招聘会展出")})
    application = jobs_services.application_create(actor=actor, job=job)
    application.fair = fair
    application.save(update_fields=["fair", "updated_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=application, changes={"fair": [None, fair.pk]})
    return application


# --- the door ---------------------------------------------------------------------------------


def _time_of(moment: datetime) -> str:
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return local.strftime("%H:%M")
    return f"{local.month}月{local.day}日 {local:%H:%M}"


@transaction.atomic
def fair_check_in(*, actor, fair: JobFair, code: str) -> FairRegistration:
    """Admit the holder of ``code`` at the door of ``fair``. A code admits once: the row is locked,
    so the same code shown at two doors at the same moment gets in at one and is refused at the other.
    """
    _require_staff(actor, fair.region, perm=CHECK_IN)
    fair = JobFair.objects.get(pk=fair.pk)
    today = timezone.localdate()
    if fair.mode == FairMode.ONLINE:
        raise CheckInRefused(_("这是线上招聘会，无需现场入场核验"), reason="not_today")
    if fair.status != S.OPEN or not rules.fair_runs_on(
        timezone.localdate(fair.starts_at), timezone.localdate(fair.ends_at), today
    ):
        if fair.status == S.CLOSED:
            why = _("招聘会已结束")
        elif fair.status == S.CANCELLED:
            why = _("招聘会已取消")
        elif fair.status == S.DRAFT:
            why = _("招聘会尚未发布")
        else:
            why = _("招聘会举办时间为 %(a)s 至 %(b)s") % {
                "a": timezone.localtime(fair.starts_at).strftime("%Y-%m-%d"),
                "b": timezone.localtime(fair.ends_at).strftime("%Y-%m-%d"),
            }
        raise CheckInRefused(_("今天不是本场招聘会的入场时间：%(w)s") % {"w": why}, reason="not_today")
    normalised = rules.entry_code_normalise(code)
    registration = None
    if rules.entry_code_well_formed(normalised):
        registration = (
            FairRegistration.objects.select_for_update().select_related("person").filter(code=normalised).first()
        )
    if registration is None:
        raise CheckInRefused(_("入场码无效：查无此码，请核对后重新输入"), reason="unknown")
    if registration.fair_id != fair.pk:
        raise CheckInRefused(_("该入场码属于另一场招聘会"), reason="other_fair", registration=registration)
    if registration.checked_in_at is not None:
        raise CheckInRefused(
            _("已于 %(t)s 入场，不能重复使用") % {"t": _time_of(registration.checked_in_at)},
            reason="already",
            registration=registration,
        )
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor if getattr(actor, "is_authenticated", False) else None
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=registration,
        object_repr=f"{fair.title} · {registration.person}",
        changes={"checked_in_at": [None, registration.checked_in_at]},
    )
    # The door's counter must move at once: drop the fair's cached live counts after commit.
    transaction.on_commit(lambda: cache.delete(f"employment:fair-live:{fair.pk}"))
    return registration


# --- outcomes ---------------------------------------------------------------------------------


@transaction.atomic
def fair_outcome_record(
    *,
    actor,
    booth: Booth,
    registration: FairRegistration,
    kind: str,
    job: Job | None = None,
    contract_type: str = "",
) -> FairOutcome:
    """An employer records what came of meeting a person at its booth: an interview, an intention, a hire.

    A hire is also registered (``monitoring.employment_register``, source "fair"): the employment
    starts in the registry from today with the contract type chosen, counts toward new urban
    employment, and ends an active unemployment registration.
    """
    _require_employer(actor)
    booth = Booth.objects.select_for_update().select_related("fair", "employer").get(pk=booth.pk)
    if booth.employer_id != actor.employer_id:
        raise PermissionDenied(_("只能登记本单位展位的招聘成效"))
    fair = booth.fair
    if booth.status != Booth.Status.APPROVED:
        raise FairConflict(_("展位未确认，不能登记招聘成效"))
    if fair.status not in (S.OPEN, S.CLOSED):
        raise FairConflict(_("招聘会当前状态为“%(s)s”，不能登记招聘成效") % {"s": fair.get_status_display()})
    if fair.starts_at > timezone.now():
        raise FairConflict(_("招聘会开始后才能登记招聘成效"))
    if registration is None or registration.fair_id != fair.pk:
        raise ValidationError({"code": _("未找到此人在本场招聘会的报名记录，请核对入场码")})
    if kind not in FairOutcome.Kind.values:
        raise ValidationError({"kind": _("请选择结果：面试、达成就业意向或录用")})
    if job is not None and not booth.jobs.filter(pk=job.pk).exists():
        raise ValidationError({"job": _("该岗位不在本展位展出")})
    label = FairOutcome.Kind(kind).label
    if FairOutcome.objects.filter(booth=booth, person_id=registration.person_id, kind=kind).exists():
        raise ValidationError({"kind": _("已登记过此人的“%(k)s”结果") % {"k": label}})
    if kind == FairOutcome.Kind.HIRED and contract_type not in ContractType.values:
        raise ValidationError({"contract_type": _("录用须选择劳动合同类型")})
    try:
        with transaction.atomic():
            outcome = FairOutcome.objects.create(
                fair=fair, booth=booth, person_id=registration.person_id, job=job, kind=kind, recorded_by=actor
            )
    except IntegrityError:
        raise ValidationError({"kind": _("已登记过此人的“%(k)s”结果") % {"k": label}}) from None
    changes: dict = {"kind": [None, kind], "person": [None, registration.person_id], "job": [None, job and job.pk]}
    if kind == FairOutcome.Kind.HIRED:
        filed = monitoring.employment_register(
            actor=actor,
            person=registration.person,
            employer=booth.employer,
            start_date=timezone.localdate(),
            contract_type=contract_type,
            source=EmploymentRegistration.Source.FAIR,
            position=job.title if job is not None else "",
        )
        changes.update({"employment": [None, filed.employment_id], "employment_registration": [None, filed.pk]})
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=outcome,
        object_repr=f"{fair.title} · {booth.employer} · {registration.person} · {label}",
        changes=changes,
    )
    return outcome
