"""Employment registration (就业登记), enterprise employment monitoring (就业失业动态监测) and the
employment statistics plan monitoring reads (城镇新增就业, 登记失业, 困难人员就业, 招聘会成效).

``employment_register`` is the one way a hire becomes an employment registration: from an employer,
a fair outcome, the window, a public-welfare placement or an approved 就业登记 case. Sample employers
report their headcount monthly; a fall beyond the thresholds raises a ``LayoffWarning`` (规模性裁员).
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Substr, TruncMonth
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Role
from renshe.accounts.scoping import NOTHING, region_q
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record, diff, snapshot
from renshe.core import workdays
from renshe.core.models import Industry, PersonTag, Region, RegionLevel
from renshe.employment import rules
from renshe.employment.assistance import (
    MANAGE,
    active_recognition,
    active_unemployment,
    on_person_employed,
    require_region,
    require_staff,
    responsible_clerks,
    setting,
    setting_int,
)
from renshe.employment.models import (
    EmploymentRegistration,
    FairOutcome,
    HeadcountReport,
    JobSeeker,
    LayoffWarning,
    MonitoredEmployer,
    UnemploymentRegistration,
)
from renshe.registry import services as registry_services
from renshe.registry.models import ContractType, Employer, Employment, Person

CITY = "440900"
# The catalogue's 劳动合同类型 labels (data) → registry contract types.
CONTRACT_LABELS = {
    "固定期限": ContractType.FIXED,
    "无固定期限": ContractType.OPEN_ENDED,
    "以完成一定工作任务为期限": ContractType.TASK,
    "未签订劳动合同": ContractType.NONE,
}


def _today() -> date:
    return timezone.localdate()


def _recorded_by(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- 就业登记 ----------------------------------------------------------------------------------------


def _hire_registry_actor(actor, person: Person, employer: Employer, case):
    """Who may register a hire, and as whom the registry records the employment relation.

    An approved case for the person, an employer for its own hires and a system job (``None``) act
    as a system step in the registry (employers and reviewers do not hold registry.add_employment;
    this registration's own audit row names them); staff act as themselves, within their region.
    """
    if case is not None:
        if case.applicant_id != person.pk:
            raise PermissionDenied(_("办件申请人与登记人员不一致"))
        return None
    if actor is None:
        return None
    if actor.role == Role.EMPLOYER:
        if not actor.employer_id or actor.employer_id != employer.pk:
            raise PermissionDenied(_("只能为本单位招用的人员办理就业登记"))
        return None
    if actor.is_bureau_staff and actor.has_perm("registry.add_employment"):
        return actor
    raise PermissionDenied(_("您没有办理就业登记的权限"))


@transaction.atomic
def employment_register(
    *,
    actor,
    person: Person,
    employer: Employer,
    start_date: date,
    contract_type: str,
    source: str,
    position: str = "",
    case=None,
    registered_on: date | None = None,
) -> EmploymentRegistration:
    """就业登记: start the employment in the registry and record the registration.

    ``was_unemployed`` / ``was_difficult`` come from the person's active unemployment registration and
    difficulty recognition; ``is_urban_new`` follows ``rules.is_urban_new_employment`` (a direct job
    change does not count). An active unemployment registration ends (就业后注销), the job seeker
    profile shows employed, a tracked graduate is placed, an active assistance plan is done, and a
    zero-employment household the person belongs to is re-checked (cleared).
    """
    if source not in EmploymentRegistration.Source.values:
        raise ValidationError({"source": _("登记来源无效")})
    registry_actor = _hire_registry_actor(actor, person, employer, case)
    person = Person.objects.select_for_update().get(pk=person.pk)
    today = _today()
    if start_date is None:
        raise ValidationError({"start_date": _("请填写录用日期")})
    if start_date > today:
        raise ValidationError({"start_date": _("录用日期不能晚于今天")})
    contract_type = CONTRACT_LABELS.get(contract_type, contract_type)
    had_other = Employment.objects.filter(person=person, end_date__isnull=True).exclude(employer=employer).exists()
    employment = registry_services.employment_start(
        actor=registry_actor,
        person=person,
        employer=employer,
        start_date=start_date,
        contract_type=contract_type,
        position=position,
    )
    unemployment = active_unemployment(person)
    registration = EmploymentRegistration.objects.create(
        employment=employment,
        person=person,
        region=employer.region,
        registered_on=registered_on or today,
        source=source,
        is_urban_new=rules.is_urban_new_employment(had_other_open_employment=had_other),
        was_unemployed=unemployment is not None,
        was_difficult=active_recognition(person) is not None,
        created_by=_recorded_by(actor),
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=registration, changes=diff({}, snapshot(registration)))
    if unemployment is not None:
        before = snapshot(unemployment)
        unemployment.status = UnemploymentRegistration.Status.ENDED
        unemployment.ended_on = max(start_date, unemployment.registered_on)
        unemployment.end_reason = (_("已就业：%(e)s") % {"e": employer.name})[:60]
        unemployment.save(update_fields=["status", "ended_on", "end_reason"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=unemployment, changes=diff(before, snapshot(unemployment))
        )
    JobSeeker.objects.filter(person=person).exclude(status=JobSeeker.Status.EMPLOYED).update(
        status=JobSeeker.Status.EMPLOYED, updated_at=timezone.now()
    )
    on_person_employed(person=person, on_date=start_date)
    return registration


def on_employment_case_approved(*, case, actor) -> None:
    """The 就业登记 item's approval: the employer named by its credit code must be in the registry."""
    form = case.form_data or {}
    code = (form.get("employer_credit_code") or "").strip().upper()
    if not code:
        raise ValidationError(
            {
                "employer_credit_code": _(
                    "就业登记须有用人单位（个体经营的为其经营主体）的统一社会信用代码；"
                    "无经营主体的灵活就业暂不能在本平台登记"
                )
            }
        )
    employer = Employer.objects.filter(credit_code=code).first()
    if employer is None:
        raise ValidationError(
            {"employer_credit_code": _("统一社会信用代码 %(c)s 的单位尚未登记，请先登记用人单位") % {"c": code}}
        )
    try:
        start = date.fromisoformat(form.get("employment_date") or "")
    except ValueError:
        raise ValidationError({"employment_date": _("就业（录用）日期无效")}) from None
    employment_register(
        actor=actor,
        person=case.applicant,
        employer=employer,
        start_date=start,
        contract_type=form.get("contract_type") or ContractType.NONE,
        source=EmploymentRegistration.Source.CASE,
        position=(form.get("occupation") or "")[:60],
        case=case,
    )


def employer_by_credit_code(credit_code: str) -> Employer:
    """The employer with this unified social credit code, wherever it sits: credit codes are public
    (国家企业信用信息公示系统), and a district's resident may be hired anywhere. A ValidationError if unknown."""
    employer = Employer.objects.filter(credit_code=(credit_code or "").strip().upper()).first()
    if employer is None:
        raise ValidationError({"credit_code": _("该统一社会信用代码的单位尚未登记，请先登记用人单位")})
    return employer


def employment_registrations(*, viewer, source: str = "") -> QuerySet[EmploymentRegistration]:
    if not getattr(viewer, "is_bureau_staff", False) or not viewer.has_perm(MANAGE):
        return EmploymentRegistration.objects.none()
    qs = EmploymentRegistration.objects.filter(
        region_q(viewer, "region") | region_q(viewer, "person__residence_region")
    )
    if source:
        qs = qs.filter(source=source)
    return qs.select_related("person", "region", "employment__employer").order_by("-registered_on", "-pk")


# --- the monitoring sample ----------------------------------------------------------------------------


def _month(value) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value + "-01" if len(value) == 7 else value)
        except ValueError:
            raise ValidationError({"month": _("月份格式应为 年-月")}) from None
    if not isinstance(value, date):
        raise ValidationError({"month": _("请填写月份")})
    return value.replace(day=1)


