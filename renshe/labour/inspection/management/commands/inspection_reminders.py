"""Daily reminders of labour inspection deadlines (complaints, orders, cases, draw publication).

A thin command over ``renshe.labour.inspection.services_reminders.inspection_reminders_send`` (also
scheduled in Celery beat as ``renshe.labour.inspection.tasks.inspection_reminders``). Safe to run
twice: a reminder is sent once per object and day.
"""

from renshe.core.periodic import PeriodicCommand
from renshe.labour.inspection.services_reminders import inspection_reminders_send


class Command(PeriodicCommand):
    help = "Remind inspectors of labour inspection deadlines."
    lock_key = "inspection:reminders:lock"
    start_message = "sending inspection reminders …"

    def run(self, *, today, **options):
        return inspection_reminders_send(today=today)
