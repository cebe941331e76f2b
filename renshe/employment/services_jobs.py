"""Every write about job seekers and jobs: 求职登记, posting, review, expiry, applications, pushes.

Each service names its actor, runs in one transaction, validates everything before storing anything
(all bad fields at once), writes the audit row, and records a job's every status change in
``JobEvent`` through the one table of transitions below (``JOB_ACTIONS``), on a locked row.
Errors are typed: ``ValidationError`` naming the field, ``JobConflict`` (HTTP 409) when the job is
not in a state that allows the action, ``PermissionDenied`` for the wrong account.

Selectors (reads) are in ``renshe.employment.selectors_jobs``; the matching engine in
``renshe.employment.matching``.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
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
from renshe.core.models import EducationLevel, Occupation, Region, RegionLevel
from renshe.core.money import minimum_wage
from renshe.employment import matching, rules
from renshe.employment.models import (
    DifficultyRecognition,
    Job,
    JobApplication,
    JobEvent,
    JobSeeker,
    Recommendation,
    UnemploymentRegistration,
)
from renshe.employment.models.jobs import Hours, JobStatus
from renshe.registry.models import Employer, Person

log = logging.getLogger("renshe.employment")

REVIEW = "employment.review_job"
MANAGE = "employment.manage_jobs"
# A clerk files 求职登记 at the window as part of the public employment service (就业援助经办).
SEEKER_WINDOW = "employment.manage_assistance"
MAX_DESIRED = 5
MAX_VALIDITY_DAYS = 180
TEXT_LIMITS = {"skills": 500, "certificates": 300, "summary": 1000, "desired_titles": 100}


class JobConflict(CaseConflict):
    """The job is not in a state that allows the action (or someone else acted first): HTTP 409."""


# --- the transitions of a job, declared in one place -------------------------------------------


@dataclass(frozen=True)
class JobAction:
    name: str
    label: str
    sources: frozenset
    target: str
    perm: str | None  # staff permission (scoped by the job's region); None: nobody on staff
    owner: bool = False  # the employer's own accounts may take it
    system: bool = False  # only a system job (actor=None)
    comment_required: bool = False


JOB_ACTIONS: dict[str, JobAction] = {
    a.name: a
    for a in [
        JobAction(
            "approve", gettext_lazy("审核通过并发布"), frozenset({JobStatus.PENDING}), JobStatus.PUBLISHED, REVIEW
        ),
        JobAction(
            "reject",
            gettext_lazy("审核不通过"),
            frozenset({JobStatus.PENDING}),
            JobStatus.REJECTED,
            REVIEW,
            comment_required=True,
        ),
        JobAction(
            "withdraw",
            gettext_lazy("撤回"),
            frozenset({JobStatus.PENDING, JobStatus.PUBLISHED}),
            JobStatus.WITHDRAWN,
            MANAGE,
            owner=True,
        ),
        JobAction(
            "fill", gettext_lazy("已招满"), frozenset({JobStatus.PUBLISHED}), JobStatus.FILLED, MANAGE, owner=True
        ),
        JobAction(
            "renew",
            gettext_lazy("重新提交审核"),
            frozenset({JobStatus.EXPIRED, JobStatus.FILLED, JobStatus.WITHDRAWN, JobStatus.REJECTED}),
            JobStatus.PENDING,
            None,
            owner=True,
        ),
        JobAction(
            "expire", gettext_lazy("到期下架"), frozenset({JobStatus.PUBLISHED}), JobStatus.EXPIRED, None, system=True
        ),
    ]
}
# Steps recorded in JobEvent that are not transitions of the table (a posting and an edit).
OTHER_EVENTS = {"submit": gettext_lazy("提交发布"), "edit": gettext_lazy("修改后重新提交")}


def event_label(action: str) -> str:
    spec = JOB_ACTIONS.get(action)
    return str(spec.label if spec else OTHER_EVENTS.get(action, action))


EDITABLE = frozenset(
    {JobStatus.PENDING, JobStatus.REJECTED, JobStatus.PUBLISHED, JobStatus.WITHDRAWN, JobStatus.EXPIRED}
)


def is_job_owner(user, job: Job) -> bool:
    return (
        user is not None
        and getattr(user, "role", None) == Role.EMPLOYER
        and user.employer_id is not None
        and user.employer_id == job.employer_id
    )


def may_take(action: JobAction, job: Job, actor) -> bool:
    if action.system:
        return actor is None
    if actor is None:
        return True
    if action.owner and is_job_owner(actor, job):
        return True
    return bool(
        action.perm
        and getattr(actor, "is_bureau_staff", False)
        and actor.has_perm(action.perm)
        and user_can_see_region(actor, job.region_id)
    )


def job_actions_for(job: Job, user) -> list[JobAction]:
    """The actions ``user`` may take on ``job`` now (the buttons a page shows)."""
    return [a for a in JOB_ACTIONS.values() if job.status in a.sources and not a.system and may_take(a, job, user)]


def _event(job: Job, action: str, from_status: str, actor, comment: str = "") -> JobEvent:
    return JobEvent.objects.create(
        job=job,
        action=action,
        from_status=from_status,
        to_status=job.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        comment=comment,
    )


def _employer_accounts(employer_id: int) -> list[User]:
    return list(User.objects.filter(employer_id=employer_id, role=Role.EMPLOYER, is_active=True))


@transaction.atomic
def job_transition(*, job: Job, action: str, actor, comment: str = "", today: date | None = None) -> Job:
    """Move a job along one declared transition: check, lock, change, record, audit, tell the employer."""
    spec = JOB_ACTIONS.get(action)
    if spec is None:
        raise ValidationError({"action": _("未知的操作 %(a)s") % {"a": action}})
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status not in spec.sources:
        raise JobConflict(_("岗位当前状态为“%(s)s”，不能%(a)s") % {"s": job.get_status_display(), "a": spec.label})
    if not may_take(spec, job, actor):
        raise PermissionDenied(_("您没有“%(a)s”该岗位的权限") % {"a": spec.label})
    comment = (comment or "").strip()
    if spec.comment_required and not comment:
        raise ValidationError({"comment": _("请填写%(a)s的理由") % {"a": spec.label}})
    today = today or timezone.localdate()
    before = snapshot(job, ["status", "published_at", "expires_on", "review_note"])
    from_status = job.status
    job.status = spec.target
    if action == "approve":
        job.published_at = timezone.now()
        if job.expires_on is None or job.expires_on <= today:
            job.expires_on = today + timedelta(days=rules.JOB_DEFAULT_VALIDITY_DAYS)
        job.review_note = comment
    elif action == "reject":
        job.review_note = comment
    elif action == "renew":
        job.expires_on = today + timedelta(days=rules.JOB_DEFAULT_VALIDITY_DAYS)
        job.review_note = ""
        job.published_at = None
    job.save()
    _event(job, action, from_status, actor, comment)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=job,
        changes={
            "action": action,
            **diff(before, snapshot(job, ["status", "published_at", "expires_on", "review_note"])),
        },
    )
    if action in ("approve", "reject", "expire"):
        titles = {
            "approve": _("岗位已发布：%(t)s"),
            "reject": _("岗位审核未通过：%(t)s"),
            "expire": _("岗位已到期下架：%(t)s"),
        }
        for user in _employer_accounts(job.employer_id):
            message_send(
                recipient=user,
                title=titles[action] % {"t": job.title},
                body=comment,
                link=reverse("employment:job_manage", args=[job.pk]),
            )
    return job


# --- posting and editing ----------------------------------------------------------------------


def _int_or_none(value, field: str, errors: dict) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        errors[field] = _("请填写整数")
        return None


def _job_region(code, errors: dict) -> Region | None:
    if isinstance(code, Region):
        region = code
    else:
        code = str(code or "").strip()
        if not code:
            errors["region"] = _("请选择工作地点")
            return None
        region = Region.objects.filter(pk=code).first()
    if region is None:
        errors["region"] = _("区划代码 %(c)s 不存在") % {"c": code}
        return None
    if not region.code.startswith("4409") or region.level < RegionLevel.COUNTY or region.valid_to is not None:
        errors["region"] = _("工作地点须为茂名市内的区县、镇街（%(c)s 不符合）") % {"c": region.code}
        return None
    return region


def _occupation(code, errors: dict) -> Occupation | None:
    if code in (None, ""):
        return None
    if isinstance(code, Occupation):
        return code
    found = Occupation.objects.filter(pk=str(code).strip()).first()
    if found is None:
        errors["occupation"] = _("职业代码 %(c)s 不存在") % {"c": code}
    return found


def _education(code, errors: dict) -> EducationLevel | None:
    if code in (None, ""):
        return None
    if isinstance(code, EducationLevel):
        return code
    value = str(code).strip()
    found = EducationLevel.objects.filter(pk=value).first() or EducationLevel.objects.filter(name=value).first()
    if found is None:
        errors["education"] = _("学历 %(c)s 不存在") % {"c": code}
    return found


def _clean_job(values: dict, *, today: date) -> tuple[dict, list[rules.Finding]]:
    """Validate a posting as a whole; raise every problem at once, refusals with their legal source."""
    errors: dict[str, list[str]] = {}

    def err(field: str, message) -> None:
        errors.setdefault(field, []).append(str(message))

    single: dict[str, str] = {}
    title = " ".join(str(values.get("title") or "").split())
    description = str(values.get("description") or "").strip()
    if not title:
        err("title", _("请填写岗位名称"))
    elif len(title) > 60:
        err("title", _("岗位名称最多60个字"))
    if not description:
        err("description", _("请填写岗位描述"))
    elif len(description) > 4000:
        err("description", _("岗位描述最多4000个字"))
    region = _job_region(values.get("region"), single)
    occupation = _occupation(values.get("occupation"), single)
    education = _education(values.get("education"), single)
    salary_min = _int_or_none(values.get("salary_min"), "salary_min", single)
    salary_max = _int_or_none(values.get("salary_max"), "salary_max", single)
    headcount = _int_or_none(values.get("headcount"), "headcount", single)
    age_min = _int_or_none(values.get("age_min"), "age_min", single)
    age_max = _int_or_none(values.get("age_max"), "age_max", single)
    hours = values.get("hours") or Hours.FULL_TIME
    if hours not in Hours.values:
        single["hours"] = _("工作时间须为 %(v)s 之一") % {"v": "、".join(Hours.values)}
    if headcount is None and "headcount" not in single:
        single["headcount"] = _("请填写招聘人数")
    elif headcount is not None and not 1 <= headcount <= 9999:
        single["headcount"] = _("招聘人数须在1到9999之间")
    minimum = None
    if region is not None and hours != Hours.PART_TIME:
        try:
            minimum = minimum_wage(today, region.code)
        except ObjectDoesNotExist:
            log.warning("no minimum wage in force for %s on %s", region.code, today)
    for field, message in rules.salary_errors(
        salary_min=salary_min, salary_max=salary_max, full_time=hours != Hours.PART_TIME, minimum_monthly=minimum
    ).items():
        single.setdefault(field, message)
    if salary_max is not None and salary_max > 1_000_000:
        single.setdefault("salary_max", _("月薪上限过大，请以元/月填写"))
    for field, message in rules.age_limit_errors(age_min, age_max).items():
        single.setdefault(field, message)
    expires_on = values.get("expires_on") or today + timedelta(days=rules.JOB_DEFAULT_VALIDITY_DAYS)
    if isinstance(expires_on, str):
        try:
            expires_on = date.fromisoformat(expires_on)
        except ValueError:
            single["expires_on"] = _("日期格式应为 YYYY-MM-DD")
    if isinstance(expires_on, date) and not today < expires_on <= today + timedelta(days=MAX_VALIDITY_DAYS):
        single["expires_on"] = _("有效期须在今天之后、%(n)d天之内") % {"n": MAX_VALIDITY_DAYS}
    for field, message in single.items():
        err(field, message)

    findings = rules.posting_findings(title=title, description=description, age_min=age_min, age_max=age_max)
    for finding in findings:
        if finding.severity == rules.REFUSE:
            err(finding.field, _("含有就业歧视内容，不能发布：%(m)s") % {"m": finding.message()})
    if errors:
        raise ValidationError(errors)
    cleaned = {
        "title": title,
        "description": description,
        "region": region,
        "occupation": occupation,
        "education": education,
        "salary_min": salary_min,
        "salary_max": salary_max,
        "headcount": headcount,
        "age_min": age_min,
        "age_max": age_max,
        "hours": hours,
        "expires_on": expires_on,
    }
    return cleaned, [f for f in findings if f.severity == rules.HOLD]


def _tokens_for(job: Job) -> str:
    return matching.job_match_tokens(
        title=job.title,
        description=job.description,
        occupation_name=job.occupation.name if job.occupation_id else "",
    )


def _flags_comment(flags: list[dict]) -> str:
    if not flags:
        return ""
    return _("自动审查提示：") + "；".join(f"{f['category']}“{f['phrase']}”" for f in flags)


JOB_FIELDS = (
    "title",
    "description",
    "region",
    "occupation",
    "education",
    "salary_min",
    "salary_max",
    "headcount",
    "age_min",
    "age_max",
    "hours",
    "expires_on",
)


@transaction.atomic
def job_create(*, actor, employer: Employer | None = None, today: date | None = None, **fields) -> Job:
    """Post a job for review (``pending``). Refused with the reason when it breaks the law (pay under
    the minimum wage, child labour, discriminatory requirements); held with the reviewer's warnings
    when a requirement may be discriminatory (《就业服务与就业管理规定》第二十条)."""
    unknown = set(fields) - set(JOB_FIELDS)
    if unknown:
        raise ValidationError({"non_field_errors": [_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))}]})
    if actor is not None:
        if actor.role != Role.EMPLOYER or not actor.employer_id:
            raise PermissionDenied(_("只有用人单位账号可以发布岗位"))
        employer = actor.employer
    if employer is None:
        raise ValidationError({"employer": _("请指定招聘单位")})
    today = today or timezone.localdate()
    cleaned, holds = _clean_job(fields, today=today)
    job = Job(employer=employer, status=JobStatus.PENDING, created_by=actor, **cleaned)
    job.review_flags = [f.as_dict() for f in holds]
    job.share_token = secrets.token_urlsafe(12)
    job.match_tokens = _tokens_for(job)
    job.full_clean(exclude=["share_token", "match_tokens"])
    job.save()
    _event(job, "submit", "", actor, _flags_comment(job.review_flags))
    audit_record(actor=actor, action=AuditAction.CREATE, obj=job, changes=diff({}, snapshot(job)))
    return job


@transaction.atomic
def job_update(*, actor, job: Job, today: date | None = None, **fields) -> Job:
    """Change a posting. Any change goes back to review: a published job is withdrawn from the
    public until approved again, so nothing is ever public unreviewed."""
    job = Job.objects.select_for_update(of=("self",)).select_related("occupation").get(pk=job.pk)
    if not is_job_owner(actor, job):
        raise PermissionDenied(_("只能修改本单位的岗位"))
    if job.status not in EDITABLE:
        raise JobConflict(_("岗位当前状态为“%(s)s”，不能修改") % {"s": job.get_status_display()})
    unknown = set(fields) - set(JOB_FIELDS)
    if unknown:
        raise ValidationError({"non_field_errors": [_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))}]})
    today = today or timezone.localdate()
    current = {name: getattr(job, name) for name in JOB_FIELDS}
    if current["expires_on"] is not None and current["expires_on"] <= today:
        current["expires_on"] = None  # an expired job edited gets a fresh validity
    cleaned, holds = _clean_job({**current, **fields}, today=today)
    before = snapshot(job)
    from_status = job.status
    for name, value in cleaned.items():
        setattr(job, name, value)
    job.review_flags = [f.as_dict() for f in holds]
    job.match_tokens = _tokens_for(job)
    job.status = JobStatus.PENDING
    job.published_at = None
    job.review_note = ""
    job.full_clean(exclude=["share_token", "match_tokens"])
    job.save()
    _event(job, "edit", from_status, actor, _flags_comment(job.review_flags))
    changes = diff(before, snapshot(job))
    changes.pop("updated_at", None)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=job, changes=changes)
    return job


def jobs_expire(*, today: date | None = None, progress=None) -> int:
    """Take published jobs past their last day off the public list (each in its own transaction;
    safe to run twice — an expired job is no longer a source of the ``expire`` transition)."""
    today = today or timezone.localdate()
    count = 0
    ids = list(
        Job.objects.filter(status=JobStatus.PUBLISHED, expires_on__lt=today).order_by("id").values_list("id", flat=True)
    )
    for pk in ids:
        try:
            job_transition(job=Job(pk=pk), action="expire", actor=None, today=today)
        except JobConflict:
            continue  # withdrawn or filled meanwhile
        count += 1
        if progress and count % 1000 == 0:
            progress(count, len(ids))
    return count


def match_tokens_rebuild(*, batch: int = 2000, progress=None) -> dict[str, int]:
    """Recompute the stored tokens of every job and seeker (after the tokenizer's words change).
    Safe to run twice: it writes the same tokens again."""
    counts = {"jobs": 0, "seekers": 0}
    last = 0
    while True:
        jobs = list(Job.objects.filter(pk__gt=last).select_related("occupation").order_by("pk")[:batch])
        if not jobs:
            break
        for job in jobs:
            job.match_tokens = _tokens_for(job)
        Job.objects.bulk_update(jobs, ["match_tokens"])
        counts["jobs"] += len(jobs)
        last = jobs[-1].pk
        if progress:
            progress("jobs", counts["jobs"])
    last = 0
    while True:
        seekers = list(
            JobSeeker.objects.filter(pk__gt=last).prefetch_related("desired_occupations").order_by("pk")[:batch]
        )
        if not seekers:
            break
        for seeker in seekers:
            seeker.match_tokens = _seeker_tokens(seeker, [o.name for o in seeker.desired_occupations.all()])
        JobSeeker.objects.bulk_update(seekers, ["match_tokens"])
        counts["seekers"] += len(seekers)
        last = seekers[-1].pk
        if progress:
            progress("seekers", counts["seekers"])
    matching.job_index().reset()
    return counts


# --- job seekers ------------------------------------------------------------------------------


def _seeker_tokens(seeker: JobSeeker, occupation_names: Iterable[str]) -> str:
    return matching.seeker_match_tokens(
        desired_titles=seeker.desired_titles,
        occupation_names=occupation_names,
        skills=seeker.skills,
        certificates=seeker.certificates,
        summary=seeker.summary,
    )


def _check_seeker_actor(actor, person: Person) -> None:
    if actor is None:
        return
    if actor.role == Role.CITIZEN:
        if actor.person_id != person.pk:
            raise PermissionDenied(_("只能为本人办理求职登记"))
        return
    if actor.is_bureau_staff and actor.has_perm(SEEKER_WINDOW):
        if not user_can_see_region(actor, person.residence_region_id):
            raise PermissionDenied(_("该人员不在您的管辖范围内"))
        return
    raise PermissionDenied(_("您没有办理求职登记的权限"))


def _seeker_regions(codes, errors: dict) -> list[Region]:
    codes = [str(c).strip() for c in (codes or []) if str(c).strip()]
    if len(codes) > MAX_DESIRED:
        errors["desired_regions"] = _("意向工作地最多选%(n)d个") % {"n": MAX_DESIRED}
        return []
    found = {r.code: r for r in Region.objects.filter(pk__in=codes)}
    for code in codes:
        region = found.get(code)
        if region is None or not code.startswith("4409") or region.level < RegionLevel.COUNTY:
            errors["desired_regions"] = _("意向工作地 %(c)s 不是茂名市内的区县或镇街") % {"c": code}
            return []
    return [found[c] for c in dict.fromkeys(codes)]


def _seeker_occupations(codes, errors: dict) -> list[Occupation]:
    codes = [str(c).strip() for c in (codes or []) if str(c).strip()]
    if len(codes) > MAX_DESIRED:
        errors["desired_occupations"] = _("意向职业最多选%(n)d个") % {"n": MAX_DESIRED}
        return []
    found = {o.code: o for o in Occupation.objects.filter(pk__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        errors["desired_occupations"] = _("职业代码 %(c)s 不存在") % {"c": "、".join(missing)}
        return []
    return [found[c] for c in dict.fromkeys(codes)]


SEEKER_FIELDS = (
    "desired_occupations",
    "desired_regions",
    "desired_titles",
    "salary_expected",
    "hours",
    "available_from",
    "skills",
    "certificates",
    "summary",
    "visible_to_employers",
    "status",
)


@transaction.atomic
def seeker_save(*, actor, person: Person, **fields) -> JobSeeker:
    """Register or change a person's 求职登记: their wishes, skills and whether employers may see them.

    A citizen does it for themself; a clerk at the window for someone living in their region.
    """
    _check_seeker_actor(actor, person)
    unknown = set(fields) - set(SEEKER_FIELDS)
    if unknown:
        raise ValidationError({"non_field_errors": [_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))}]})
    seeker = JobSeeker.objects.select_for_update().filter(person=person).first()
    created = seeker is None
    if created:
        seeker = JobSeeker(person=person)
    before = {} if created else _seeker_snapshot(seeker)
    errors: dict[str, str] = {}
    occupations = regions = None
    if "desired_occupations" in fields:
        occupations = _seeker_occupations(fields["desired_occupations"], errors)
    if "desired_regions" in fields:
        regions = _seeker_regions(fields["desired_regions"], errors)
    for name, limit in TEXT_LIMITS.items():
        if name in fields:
            value = str(fields[name] or "").strip()
            if len(value) > limit:
                errors[name] = _("最多%(n)d个字") % {"n": limit}
            setattr(seeker, name, value)
    if "salary_expected" in fields:
        value = _int_or_none(fields["salary_expected"], "salary_expected", errors)
        if value is not None and not 0 < value <= 200_000:
            errors["salary_expected"] = _("期望月薪须在1到200000元之间")
        seeker.salary_expected = value
    if "hours" in fields:
        if fields["hours"] not in Hours.values:
            errors["hours"] = _("工作时间须为 %(v)s 之一") % {"v": "、".join(Hours.values)}
        else:
            seeker.hours = fields["hours"]
    if "available_from" in fields:
        value = fields["available_from"] or None
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                errors["available_from"] = _("日期格式应为 YYYY-MM-DD")
                value = None
        seeker.available_from = value
    if "visible_to_employers" in fields:
        seeker.visible_to_employers = bool(fields["visible_to_employers"])
    if "status" in fields:
        if fields["status"] not in JobSeeker.Status.values:
            errors["status"] = _("状态不正确")
        else:
            seeker.status = fields["status"]
    if errors:
        raise ValidationError(errors)
    seeker.full_clean(exclude=["person", "match_tokens", "desired_occupations", "desired_regions"])
    seeker.save()
    if occupations is not None:
        seeker.desired_occupations.set(occupations)
    if regions is not None:
        seeker.desired_regions.set(regions)
    seeker.match_tokens = _seeker_tokens(seeker, [o.name for o in seeker.desired_occupations.all()])
    seeker.save(update_fields=["match_tokens", "updated_at"])
    changes = diff(before, _seeker_snapshot(seeker))
    changes.pop("updated_at", None)
    changes.pop("match_tokens", None)
    audit_record(actor=actor, action=AuditAction.CREATE if created else AuditAction.UPDATE, obj=seeker, changes=changes)
    return seeker


def _seeker_snapshot(seeker: JobSeeker) -> dict:
    return {
        **snapshot(seeker),
        "desired_occupations": sorted(seeker.desired_occupations.values_list("code", flat=True)),
        "desired_regions": sorted(seeker.desired_regions.values_list("code", flat=True)),
    }


# --- applications -----------------------------------------------------------------------------


@transaction.atomic
def application_create(*, actor, job: Job, today: date | None = None) -> JobApplication:
    """A citizen applies (投递) to a published job with their 求职登记; the employer is told."""
    if actor is None or actor.role != Role.CITIZEN or not actor.person_id:
        raise PermissionDenied(_("请以个人账号登录后投递"))
    today = today or timezone.localdate()
    seeker = JobSeeker.objects.filter(person_id=actor.person_id).first()
    if seeker is None:
        raise ValidationError({"seeker": _("请先完成求职登记，再投递岗位")})
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.PUBLISHED or (job.expires_on is not None and job.expires_on < today):
        raise JobConflict(_("该岗位已不在招聘中"))
    if JobApplication.objects.filter(job=job, seeker=seeker).exists():
        raise ValidationError({"job": _("您已投递过该岗位")})
    try:
        with transaction.atomic():
            application = JobApplication.objects.create(job=job, seeker=seeker)
    except IntegrityError:
        raise ValidationError({"job": _("您已投递过该岗位")}) from None
    audit_record(actor=actor, action=AuditAction.CREATE, obj=application, changes={"job": job.pk})
    for user in _employer_accounts(job.employer_id):
        message_send(
            recipient=user,
            title=_("收到新的求职申请：%(t)s") % {"t": job.title},
            link=reverse("employment:job_manage", args=[job.pk]),
        )
    return application


@transaction.atomic
def application_contact_reveal(*, actor, application: JobApplication) -> dict[str, str]:
    """The applicant's name and phone for the employer they applied to; every look is audited."""
    if not is_job_owner(actor, application.job):
        raise PermissionDenied(_("只有招聘单位可以查看应聘者联系方式"))
    person = application.seeker.person
    audit_record(
        actor=actor,
        action=AuditAction.REVEAL,
        obj=person,
        changes={"fields": ["name", "phone"], "application": application.pk},
    )
    return {"name": person.name, "phone": person.phone}


# --- recommendations to the assistance ledger -------------------------------------------------


def assistance_ledger_seekers():
    """Seekers in the assistance ledger: tagged 就业困难人员, recognised as such, or registered unemployed."""
    today = timezone.localdate()
    recognised = DifficultyRecognition.objects.filter(person_id=OuterRef("person_id")).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=today)
    )
    unemployed = UnemploymentRegistration.objects.filter(
        person_id=OuterRef("person_id"), status=UnemploymentRegistration.Status.ACTIVE
    )
    return (
        JobSeeker.objects.filter(status=JobSeeker.Status.SEEKING)
        .filter(Q(person__tags__code="employment_difficulty") | Exists(recognised) | Exists(unemployed))
        .distinct()
        .order_by("pk")
    )


