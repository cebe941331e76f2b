"""Evaluation reports made in the background: request one, run it (a Celery task), with its progress.

``report_request`` records a ``ReportRun`` and queues ``tasks.planning_report_generate`` after the
commit; ``report_run`` makes the file (safe to run twice: a finished run is left alone) and stores it
like an upload (``core.StoredFile``), so it is downloaded through a view that checks and audits.
"""

from __future__ import annotations

import hashlib
import logging
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.core.files import upload_root
from renshe.core.models import StoredFile
from renshe.planning.data.indicators import PLAN_END_YEAR, PLAN_START_YEAR
from renshe.planning.models import ReportRun
from renshe.planning.roles import EXPORT

logger = logging.getLogger(__name__)
KINDS = ("annual", "midterm")
FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def report_request(*, actor, kind: str, year, fmt: str) -> ReportRun:
    if not actor.has_perm(EXPORT):
        raise PermissionDenied
    errors = {}
    if kind not in KINDS:
        errors["kind"] = _("报告类型须为年度评估或中期评估")
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if kind == "midterm":
        year = 2023
    if not PLAN_START_YEAR <= year <= PLAN_END_YEAR:
        errors["year"] = _("年度须在 %(a)d–%(b)d 年之间（“十四五”规划期）") % {"a": PLAN_START_YEAR, "b": PLAN_END_YEAR}
    if fmt not in FORMATS:
        errors["fmt"] = _("格式须为 Excel 或 PDF")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        run = ReportRun.objects.create(kind=kind, year=year, fmt=fmt, requested_by=actor)
        from renshe.planning.tasks import planning_report_generate

        transaction.on_commit(lambda: planning_report_generate.delay(run.pk))
    return run


def _step(run: ReportRun, progress: int, status: str = ReportRun.Status.RUNNING) -> None:
    run.progress, run.status = progress, status
    run.save(update_fields=["progress", "status"])


def report_run(run_id: int) -> ReportRun:
    from renshe.planning.reports import report_build, report_pdf, report_xlsx

    with transaction.atomic():
        run = ReportRun.objects.select_for_update().get(pk=run_id)
        if run.status == ReportRun.Status.DONE:
            return run
        _step(run, 10)
    try:
        report = report_build(run.kind, run.year)
        _step(run, 40)
        data = report_xlsx(report) if run.fmt == "xlsx" else report_pdf(report)
        _step(run, 90)
        storage_name = secrets.token_hex(20)
        (upload_root() / storage_name).write_bytes(data)
        with transaction.atomic():
            run.file = StoredFile.objects.create(
                storage_name=storage_name,
                original_name=f"planning-{report.filename_stem}.{run.fmt}",
                content_type=FORMATS[run.fmt],
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                uploaded_by=run.requested_by,
            )
            run.status, run.progress, run.finished_at = ReportRun.Status.DONE, 100, timezone.now()
            run.save(update_fields=["file", "status", "progress", "finished_at"])
    except Exception as exc:  # the run records the failure; the user sees it on the run's page
        run.status, run.message, run.finished_at = (
            ReportRun.Status.FAILED,
            f"{type(exc).__name__}: {exc}"[:200],
            timezone.now(),
        )
        run.save(update_fields=["status", "message", "finished_at"])
        logger.exception("planning report run %s failed", run.pk)
    return run
