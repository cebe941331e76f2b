"""Re-check every zero-employment household (零就业家庭) against the registry: clear those with a member
now employed, reopen (and alert the clerks about) those whose last employed member lost the job.

A thin command over ``renshe.employment.assistance.zero_households_refresh`` (also scheduled in Celery
beat as ``renshe.employment.tasks.zero_households_refresh``). Safe to run twice: only changes act.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from renshe.employment.assistance import zero_households_refresh
from renshe.employment.management.commands._lock import run_lock


class Command(BaseCommand):
    help = "Re-check zero-employment households against the registry."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="as of this date (YYYY-MM-DD); default: today")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date, YYYY-MM-DD") from None
        with run_lock("employment:refresh_zero_households:lock", 3600) as held:
            if not held:
                self.stdout.write(self.style.WARNING("another refresh_zero_households run is in progress"))
                return
            self.stdout.write("re-checking zero-employment households …")
            counts = zero_households_refresh(today=today)
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}={v}" for k, v in counts.items())))
