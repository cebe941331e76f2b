"""Batch import pages: upload a file, follow its progress, download the error file and the templates.

The work is done by ``renshe.registry.importing`` (the engine and the job record) and the Celery task
``renshe.registry.tasks.import_job_task``; these views only parse, call and render.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.core.excel import xlsx_response
from renshe.core.forms import apply_service_errors
from renshe.core.paging import Page, page_of
from renshe.registry import importing
from renshe.registry.models import ImportJob
from renshe.registry.tasks import import_job_task

ERRORS_PER_PAGE = 100
PERMISSION = "registry.import_registry"


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("导入内容"),
        choices=ImportJob.Kind.choices,
        initial=ImportJob.Kind.PERSON,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("导入方式"),
        choices=ImportJob.Mode.choices,
        initial=ImportJob.Mode.ALL_OR_NOTHING,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        help_text=gettext_lazy("全部成功才导入：只要有一行错误就不导入任何数据；只导入正确的行：错误的行列出供改正"),
    )
    file = forms.FileField(
        label=gettext_lazy("文件"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_list(request):
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = importing.import_job_create(
                actor=request.user, kind=data["kind"], mode=data["mode"], upload=data["file"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            transaction.on_commit(lambda: import_job_task.delay(job.pk))
            return redirect("registry:import_detail", pk=job.pk)
    jobs = page_of(
        importing.import_jobs_visible_to(request.user)
        .select_related("created_by")
        .defer("errors", "error_rows", "headers"),  # up to 10,000 errors a job: not for a list
        request.GET.get("page"),
    )
    context = {
        "form": form,
        "page_obj": jobs,
        "query_string": "",
        "max_mb": settings.IMPORT_MAX_BYTES // 1048576,
        "max_rows": settings.IMPORT_MAX_ROWS,
        "kinds": [(kind, label, importing.FILE_COLUMNS[kind]) for kind, label in ImportJob.Kind.choices],
    }
    return render(request, "registry/import_list.html", context, status=400 if form.errors else 200)


def _status_context(request, job: ImportJob) -> dict:
    done, total = importing.import_job_progress(job)
    errors = job.errors if job.status == ImportJob.Status.DONE else []
    page = page_of(errors, request.GET.get("page"), size=ERRORS_PER_PAGE) if errors else Page([], 1, False)
    return {
        "job": job,
        "done": done,
        "total": total,
        "percent": int(done * 100 / total) if total else None,
        "page_obj": page,
        "query_string": "",
        "has_errors": bool(job.errors),
        "same_file": importing.import_job_same_file(job) if job.is_finished else None,
        "can_retry": importing.import_job_can_retry(job),
    }


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def import_detail(request, pk: int):
    job = importing.get_import_job_for_user_or_404(request.user, pk)
    return render(request, "registry/import_detail.html", _status_context(request, job))


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def import_status(request, pk: int):
    """The part of the job page that htmx polls every second until the job has finished."""
    job = importing.get_import_job_for_user_or_404(request.user, pk)
    return render(request, "registry/partials/import_status.html", _status_context(request, job))


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def import_retry(request, pk: int):
    job = importing.get_import_job_for_user_or_404(request.user, pk)
    try:
        importing.import_job_retry(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        transaction.on_commit(lambda: import_job_task.delay(job.pk))
    return redirect("registry:import_detail", pk=job.pk)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def import_errors(request, pk: int):
    job = importing.get_import_job_for_user_or_404(request.user, pk)
    if not job.errors:
        raise Http404
    return xlsx_response(f"导入错误-{job.pk}.xlsx", importing.import_error_file(job))


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def import_template(request, kind: str, fmt: str):
    if kind not in importing.FILE_COLUMNS or fmt not in ("xlsx", "csv"):
        raise Http404
    name = _("%(kind)s导入模板") % {"kind": importing.KIND_LABELS[kind]}
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", importing.import_template_xlsx(kind))
    from urllib.parse import quote

    response = HttpResponse(importing.import_template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.csv"
    return response
