"""Take published jobs past their last day off the public list (每日到期下架).

A thin command over ``renshe.employment.services_jobs.jobs_expire`` (also scheduled in Celery beat as
``renshe.employment.tasks.jobs_expire``). Safe to run twice: an expired job is not expired again.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from renshe.employment.management.commands._lock import run_lock
from renshe.employment.services_jobs import jobs_expire


class Command(BaseCommand):
    help = "Expire published jobs whose validity has ended."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="as of this date (YYYY-MM-DD); default: today")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date, YYYY-MM-DD") from None
        with run_lock("employment:expire_jobs:lock", 3600) as held:
            if not held:
                self.stdout.write(self.style.WARNING("another expire_jobs run is in progress; nothing done"))
                return
            self.stdout.write("expiring jobs …")
            count = jobs_expire(today=today, progress=lambda n, total: self.stdout.write(f"  {n}/{total}"))
        self.stdout.write(self.style.SUCCESS(f"expired={count}"))
