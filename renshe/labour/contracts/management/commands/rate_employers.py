"""The yearly employer labour-credit rating: ``manage.py rate_employers --year 2025``.

A thin command over ``services_credit.credit_rating_run`` (Celery beat:
``renshe.labour.contracts.tasks.credit_rating_run``). Safe to run twice: a re-run replaces the year's
computed ratings and keeps the manually adjusted ones.
"""

from django.core.management.base import CommandError

from renshe.core.periodic import PeriodicCommand
from renshe.labour.contracts.services_credit import credit_rating_run


class Command(PeriodicCommand):
    help = "Rate every employer (A/B/C) for a year; manual adjustments are kept."
    lock_key = "contracts:rate_employers:lock"
    lock_seconds = 6 * 3600
    start_message = "rating employers …"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, help="the year rated (default: last year)")

    def run(self, *, today, year=None, **options):
        from django.utils import timezone

        year = year or (today or timezone.localdate()).year - 1
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be between 2000 and 2100")
        result = credit_rating_run(year=year, progress=lambda m: self.stdout.write(f"  {m}"))
        if result["missing"]:
            self.stdout.write(
                self.style.WARNING(f"records not available (counted as none): {', '.join(result['missing'])}")
            )
        result["missing"] = ",".join(result["missing"]) or "-"
        return result
