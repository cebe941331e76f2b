"""Flag open cases that became due-soon or overdue and notify their handlers and section chiefs.

A thin command over ``renshe.cases.services.cases_flag_sla`` (also scheduled in Celery beat as
``renshe.cases.tasks.cases_sla_flag``). Safe to run twice: only changes are notified. A cache
lock keeps two runs from overlapping (shared across workers when the cache is Redis).
"""

from __future__ import annotations

import secrets
from datetime import date

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from renshe.cases.services import cases_flag_sla

LOCK_KEY = "cases:flag_case_sla:lock"
LOCK_SECONDS = 60 * 60  # a run over the whole city takes minutes; the lock expires if a run dies


class Command(BaseCommand):
    help = "Recompute the time-limit state of open cases and notify due-soon and overdue ones."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="compute as of this date (YYYY-MM-DD); default: today")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date, YYYY-MM-DD") from None
        token = secrets.token_hex(8)
        if not cache.add(LOCK_KEY, token, timeout=LOCK_SECONDS):
            self.stdout.write(self.style.WARNING("another flag_case_sla run is in progress; nothing done"))
            return
        try:
            self.stdout.write("checking open cases …")
            counts = cases_flag_sla(today=today)
        finally:
            if cache.get(LOCK_KEY) == token:
                cache.delete(LOCK_KEY)
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}={v}" for k, v in counts.items())))
