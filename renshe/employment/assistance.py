"""Unemployment registration and employment assistance: writes (services) and scoped reads (selectors).

失业登记 (广东省失业保险条例 第十四条), 就业困难人员认定 (粤人社规〔2023〕11号), the real-name contact ledger
(联系台账) with its overdue warning, individual plans (一人一策), public-welfare posts (公益性岗位),
zero-employment households (零就业家庭) and unemployed graduates (离校未就业高校毕业生).

Every write names its actor (``None``: a system job or an approved case acting), checks the named
permission ``employment.manage_assistance`` and the actor's region, runs in one transaction, and
writes the audit row. The rules are in ``renshe.employment.rules``; their thresholds come from
``core.Parameter`` through ``setting()`` with the defaults of ``rules.ASSISTANCE_PARAMETERS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Message, Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record, diff, snapshot
from renshe.core.models import Region
from renshe.core.params import param
from renshe.employment import rules
from renshe.employment.models import (
    AssistanceContact,
    AssistancePlan,
    DifficultyRecognition,
    GraduateTracking,
    PublicWelfarePlacement,
    PublicWelfarePost,
    UnemploymentRegistration,
    ZeroEmploymentHousehold,
)
from renshe.registry import services as registry_services
from renshe.registry.models import Employer, Employment, Person
from renshe.registry.selectors import dangerously_all_persons, persons_visible_to

MANAGE = "employment.manage_assistance"
DIFFICULTY_TAG = "employment_difficulty"
# What a contact may offer (服务内容); stored as given, shown as these labels.
CONTACT_SERVICES = {
    "guidance": "职业指导",
    "referral": "职业介绍/岗位推荐",
    "training": "职业技能培训",
    "entrepreneurship": "创业服务",
    "welfare_post": "公益性岗位安置",
    "subsidy": "就业补贴/社保补贴",
    "policy": "政策咨询",
}


def _today() -> date:
    return timezone.localdate()


def setting(key: str, on_date: date) -> Decimal:
    """A rule parameter in force on ``on_date`` (``core.Parameter``), else its documented default."""
    return param(key, on_date, rules.ASSISTANCE_PARAMETERS[key][0])


def setting_int(key: str, on_date: date) -> int:
    return int(setting(key, on_date))


# --- who may act -----------------------------------------------------------------------------


def require_staff(actor, perm: str = MANAGE) -> None:
    """A bureau staff member holding ``perm``; ``None`` is a system job."""
    if actor is None:
        return
    if not getattr(actor, "is_authenticated", False) or not actor.is_bureau_staff or not actor.has_perm(perm):
        raise PermissionDenied(_("您没有就业援助经办权限"))


def require_region(actor, region_code: str, what: str | None = None) -> None:
    if actor is None or not actor.is_bureau_staff:
        return
    if not user_can_see_region(actor, region_code):
        raise PermissionDenied(what or _("该人员不在您的管辖范围内"))


def _require_person(actor, person: Person) -> None:
    require_staff(actor)
    require_region(actor, person.residence_region_id)


def _recorded_by(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- registry facts ----------------------------------------------------------------------------


def household_code(person: Person) -> str:
    """The household register's region: the registry's record when held (Maoming), else the identity
    number's region (where the household was when the number was issued)."""
    return person.household_region_id or person.id_number[:6]


def open_employments(person: Person) -> list[Employment]:
    return list(
        Employment.objects.filter(person=person, end_date__isnull=True)
        .select_related("employer")
        .order_by("-start_date")
    )


def active_unemployment(person: Person) -> UnemploymentRegistration | None:
    return UnemploymentRegistration.objects.filter(person=person, status=UnemploymentRegistration.Status.ACTIVE).first()


def active_recognition(person: Person) -> DifficultyRecognition | None:
    return DifficultyRecognition.objects.filter(person=person, ended_on__isnull=True).first()


def working_age(person: Person, on_date: date) -> str:
    return rules.working_age_status(
        person.birth_date,
        person.gender,
        on_date,
        female_base=setting_int("employment.female_retirement_base", on_date),
        min_age=setting_int("employment.min_working_age", on_date),
    )


def _employed_message(jobs: list[Employment]) -> str:
    held = "；".join(
        _("%(employer)s（自 %(start)s 起）") % {"employer": e.employer.name, "start": e.start_date} for e in jobs
    )
    return _("实名信息库显示其仍在职：%(jobs)s。如已离职，请先终止该就业关系（就业登记注销）后再办理。") % {
        "jobs": held
    }


# --- 失业登记 ------------------------------------------------------------------------------------


