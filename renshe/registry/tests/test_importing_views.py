"""The import pages end to end: upload, job page, progress partial, error file, templates, scoping."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from renshe import testing
from renshe.registry.importing import PERSON_FILE_COLUMNS, import_job_run
from renshe.registry.models import ImportJob, Person
from renshe.registry.tasks import import_job_task

pytestmark = pytest.mark.django_db

PERSON_HEADER = [c.label for c in PERSON_FILE_COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def csv_upload(rows, name="people.csv", header=PERSON_HEADER) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


def row(name="王五", id_number=None, region=testing.MAONAN_TOWN) -> list[str]:
    return [name, id_number or testing.id_number(), "", region, "", "", "", "", ""]


def upload(client, file, *, kind="person", mode="good_only", capture):
    with capture(execute=True):
        return client.post(reverse("registry:import_list"), {"kind": kind, "mode": mode, "file": file})


def test_upload_runs_the_job_and_shows_counts_and_errors(
    client, clerk_maonan, django_capture_on_commit_callbacks, settings
):
    client.force_login(clerk_maonan)
    good_id = testing.id_number()
    bad_id = good_id[:17] + ("1" if good_id[17] != "1" else "2")  # a wrong check digit
    file = csv_upload([row("甲"), row("乙", id_number=bad_id), row("丙", region=testing.GAOZHOU_TOWN)])
    response = upload(client, file, capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("registry:import_detail", args=[job.pk])
    assert (job.status, job.created_count, job.failed_count, job.total_rows) == ("done", 1, 2, 3)
    assert (settings.MEDIA_ROOT / job.stored_path).exists()
    assert list(Person.objects.values_list("name", flat=True)) == ["甲"]

    page = client.get(response.url)
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="import-finished"' in body and "hx-trigger" not in body
    assert "不在您的管辖范围内" in body and "居住地区划代码" in body

    download = client.get(reverse("registry:import_errors", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(download.content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (*PERSON_HEADER, "错误原因")
    assert [r[0] for r in rows[1:]] == ["乙", "丙"]
    assert rows[1][1] == bad_id
    assert rows[1][-1].startswith("第3行 身份证号码：") and rows[2][-1].startswith("第4行 居住地区划代码：")


def test_all_or_nothing_rejection_is_explained(client, clerk_maonan, django_capture_on_commit_callbacks):
    client.force_login(clerk_maonan)
    file = csv_upload([row("甲"), row("乙", region="440902999")])
    upload(client, file, mode="all_or_nothing", capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.rejected and not Person.objects.exists()
    body = client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert "未导入任何数据" in body


def test_refused_file_marks_the_job_failed_with_the_reason(client, clerk_maonan, django_capture_on_commit_callbacks):
    client.force_login(clerk_maonan)
    file = csv_upload([["x"]], header=["单位"])
    upload(client, file, capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == "failed" and "缺少必填列" in job.message
    body = client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert "缺少必填列" in body


def test_form_refuses_other_file_types_and_oversized_files(client, clerk_maonan, settings):
    client.force_login(clerk_maonan)
    url = reverse("registry:import_list")
    response = client.post(
        url, {"kind": "person", "mode": "good_only", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}
    )
    assert response.status_code == 400 and "只能导入 Excel（.xlsx）或 CSV 文件" in response.content.decode()
    settings.IMPORT_MAX_BYTES = 10
    response = client.post(url, {"kind": "person", "mode": "good_only", "file": csv_upload([row()])})
    assert response.status_code == 400 and "超过上限" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_running_the_task_twice_is_safe(client, clerk_maonan, django_capture_on_commit_callbacks):
    client.force_login(clerk_maonan)
    upload(client, csv_upload([row("甲")]), capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    finished = job.finished_at
    import_job_task(job.pk)
    assert import_job_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.created_count, job.finished_at) == ("done", 1, finished)
    assert Person.objects.count() == 1


def test_second_upload_of_the_same_file_creates_nothing(client, clerk_maonan, django_capture_on_commit_callbacks):
    client.force_login(clerk_maonan)
    rows = [row("甲"), row("乙")]
    upload(client, csv_upload(rows), capture=django_capture_on_commit_callbacks)
    upload(client, csv_upload(rows), capture=django_capture_on_commit_callbacks)
    first, second = ImportJob.objects.order_by("pk")
    assert (first.created_count, second.created_count, second.skipped_count) == (2, 0, 2)
    body = client.get(reverse("registry:import_detail", args=[second.pk])).content.decode()
    assert "同一文件已于" in body


def test_progress_partial_polls_while_running(client, clerk_maonan):
    job = ImportJob.objects.create(
        created_by=clerk_maonan, kind="person", mode="good_only", original_name="p.csv", stored_path="x", sha256="0"
    )
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    client.force_login(clerk_maonan)
    body = client.get(reverse("registry:import_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in body and reverse("registry:import_status", args=[job.pk]) in body


def test_templates_download_and_round_trip(client, clerk_maonan, django_capture_on_commit_callbacks):
    client.force_login(clerk_maonan)
    response = client.get(reverse("registry:import_template", args=["person", "csv"]))
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf" + "姓名,身份证号码".encode())
    response = client.get(reverse("registry:import_template", args=["employer", "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]][:2] == ["统一社会信用代码", "单位名称"]
    assert workbook.sheetnames[1] == "填写说明"
    assert client.get(reverse("registry:import_template", args=["nobody", "csv"])).status_code == 404

    # Fill in the people template and upload it back.
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("registry:import_template", args=["person", "xlsx"])).content)
    )
    number = testing.id_number()
    workbook.worksheets[0].append(["李雷", number, "13800138000", testing.MAONAN_TOWN, "", "", "", "大学本科", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("filled.xlsx", buffer.getvalue(), content_type=XLSX)
    upload(client, file, capture=django_capture_on_commit_callbacks)
    assert Person.objects.get(id_number=number).education_id == "21"


def test_jobs_are_scoped_to_their_owner_and_the_region_admin(
    client, clerk_maonan, clerk_gaozhou, city_admin, django_capture_on_commit_callbacks
):
    client.force_login(clerk_maonan)
    upload(client, csv_upload([row("甲", region="440902001999")]), capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    urls = [
        reverse("registry:import_detail", args=[job.pk]),
        reverse("registry:import_status", args=[job.pk]),
        reverse("registry:import_errors", args=[job.pk]),
    ]
    assert all(client.get(url).status_code == 200 for url in urls)
    assert "people.csv" in client.get(reverse("registry:import_list")).content.decode()
    client.force_login(clerk_gaozhou)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    assert "people.csv" not in client.get(reverse("registry:import_list")).content.decode()
    client.force_login(city_admin)
    assert client.get(urls[0]).status_code == 200


def test_citizen_gets_403_on_every_import_page(client, citizen):
    client.force_login(citizen)
    urls = [
        reverse("registry:import_list"),
        reverse("registry:import_detail", args=[1]),
        reverse("registry:import_status", args=[1]),
        reverse("registry:import_errors", args=[1]),
        reverse("registry:import_template", args=["person", "xlsx"]),
    ]
    assert [client.get(url).status_code for url in urls] == [403] * len(urls)
    response = client.post(urls[0], {"kind": "person", "mode": "good_only", "file": csv_upload([row()])})
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("registry:import_list"))
    assert response.status_code == 302 and "login" in response.url


def test_a_failed_job_can_be_run_again(client, clerk_maonan, django_capture_on_commit_callbacks, settings):
    client.force_login(clerk_maonan)
    upload(client, csv_upload([row("甲")]), capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    retry = reverse("registry:import_retry", args=[job.pk])
    response = client.post(retry)  # a done job is not run again
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "done"
    # The worker died half-way: nothing was stored, the job says failed.
    Person.objects.all().delete()
    ImportJob.objects.filter(pk=job.pk).update(status="failed", message="导入时发生系统错误")
    assert 'data-testid="import-retry"' in client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry)
    job.refresh_from_db()
    assert (job.status, job.created_count, job.message) == ("done", 1, "")
    assert Person.objects.filter(name="甲").exists()


def test_a_job_running_for_hours_can_be_restarted(client, clerk_maonan):
    job = ImportJob.objects.create(
        created_by=clerk_maonan, kind="person", mode="good_only", original_name="p.csv", stored_path="x", sha256="0"
    )
    ImportJob.objects.filter(pk=job.pk).update(status="running", started_at=timezone.now() - timedelta(minutes=10))
    client.force_login(clerk_maonan)
    assert "import-retry" not in client.get(reverse("registry:import_status", args=[job.pk])).content.decode()
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(hours=3))
    assert "import-retry" in client.get(reverse("registry:import_status", args=[job.pk])).content.decode()


def test_job_list_query_count_does_not_grow_with_jobs(client, clerk_maonan):
    def make(n):
        for i in range(n):
            ImportJob.objects.create(
                created_by=clerk_maonan,
                kind="person",
                mode="good_only",
                original_name=f"{i}.csv",
                stored_path="x",
                sha256="0",
            )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("registry:import_list")).status_code == 200
        return len(queries)

    client.force_login(clerk_maonan)
    make(1)
    count()  # the first page of a session also fills caches
    few = count()
    make(15)
    assert count() == few
