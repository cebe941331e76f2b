"""Re-check every zero-employment household (零就业家庭) against the registry: clear those with a member
now employed, reopen (and alert the clerks about) those whose last employed member lost the job.

A thin command over ``renshe.employment.assistance.zero_households_refresh`` (also scheduled in Celery
beat as ``renshe.employment.tasks.zero_households_refresh``). Safe to run twice: only changes act.
"""

from renshe.core.periodic import PeriodicCommand
from renshe.employment.assistance import zero_households_refresh


class Command(PeriodicCommand):
    help = "Re-check zero-employment households against the registry."
    lock_key = "employment:refresh_zero_households:lock"
    start_message = "re-checking zero-employment households …"

    def run(self, *, today, **options):
        return zero_households_refresh(today=today)
