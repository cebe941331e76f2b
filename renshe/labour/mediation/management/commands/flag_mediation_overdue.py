"""Tell applicants whose mediation passed its 15 days without agreement that they may apply for
arbitration (劳动争议调解仲裁法 第十四条).

A thin command over ``renshe.labour.mediation.services.cases_flag_overdue`` (also scheduled in Celery
beat). Safe to run twice: one message per case.
"""

from renshe.core.periodic import PeriodicCommand
from renshe.labour.mediation.services import cases_flag_overdue


class Command(PeriodicCommand):
    help = "Flag mediation cases past their 15-day deadline and tell the applicants."
    lock_key = "mediation:flag_overdue:lock"
    start_message = "checking mediation deadlines …"

    def run(self, *, today, **options):
        return cases_flag_overdue(today=today)
