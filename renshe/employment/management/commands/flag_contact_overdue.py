"""Tell the responsible clerks about ledger people not contacted in time (联系台账超期提醒).

A thin command over ``renshe.employment.assistance.contacts_flag_overdue`` (also scheduled in Celery
beat as ``renshe.employment.tasks.contacts_flag_overdue``). Safe to run twice: one message per person
and due date.
"""

from renshe.core.periodic import PeriodicCommand
from renshe.employment.assistance import contacts_flag_overdue


class Command(PeriodicCommand):
    help = "Notify clerks of people in the assistance ledger who are overdue for contact."
    lock_key = "employment:flag_contact_overdue:lock"
    start_message = "checking the contact ledger …"

    def run(self, *, today, **options):
        return contacts_flag_overdue(today=today)