@transaction.atomic
def monitored_employer_add(*, actor, employer: Employer, since: date | None = None) -> MonitoredEmployer:
    """Put an employer into the monthly monitoring sample (or back into it)."""
    require_staff(actor)
    require_region(actor, employer.region_id, _("该单位不在您的管辖范围内"))
    existing = MonitoredEmployer.objects.select_for_update().filter(employer=employer).first()
    if existing is not None:
        if existing.is_active:
            raise ValidationError({"credit_code": _("该单位已在监测样本中")})
        existing.is_active = True
        existing.save(update_fields=["is_active"])
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=existing, changes={"is_active": [False, True]})
        return existing
    monitored = MonitoredEmployer.objects.create(employer=employer, since=since or _today())
    audit_record(actor=actor, action=AuditAction.CREATE, obj=monitored, changes=diff({}, snapshot(monitored)))
    return monitored


@transaction.atomic
def monitored_employer_remove(*, actor, monitored: MonitoredEmployer) -> MonitoredEmployer:
    monitored = MonitoredEmployer.objects.select_for_update().select_related("employer").get(pk=monitored.pk)
    require_staff(actor)
    require_region(actor, monitored.employer.region_id, _("该单位不在您的管辖范围内"))
    if monitored.is_active:
        monitored.is_active = False
        monitored.save(update_fields=["is_active"])
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=monitored, changes={"is_active": [True, False]})
    return monitored


