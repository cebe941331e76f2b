"""Push each person in the assistance ledger their best new matching jobs (岗位推送).

A thin command over ``renshe.employment.services_jobs.recommendations_push`` (also in Celery beat as
``renshe.employment.tasks.recommendations_push``). Safe to run twice: a job already recommended to a
person is neither stored nor sent again.
"""

from django.core.management.base import CommandError

from renshe.core.periodic import PeriodicCommand
from renshe.employment.services_jobs import recommendations_push


class Command(PeriodicCommand):
    help = "Store and send job recommendations to people in the employment assistance ledger."
    lock_key = "employment:push_recommendations:lock"
    lock_seconds = 6 * 3600

    def add_arguments(self, parser):
        parser.add_argument("--per-person", type=int, default=5, help="jobs per person (1–20)")

    def run(self, *, today, per_person, **options):
        if not 1 <= per_person <= 20:
            raise CommandError("--per-person must be between 1 and 20")
        return recommendations_push(
            per_person=per_person, progress=lambda c: self.stdout.write(f"  {c['seekers']} people …")
        )
