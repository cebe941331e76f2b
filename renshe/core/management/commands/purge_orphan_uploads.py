"""Delete uploaded files that no database row refers to (left by a transaction that rolled back).

Only files older than --hours (default 24) are touched, so an upload in progress is never removed.
Safe to run twice.
"""

import time

from django.core.management.base import BaseCommand

from renshe.core.files import upload_root
from renshe.core.models import StoredFile


class Command(BaseCommand):
    help = "Delete files under MEDIA_ROOT/uploads that have no StoredFile row and are older than --hours."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args, **options):
        cutoff = time.time() - options["hours"] * 3600
        candidates = [p for p in upload_root().iterdir() if p.is_file() and p.stat().st_mtime < cutoff]
        known = set(
            StoredFile.objects.filter(storage_name__in=[p.name for p in candidates]).values_list(
                "storage_name", flat=True
            )
        )
        removed = 0
        for path in candidates:
            if path.name not in known:
                path.unlink(missing_ok=True)
                removed += 1
        self.stdout.write(f"removed {removed} orphan uploads of {len(candidates)} older files")