@transaction.atomic
def unemployment_register(
    *,
    actor,
    person: Person,
    reason: str,
    registered_on: date | None = None,
    last_employer: Employer | None = None,
    able_and_willing: bool = True,
    case=None,
) -> UnemploymentRegistration:
    """失业登记 at the window (a clerk) or from an approved case (``case``; the case is the authority).

    广东省失业保险条例 第十四条: legal working age, able and willing to work, without work. A person the
    registry shows employed is refused, the employment named. Non-local workers register where they
    live (``is_non_local`` records it). A zero-employment household the person belongs to is re-checked.
    """
    if case is None:
        _require_person(actor, person)
    person = Person.objects.select_for_update().select_related("residence_region").get(pk=person.pk)
    today = _today()
    registered_on = registered_on or today
    if registered_on > today:
        raise ValidationError({"registered_on": _("登记日期不能晚于今天")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写失业原因")})
    if len(reason) > 40:
        raise ValidationError({"reason": _("失业原因过长（最多40个字）")})
    jobs = open_employments(person)
    refusals = rules.unemployment_registration_refusals(
        working_age=working_age(person, registered_on),
        employed=bool(jobs),
        already_registered=active_unemployment(person) is not None,
        able_and_willing=able_and_willing,
    )
    if refusals:
        messages = [
            _employed_message(jobs) if code == "employed" else str(rules.UNEMPLOYMENT_REFUSALS[code])
            for code in refusals
        ]
        raise ValidationError({"person": [_("不能办理失业登记：%(why)s") % {"why": m} for m in messages]})
    registration = UnemploymentRegistration(
        person=person,
        region=person.residence_region,
        registered_on=registered_on,
        reason=reason,
        last_employer=last_employer,
        is_non_local=rules.is_non_local(household_code(person), person.residence_region_id),
        case=case,
        created_by=_recorded_by(actor),
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError({"person": _("不能办理失业登记：已有有效的失业登记")}) from None
    audit_record(actor=actor, action=AuditAction.CREATE, obj=registration, changes=diff({}, snapshot(registration)))
    zero_households_recheck(person_ids=[person.pk], on_date=registered_on)
    return registration


@transaction.atomic
def unemployment_end(
    *, actor, registration: UnemploymentRegistration, ended_on: date | None = None, reason: str
) -> UnemploymentRegistration:
    """注销失业登记: on the person's request, or because they found work (``employment_register`` calls it)."""
    registration = UnemploymentRegistration.objects.select_for_update().get(pk=registration.pk)
    _require_person(actor, registration.person)
    if registration.status != UnemploymentRegistration.Status.ACTIVE:
        raise ValidationError({"registration": _("该失业登记已于 %(d)s 注销") % {"d": registration.ended_on}})
    ended_on = ended_on or _today()
    if ended_on < registration.registered_on:
        raise ValidationError({"ended_on": _("注销日期不能早于登记日期 %(d)s") % {"d": registration.registered_on}})
    reason = (reason or "").strip()[:60]
    if not reason:
        raise ValidationError({"reason": _("请填写注销原因")})
    before = snapshot(registration)
    registration.status = UnemploymentRegistration.Status.ENDED
    registration.ended_on = ended_on
    registration.end_reason = reason
    registration.save(update_fields=["status", "ended_on", "end_reason"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=registration, changes=diff(before, snapshot(registration)))
    return registration


def on_unemployment_case_approved(*, case, actor) -> None:
    """The 失业登记 item's approval: the registration, refused with the reason when the rules say no."""
    form = case.form_data or {}
    unemployment_register(
        actor=actor,
        person=case.applicant,
        reason=form.get("unemployment_reason") or form.get("reason") or _("其他"),
        case=case,
    )


# --- 就业困难人员认定 ----------------------------------------------------------------------------------

# Claims a person may make (backed by the materials); the rest of the facts come from the registry.
DIFFICULTY_CLAIMS = (
    "disabled",
    "subsistence_allowance",
    "urban_zero_employment_household",
    "rural_zero_transfer_poor_household",
    "landless",
    "recovered_drug_user",
    "released_prisoner",
    "recovered_mental_patient",
    "veteran_unemployed",
)


def difficulty_thresholds(on_date: date) -> rules.DifficultyThresholds:
    return rules.DifficultyThresholds(
        female_age=setting_int("employment.difficulty_female_age", on_date),
        male_age=setting_int("employment.difficulty_male_age", on_date),
        long_unemployed_months=setting_int("employment.difficulty_long_unemployed_months", on_date),
        veteran_unemployed_months=setting_int("employment.difficulty_veteran_unemployed_months", on_date),
        female_retirement_base=setting_int("employment.female_retirement_base", on_date),
        min_working_age=setting_int("employment.min_working_age", on_date),
    )


def difficulty_facts(
    person: Person, *, claims: Iterable[str] = (), on_date: date, able_and_willing: bool = True
) -> rules.DifficultyFacts:
    """The registry's facts about ``person`` plus what they claim: tags (残疾人, 退役军人), the current
    unemployment registration, open employment, membership of an open zero-employment household."""
    claimed = set(claims)
    unknown = claimed - set(DIFFICULTY_CLAIMS) - {"older_worker", "long_unemployed"}
    if unknown:
        raise ValidationError({"claims": _("未知的认定条件：%(c)s") % {"c": "、".join(sorted(unknown))}})
    tags = set(person.tags.values_list("code", flat=True))
    registration = active_unemployment(person)
    in_zero_household = ZeroEmploymentHousehold.objects.filter(
        members=person, status=ZeroEmploymentHousehold.Status.OPEN
    ).exists()
    return rules.DifficultyFacts(
        gender=person.gender,
        birth_date=person.birth_date,
        household_code=household_code(person),
        employed=Employment.objects.filter(person=person, end_date__isnull=True).exists(),
        able_and_willing=able_and_willing,
        disabled="disabled" in tags or "disabled" in claimed,
        subsistence_allowance="subsistence_allowance" in claimed,
        urban_zero_employment_household=in_zero_household or "urban_zero_employment_household" in claimed,
        rural_zero_transfer_poor_household="rural_zero_transfer_poor_household" in claimed,
        landless="landless" in claimed,
        unemployed_registered_since=registration.registered_on if registration else None,
        recovered_drug_user="recovered_drug_user" in claimed,
        released_prisoner="released_prisoner" in claimed,
        recovered_mental_patient="recovered_mental_patient" in claimed,
        veteran="veteran" in tags or "veteran_unemployed" in claimed,
    )


def difficulty_assess(
    *, person: Person, claims: Iterable[str] = (), on_date: date | None = None, able_and_willing: bool = True
) -> rules.DifficultyAssessment:
    on_date = on_date or _today()
    facts = difficulty_facts(person, claims=claims, on_date=on_date, able_and_willing=able_and_willing)
    return rules.difficulty_assessment(facts, on_date, difficulty_thresholds(on_date))


def _set_difficulty_tag(person: Person, present: bool) -> None:
    # A system step of the recognition (whose own audit row names the clerk): reviewers who decide
    # recognitions do not hold registry.change_person, and the tag follows the decision, not them.
    codes = set(person.tags.values_list("code", flat=True))
    wanted = codes | {DIFFICULTY_TAG} if present else codes - {DIFFICULTY_TAG}
    if wanted != codes:
        registry_services.person_update(actor=None, person=person, tags=sorted(wanted))


@transaction.atomic
def difficulty_recognise(
    *,
    actor,
    person: Person,
    claims: Iterable[str] = (),
    recognised_on: date | None = None,
    able_and_willing: bool = True,
    case=None,
) -> DifficultyRecognition:
    """就业困难人员认定 (粤人社规〔2023〕11号): recorded with every criterion that applies; the person is
    tagged 就业困难人员. Refused, with the reasons, when a precondition fails or no criterion applies."""
    if case is None:
        _require_person(actor, person)
    person = Person.objects.select_for_update().get(pk=person.pk)
    today = _today()
    recognised_on = recognised_on or today
    if recognised_on > today:
        raise ValidationError({"recognised_on": _("认定日期不能晚于今天")})
    if active_recognition(person) is not None:
        raise ValidationError({"person": _("此人已被认定为就业困难人员，认定仍有效")})
    claims = list(claims)
    assessment = difficulty_assess(
        person=person, claims=claims, on_date=recognised_on, able_and_willing=able_and_willing
    )
    if assessment.unmet:
        unmet = "、".join(str(rules.DIFFICULTY_PRECONDITIONS[c]) for c in assessment.unmet)
        detail = _("不符合认定前提：%(unmet)s") % {"unmet": unmet}
        if "without_work" in assessment.unmet:
            detail += "。" + _employed_message(open_employments(person))
        raise ValidationError({"person": detail})
    if not assessment.criteria:
        raise ValidationError({"claims": _("不符合任何一项认定条件（粤人社规〔2023〕11号）")})
    recognition = DifficultyRecognition.objects.create(
        person=person,
        region=person.residence_region,
        criteria=list(assessment.criteria),
        recognised_on=recognised_on,
        case=case,
        recognised_by=_recorded_by(actor),
    )
    _set_difficulty_tag(person, True)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=recognition, changes=diff({}, snapshot(recognition)))
    return recognition


@transaction.atomic
def difficulty_end(
    *, actor, recognition: DifficultyRecognition, ended_on: date | None = None, reason: str
) -> DifficultyRecognition:
    recognition = DifficultyRecognition.objects.select_for_update().select_related("person").get(pk=recognition.pk)
    _require_person(actor, recognition.person)
    if recognition.ended_on is not None:
        raise ValidationError({"recognition": _("该认定已于 %(d)s 退出") % {"d": recognition.ended_on}})
    ended_on = ended_on or _today()
    if ended_on < recognition.recognised_on:
        raise ValidationError({"ended_on": _("退出日期不能早于认定日期")})
    reason = (reason or "").strip()[:60]
    if not reason:
        raise ValidationError({"reason": _("请填写退出原因")})
    before = snapshot(recognition)
    recognition.ended_on, recognition.end_reason = ended_on, reason
    recognition.save(update_fields=["ended_on", "end_reason"])
    _set_difficulty_tag(recognition.person, False)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=recognition, changes=diff(before, snapshot(recognition)))
    return recognition


def on_difficulty_case_approved(*, case, actor) -> None:
    """The 就业困难人员认定 item's approval: the category applied for is the claim; the registry adds the rest."""
    category = (case.form_data or {}).get("difficulty_category", "")
    claim = rules.DIFFICULTY_CATEGORY_CODES.get(category)
    difficulty_recognise(actor=actor, person=case.applicant, claims=[claim] if claim else [], case=case)


# --- the real-name ledger (联系台账) ------------------------------------------------------------------


def _ledger_queryset(base: QuerySet[Person], on_date: date) -> QuerySet[Person]:
    """People registered unemployed, or recognised with difficulty and still without work, annotated
    with the date they entered the ledger, their last contact, and the ``anchor`` the interval runs from."""
    active_reg = UnemploymentRegistration.objects.filter(
        person=OuterRef("pk"), status=UnemploymentRegistration.Status.ACTIVE
    )
    active_rec = DifficultyRecognition.objects.filter(person=OuterRef("pk"), ended_on__isnull=True)
    working = Employment.objects.filter(person=OuterRef("pk"), end_date__isnull=True)
    last_contact = AssistanceContact.objects.filter(person=OuterRef("pk")).order_by("-contacted_on")
    # Start from the (small) registration tables, not from every person of the region: at city scale
    # the ledger is tens of thousands among millions. (A queryset union cannot be filtered further in
    # Django, hence the plain SQL of the two indexed lookups.)
    members = RawSQL(
        f"SELECT person_id FROM {UnemploymentRegistration._meta.db_table} WHERE status = %s "
        f"UNION SELECT person_id FROM {DifficultyRecognition._meta.db_table} WHERE ended_on IS NULL",
        (UnemploymentRegistration.Status.ACTIVE.value,),
    )
    return (
        base.filter(pk__in=members)
        .annotate(
            is_unemployed=Exists(active_reg),
            is_difficult=Exists(active_rec),
            is_working=Exists(working),
        )
        .filter(Q(is_unemployed=True) | Q(is_difficult=True, is_working=False))
        .annotate(
            unemployed_since=Subquery(active_reg.values("registered_on")[:1]),
            difficult_since=Subquery(active_rec.values("recognised_on")[:1]),
            last_contact=Subquery(last_contact.values("contacted_on")[:1]),
        )
        .annotate(anchor=Coalesce("last_contact", "difficult_since", "unemployed_since"))
    )


def contact_intervals(on_date: date) -> tuple[int, int]:
    """(days for people with difficulty, days for other registered unemployed)."""
    return (
        setting_int("employment.contact_interval_difficulty_days", on_date),
        setting_int("employment.contact_interval_unemployed_days", on_date),
    )


def _overdue_q(on_date: date) -> Q:
    difficult_days, unemployed_days = contact_intervals(on_date)
    return Q(is_difficult=True, anchor__lt=on_date - timedelta(days=difficult_days)) | Q(
        is_difficult=False, anchor__lt=on_date - timedelta(days=unemployed_days)
    )


def ledger(
    *, viewer, on_date: date | None = None, query: str = "", overdue_only: bool = False, kind: str = ""
) -> QuerySet[Person]:
    """The ledger as ``viewer`` may see it (their region), most overdue first."""
    from renshe.registry.selectors import person_search_q

    on_date = on_date or _today()
    qs = _ledger_queryset(persons_visible_to(viewer).filter(person_search_q(query)), on_date)
    if kind == "difficulty":
        qs = qs.filter(is_difficult=True)
    elif kind == "unemployed":
        qs = qs.filter(is_difficult=False)
    if overdue_only:
        qs = qs.filter(_overdue_q(on_date))
    return qs.select_related("residence_region").order_by("anchor", "pk")


def ledger_entry(person: Person, on_date: date | None = None) -> Person | None:
    """``person`` as a ledger row (with its due date and overdue flag), or ``None`` when not in the ledger."""
    on_date = on_date or _today()
    row = _ledger_queryset(Person.objects.filter(pk=person.pk), on_date).first()
    return ledger_with_status([row], on_date)[0] if row is not None else None


def ledger_with_status(rows: Iterable[Person], on_date: date) -> list[Person]:
    """Ledger rows (from ``ledger()``) with ``due_on``, ``overdue`` and ``interval`` set; the intervals
    are read once for all rows."""
    difficult_days, unemployed_days = contact_intervals(on_date)
    rows = list(rows)
    for row in rows:
        row.interval = difficult_days if row.is_difficult else unemployed_days
        row.due_on = rules.contact_due_on(row.anchor, row.interval)
        row.overdue = rules.contact_overdue(row.anchor, row.interval, on_date)
    return rows


def ledger_counts(*, viewer, on_date: date | None = None) -> dict[str, int]:
    on_date = on_date or _today()
    base = _ledger_queryset(persons_visible_to(viewer), on_date)
    return {
        "ledger": base.count(),
        "difficulty": base.filter(is_difficult=True).count(),
        "overdue": base.filter(_overdue_q(on_date)).count(),
    }


def get_assistance_person_or_404(viewer, pk) -> Person:
    """A person the staff member may serve (their region); the same 404 for missing and forbidden."""
    if not getattr(viewer, "is_bureau_staff", False) or not viewer.has_perm(MANAGE):
        raise Http404
    try:
        return persons_visible_to(viewer).select_related("residence_region", "household_region").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_registration_or_404(viewer, pk) -> UnemploymentRegistration:
    if not getattr(viewer, "is_bureau_staff", False) or not viewer.has_perm(MANAGE):
        raise Http404
    try:
        return UnemploymentRegistration.objects.filter(person__in=persons_visible_to(viewer)).get(pk=pk)
    except (UnemploymentRegistration.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_recognition_or_404(viewer, pk) -> DifficultyRecognition:
    if not getattr(viewer, "is_bureau_staff", False) or not viewer.has_perm(MANAGE):
        raise Http404
    try:
        return DifficultyRecognition.objects.filter(person__in=persons_visible_to(viewer)).get(pk=pk)
    except (DifficultyRecognition.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def person_by_id_number(viewer, id_number: str) -> Person:
    """The person with this identity number among those ``viewer`` may see, or a ValidationError."""
    from renshe.core.identity import normalize_resident_id

    number = normalize_resident_id(id_number or "")
    person = persons_visible_to(viewer).filter(id_number=number).first() if number else None
    if person is None:
        raise ValidationError({"id_number": _("实名信息库中没有此身份证号码的人员，或其不在您的管辖范围内")})
    return person


def person_assistance(person: Person) -> dict:
    """Everything the module holds about one person, for the person's page (fixed number of queries)."""
    return {
        "registrations": list(
            UnemploymentRegistration.objects.filter(person=person).select_related("region", "last_employer")
        ),
        "recognitions": list(DifficultyRecognition.objects.filter(person=person)),
        "contacts": list(AssistanceContact.objects.filter(person=person).select_related("staff")[:50]),
        "plans": list(AssistancePlan.objects.filter(person=person).select_related("created_by")),
        "placements": list(PublicWelfarePlacement.objects.filter(person=person).select_related("post")),
        "graduate": GraduateTracking.objects.filter(person=person).first(),
        "employments": open_employments(person),
    }


# --- contacts and plans ----------------------------------------------------------------------------


@transaction.atomic
def contact_log(
    *,
    actor,
    person: Person,
    contacted_on: date,
    channel: str,
    content: str,
    services: Iterable[str] = (),
) -> AssistanceContact:
    """One contact in the ledger (who, when, how, what was offered). Staff only, in their region."""
    _require_person(actor, person)
    if contacted_on is None:
        raise ValidationError({"contacted_on": _("请填写联系日期")})
    if contacted_on > _today():
        raise ValidationError({"contacted_on": _("联系日期不能晚于今天")})
    if channel not in AssistanceContact.Channel.values:
        raise ValidationError({"channel": _("请选择联系方式")})
    content = (content or "").strip()
    if not content:
        raise ValidationError({"content": _("请填写服务内容")})
    if len(content) > 2000:
        raise ValidationError({"content": _("服务内容过长（最多2000字）")})
    offered = sorted(set(services))
    unknown = [s for s in offered if s not in CONTACT_SERVICES]
    if unknown:
        raise ValidationError({"services": _("未知的服务项目：%(s)s") % {"s": "、".join(unknown)}})
    contact = AssistanceContact.objects.create(
        person=person,
        contacted_on=contacted_on,
        channel=channel,
        content=content,
        services=offered,
        staff=_recorded_by(actor),
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=contact, changes=diff({}, snapshot(contact)))
    return contact


@transaction.atomic
def plan_create(*, actor, person: Person, goal: str, measures: Iterable[str]) -> AssistancePlan:
    """一人一策: a goal and the measures to reach it. One active plan per person."""
    _require_person(actor, person)
    goal = (goal or "").strip()
    if not goal:
        raise ValidationError({"goal": _("请填写援助目标")})
    if len(goal) > 120:
        raise ValidationError({"goal": _("援助目标过长（最多120字）")})
    steps = [m.strip() for m in measures if m and m.strip()]
    if not steps:
        raise ValidationError({"measures": _("请至少填写一项援助措施")})
    if AssistancePlan.objects.filter(person=person, status=AssistancePlan.Status.ACTIVE).exists():
        raise ValidationError({"goal": _("此人已有实施中的援助计划，请先完成或关闭")})
    plan = AssistancePlan.objects.create(person=person, goal=goal, measures=steps, created_by=_recorded_by(actor))
    audit_record(actor=actor, action=AuditAction.CREATE, obj=plan, changes=diff({}, snapshot(plan)))
    return plan


def get_plan_for_person(person: Person, pk) -> AssistancePlan | None:
    """A plan of ``person`` (already fetched through ``get_assistance_person_or_404``)."""
    try:
        return AssistancePlan.objects.filter(person=person, pk=int(pk)).first()
    except (ValueError, TypeError):
        return None


@transaction.atomic
def plan_set_status(*, actor, plan: AssistancePlan, status: str, reviewed_on: date | None = None) -> AssistancePlan:
    plan = AssistancePlan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    _require_person(actor, plan.person)
    if status not in AssistancePlan.Status.values:
        raise ValidationError({"status": _("状态无效")})
    if plan.status != AssistancePlan.Status.ACTIVE:
        raise ValidationError({"status": _("该计划已结束")})
    before = snapshot(plan)
    plan.status = status
    plan.reviewed_on = reviewed_on or _today()
    plan.save(update_fields=["status", "reviewed_on"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=plan, changes=diff(before, snapshot(plan)))
    return plan


# --- the overdue-contact job ------------------------------------------------------------------------


def responsible_clerks(region_code: str) -> list[User]:
    """The clerks who serve ``region_code``: those of the most specific office that covers it (the
    town's, else the county's, else the city's)."""
    candidates = {region_code, region_code[:9], region_code[:6], "440900"}
    users = list(
        User.objects.filter(role=Role.CLERK, is_active=True, org_unit__region_id__in=candidates).select_related(
            "org_unit"
        )
    )
    if not users:
        return []
    deepest = max(len(u.org_unit.region_id) for u in users)
    return [u for u in users if len(u.org_unit.region_id) == deepest]


def contacts_flag_overdue(*, today: date | None = None, batch_size: int = 500) -> dict[str, int]:
    """Tell the responsible clerks about every ledger person not contacted in time.

    One message per person per period: the period is the due date (last contact + interval), which
    stays the same until the person is contacted again, and the message's link carries it; a person
    already told about for that due date is skipped. Safe to run twice.
    """
    today = today or _today()
    counts = {"overdue": 0, "notified": 0, "messages": 0}
    qs = _ledger_queryset(dangerously_all_persons(), today).filter(_overdue_q(today)).order_by("pk")
    clerks_by_region: dict[str, list[User]] = {}
    batch: list[Person] = []

    def flush(rows: list[Person]) -> None:
        links = {}
        for person in ledger_with_status(rows, today):
            link = reverse("employment:assistance_person", args=[person.pk]) + f"?due={person.due_on.isoformat()}"
            links[link] = person
        sent = set(Message.objects.filter(link__in=list(links)).values_list("link", flat=True))
        for link, person in links.items():
            if link in sent:
                continue
            region = person.residence_region_id
            if region not in clerks_by_region:
                clerks_by_region[region] = responsible_clerks(region)
            with transaction.atomic():
                for clerk in clerks_by_region[region]:
                    message_send(
                        recipient=clerk,
                        title=_("联系台账超期未联系：%(name)s") % {"name": person.masked_name},
                        body=_("%(kind)s，最近联系 %(last)s，应于 %(due)s 前联系（间隔 %(days)s 天）。")
                        % {
                            "kind": _("就业困难人员") if person.is_difficult else _("登记失业人员"),
                            "last": person.last_contact or _("无"),
                            "due": person.due_on,
                            "days": person.interval,
                        },
                        link=link,
                    )
                    counts["messages"] += 1
            counts["notified"] += 1

    for person in qs.iterator(chunk_size=batch_size):
        counts["overdue"] += 1
        batch.append(person)
        if len(batch) >= batch_size:
            flush(batch)
            batch = []
    if batch:
        flush(batch)
    return counts


# --- public-welfare posts (公益性岗位) ---------------------------------------------------------------


def _region(code_or_region, field: str) -> Region:
    if isinstance(code_or_region, Region):
        return code_or_region
    region = Region.objects.filter(pk=str(code_or_region or "").strip()).first()
    if region is None:
        raise ValidationError({field: _("请选择区划")})
    return region


@transaction.atomic
def welfare_post_create(
    *,
    actor,
    title: str,
    employer: Employer,
    region,
    headcount: int,
    max_term_months: int | None = None,
    monthly_subsidy: Decimal | int = 0,
) -> PublicWelfarePost:
    require_staff(actor)
    region = _region(region, "region")
    require_region(actor, region.code, _("岗位所在地不在您的管辖范围内"))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("请填写岗位名称")})
    if not headcount or headcount < 1:
        raise ValidationError({"headcount": _("岗位数至少为1")})
    limit = setting_int("employment.welfare_max_term_months", _today())
    max_term_months = max_term_months or limit
    if not 1 <= max_term_months <= limit:
        raise ValidationError({"max_term_months": _("最长安置期限须在1至%(n)s个月之间") % {"n": limit}})
    if Decimal(monthly_subsidy) < 0:
        raise ValidationError({"monthly_subsidy": _("岗位补贴不能为负数")})
    post = PublicWelfarePost.objects.create(
        title=title[:60],
        employer=employer,
        region=region,
        headcount=headcount,
        max_term_months=max_term_months,
        monthly_subsidy=monthly_subsidy,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=post, changes=diff({}, snapshot(post)))
    return post


def _served_months(person: Person) -> int:
    total = 0
    for p in PublicWelfarePlacement.objects.filter(person=person):
        last = p.end_date or p.term_ends_on
        total += rules.months_between(p.start_date, last + timedelta(days=1))
    return total


@transaction.atomic
def welfare_place(
    *, actor, post: PublicWelfarePost, person: Person, start_date: date, term_months: int
) -> PublicWelfarePlacement:
    """Place a person recognised with employment difficulty in a public-welfare post.

    Only recognised people; never beyond the post's term limit counting earlier placements; the
    placement is the person's employment (就业登记, source window) with the post's employer.
    """
    from renshe.employment.monitoring import employment_register

    _require_person(actor, person)
    post = PublicWelfarePost.objects.select_for_update().select_related("employer").get(pk=post.pk)
    require_region(actor, post.region_id, _("该岗位不在您的管辖范围内"))
    if not post.is_active:
        raise ValidationError({"post": _("该岗位已停用")})
    if active_recognition(person) is None:
        raise ValidationError({"person": _("公益性岗位只安置经认定的就业困难人员：此人未认定或认定已退出")})
    if PublicWelfarePlacement.objects.filter(person=person, end_date__isnull=True).exists():
        raise ValidationError({"person": _("此人已在公益性岗位安置中")})
    if post.placements.filter(end_date__isnull=True).count() >= post.headcount:
        raise ValidationError({"post": _("该岗位已满员（%(n)s 个）") % {"n": post.headcount}})
    if start_date is None:
        raise ValidationError({"start_date": _("请填写安置日期")})
    served = _served_months(person)
    error = rules.welfare_term_error(
        requested_months=term_months or 0, served_months=served, max_months=post.max_term_months
    )
    if error == "term_too_short":
        raise ValidationError({"term_months": _("安置期限至少1个月")})
    if error == "beyond_limit":
        raise ValidationError(
            {
                "term_months": _("超过最长安置期限 %(max)s 个月（已安置 %(served)s 个月，本次最多 %(left)s 个月）")
                % {"max": post.max_term_months, "served": served, "left": max(post.max_term_months - served, 0)}
            }
        )
    employment_register(
        actor=actor,
        person=person,
        employer=post.employer,
        start_date=start_date,
        contract_type="fixed",
        source="window",
        position=post.title,
    )
    placement = PublicWelfarePlacement.objects.create(
        post=post,
        person=person,
        start_date=start_date,
        term_ends_on=rules.welfare_term_ends_on(start_date, term_months),
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=placement, changes=diff({}, snapshot(placement)))
    return placement


@transaction.atomic
def welfare_placement_end(
    *, actor, placement: PublicWelfarePlacement, end_date: date, reason: str
) -> PublicWelfarePlacement:
    """The person leaves the post (term over, found other work, …); the employment relation ends with it."""
    placement = PublicWelfarePlacement.objects.select_for_update().select_related("post", "person").get(pk=placement.pk)
    _require_person(actor, placement.person)
    if placement.end_date is not None:
        raise ValidationError({"end_date": _("该安置已于 %(d)s 结束") % {"d": placement.end_date}})
    if end_date is None or end_date < placement.start_date:
        raise ValidationError({"end_date": _("退出日期不能早于安置日期 %(d)s") % {"d": placement.start_date}})
    reason = (reason or "").strip()[:60]
    if not reason:
        raise ValidationError({"end_reason": _("请填写退出原因")})
    before = snapshot(placement)
    placement.end_date, placement.end_reason = end_date, reason
    placement.save(update_fields=["end_date", "end_reason"])
    job = Employment.objects.filter(
        person=placement.person, employer_id=placement.post.employer_id, end_date__isnull=True
    ).first()
    if job is not None:
        registry_services.employment_end(actor=actor, employment=job, end_date=end_date, reason=reason)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=placement, changes=diff(before, snapshot(placement)))
    return placement


def welfare_posts(*, viewer) -> QuerySet[PublicWelfarePost]:
    from renshe.accounts.scoping import region_q

    return (
        PublicWelfarePost.objects.filter(region_q(viewer, "region"))
        .select_related("employer", "region")
        .order_by("-is_active", "-created_at")
    )


def get_welfare_post_or_404(viewer, pk) -> PublicWelfarePost:
    if not getattr(viewer, "is_bureau_staff", False) or not viewer.has_perm(MANAGE):
        raise Http404
    try:
        return welfare_posts(viewer=viewer).get(pk=pk)
    except (PublicWelfarePost.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_placement_or_404(viewer, pk) -> PublicWelfarePlacement:
    from renshe.accounts.scoping import region_q

    if not getattr(viewer, "is_bureau_staff", False) or not viewer.has_perm(MANAGE):
        raise Http404
    try:
        return (
            PublicWelfarePlacement.objects.filter(region_q(viewer, "post__region"))
            .select_related("post", "person")
            .get(pk=pk)
        )
    except (PublicWelfarePlacement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def placements_ending_soon(*, viewer, on_date: date | None = None) -> QuerySet[PublicWelfarePlacement]:
    """Open placements whose term ends within the notice period (default 30 days)."""
    from renshe.accounts.scoping import region_q

    on_date = on_date or _today()
    days = setting_int("employment.welfare_ending_notice_days", on_date)
    return (
        PublicWelfarePlacement.objects.filter(
            region_q(viewer, "post__region"),
            end_date__isnull=True,
            term_ends_on__gte=on_date,
            term_ends_on__lte=on_date + timedelta(days=days),
        )
        .select_related("post", "person")
        .order_by("term_ends_on")
    )


# --- zero-employment households (零就业家庭) -------------------------------------------------------


def _household_zero(members: list[Person], on_date: date) -> tuple[bool, list[Employment]]:
    """(is zero-employment, open employments of working-age members) from the registry."""
    jobs = list(
        Employment.objects.filter(person__in=members, end_date__isnull=True).select_related("employer", "person")
    )
    employed = {j.person_id for j in jobs}
    of_age = {m.pk: working_age(m, on_date) == "within" for m in members}
    flags = [(of_age[m.pk], m.pk in employed) for m in members]
    return rules.is_zero_employment_household(flags), [j for j in jobs if of_age.get(j.person_id)]


def _alert_zero_household(household: ZeroEmploymentHousehold) -> None:
    link = reverse("employment:assistance_households") + f"?ref={household.household_ref}"
    for clerk in responsible_clerks(household.region_id):
        message_send(
            recipient=clerk,
            title=_("出现零就业家庭：户号 %(ref)s") % {"ref": household.household_ref},
            body=_("该家庭劳动年龄成员均未就业，请在5个工作日内上门走访并制定帮扶计划，实现动态清零。"),
            link=link,
        )


@transaction.atomic
def zero_household_identify(
    *, actor, household_ref: str, members: Iterable[Person], on_date: date | None = None
) -> ZeroEmploymentHousehold:
    """Record a household (its register number and members) and decide from the registry whether it is
    a zero-employment household: at least one member of working age, none of them employed. Alerts the
    region's clerks the moment one appears; refused, naming the employed members, otherwise."""
    require_staff(actor)
    on_date = on_date or _today()
    household_ref = (household_ref or "").strip()
    if not household_ref:
        raise ValidationError({"household_ref": _("请填写户号")})
    members = list({m.pk: m for m in members}.values())
    if not members:
        raise ValidationError({"members": _("请至少填写一名家庭成员")})
    for m in members:
        require_region(actor, m.residence_region_id)
    existing = ZeroEmploymentHousehold.objects.select_for_update().filter(household_ref=household_ref).first()
    if existing is not None and existing.status == ZeroEmploymentHousehold.Status.OPEN:
        raise ValidationError({"household_ref": _("户号 %(ref)s 已在零就业家庭名单中") % {"ref": household_ref}})
    zero, jobs = _household_zero(members, on_date)
    if not zero:
        if jobs:
            names = "、".join(f"{j.person.masked_name}（{j.employer.name}）" for j in jobs)
            why = _("有劳动年龄成员在职：%(names)s") % {"names": names}
        else:
            why = _("没有法定劳动年龄内的成员")
        raise ValidationError({"members": _("不属于零就业家庭：%(why)s") % {"why": why}})
    region = members[0].residence_region
    if existing is None:
        household = ZeroEmploymentHousehold.objects.create(
            household_ref=household_ref, region=region, identified_on=on_date
        )
        before: dict = {}
    else:
        household, before = existing, snapshot(existing)
        household.status, household.identified_on, household.cleared_on = (
            ZeroEmploymentHousehold.Status.OPEN,
            on_date,
            None,
        )
        household.region = region
        household.save()
    household.members.set(members)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if not before else AuditAction.UPDATE,
        obj=household,
        changes={**diff(before, snapshot(household)), "members": [None, sorted(m.pk for m in members)]},
    )
    _alert_zero_household(household)
    return household


def _recheck(household: ZeroEmploymentHousehold, on_date: date) -> str | None:
    """Clear an open household with an employed member; reopen (and alert) a cleared one with none."""
    members = list(household.members.all())
    zero, _jobs = _household_zero(members, on_date)
    before = snapshot(household)
    if household.status == ZeroEmploymentHousehold.Status.OPEN and not zero:
        household.status, household.cleared_on = ZeroEmploymentHousehold.Status.CLEARED, on_date
        household.save(update_fields=["status", "cleared_on"])
        audit_record(actor=None, action=AuditAction.UPDATE, obj=household, changes=diff(before, snapshot(household)))
        return "cleared"
    if household.status == ZeroEmploymentHousehold.Status.CLEARED and zero:
        household.status, household.identified_on, household.cleared_on = (
            ZeroEmploymentHousehold.Status.OPEN,
            on_date,
            None,
        )
        household.save(update_fields=["status", "identified_on", "cleared_on"])
        audit_record(actor=None, action=AuditAction.UPDATE, obj=household, changes=diff(before, snapshot(household)))
        _alert_zero_household(household)
        return "reopened"
    return None


def zero_households_recheck(*, person_ids: Iterable[int], on_date: date | None = None) -> dict[str, int]:
    """Re-check the households these people belong to (after a hire, an unemployment registration)."""
    on_date = on_date or _today()
    counts = {"cleared": 0, "reopened": 0}
    pks = set(ZeroEmploymentHousehold.objects.filter(members__in=list(person_ids)).values_list("pk", flat=True))
    # Locked by primary key: PostgreSQL refuses FOR UPDATE together with the DISTINCT a join needs.
    for household in ZeroEmploymentHousehold.objects.select_for_update().filter(pk__in=pks).order_by("pk"):
        outcome = _recheck(household, on_date)
        if outcome:
            counts[outcome] += 1
    return counts


def zero_households_refresh(*, today: date | None = None) -> dict[str, int]:
    """Re-check every known household against the registry (a job losing or finding work is recorded
    in the registry, not here). Safe to run twice: only changes act."""
    today = today or _today()
    counts = {"checked": 0, "cleared": 0, "reopened": 0}
    for pk in ZeroEmploymentHousehold.objects.order_by("pk").values_list("pk", flat=True).iterator():
        with transaction.atomic():
            household = ZeroEmploymentHousehold.objects.select_for_update().get(pk=pk)
            counts["checked"] += 1
            outcome = _recheck(household, today)
            if outcome:
                counts[outcome] += 1
    return counts


def zero_households(*, viewer, status: str = "", ref: str = "") -> QuerySet[ZeroEmploymentHousehold]:
    from renshe.accounts.scoping import region_q

    qs = ZeroEmploymentHousehold.objects.filter(region_q(viewer, "region"))
    if status:
        qs = qs.filter(status=status)
    if ref:
        qs = qs.filter(household_ref__startswith=ref)
    return qs.select_related("region").prefetch_related("members").order_by("status", "-identified_on", "pk")


# --- unemployed graduates (离校未就业高校毕业生) ---------------------------------------------------------


@transaction.atomic
def graduate_track(*, actor, person: Person, school: str, graduated_on: date, major: str = "") -> GraduateTracking:
    _require_person(actor, person)
    school = (school or "").strip()
    if not school:
        raise ValidationError({"school": _("请填写毕业院校")})
    if graduated_on is None:
        raise ValidationError({"graduated_on": _("请填写毕业时间")})
    if graduated_on > _today():
        raise ValidationError({"graduated_on": _("毕业时间不能晚于今天")})
    if GraduateTracking.objects.filter(person=person).exists():
        raise ValidationError({"id_number": _("此人已在离校未就业高校毕业生名单中")})
    status = GraduateTracking.Status.PLACED if open_employments(person) else GraduateTracking.Status.UNPLACED
    tracking = GraduateTracking.objects.create(
        person=person, school=school[:80], major=(major or "").strip()[:60], graduated_on=graduated_on, status=status
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=tracking, changes=diff({}, snapshot(tracking)))
    return tracking


@transaction.atomic
def graduate_set_status(*, actor, tracking: GraduateTracking, status: str) -> GraduateTracking:
    tracking = GraduateTracking.objects.select_for_update().select_related("person").get(pk=tracking.pk)
    _require_person(actor, tracking.person)
    if status not in GraduateTracking.Status.values:
        raise ValidationError({"status": _("状态无效")})
    before = snapshot(tracking)
    tracking.status = status
    tracking.save(update_fields=["status", "updated_at"])
    changes = diff(before, snapshot(tracking))
    changes.pop("updated_at", None)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=tracking, changes=changes)
    return tracking


def graduates(*, viewer, status: str = "", query: str = "") -> QuerySet[GraduateTracking]:
    from renshe.accounts.scoping import region_q
    from renshe.registry.selectors import person_search_q

    last_contact = AssistanceContact.objects.filter(person=OuterRef("person_id")).order_by("-contacted_on")
    qs = GraduateTracking.objects.filter(
        region_q(viewer, "person__residence_region") if viewer.has_perm(MANAGE) else Q(pk__in=[])
    )
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(person__in=Person.objects.filter(person_search_q(query)))
    return (
        qs.annotate(last_contact=Subquery(last_contact.values("contacted_on")[:1]))
        .select_related("person", "person__residence_region")
        .order_by("status", "-graduated_on", "pk")
    )


def get_graduate_or_404(viewer, pk) -> GraduateTracking:
    try:
        return graduates(viewer=viewer).get(pk=pk)
    except (GraduateTracking.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def on_person_employed(*, person: Person, on_date: date) -> None:
    """After a hire: the graduate is placed, the active plan done, zero-employment households re-checked."""
    GraduateTracking.objects.filter(person=person, status=GraduateTracking.Status.UNPLACED).update(
        status=GraduateTracking.Status.PLACED, updated_at=timezone.now()
    )
    AssistancePlan.objects.filter(person=person, status=AssistancePlan.Status.ACTIVE).update(
        status=AssistancePlan.Status.DONE, reviewed_on=on_date
    )
    zero_households_recheck(person_ids=[person.pk], on_date=on_date)
