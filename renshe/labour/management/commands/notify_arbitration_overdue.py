"""Tell the arbitrators about arbitration cases past their acceptance or award deadline.

A thin command over ``renshe.labour.services_jobs.arbitration_overdue_notify`` (also scheduled in
Celery beat as ``renshe.labour.tasks.arbitration_overdue_notify``). Safe to run twice: a case is
notified at most once a day.
"""

from renshe.core.periodic import PeriodicCommand
from renshe.labour.services_jobs import arbitration_overdue_notify


class Command(PeriodicCommand):
    help = "Message the arbitrators of overdue arbitration cases."
    lock_key = "labour:arbitration_overdue:lock"
    start_message = "checking arbitration deadlines …"

    def run(self, *, today, **options):
        return arbitration_overdue_notify(today=today)
