"""``manage.py refresh_figures [--year 2024] [--key K ...]``: recompute the modules' figures.

A thin command over ``renshe.core.figures.figures_refresh`` (also in Celery beat every 10 minutes).
Safe to run twice: each figure's rows for the periods are replaced in one transaction.
"""

from django.core.management.base import CommandError

from renshe.core.figures import discover, figures_refresh
from renshe.core.periodic import PeriodicCommand


class Command(PeriodicCommand):
    help = "Recompute the figures every module declares (this year, its months and live; or a closed --year)."
    lock_key = "core:refresh_figures:lock"
    lock_seconds = 1800
    start_message = "refreshing figures …"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, help="a closed year instead of this year so far")
        parser.add_argument("--key", action="append", dest="keys", help="only this figure (repeatable)")

    def run(self, *, today, year=None, keys=None, **options):
        unknown = sorted(set(keys or ()) - set(discover()))
        if unknown:
            raise CommandError(f"unknown figure(s): {', '.join(unknown)}")
        return figures_refresh(keys, today=today, year=year, progress=lambda m: self.stdout.write(f"  {m}"))
