"""Writes of the major-project ledger: the plan's projects loaded, quarterly progress (a correction is a
new version with a reason), milestones, issues and photos. Each write is one transaction with an
explicit ``actor`` (who must hold ``majorprojects.report_progress`` and see the project's region) and
goes to the audit trail."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record, diff, snapshot
from renshe.core.files import file_store, file_validate
from renshe.core.models import Region
from renshe.planning.projects.data.projects import PROJECTS
from renshe.planning.projects.models import (
    FIRST_YEAR,
    LAST_YEAR,
    MajorProject,
    Milestone,
    ProgressReport,
    ProjectIssue,
    ProjectPhoto,
    quarter_start,
)

REPORT = "majorprojects.report_progress"
IMAGE_TYPES = {"image/jpeg", "image/png"}


def _today() -> date:
    return timezone.localdate()


def projects_load() -> dict[str, int]:
    """Create or update the plan's projects from ``data.projects`` (safe to run twice)."""
    created = updated = 0
    regions = set(Region.objects.filter(code__in={p["county"] for p in PROJECTS}).values_list("code", flat=True))
    for row in PROJECTS:
        if row["county"] not in regions:
            continue  # the regions are not loaded yet (an empty test database): loaded on the next run
        values = {k: v for k, v in row.items() if k not in ("code", "county")}
        project, made = MajorProject.objects.get_or_create(
            code=row["code"], defaults={**values, "county_id": row["county"]}
        )
        if made:
            created += 1
            continue
        changed = {k: v for k, v in {**values, "county_id": row["county"]}.items() if getattr(project, k) != v}
        if changed:
            MajorProject.objects.filter(pk=project.pk).update(**changed)
            updated += 1
    return {"created": created, "updated": updated}


def _require(actor, project: MajorProject) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(REPORT):
        raise PermissionDenied(_("您没有填报重大项目进度的权限"))
    if not user_can_see_region(actor, project.county_id):
        raise PermissionDenied(_("该项目不在您的管辖范围内"))


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("请填写金额（万元），如 1250.5")}) from None
    if not amount.is_finite():
        raise ValidationError({field: _("请填写金额（万元），如 1250.5")})
    if amount < 0:
        raise ValidationError({field: _("金额不能为负数")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("金额最多保留两位小数（万元）")})
    return amount


def _int(value, field: str, message: str) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError({field: message}) from None


def check_quarter(project: MajorProject, year, quarter, today: date | None = None) -> tuple[int, int]:
    """The quarter as two ints, or a ValidationError naming ``quarter``: within 2021–2025, not in the
    future, not before the project's start year."""
    year = _int(year, "quarter", _("请选择年度"))
    quarter = _int(quarter, "quarter", _("请选择季度"))
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("季度应为 1 至 4")})
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {"quarter": _("只能填报“十四五”时期（%(a)d—%(b)d 年）的季度") % {"a": FIRST_YEAR, "b": LAST_YEAR}}
        )
    if quarter_start(year, quarter) > (today or _today()):
        raise ValidationError({"quarter": _("%(y)d年第%(q)d季度尚未开始，不能填报") % {"y": year, "q": quarter}})
    if year < project.start_year:
        raise ValidationError(
            {"quarter": _("项目建设起始年份为 %(y)d 年，不能填报更早的季度") % {"y": project.start_year}}
        )
    return year, quarter