def recommendations_push(*, per_person: int = 5, today: date | None = None, progress=None) -> dict[str, int]:
    """Store each ledger seeker's best new matches as ``Recommendation`` rows and tell them.

    Safe to run twice: a job already recommended to a person is not stored or sent again
    (``one_recommendation_per_job``); a person with nothing new gets no message.
    """
    today = today or timezone.localdate()
    counts = {"seekers": 0, "recommendations": 0, "messages": 0}
    seekers = assistance_ledger_seekers().select_related("person", "person__education", "person__account")
    for seeker in seekers.prefetch_related("desired_occupations", "desired_regions").iterator(chunk_size=500):
        counts["seekers"] += 1
        matches = matching.jobs_for_seeker(seeker, limit=per_person, today=today)
        new = _store_recommendations(seeker, matches)
        counts["recommendations"] += len(new)
        if new and _notify_recommendations(seeker, new):
            counts["messages"] += 1
        if progress and counts["seekers"] % 500 == 0:
            progress(counts)
    return counts


@transaction.atomic
def _store_recommendations(seeker: JobSeeker, matches: list[matching.Match]) -> list[matching.Match]:
    known = set(Recommendation.objects.filter(seeker=seeker).values_list("job_id", flat=True))
    new = [m for m in matches if m.job_id not in known]
    created = []
    for m in new:
        try:
            with transaction.atomic():
                Recommendation.objects.create(
                    seeker=seeker, job_id=m.job_id, score=round(m.score, 4), reasons=m.reasons, source="assistance"
                )
        except IntegrityError:
            continue  # another run stored it meanwhile
        created.append(m)
    if created:
        audit_record(
            actor=None,
            action=AuditAction.CREATE,
            object_type="employment.recommendation",
            object_id=str(seeker.pk),
            object_repr=_("岗位推荐"),
            changes={"seeker": seeker.pk, "jobs": [m.job_id for m in created]},
        )
    return created


def _notify_recommendations(seeker: JobSeeker, matches: list[matching.Match]) -> bool:
    account = getattr(seeker.person, "account", None)
    if account is None or not account.is_active:
        return False
    lines = [f"{m.job.title}（{m.job.employer.name}）：{'；'.join(m.reasons[:3])}" for m in matches if m.job]
    with transaction.atomic():
        message_send(
            recipient=account,
            title=_("为您推荐%(n)d个岗位") % {"n": len(matches)},
            body="\n".join(lines),
            link=reverse("employment:seeker_matches"),
        )
    return True
