"""Push each person in the assistance ledger their best new matching jobs (岗位推送).

A thin command over ``renshe.employment.services_jobs.recommendations_push`` (also in Celery beat as
``renshe.employment.tasks.recommendations_push``). Safe to run twice: a job already recommended to a
person is neither stored nor sent again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from renshe.employment.management.commands._lock import run_lock
from renshe.employment.services_jobs import recommendations_push


class Command(BaseCommand):
    help = "Store and send job recommendations to people in the employment assistance ledger."

    def add_arguments(self, parser):
        parser.add_argument("--per-person", type=int, default=5, help="jobs per person (1–20)")

    def handle(self, *args, per_person, **options):
        if not 1 <= per_person <= 20:
            raise CommandError("--per-person must be between 1 and 20")
        with run_lock("employment:push_recommendations:lock", 6 * 3600) as held:
            if not held:
                self.stdout.write(self.style.WARNING("another push_recommendations run is in progress; nothing done"))
                return
            counts = recommendations_push(
                per_person=per_person, progress=lambda c: self.stdout.write(f"  {c['seekers']} people …")
            )
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}={v}" for k, v in counts.items())))
