"""Periodic jobs of the mediation app, merged into CELERY_BEAT_SCHEDULE by settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "mediation-flag-overdue": {
        "task": "renshe.labour.mediation.tasks.cases_flag_overdue",
        "schedule": crontab(minute=15, hour=8),
    },
}