def _require_reporter(actor, monitored: MonitoredEmployer) -> None:
    if actor is None:
        return
    if actor.role == Role.EMPLOYER:
        if actor.employer_id != monitored.employer_id:
            raise PermissionDenied(_("只能报送本单位的用工情况"))
        return
    require_staff(actor)
    require_region(actor, monitored.employer.region_id, _("该单位不在您的管辖范围内"))


def layoff_thresholds(on_date: date) -> tuple[Decimal, int]:
    return setting("employment.layoff_drop_percent", on_date), setting_int("employment.layoff_drop_people", on_date)


@transaction.atomic
def headcount_report_file(
    *, actor, monitored: MonitoredEmployer, month, headcount: int, hired: int = 0, left: int = 0
) -> HeadcountReport:
    """A sample employer's month: headcount at month end, hires and departures. Filed by the employer
    for itself, or by staff for an employer in their region; once per month. A fall beyond the
    thresholds from the previous month raises a layoff warning at once."""
    monitored = MonitoredEmployer.objects.select_for_update().select_related("employer").get(pk=monitored.pk)
    _require_reporter(actor, monitored)
    if not monitored.is_active:
        raise ValidationError({"monitored": _("该单位已退出监测样本")})
    month = _month(month)
    if month > _today().replace(day=1):
        raise ValidationError({"month": _("不能报送未来月份")})
    errors = {}
    for name, value in (("headcount", headcount), ("hired", hired), ("left", left)):
        if value is None or int(value) < 0:
            errors[name] = _("人数须为不小于0的整数")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            report = HeadcountReport.objects.create(
                monitored=monitored,
                month=month,
                headcount=int(headcount),
                hired=int(hired or 0),
                left=int(left or 0),
                reported_by=_recorded_by(actor),
            )
    except IntegrityError:
        raise ValidationError({"month": _("%(m)s 的用工情况已报送") % {"m": f"{month:%Y-%m}"}}) from None
    audit_record(actor=actor, action=AuditAction.CREATE, obj=report, changes=diff({}, snapshot(report)))
    layoff_warning_evaluate(report=report)
    return report


