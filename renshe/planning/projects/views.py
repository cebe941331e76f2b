"""Pages of the major-project ledger: the ledger with totals by county, its Excel export, a project's
page with its history, milestones, issues and photos, and the quarterly progress form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.excel import xlsx_bytes, xlsx_response
from renshe.core.files import file_path
from renshe.core.forms import apply_service_errors, errors_to_messages, form_errors_to_messages
from renshe.planning.projects import selectors, services
from renshe.planning.projects.forms import (
    IssueCloseForm,
    IssueForm,
    MilestoneDoneForm,
    MilestoneForm,
    PhotoForm,
    ProgressForm,
)
from renshe.planning.projects.models import Milestone, ProjectIssue, ProjectPhoto
from renshe.planning.projects.roles import REPORT, VIEW


def _ledger(user) -> tuple[list[dict], list[dict], dict]:
    rows = selectors.ledger_rows(selectors.projects_visible(user).order_by("order"))
    return rows, selectors.by_county(rows), selectors.totals(rows)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def ledger(request):
    rows, counties, totals = _ledger(request.user)
    return render(
        request,
        "majorprojects/ledger.html",
        {"rows": rows, "counties": counties, "totals": totals, "can_report": request.user.has_perm(REPORT)},
    )


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def ledger_export(request):
    rows, counties, totals = _ledger(request.user)
    headers = [
        _("序号"),
        _("项目名称"),
        _("所在地"),
        _("建设单位"),
        _("建设内容和规模"),
        _("建设起止年限"),
        _("总投资（万元）"),
        _("“十四五”时期投资（万元）"),
        _("累计完成投资（万元）"),
        _("投资完成率（%）"),
        _("形象进度（%）"),
        _("最新季度"),
        _("状态"),
    ]
    table = [
        [
            r["project"].order,
            r["name"],
            str(r["county_name"]),
            r["project"].owner,
            r["project"].content,
            r["project"].period,
            float(r["total_investment"]),
            float(r["plan_investment"]),
            float(r["completed_investment"]),
            round(float(r["progress"]) * 100, 1),
            r["physical_progress"],
            r["latest_quarter"],
            str(r["status"].label),
        ]
        for r in rows
    ]
    table += [
        [None, _("小计：%(c)s") % {"c": g["name"]}, str(g["name"]), None, None, None,
         float(g["total_investment"]), float(g["plan_investment"]), float(g["completed_investment"]),
         round(float(g["progress"]) * 100, 1), None, None, None]
        for g in counties
    ]  # fmt: skip
    table.append(
        [None, _("合计"), None, None, None, None, float(totals["total_investment"]), float(totals["plan_investment"]),
         float(totals["completed_investment"]), round(float(totals["progress"]) * 100, 1), None, None, None]
    )  # fmt: skip
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="majorprojects.majorproject",
        object_repr=_("重大项目台账"),
        changes={"rows": [None, len(rows)]},
    )
    return xlsx_response(_("重大项目台账.xlsx"), xlsx_bytes(headers, table, title=_("重大项目台账")))


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def project_detail(request, code: str):
    project = selectors.get_project_or_404(request.user, code)
    row = selectors.ledger_rows([project])[0]
    return render(
        request,
        "majorprojects/detail.html",
        {
            "project": project,
            "row": row,
            "history": selectors.project_history(project),
            "milestones": project.milestones.all(),
            "issues": project.issues.all(),
            "photos": project.photos.select_related("report", "file"),
            "can_report": request.user.has_perm(REPORT),
            "milestone_form": MilestoneForm(),
            "issue_form": IssueForm(),
            "photo_form": PhotoForm(),
        },
    )


@login_required
@permission_required(REPORT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def progress_form(request):
    projects = list(selectors.projects_visible(request.user).order_by("order"))
    by_code = {p.code: p for p in projects}
    form = ProgressForm(request.POST or None, projects=projects, initial={"project": request.GET.get("project", "")})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            project = by_code[form.cleaned_data["project"]]
            try:
                report = services.progress_report(
                    actor=request.user,
                    project=project,
                    year=form.cleaned_data["year"],
                    quarter=form.cleaned_data["quarter"],
                    completed=form.cleaned_data["completed"],
                    physical_progress=form.cleaned_data["physical_progress"],
                    note=form.cleaned_data["note"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("已填报 %(p)s %(q)s 的进度") % {"p": project.name, "q": report.label},
                )
                return redirect("majorprojects:detail", code=project.code)
        status = 400
    return render(request, "majorprojects/progress_form.html", {"form": form}, status=status)


def _post_action(request, code: str, form_class, action):
    """Run ``action(project, cleaned_data)`` for a small form of the project page; errors as messages."""
    project = selectors.get_project_or_404(request.user, code)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        form_errors_to_messages(request, form)
    else:
        try:
            action(project, form.cleaned_data)
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("已保存"))
    return redirect("majorprojects:detail", code=project.code)


@login_required
@permission_required(REPORT, raise_exception=True)
@require_POST
def milestone_add(request, code: str):
    return _post_action(
        request,
        code,
        MilestoneForm,
        lambda p, d: services.milestone_add(actor=request.user, project=p, name=d["name"], planned_on=d["planned_on"]),
    )


@login_required
@permission_required(REPORT, raise_exception=True)
@require_POST
def milestone_done(request, code: str, pk: int):
    def act(project, data):
        milestone = get_object_or_404(Milestone, pk=pk, project=project)
        services.milestone_done(actor=request.user, milestone=milestone, done_on=data["done_on"])

    return _post_action(request, code, MilestoneDoneForm, act)


@login_required
@permission_required(REPORT, raise_exception=True)
@require_POST
def issue_add(request, code: str):
    return _post_action(
        request,
        code,
        IssueForm,
        lambda p, d: services.issue_raise(actor=request.user, project=p, description=d["description"]),
    )


@login_required
@permission_required(REPORT, raise_exception=True)
@require_POST
def issue_close(request, code: str, pk: int):
    def act(project, data):
        issue = get_object_or_404(ProjectIssue, pk=pk, project=project)
        services.issue_close(actor=request.user, issue=issue, resolution=data["resolution"])

    return _post_action(request, code, IssueCloseForm, act)


@login_required
@permission_required(REPORT, raise_exception=True)
@require_POST
def photo_add(request, code: str):
    def act(project, data):
        services.photo_add(actor=request.user, project=project, uploaded=data["photo"], caption=data["caption"])

    return _post_action(request, code, PhotoForm, act)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def photo_file(request, code: str, pk: int):
    project = selectors.get_project_or_404(request.user, code)
    photo = get_object_or_404(ProjectPhoto.objects.select_related("file"), pk=pk, project=project)
    path = file_path(photo.file)
    if not path.exists():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=photo.file.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
