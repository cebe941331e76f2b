"""Remind holders of dispatch licences before expiry and expire licences past their last day.

A thin command over ``services_licences.licences_remind_and_expire`` (Celery beat:
``renshe.labour.contracts.tasks.licences_remind``). Safe to run twice: one reminder per licence.
"""

from renshe.core.periodic import PeriodicCommand
from renshe.labour.contracts.services_licences import licences_remind_and_expire


class Command(PeriodicCommand):
    help = "Remind dispatch-licence holders before expiry; expire licences past their last day."
    lock_key = "contracts:remind_dispatch_licences:lock"
    start_message = "dispatch licences …"

    def run(self, *, today, **options):
        return licences_remind_and_expire(today=today)
