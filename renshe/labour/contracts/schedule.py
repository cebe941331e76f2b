"""Celery beat entries of the contracts app (merged by settings)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Dispatch licences: reminders 90 days before expiry, expiry the day after the last day.
    "contracts-licences-remind": {
        "task": "renshe.labour.contracts.tasks.licences_remind",
        "schedule": crontab(minute=15, hour=0),
    },
    # Arrears blacklist: entries leave the list at the end of their 3 years.
    "contracts-blacklist-expire": {
        "task": "renshe.labour.contracts.tasks.blacklist_expire",
        "schedule": crontab(minute=20, hour=0),
    },
    # The credit rating of the year just ended, in the middle of January (after the year's cases close).
    "contracts-credit-rating": {
        "task": "renshe.labour.contracts.tasks.credit_rating_run",
        "schedule": crontab(minute=0, hour=2, day_of_month=15, month_of_year=1),
    },
}
