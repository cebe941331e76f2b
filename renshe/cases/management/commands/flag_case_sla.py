"""Flag open cases that became due-soon or overdue and notify their handlers and section chiefs.

A thin command over ``renshe.cases.services.cases_flag_sla`` (also scheduled in Celery beat as
``renshe.cases.tasks.cases_sla_flag``). Safe to run twice: only changes are notified.
"""

from renshe.cases.services import cases_flag_sla
from renshe.core.periodic import PeriodicCommand

LOCK_KEY = "cases:flag_case_sla:lock"


class Command(PeriodicCommand):
    help = "Recompute the time-limit state of open cases and notify due-soon and overdue ones."
    lock_key = LOCK_KEY
    start_message = "checking open cases …"

    def run(self, *, today, **options):
        return cases_flag_sla(today=today)
