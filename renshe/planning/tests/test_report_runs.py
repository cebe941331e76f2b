"""Evaluation reports made in the background: progress, the file, who may fetch it, bad requests."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from renshe.audit.models import AuditEntry
from renshe.planning.models import ReportRun
from renshe.planning.services_reports import report_request, report_run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_run_is_queued_then_made_and_downloaded(client, statistician, django_capture_on_commit_callbacks):
    client.force_login(statistician)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/planning/reports/run/", {"kind": "annual", "year": "2023", "fmt": "xlsx"})
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/planning/reports/runs/{run.pk}/"
    assert (run.status, run.progress, run.requested_by) == ("done", 100, statistician)
    page = client.get(f"/planning/reports/runs/{run.pk}/").content.decode()
    assert 'data-status="done"' in page and "hx-trigger" not in page
    download = client.get(f"/planning/reports/runs/{run.pk}/file/")
    wb = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert wb["指标台账"]["A1"].value.endswith("2023 年度评估")
    assert AuditEntry.objects.filter(object_type="planning.report", action="export").exists()


def test_a_running_run_polls_its_progress(client, statistician):
    run = ReportRun.objects.create(kind="midterm", year=2023, fmt="pdf", requested_by=statistician, progress=40)
    client.force_login(statistician)
    partial = client.get(f"/planning/reports/runs/{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in partial and "40%" in partial and "<html" not in partial


def test_report_run_is_safe_to_run_twice(statistician):
    run = ReportRun.objects.create(kind="midterm", year=2023, fmt="pdf", requested_by=statistician)
    first = report_run(run.pk)
    assert first.status == "done" and first.file.content_type == "application/pdf"
    assert report_run(run.pk).file_id == first.file_id


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"kind": "weekly"}, "kind"), ({"year": "2030"}, "year"), ({"fmt": "docx"}, "fmt"), ({"year": "x"}, "year")],
)
def test_bad_requests_are_refused(statistician, fields, field):
    args = {"kind": "annual", "year": 2023, "fmt": "pdf", **fields}
    with pytest.raises(ValidationError) as err:
        report_request(actor=statistician, **args)
    assert field in err.value.message_dict
    assert not ReportRun.objects.exists()


def test_permission_and_ownership(client, statistician, clerk_maonan, leader):
    with pytest.raises(PermissionDenied):
        report_request(actor=clerk_maonan, kind="annual", year=2023, fmt="pdf")
    client.force_login(clerk_maonan)
    assert client.post("/planning/reports/run/", {"kind": "annual", "year": "2023", "fmt": "pdf"}).status_code == 403
    run = ReportRun.objects.create(kind="annual", year=2023, fmt="pdf", requested_by=statistician)
    client.force_login(leader)
    assert client.get(f"/planning/reports/runs/{run.pk}/").status_code == 404
    assert client.get(f"/planning/reports/runs/{run.pk}/file/").status_code == 404


def test_reports_page_lists_the_buttons_and_recent_runs(client, statistician):
    ReportRun.objects.create(kind="annual", year=2022, fmt="pdf", requested_by=statistician)
    client.force_login(statistician)
    html = client.get("/planning/reports/").content.decode()
    assert 'data-testid="annual-2025-pdf"' in html and 'data-testid="midterm-xlsx"' in html
    assert "annual-2022.pdf" in html
