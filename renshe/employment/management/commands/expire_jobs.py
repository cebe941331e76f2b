"""Take published jobs past their last day off the public list (每日到期下架).

A thin command over ``renshe.employment.services_jobs.jobs_expire`` (also scheduled in Celery beat as
``renshe.employment.tasks.jobs_expire``). Safe to run twice: an expired job is not expired again.
"""

from renshe.core.periodic import PeriodicCommand
from renshe.employment.services_jobs import jobs_expire


class Command(PeriodicCommand):
    help = "Expire published jobs whose validity has ended."
    lock_key = "employment:expire_jobs:lock"
    start_message = "expiring jobs …"

    def run(self, *, today, **options):
        count = jobs_expire(today=today, progress=lambda n, total: self.stdout.write(f"  {n}/{total}"))
        return {"expired": count}
