"""Periodic jobs of the wages app, merged into CELERY_BEAT_SCHEDULE by settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Early in the morning, so the inspectors' board shows the pay days that passed yesterday.
    "wages-evaluate-warnings": {
        "task": "renshe.labour.wages.tasks.wage_warnings_evaluate",
        "schedule": crontab(hour=6, minute=30),
    },
}