@transaction.atomic
def progress_report(
    *,
    actor,
    project: MajorProject,
    year,
    quarter,
    completed,
    physical_progress,
    note: str = "",
    reason: str = "",
) -> ProgressReport:
    """Report a quarter's completed investment (万元) and physical progress (%). A quarter already
    reported is corrected only with a ``reason``: the new version supersedes the old one, which is kept.
    The project's cumulative completed investment (every quarter's current version) may not exceed
    its total investment."""
    project = MajorProject.objects.select_for_update().get(pk=project.pk)
    _require(actor, project)
    year, quarter = check_quarter(project, year, quarter)
    amount = _amount(completed, "completed")
    progress = _int(physical_progress, "physical_progress", _("请填写形象进度（0—100 的整数）"))
    if not 0 <= progress <= 100:
        raise ValidationError({"physical_progress": _("形象进度应在 0 至 100 之间")})
    reason = (reason or "").strip()
    previous = ProgressReport.objects.filter(project=project, year=year, quarter=quarter, is_current=True).first()
    if previous is not None and not reason:
        raise ValidationError(
            {"reason": _("%(y)d年第%(q)d季度已填报；如需更正，请填写更正理由") % {"y": year, "q": quarter}}
        )
    if previous is None and reason:
        reason = ""  # nothing to correct: a first report carries no correction reason
    others = ProgressReport.objects.filter(project=project, is_current=True).exclude(
        year=year, quarter=quarter
    ).aggregate(s=Sum("completed"))["s"] or Decimal(0)
    if others + amount > project.total_investment:
        raise ValidationError(
            {
                "completed": _("累计完成投资 %(c)s 万元将超过项目总投资 %(t)s 万元")
                % {"c": f"{others + amount:.2f}", "t": f"{project.total_investment:.2f}"}
            }
        )
    if previous is not None:
        ProgressReport.objects.filter(pk=previous.pk).update(is_current=False)
    report = ProgressReport.objects.create(
        project=project,
        year=year,
        quarter=quarter,
        starts_on=quarter_start(year, quarter),
        completed=amount,
        physical_progress=progress,
        note=(note or "").strip(),
        version=previous.version + 1 if previous else 1,
        supersedes=previous,
        reason=reason[:200],
        reported_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if previous is None else AuditAction.UPDATE,
        obj=report,
        changes=diff(snapshot(previous) if previous else {}, snapshot(report)),
    )
    return report


def _date(value, field: str, *, required: bool = True) -> date | None:
    if value in (None, ""):
        if required:
            raise ValidationError({field: _("请填写日期")})
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError({field: _("日期格式应为 YYYY-MM-DD")}) from None


@transaction.atomic
def milestone_add(*, actor, project: MajorProject, name: str, planned_on) -> Milestone:
    _require(actor, project)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写节点名称")})
    milestone = Milestone.objects.create(project=project, name=name[:80], planned_on=_date(planned_on, "planned_on"))
    audit_record(actor=actor, action=AuditAction.CREATE, obj=milestone, changes=diff({}, snapshot(milestone)))
    return milestone


@transaction.atomic
def milestone_done(*, actor, milestone: Milestone, done_on) -> Milestone:
    milestone = Milestone.objects.select_for_update().select_related("project").get(pk=milestone.pk)
    _require(actor, milestone.project)
    day = _date(done_on, "done_on")
    if day > _today():
        raise ValidationError({"done_on": _("完成日期不能晚于今天")})
    before = snapshot(milestone)
    milestone.done_on = day
    milestone.save(update_fields=["done_on"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=milestone, changes=diff(before, snapshot(milestone)))
    return milestone


@transaction.atomic
def issue_raise(*, actor, project: MajorProject, description: str) -> ProjectIssue:
    _require(actor, project)
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("请填写存在的问题")})
    issue = ProjectIssue.objects.create(
        project=project, description=description[:300], raised_on=_today(), raised_by=actor
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=issue, changes=diff({}, snapshot(issue)))
    return issue


@transaction.atomic
def issue_close(*, actor, issue: ProjectIssue, resolution: str) -> ProjectIssue:
    issue = ProjectIssue.objects.select_for_update().select_related("project").get(pk=issue.pk)
    _require(actor, issue.project)
    if issue.status == ProjectIssue.Status.CLOSED:
        raise ValidationError({"resolution": _("该问题已解决")})
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": _("请填写解决情况")})
    before = snapshot(issue)
    issue.status, issue.closed_on, issue.resolution = ProjectIssue.Status.CLOSED, _today(), resolution[:300]
    issue.save(update_fields=["status", "closed_on", "resolution"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=issue, changes=diff(before, snapshot(issue)))
    return issue


@transaction.atomic
def photo_add(*, actor, project: MajorProject, uploaded, caption: str = "") -> ProjectPhoto:
    """A site photo, checked by content (JPG or PNG only; a PDF or a renamed file is refused)."""
    _require(actor, project)
    if uploaded is None:
        raise ValidationError({"photo": _("请选择照片")})
    if file_validate(uploaded=uploaded, field="photo") not in IMAGE_TYPES:
        raise ValidationError({"photo": _("现场照片只能是 JPG 或 PNG 图片")})
    stored = file_store(uploaded=uploaded, actor=actor, field="photo")
    latest = ProgressReport.objects.filter(project=project, is_current=True).order_by("-starts_on").first()
    photo = ProjectPhoto.objects.create(
        project=project, report=latest, file=stored, caption=(caption or "").strip()[:120], uploaded_by=actor
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=photo, changes=diff({}, snapshot(photo)))
    return photo