def layoff_warning_evaluate(*, report: HeadcountReport) -> LayoffWarning | None:
    """Compare ``report`` with the previous month's; raise the warning once (one per employer and month)."""
    previous = HeadcountReport.objects.filter(
        monitored_id=report.monitored_id, month=rules.add_months(report.month, -1)
    ).first()
    if previous is None:
        return None
    percent, people = layoff_thresholds(report.month)
    assessment = rules.layoff_assessment(
        previous=previous.headcount, current=report.headcount, percent=percent, people=people
    )
    if not assessment.warn:
        return None
    if LayoffWarning.objects.filter(monitored_id=report.monitored_id, month=report.month).exists():
        return None
    parts = []
    if "percent" in assessment.reasons:
        threshold = format(Decimal(percent).normalize(), "f")  # 10.0000 → "10", not "1E+1"
        parts.append(_("减员 %(p)s%%（阈值 %(t)s%%）") % {"p": assessment.drop_percent, "t": threshold})
    if "people" in assessment.reasons:
        parts.append(_("减员 %(n)s 人（阈值 %(t)s 人）") % {"n": assessment.drop, "t": people})
    try:
        with transaction.atomic():
            warning = LayoffWarning.objects.create(
                monitored_id=report.monitored_id,
                month=report.month,
                previous=previous.headcount,
                current=report.headcount,
                reason="；".join(parts)[:120],
            )
    except IntegrityError:  # another run raised it first
        return None
    audit_record(actor=None, action=AuditAction.CREATE, obj=warning, changes=diff({}, snapshot(warning)))
    employer = report.monitored.employer
    link = reverse("employment:monitoring_employer", args=[report.monitored_id])
    for clerk in responsible_clerks(employer.region_id):
        message_send(
            recipient=clerk,
            title=_("规模性裁员预警：%(e)s %(m)s") % {"e": employer.name, "m": f"{report.month:%Y-%m}"},
            body=_("在岗人数由 %(a)s 人降至 %(b)s 人：%(why)s。请核实并跟进。")
            % {"a": previous.headcount, "b": report.headcount, "why": warning.reason},
            link=link,
        )
    return warning


def layoffs_evaluate(*, month: date | None = None) -> dict[str, int]:
    """Evaluate every report of ``month`` (default: this month and the last) against the month before.
    Safe to run twice: a warning exists once per employer and month."""
    today = _today()
    months = [_month(month)] if month else [today.replace(day=1), rules.add_months(today.replace(day=1), -1)]
    counts = {"reports": 0, "warnings": 0}
    for report in HeadcountReport.objects.filter(month__in=months).select_related("monitored__employer").iterator():
        counts["reports"] += 1
        with transaction.atomic():
            if layoff_warning_evaluate(report=report) is not None:
                counts["warnings"] += 1
    return counts


WARNING_NEXT = {
    LayoffWarning.Status.OPEN: {LayoffWarning.Status.ACKNOWLEDGED, LayoffWarning.Status.CLOSED},
    LayoffWarning.Status.ACKNOWLEDGED: {LayoffWarning.Status.CLOSED},
    LayoffWarning.Status.CLOSED: set(),
}


