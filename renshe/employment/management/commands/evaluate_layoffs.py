"""Raise layoff warnings (规模性裁员预警) for monitored employers whose headcount fell beyond the thresholds.

A thin command over ``renshe.employment.monitoring.layoffs_evaluate`` (also scheduled in Celery beat as
``renshe.employment.tasks.layoffs_evaluate``). Safe to run twice: one warning per employer and month.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from renshe.employment.management.commands._lock import run_lock
from renshe.employment.monitoring import layoffs_evaluate


class Command(BaseCommand):
    help = "Compare monitored employers' monthly headcount with the month before and raise warnings."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="the month to evaluate (YYYY-MM); default: this month and the last")

    def handle(self, *args, **options):
        month = None
        if options.get("month"):
            try:
                month = date.fromisoformat(options["month"] + "-01")
            except ValueError:
                raise CommandError("--month must be YYYY-MM") from None
        with run_lock("employment:evaluate_layoffs:lock", 3600) as held:
            if not held:
                self.stdout.write(self.style.WARNING("another evaluate_layoffs run is in progress; nothing done"))
                return
            self.stdout.write("evaluating headcount reports …")
            counts = layoffs_evaluate(month=month)
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}={v}" for k, v in counts.items())))
