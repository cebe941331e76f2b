"""Raise layoff warnings (规模性裁员预警) for monitored employers whose headcount fell beyond the thresholds.

A thin command over ``renshe.employment.monitoring.layoffs_evaluate`` (also scheduled in Celery beat as
``renshe.employment.tasks.layoffs_evaluate``). Safe to run twice: one warning per employer and month.
"""

from datetime import date

from django.core.management.base import CommandError

from renshe.core.periodic import PeriodicCommand
from renshe.employment.monitoring import layoffs_evaluate


class Command(PeriodicCommand):
    help = "Compare monitored employers' monthly headcount with the month before and raise warnings."
    lock_key = "employment:evaluate_layoffs:lock"
    start_message = "evaluating headcount reports …"

    def add_arguments(self, parser):
        parser.add_argument("--month", help="the month to evaluate (YYYY-MM); default: this month and the last")

    def run(self, *, today, **options):
        month = None
        if options.get("month"):
            try:
                month = date.fromisoformat(options["month"] + "-01")
            except ValueError:
                raise CommandError("--month must be YYYY-MM") from None
        return layoffs_evaluate(month=month)