@transaction.atomic
def layoff_warning_update(*, actor, warning: LayoffWarning, status: str, note: str) -> LayoffWarning:
    """核实 then 关闭 a warning, saying what was found and done."""
    warning = LayoffWarning.objects.select_for_update().select_related("monitored__employer").get(pk=warning.pk)
    require_staff(actor)
    require_region(actor, warning.monitored.employer.region_id, _("该单位不在您的管辖范围内"))
    if status not in WARNING_NEXT.get(warning.status, set()):
        raise ValidationError({"status": _("预警当前为“%(s)s”，不能改为该状态") % {"s": warning.get_status_display()}})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写核实或处置情况")})
    before = snapshot(warning)
    warning.status = status
    warning.note = (warning.note + "\n" if warning.note else "") + f"{_today()} {note}"
    warning.save(update_fields=["status", "note"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=warning, changes=diff(before, snapshot(warning)))
    return warning


# --- monitoring reads ---------------------------------------------------------------------------------


def _monitoring_q(viewer, field: str = "employer__region") -> Q:
    if not getattr(viewer, "is_authenticated", False):
        return NOTHING
    if viewer.role == Role.EMPLOYER:
        prefix = field.rsplit("__region", 1)[0]
        return Q(**{f"{prefix}_id": viewer.employer_id}) if viewer.employer_id else NOTHING
    if not viewer.is_bureau_staff or not viewer.has_perm(MANAGE):
        return NOTHING
    return region_q(viewer, field)


def report_due_on(month: date) -> date:
    """The month's report is due on the n-th working day of the next month (default 5)."""
    days = setting_int("employment.headcount_report_working_days", month)
    return rules.headcount_report_due(month, days, workdays.add_working_days)


def monitored_employers(*, viewer, query: str = "", active_only: bool = True) -> QuerySet[MonitoredEmployer]:
    latest = HeadcountReport.objects.filter(monitored=OuterRef("pk")).order_by("-month")
    qs = MonitoredEmployer.objects.filter(_monitoring_q(viewer))
    if active_only:
        qs = qs.filter(is_active=True)
    if query:
        qs = qs.filter(Q(employer__name__contains=query) | Q(employer__credit_code__startswith=query.upper()))
    return (
        qs.annotate(
            last_month=Subquery(latest.values("month")[:1]),
            last_headcount=Subquery(latest.values("headcount")[:1]),
            open_warnings=Count("warnings", filter=Q(warnings__status=LayoffWarning.Status.OPEN), distinct=True),
        )
        .select_related("employer", "employer__region", "employer__industry")
        .order_by("employer__name", "pk")
    )


def get_monitored_or_404(viewer, pk) -> MonitoredEmployer:
    try:
        return (
            MonitoredEmployer.objects.filter(_monitoring_q(viewer))
            .select_related("employer", "employer__region", "employer__industry")
            .get(pk=pk)
        )
    except (MonitoredEmployer.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def my_monitored(viewer) -> MonitoredEmployer | None:
    if getattr(viewer, "role", None) != Role.EMPLOYER or not viewer.employer_id:
        return None
    return MonitoredEmployer.objects.filter(employer_id=viewer.employer_id, is_active=True).first()


def layoff_warnings(*, viewer, status: str = "") -> QuerySet[LayoffWarning]:
    qs = LayoffWarning.objects.filter(_monitoring_q(viewer, "monitored__employer__region"))
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("monitored__employer", "monitored__employer__region").order_by("status", "-month", "pk")


def get_warning_or_404(viewer, pk) -> LayoffWarning:
    if getattr(viewer, "role", None) == Role.EMPLOYER:
        raise Http404
    try:
        return layoff_warnings(viewer=viewer).get(pk=pk)
    except (LayoffWarning.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def reports_missing(*, viewer, today: date | None = None) -> tuple[date, date, QuerySet[MonitoredEmployer]]:
    """Sample employers that have not filed last month's report: (month, due date, employers); the list
    is empty until the due date has passed."""
    today = today or _today()
    month = rules.add_months(today.replace(day=1), -1)
    due = report_due_on(month)
    qs = monitored_employers(viewer=viewer).exclude(reports__month=month)
    return month, due, (qs if today > due else qs.none())


def headcount_trends(*, viewer, end_month: date | None = None, months: int = 6) -> dict:
    """Monthly headcount of the sample by district and by industry, the last ``months`` months."""
    end_month = _month(end_month or _today())
    columns = [rules.add_months(end_month, -i) for i in reversed(range(months))]
    reports = HeadcountReport.objects.filter(_monitoring_q(viewer, "monitored__employer__region"), month__in=columns)

    def pivot(key, names: dict[str, str]) -> list[dict]:
        table: dict[str, dict] = {}
        rows = reports.values(k=key, m=TruncMonth("month")).annotate(total=Sum("headcount"), n=Count("id"))
        for row in rows:
            month = row["m"].date() if isinstance(row["m"], datetime) else row["m"]
            entry = table.setdefault(row["k"], {"code": row["k"], "name": names.get(row["k"], row["k"]), "cells": {}})
            entry["cells"][month] = {"total": row["total"], "employers": row["n"]}
        result = []
        for code in sorted(table):
            entry = table[code]
            values = [entry["cells"].get(m, {}).get("total") for m in columns]
            present = [v for v in values if v is not None]
            change = None
            if len(present) >= 2 and present[0]:
                change = (Decimal(present[-1] - present[0]) * 100 / present[0]).quantize(Decimal("0.1"))
            result.append({"code": code, "name": entry["name"], "values": values, "change": change})
        return result

    counties = dict(Region.objects.filter(level=RegionLevel.COUNTY).values_list("code", "name"))
    industries = dict(Industry.objects.values_list("code", "name"))
    return {
        "months": columns,
        "by_district": pivot(Substr("monitored__employer__region_id", 1, 6), counties),
        "by_industry": pivot(F("monitored__employer__industry_id"), industries),
    }


# --- statistics ---------------------------------------------------------------------------------------

STAT_FIELDS = (
    "new_urban",
    "reemployed_unemployed",
    "difficulty_placed",
    "registered_unemployed",
    "fair_interviews",
    "fair_intentions",
    "fair_hires",
)
GROUP_TAGS = ("graduate", "migrant_worker", "veteran", "disabled", "poverty_alleviated", "rural_labour")


def _prefix(district: str | None) -> str:
    code = (district or CITY).strip()
    return code[:4] if code == CITY else code


def _period(year: int, month: int | None) -> tuple[date, date]:
    if month:
        start = date(year, month, 1)
        return start, rules.month_end(start)
    return date(year, 1, 1), date(year, 12, 31)


def _aware(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def _registered_unemployed_at(day: date, prefix: str) -> int:
    return (
        UnemploymentRegistration.objects.filter(region__code__startswith=prefix, registered_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .count()
    )


def _month_key(value) -> date:
    return (value.date() if isinstance(value, datetime) else value).replace(day=1)


def employment_statistics(*, year: int, month: int | None = None, district: str | None = None) -> dict:
    """城镇新增就业, 失业人员再就业, 就业困难人员就业, 登记失业人数 (active registrations at the period's end,
    and at each month's end) and 招聘会成效 (interviews, intentions, hires recorded at fairs held in the
    district) — for a year or one month, for the city (``district`` None) or a district / town code;
    by month, by district and by group. Unscoped: the caller decides who may ask for which district."""
    prefix = _prefix(district)
    start, end = _period(year, month)
    regs = EmploymentRegistration.objects.filter(region__code__startswith=prefix, registered_on__range=(start, end))
    counts = {
        "new_urban": Count("id", filter=Q(is_urban_new=True)),
        "reemployed_unemployed": Count("id", filter=Q(was_unemployed=True)),
        "difficulty_placed": Count("id", filter=Q(was_difficult=True)),
    }
    outcomes = FairOutcome.objects.filter(
        fair__region__code__startswith=prefix, recorded_at__range=(_aware(start), _aware(end, end=True))
    )
    fair_counts = {
        "fair_interviews": Count("id", filter=Q(kind=FairOutcome.Kind.INTERVIEW)),
        "fair_intentions": Count("id", filter=Q(kind=FairOutcome.Kind.INTENTION)),
        "fair_hires": Count("id", filter=Q(kind=FairOutcome.Kind.HIRED)),
    }
    empty = dict.fromkeys(STAT_FIELDS, 0)

    totals = {**empty, **regs.aggregate(**counts), **outcomes.aggregate(**fair_counts)}
    totals["registered_unemployed"] = _registered_unemployed_at(min(end, max(start, _today())), prefix)

    months = [start] if month else [date(year, m, 1) for m in range(1, 13)]
    by_month = {m: {"month": m, **empty} for m in months}
    for row in regs.values(m=TruncMonth("registered_on")).annotate(**counts):
        by_month[_month_key(row.pop("m"))].update(row)
    for row in outcomes.values(m=TruncMonth("recorded_at")).annotate(**fair_counts):
        key = _month_key(timezone.localtime(row.pop("m")) if isinstance(row["m"], datetime) else row.pop("m"))
        if key in by_month:
            by_month[key].update(row)
    for m, row in by_month.items():
        row["registered_unemployed"] = _registered_unemployed_at(rules.month_end(m), prefix) if m <= _today() else None

    counties = Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=prefix[:6]).order_by("code")
    by_district = {c.code: {"code": c.code, "name": c.name, **empty} for c in counties if c.code.startswith(prefix[:6])}
    for row in regs.values(d=Substr("region_id", 1, 6)).annotate(**counts):
        if row["d"] in by_district:
            by_district[row.pop("d")].update(row)
    for row in outcomes.values(d=Substr("fair__region_id", 1, 6)).annotate(**fair_counts):
        if row["d"] in by_district:
            by_district[row.pop("d")].update(row)
    at = min(end, max(start, _today()))
    unemployed = (
        UnemploymentRegistration.objects.filter(region__code__startswith=prefix, registered_on__lte=at)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=at))
        .values(d=Substr("region_id", 1, 6))
        .annotate(n=Count("id"))
    )
    for row in unemployed:
        if row["d"] in by_district:
            by_district[row["d"]]["registered_unemployed"] = row["n"]

    tag_names = dict(PersonTag.objects.filter(code__in=GROUP_TAGS).values_list("code", "name"))
    by_tag = dict(
        regs.filter(person__tags__code__in=GROUP_TAGS)
        .values_list("person__tags__code")
        .annotate(n=Count("id", distinct=True))
        .values_list("person__tags__code", "n")
    )
    by_group = [
        {"code": "unemployed", "name": _("登记失业人员"), "new_employment": totals["reemployed_unemployed"]},
        {"code": "difficulty", "name": _("就业困难人员"), "new_employment": totals["difficulty_placed"]},
        *(
            {"code": code, "name": tag_names.get(code, code), "new_employment": by_tag.get(code, 0)}
            for code in GROUP_TAGS
        ),
    ]
    return {
        "year": year,
        "month": month,
        "district": district or CITY,
        "start": start,
        "end": end,
        "totals": totals,
        "by_month": list(by_month.values()),
        "by_district": list(by_district.values()),
        "by_group": by_group,
    }


STAT_LABELS = {
    "new_urban": gettext_lazy("城镇新增就业"),
    "reemployed_unemployed": gettext_lazy("失业人员再就业"),
    "difficulty_placed": gettext_lazy("就业困难人员就业"),
    "registered_unemployed": gettext_lazy("登记失业人数（期末）"),
    "fair_interviews": gettext_lazy("招聘会面试"),
    "fair_intentions": gettext_lazy("招聘会达成意向"),
    "fair_hires": gettext_lazy("招聘会录用"),
}


def statistics_sheet(stats: dict) -> tuple[list[str], list[list]]:
    """The statistics as one sheet: a section column (月份 / 区县 / 人群) then one column per figure."""
    headers = [_("维度"), _("分组"), *(str(STAT_LABELS[f]) for f in STAT_FIELDS)]
    rows: list[list] = []
    for row in stats["by_month"]:
        rows.append([_("月份"), f"{row['month']:%Y-%m}", *(row.get(f) for f in STAT_FIELDS)])
    for row in stats["by_district"]:
        rows.append([_("区县"), row["name"], *(row.get(f) for f in STAT_FIELDS)])
    for row in stats["by_group"]:
        rows.append(
            [_("人群（新增就业）"), str(row["name"]), row["new_employment"], *([None] * (len(STAT_FIELDS) - 1))]
        )
    rows.append([_("合计"), "", *(stats["totals"].get(f) for f in STAT_FIELDS)])
    return headers, rows
