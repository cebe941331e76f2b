import os
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from renshe.cases.testing import pdf
from renshe.core.files import file_store, upload_root
from renshe.registry.models import ImportJob


@pytest.mark.django_db
def test_orphan_uploads_older_than_a_day_are_removed_and_referenced_ones_kept(tmp_path, settings, clerk_maonan):
    settings.MEDIA_ROOT = tmp_path
    kept = file_store(uploaded=pdf(), actor=clerk_maonan)
    orphan = upload_root() / "0123456789abcdef0123456789abcdef01234567"
    orphan.write_bytes(b"%PDF-1.4 orphan")
    fresh = upload_root() / "fedcba9876543210fedcba9876543210fedcba98"
    fresh.write_bytes(b"%PDF-1.4 in progress")
    old = time.time() - 2 * 86400
    for path in (upload_root() / kept.storage_name, orphan):
        os.utime(path, (old, old))
    out = StringIO()
    call_command("purge_orphan_uploads", stdout=out)
    assert not orphan.exists()
    assert fresh.exists()
    assert (upload_root() / kept.storage_name).exists()
    assert "removed 1" in out.getvalue()
    call_command("purge_orphan_uploads", stdout=StringIO())  # twice: nothing more to do
    assert (upload_root() / kept.storage_name).exists()


@pytest.mark.django_db
def test_finished_import_files_are_deleted_after_retention_but_the_job_stays(tmp_path, settings, clerk_maonan):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "imports").mkdir()
    old_file, new_file = tmp_path / "imports" / "old.csv", tmp_path / "imports" / "new.csv"
    old_file.write_text("姓名\n")
    new_file.write_text("姓名\n")
    common = {"created_by": clerk_maonan, "kind": "person", "mode": "good_only", "sha256": "0" * 64, "status": "done"}
    old_job = ImportJob.objects.create(
        original_name="old.csv",
        stored_path="imports/old.csv",
        finished_at=timezone.now() - timedelta(days=40),
        **common,
    )
    new_job = ImportJob.objects.create(
        original_name="new.csv", stored_path="imports/new.csv", finished_at=timezone.now() - timedelta(days=2), **common
    )
    call_command("purge_import_files", stdout=StringIO())
    old_job.refresh_from_db()
    new_job.refresh_from_db()
    assert not old_file.exists() and old_job.stored_path == "" and old_job.sha256 == "0" * 64
    assert new_file.exists() and new_job.stored_path == "imports/new.csv"
    assert Path(settings.MEDIA_ROOT) == tmp_path
