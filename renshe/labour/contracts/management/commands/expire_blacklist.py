"""Remove arrears-blacklist entries at the end of their 3-year period.

A thin command over ``services_blacklist.blacklist_expire`` (Celery beat:
``renshe.labour.contracts.tasks.blacklist_expire``). Safe to run twice.
"""

from renshe.core.periodic import PeriodicCommand
from renshe.labour.contracts.services_blacklist import blacklist_expire


class Command(PeriodicCommand):
    help = "Remove arrears-blacklist entries whose listing period is over."
    lock_key = "contracts:expire_blacklist:lock"
    start_message = "arrears blacklist …"

    def run(self, *, today, **options):
        return blacklist_expire(today=today)
