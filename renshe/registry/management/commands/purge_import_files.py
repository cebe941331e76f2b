"""Delete the uploaded files of finished imports after the retention period (PIPL: minimum necessary).

The job record stays, with the file's SHA-256, counts and errors, so what was imported remains
identifiable; only the spreadsheet with its personal data goes. Safe to run twice.
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from renshe.registry.models import ImportJob


class Command(BaseCommand):
    help = "Delete uploaded import files of jobs finished more than --days ago (default 30)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=options["days"])
        root = Path(settings.MEDIA_ROOT)
        removed = 0
        jobs = ImportJob.objects.filter(status=ImportJob.Status.DONE, finished_at__lt=cutoff).exclude(stored_path="")
        for job in jobs.iterator():
            path = root / job.stored_path
            path.unlink(missing_ok=True)
            ImportJob.objects.filter(pk=job.pk).update(stored_path="")
            removed += 1
        self.stdout.write(f"removed {removed} import files finished before {cutoff:%Y-%m-%d}")
